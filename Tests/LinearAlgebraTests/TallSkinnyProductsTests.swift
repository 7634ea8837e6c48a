import Foundation
import Testing

import LinearAlgebra

/// `(n, m1, m2, k)`: panels `A₁` (`n × m1`), `A₂` (`n × m2`), block width `k`.
/// Sizes straddle the 4 × 4 register tiles (remainders 1–3 in every direction) and
/// the 64-row cache chunks of the transposed product.
struct TallSkinnyShape: Sendable, CustomTestStringConvertible {
  let n: Int, m1: Int, m2: Int, k: Int
  var testDescription: String { "n=\(n) m1=\(m1) m2=\(m2) k=\(k)" }
}

@Suite("Tall-skinny products")
struct TallSkinnyProductsTests {
  static let shapes: [TallSkinnyShape] = [
    .init(n: 1, m1: 1, m2: 0, k: 1), .init(n: 10, m1: 2, m2: 4, k: 4), .init(n: 50, m1: 4, m2: 8, k: 8),
    .init(n: 67, m1: 5, m2: 20, k: 20), .init(n: 129, m1: 3, m2: 7, k: 7), .init(n: 200, m1: 5, m2: 6, k: 6),
    .init(n: 13, m1: 1, m2: 3, k: 3), .init(n: 65, m1: 6, m2: 5, k: 9), .init(n: 0, m1: 2, m2: 2, k: 2),
  ]

  /// `|got − want| ≤ 2(len + 2)ε·(|A||B|)` entry by entry (the dot-product error bound).
  static func expectClose(_ got: Matrix, _ want: Matrix, bound: Matrix, length: Int,
                          sourceLocation: SourceLocation = #_sourceLocation) {
    let gamma = 2 * Double(length + 2) * LinAlgTest.eps
    var worst = 0.0
    for i in got.elements.indices {
      let err = abs(got.elements[i] - want.elements[i])
      worst = max(worst, err / (gamma * bound.elements[i] + 1e-300))
    }
    #expect(worst <= 1, "error exceeds the rounding bound by a factor \(worst)", sourceLocation: sourceLocation)
  }

  static func hstack(_ a: Matrix, _ b: Matrix) -> Matrix {
    var out = Matrix(rows: a.rows, columns: a.columns + b.columns)
    for i in 0..<a.rows {
      for j in 0..<a.columns { out[i, j] = a[i, j] }
      for j in 0..<b.columns { out[i, a.columns + j] = b[i, j] }
    }
    return out
  }

  static func vstack(_ a: Matrix, _ b: Matrix) -> Matrix {
    Matrix(rows: a.rows + b.rows, columns: a.columns, elements: a.elements + b.elements)
  }

  @Test("[A₁ A₂]ᵀY and A₁C₁ + A₂C₂ match the naive triple loop", arguments: shapes)
  func matchesNaive(shape: TallSkinnyShape) {
    var rng = LinAlgTestRNG(seed: UInt64(shape.n * 1_000 + shape.m1 * 100 + shape.m2 * 10 + shape.k))
    let a1 = rng.gaussianMatrix(shape.n, shape.m1), a2 = rng.gaussianMatrix(shape.n, shape.m2)
    let y = rng.gaussianMatrix(shape.n, shape.k)
    let c1 = rng.gaussianMatrix(shape.m1, shape.k), c2 = rng.gaussianMatrix(shape.m2, shape.k)
    let w = Self.hstack(a1, a2)
    let wt = LinAlgTest.naiveTranspose(w)

    var s = Matrix(rows: shape.m1 + shape.m2, columns: shape.k, repeating: .nan)
    a1.elements.withUnsafeBufferPointer { a1b in
      a2.elements.withUnsafeBufferPointer { a2b in
        y.elements.withUnsafeBufferPointer { yb in
          s.elements.withUnsafeMutableBufferPointer { sb in
            guard let sp = sb.baseAddress, let a1p = a1b.baseAddress, let yp = yb.baseAddress else { return }
            TallSkinny.transposeProduct(rows: shape.n, a1: a1p, m1: shape.m1, a2: a2b.baseAddress, m2: shape.m2,
                                        y: yp, k: shape.k, into: sp)
          }
        }
      }
    }
    if shape.n == 0 {
      #expect(s.elements.allSatisfy { $0 == 0 })
    } else {
      Self.expectClose(s, LinAlgTest.naiveProduct(wt, y), bound: LinAlgTest.naiveProduct(LinAlgTest.abs(wt), LinAlgTest.abs(y)),
                       length: shape.n)
    }

    guard shape.n > 0 else { return }
    let c = Self.vstack(c1, c2)
    var d = Matrix(rows: shape.n, columns: shape.k, repeating: .nan)
    a1.elements.withUnsafeBufferPointer { a1b in
      a2.elements.withUnsafeBufferPointer { a2b in
        c1.elements.withUnsafeBufferPointer { c1b in
          c2.elements.withUnsafeBufferPointer { c2b in
            d.elements.withUnsafeMutableBufferPointer { db in
              TallSkinny.product(rows: shape.n, a1: a1b.baseAddress!, c1: c1b.baseAddress!, m1: shape.m1,
                                 a2: a2b.baseAddress, c2: c2b.baseAddress, m2: shape.m2, k: shape.k, into: db.baseAddress!)
            }
          }
        }
      }
    }
    Self.expectClose(d, LinAlgTest.naiveProduct(w, c), bound: LinAlgTest.naiveProduct(LinAlgTest.abs(w), LinAlgTest.abs(c)),
                     length: shape.m1 + shape.m2)
  }

  @Test("[A Y]ᵀY: the Gram block is exactly symmetric and matches the naive YᵀY", arguments: shapes.filter { $0.n > 0 })
  func gramBlock(shape: TallSkinnyShape) {
    var rng = LinAlgTestRNG(seed: UInt64(7 + shape.n * 31 + shape.k))
    let a1 = rng.gaussianMatrix(shape.n, shape.m1)
    let y = rng.gaussianMatrix(shape.n, shape.k)
    var s = Matrix(rows: shape.m1 + shape.k, columns: shape.k, repeating: .nan)
    a1.elements.withUnsafeBufferPointer { ab in
      y.elements.withUnsafeBufferPointer { yb in
        s.elements.withUnsafeMutableBufferPointer { sb in
          TallSkinny.transposeProduct(rows: shape.n, a1: ab.baseAddress!, m1: shape.m1, a2: yb.baseAddress!, m2: shape.k,
                                      y: yb.baseAddress!, k: shape.k, into: sb.baseAddress!)
        }
      }
    }
    let k = shape.k, m1 = shape.m1
    let gram = Matrix(rows: k, columns: k, elements: Array(s.elements[(m1 * k)...]))
    for i in 0..<k {
      for j in 0..<k { #expect(gram[i, j] == gram[j, i], "G[\(i), \(j)] ≠ G[\(j), \(i)]") }
    }
    let yt = LinAlgTest.naiveTranspose(y)
    Self.expectClose(gram, LinAlgTest.naiveProduct(yt, y), bound: LinAlgTest.naiveProduct(LinAlgTest.abs(yt), LinAlgTest.abs(y)),
                     length: shape.n)
    let top = Matrix(rows: m1, columns: k, elements: Array(s.elements[..<(m1 * k)]))
    let a1t = LinAlgTest.naiveTranspose(a1)
    Self.expectClose(top, LinAlgTest.naiveProduct(a1t, y), bound: LinAlgTest.naiveProduct(LinAlgTest.abs(a1t), LinAlgTest.abs(y)),
                     length: shape.n)
  }
}
