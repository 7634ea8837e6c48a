import Foundation
import Testing

import LinearAlgebra

// Shared helpers of the LinearAlgebra tests. Everything is namespaced
// (`LinAlgTest…`) so it cannot clash with helpers of other test files in the
// `FlowTests` target.

/// A tiny seeded generator for the tests only: SplitMix64 for uniform bits,
/// Box–Muller for standard normals. (The package's own RNG lives elsewhere.)
struct LinAlgTestRNG {
  private var state: UInt64
  private var spare: Double?

  init(seed: UInt64) { state = seed }

  /// Next 64 random bits (SplitMix64).
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Uniform in (0, 1) (53 random bits, never exactly 0).
  mutating func uniform() -> Double {
    (Double(next() >> 11) + 0.5) * 0x1p-53
  }

  /// Standard normal by Box–Muller.
  mutating func gaussian() -> Double {
    if let s = spare {
      spare = nil
      return s
    }
    let r = (-2 * log(uniform())).squareRoot()
    let theta = 2 * Double.pi * uniform()
    spare = r * sin(theta)
    return r * cos(theta)
  }

  /// An `m × n` matrix of i.i.d. standard normals.
  mutating func gaussianMatrix(_ m: Int, _ n: Int) -> Matrix {
    Matrix(rows: m, columns: n, elements: (0..<(m * n)).map { _ in gaussian() })
  }

  /// A random `n × n` orthogonal matrix built independently of the code under
  /// test: the product of `n` Householder reflectors `I − 2uuᵀ` with random unit `u`.
  mutating func orthogonal(_ n: Int) -> Matrix {
    var q = Matrix.identity(n)
    for _ in 0..<n {
      var u = (0..<n).map { _ in gaussian() }
      let norm = u.reduce(0) { $0 + $1 * $1 }.squareRoot()
      u = u.map { $0 / norm }
      // q ← q (I − 2uuᵀ)
      for i in 0..<n {
        var d = 0.0
        for j in 0..<n { d += q[i, j] * u[j] }
        for j in 0..<n { q[i, j] -= 2 * d * u[j] }
      }
    }
    return q
  }
}

/// A matrix shape used as a test argument.
struct LinAlgShape: Sendable, CustomTestStringConvertible {
  let m: Int
  let n: Int
  init(_ m: Int, _ n: Int) {
    self.m = m
    self.n = n
  }
  var testDescription: String { "\(m)×\(n)" }
  var seed: UInt64 { UInt64(m * 1_000 + n) }
}

/// Kinds of test matrices.
enum LinAlgMatrixKind: String, Sendable, CaseIterable, CustomTestStringConvertible {
  case gaussian
  case rankDeficient
  case zeroColumns
  case zero

  var testDescription: String { rawValue }

  /// An `m × n` matrix of this kind (rank-deficient: rank ⌈min(m,n)/2⌉ as a product
  /// of Gaussians; zero columns: every third column zeroed).
  func make(_ shape: LinAlgShape) -> Matrix {
    var rng = LinAlgTestRNG(seed: shape.seed &* 31 &+ UInt64(rawValue.count))
    let m = shape.m
    let n = shape.n
    switch self {
    case .gaussian:
      return rng.gaussianMatrix(m, n)
    case .rankDeficient:
      let r = (Swift.min(m, n) + 1) / 2
      return LinAlgTest.naiveProduct(rng.gaussianMatrix(m, r), rng.gaussianMatrix(r, n))
    case .zeroColumns:
      var a = rng.gaussianMatrix(m, n)
      for i in 0..<m {
        for j in stride(from: 0, to: n, by: 3) { a[i, j] = 0 }
      }
      return a
    case .zero:
      return Matrix(rows: m, columns: n)
    }
  }
}

enum LinAlgTest {
  static let eps = Double.ulpOfOne

  /// The shapes every decomposition is tested on.
  static let shapes: [LinAlgShape] = [
    .init(1, 1), .init(5, 3), .init(3, 5), .init(12, 9), .init(40, 40), .init(50, 8), .init(8, 50),
  ]

  /// `AB` by the textbook triple loop.
  static func naiveProduct(_ a: Matrix, _ b: Matrix) -> Matrix {
    precondition(a.columns == b.rows)
    var c = Matrix(rows: a.rows, columns: b.columns)
    for i in 0..<a.rows {
      for j in 0..<b.columns {
        var s = 0.0
        for p in 0..<a.columns { s += a[i, p] * b[p, j] }
        c[i, j] = s
      }
    }
    return c
  }

  /// Naive transpose.
  static func naiveTranspose(_ a: Matrix) -> Matrix {
    var t = Matrix(rows: a.columns, columns: a.rows)
    for i in 0..<a.rows {
      for j in 0..<a.columns { t[j, i] = a[i, j] }
    }
    return t
  }

  /// Entrywise absolute value.
  static func abs(_ a: Matrix) -> Matrix {
    Matrix(rows: a.rows, columns: a.columns, elements: a.elements.map { Swift.abs($0) })
  }

  /// `max |aᵢⱼ − bᵢⱼ|`.
  static func maxDifference(_ a: Matrix, _ b: Matrix) -> Double {
    precondition(a.rows == b.rows && a.columns == b.columns)
    return zip(a.elements, b.elements).reduce(0) { Swift.max($0, Swift.abs($1.0 - $1.1)) }
  }

  /// `‖A‖_F` by a plain sum (fine for the moderate test data).
  static func frobenius(_ a: Matrix) -> Double {
    a.elements.reduce(0) { $0 + $1 * $1 }.squareRoot()
  }

  /// `max |(QᵀQ − I)ᵢⱼ|` computed naively.
  static func orthogonalityError(_ q: Matrix) -> Double {
    let g = naiveProduct(naiveTranspose(q), q)
    return maxDifference(g, Matrix.identity(q.columns))
  }

  /// `U diag(s) Vᵀ` computed naively.
  static func reconstruct(u: Matrix, s: [Double], v: Matrix) -> Matrix {
    var us = u
    for i in 0..<u.rows {
      for k in 0..<u.columns { us[i, k] *= s[k] }
    }
    return naiveProduct(us, naiveTranspose(v))
  }

  /// `Q₁[:, 0..<p] diag(s) Q₂[:, 0..<p]ᵀ` with random orthogonal `Q₁` (`m × m`), `Q₂` (`n × n`):
  /// an `m × n` matrix with singular values exactly `s` (up to rounding in the products).
  static func withSingularValues(_ s: [Double], m: Int, n: Int, rng: inout LinAlgTestRNG) -> Matrix {
    let p = s.count
    let q1 = rng.orthogonal(m).columns(0..<p)
    let q2 = rng.orthogonal(n).columns(0..<p)
    return reconstruct(u: q1, s: s, v: q2)
  }
}

// MARK: - Fixtures

/// A matrix in the fixture JSON layout.
struct LinAlgFixtureMatrix: Decodable {
  let rows: Int
  let columns: Int
  let data: [Double]
  var matrix: Matrix { Matrix(rows: rows, columns: columns, elements: data) }
}

enum LinAlgFixtures {
  /// Decodes `Fixtures/linalg/<name>.json` from the test bundle.
  static func load<T: Decodable>(_ name: String, as type: T.Type) throws -> T {
    let url = try #require(
      Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures/linalg"),
      "missing fixture Fixtures/linalg/\(name).json")
    return try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
  }
}
