import Foundation
import Testing

import LinearAlgebra

/// `(m, k, n)`: `op(A)` is `m × k`, `op(B)` is `k × n`. Widths straddle the
/// SIMD width (8) and the cache blocks (64 rows / 512 columns of `B`).
struct LinAlgProductShape: Sendable, CustomTestStringConvertible {
  let m: Int
  let k: Int
  let n: Int
  var testDescription: String { "\(m)×\(k)·\(k)×\(n)" }
}

@Suite("Matrix products")
struct ProductsTests {
  static let shapes: [LinAlgProductShape] = [
    .init(m: 1, k: 1, n: 1), .init(m: 5, k: 3, n: 4), .init(m: 3, k: 5, n: 2), .init(m: 12, k: 9, n: 7),
    .init(m: 7, k: 13, n: 17), .init(m: 40, k: 40, n: 40), .init(m: 50, k: 8, n: 50), .init(m: 8, k: 50, n: 8),
    .init(m: 3, k: 70, n: 9), .init(m: 2, k: 130, n: 520), .init(m: 4, k: 0, n: 3), .init(m: 0, k: 3, n: 2),
  ]

  /// Componentwise forward-error bound of a length-`k` dot product:
  /// `|ĉ − c| ≤ γ_k (|A||B|)ᵢⱼ` with `γ_k ≈ k·ε`, doubled for safety, plus the
  /// rounding of the final α·s + β·c (bounded by `4ε` times its magnitude).
  static func expectClose(_ got: Matrix, _ want: Matrix, bound: Matrix, k: Int, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(got.rows == want.rows && got.columns == want.columns, sourceLocation: sourceLocation)
    guard got.rows == want.rows && got.columns == want.columns else { return }
    let gamma = 2 * Double(k + 2) * LinAlgTest.eps
    var worst = 0.0
    for idx in got.elements.indices {
      let err = abs(got.elements[idx] - want.elements[idx])
      let allowed = gamma * bound.elements[idx] + 4 * LinAlgTest.eps * abs(want.elements[idx]) + 1e-300
      worst = max(worst, err / allowed)
    }
    #expect(worst <= 1, "error exceeds the rounding-error bound by a factor \(worst)", sourceLocation: sourceLocation)
  }

  @Test("AB, AᵀB, ABᵀ match the naive triple loop", arguments: shapes)
  func operatorsMatchNaive(shape: LinAlgProductShape) {
    var rng = LinAlgTestRNG(seed: UInt64(shape.m * 10_000 + shape.k * 100 + shape.n))
    let a = rng.gaussianMatrix(shape.m, shape.k)
    let b = rng.gaussianMatrix(shape.k, shape.n)
    let want = LinAlgTest.naiveProduct(a, b)
    let bound = LinAlgTest.naiveProduct(LinAlgTest.abs(a), LinAlgTest.abs(b))

    Self.expectClose(a * b, want, bound: bound, k: shape.k)
    let at = LinAlgTest.naiveTranspose(a)
    Self.expectClose(at.transposedTimes(b), want, bound: bound, k: shape.k)
    let bt = LinAlgTest.naiveTranspose(b)
    Self.expectClose(a.timesTransposed(bt), want, bound: bound, k: shape.k)
  }

  @Test("In-place multiply: all four transpose modes with α and β", arguments: shapes)
  func inPlaceAllModes(shape: LinAlgProductShape) {
    var rng = LinAlgTestRNG(seed: UInt64(shape.m * 7_919 + shape.k * 31 + shape.n))
    let a = rng.gaussianMatrix(shape.m, shape.k)
    let b = rng.gaussianMatrix(shape.k, shape.n)
    let c0 = rng.gaussianMatrix(shape.m, shape.n)
    let at = LinAlgTest.naiveTranspose(a)
    let bt = LinAlgTest.naiveTranspose(b)
    let product = LinAlgTest.naiveProduct(a, b)
    let absProduct = LinAlgTest.naiveProduct(LinAlgTest.abs(a), LinAlgTest.abs(b))

    for (alpha, beta) in [(1.0, 0.0), (-2.5, 0.0), (0.75, 1.0), (1.5, -0.5), (0.0, 2.0)] {
      var want = c0
      var bound = c0
      for idx in want.elements.indices {
        want.elements[idx] = alpha * product.elements[idx] + beta * c0.elements[idx]
        bound.elements[idx] = abs(alpha) * absProduct.elements[idx] + abs(beta * c0.elements[idx])
      }
      for (tA, tB) in [(false, false), (true, false), (false, true), (true, true)] {
        var c = c0
        Matrix.multiply(tA ? at : a, transposingA: tA, tB ? bt : b, transposingB: tB, alpha: alpha, beta: beta, into: &c)
        Self.expectClose(c, want, bound: bound, k: shape.k)
      }
    }
  }

  @Test("β = 0 ignores NaN and ∞ already in C; α = 0 skips the product")
  func betaZeroIgnoresGarbage() {
    var rng = LinAlgTestRNG(seed: 7)
    let a = rng.gaussianMatrix(6, 5)
    let b = rng.gaussianMatrix(5, 9)
    let want = LinAlgTest.naiveProduct(a, b)
    for (tA, tB) in [(false, false), (true, false), (false, true), (true, true)] {
      var c = Matrix(rows: 6, columns: 9, repeating: .nan)
      c[0, 0] = .infinity
      Matrix.multiply(
        tA ? LinAlgTest.naiveTranspose(a) : a, transposingA: tA, tB ? LinAlgTest.naiveTranspose(b) : b,
        transposingB: tB, into: &c)
      #expect(c.isFinite)
      #expect(LinAlgTest.maxDifference(c, want) <= 1e-13)
    }
    var c = Matrix(rows: 6, columns: 9, repeating: .nan)
    Matrix.multiply(a, b, alpha: 0, beta: 0, into: &c)
    #expect(c == Matrix(rows: 6, columns: 9))
  }

  @Test("In-place multiply reuses C's storage (no reallocation)")
  func inPlaceKeepsStorage() {
    var rng = LinAlgTestRNG(seed: 11)
    let a = rng.gaussianMatrix(20, 30)
    let b = rng.gaussianMatrix(30, 25)
    let at = LinAlgTest.naiveTranspose(a)
    let bt = LinAlgTest.naiveTranspose(b)
    var c = Matrix(rows: 20, columns: 25)
    let before = c.elements.withUnsafeBufferPointer { $0.baseAddress }
    for _ in 0..<3 {
      Matrix.multiply(a, b, beta: 1, into: &c)
      Matrix.multiply(at, transposingA: true, b, alpha: 2, beta: 0.5, into: &c)
      Matrix.multiply(a, bt, transposingB: true, alpha: -1, beta: 1, into: &c)
    }
    let after = c.elements.withUnsafeBufferPointer { $0.baseAddress }
    #expect(before == after)
  }

  @Test("Matrix–vector products Ax and Aᵀx", arguments: LinAlgTest.shapes)
  func matrixVector(shape: LinAlgShape) {
    var rng = LinAlgTestRNG(seed: shape.seed &+ 99)
    let a = rng.gaussianMatrix(shape.m, shape.n)
    let x = (0..<shape.n).map { _ in rng.gaussian() }
    let y = (0..<shape.m).map { _ in rng.gaussian() }
    let ax = a.times(x)
    let aty = a.transposedTimes(y)
    #expect(ax.count == shape.m && aty.count == shape.n)
    for i in 0..<shape.m {
      var s = 0.0
      var bound = 0.0
      for j in 0..<shape.n {
        s += a[i, j] * x[j]
        bound += abs(a[i, j] * x[j])
      }
      #expect(abs(ax[i] - s) <= 2 * Double(shape.n) * LinAlgTest.eps * bound)
    }
    for j in 0..<shape.n {
      var s = 0.0
      var bound = 0.0
      for i in 0..<shape.m {
        s += a[i, j] * y[i]
        bound += abs(a[i, j] * y[i])
      }
      #expect(abs(aty[j] - s) <= 2 * Double(shape.m) * LinAlgTest.eps * bound)
    }
  }

  @Test("Gram matrix AᵀA is exactly symmetric and matches AᵀA", arguments: LinAlgTest.shapes)
  func gram(shape: LinAlgShape) {
    var rng = LinAlgTestRNG(seed: shape.seed &+ 5)
    let a = rng.gaussianMatrix(shape.m, shape.n)
    let g = a.gram
    #expect(g == LinAlgTest.naiveTranspose(g))
    let at = LinAlgTest.naiveTranspose(a)
    Self.expectClose(
      g, LinAlgTest.naiveProduct(at, a), bound: LinAlgTest.naiveProduct(LinAlgTest.abs(at), LinAlgTest.abs(a)),
      k: shape.m)
  }

  struct Case: Decodable {
    let name: String
    let a, b, e: LinAlgFixtureMatrix
    let x, y: [Double]
    let ab, ate, ebt, gram: LinAlgFixtureMatrix
    let ax, aty: [Double]
  }
  struct File: Decodable { let cases: [Case] }

  @Test("Products agree with NumPy fixtures")
  func numpyFixtures() throws {
    let file = try LinAlgFixtures.load("products", as: File.self)
    #expect(file.cases.count == 5)
    for c in file.cases {
      let a = c.a.matrix
      let b = c.b.matrix
      let e = c.e.matrix
      let tol = 64 * LinAlgTest.eps
      #expect(LinAlgTest.maxDifference(a * b, c.ab.matrix) <= tol * max(1, c.ab.matrix.maxAbs), "\(c.name)")
      #expect(LinAlgTest.maxDifference(a.transposedTimes(e), c.ate.matrix) <= tol * max(1, c.ate.matrix.maxAbs), "\(c.name)")
      #expect(LinAlgTest.maxDifference(e.timesTransposed(b), c.ebt.matrix) <= tol * max(1, c.ebt.matrix.maxAbs), "\(c.name)")
      #expect(LinAlgTest.maxDifference(a.gram, c.gram.matrix) <= tol * max(1, c.gram.matrix.maxAbs), "\(c.name)")
      for (got, want) in zip(a.times(c.x), c.ax) { #expect(abs(got - want) <= tol * max(1, abs(want)), "\(c.name)") }
      for (got, want) in zip(a.transposedTimes(c.y), c.aty) { #expect(abs(got - want) <= tol * max(1, abs(want)), "\(c.name)") }
    }
  }

  @Test("Fixture doubles decode exactly (repr round-trip)")
  func fixtureRoundTrip() throws {
    struct RoundTrip: Decodable {
      let values: [Double]
      let hex: [String]
    }
    let rt = try LinAlgFixtures.load("roundtrip", as: RoundTrip.self)
    #expect(rt.values.count == rt.hex.count && !rt.values.isEmpty)
    for (v, h) in zip(rt.values, rt.hex) {
      let exact = try #require(Double(h), "cannot parse \(h)")
      #expect(v.bitPattern == exact.bitPattern, "\(v) decoded, \(h) expected")
    }
  }

  @Test("Shape mismatch is a precondition failure naming both shapes")
  func shapeMismatchTraps() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let a = Matrix(rows: 2, columns: 3)
      let b = Matrix(rows: 4, columns: 5)
      _ = a * b
    }
    if let result {
      let message = String(decoding: result.standardErrorContent, as: UTF8.self)
      #expect(message.contains("2×3") && message.contains("4×5"), "precondition message: \(message)")
    }
  }
}
