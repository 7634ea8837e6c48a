import Testing

import LinearAlgebra

@Suite("Symmetric eigendecomposition")
struct SymmetricEigendecompositionTests {
  static let sizes = [1, 2, 5, 12, 40]

  /// Checks `S V = V Λ`, `VᵀV = I` and ascending order for `S = ½(A + Aᵀ)`.
  static func check(_ eig: SymmetricEigendecomposition, of a: Matrix, sourceLocation: SourceLocation = #_sourceLocation) {
    let n = a.rows
    let eps = LinAlgTest.eps
    let s = 0.5 * (a + LinAlgTest.naiveTranspose(a))
    #expect(eig.eigenvalues.count == n && eig.eigenvectors.rows == n && eig.eigenvectors.columns == n,
            sourceLocation: sourceLocation)
    #expect(LinAlgTest.orthogonalityError(eig.eigenvectors) <= 8 * Double(max(n, 1)) * eps, sourceLocation: sourceLocation)
    for k in 1..<max(n, 1) where n > 1 {
      #expect(eig.eigenvalues[k - 1] <= eig.eigenvalues[k], "not ascending at \(k)", sourceLocation: sourceLocation)
    }
    let sv = LinAlgTest.naiveProduct(s, eig.eigenvectors)
    var vl = eig.eigenvectors
    for i in 0..<n {
      for k in 0..<n { vl[i, k] *= eig.eigenvalues[k] }
    }
    let norm = LinAlgTest.frobenius(s)
    #expect(LinAlgTest.maxDifference(sv, vl) <= 8 * Double(max(n, 1)) * eps * norm, sourceLocation: sourceLocation)
  }

  @Test("Av = λv, orthonormal, ascending, known spectrum", arguments: sizes)
  func knownSpectrum(n: Int) throws {
    var rng = LinAlgTestRNG(seed: UInt64(n) &* 977)
    // Known eigenvalues: graded, signed, with a repeated value and a zero.
    var lambda = (0..<n).map { k in Double(k % 2 == 0 ? 1 : -1) * Double(sign: .plus, exponent: -k, significand: 5) }
    if n >= 4 { lambda[3] = lambda[1]; lambda[n - 1] = 0 }
    let q = rng.orthogonal(n)
    var ql = q
    for i in 0..<n {
      for k in 0..<n { ql[i, k] *= lambda[k] }
    }
    let a = LinAlgTest.naiveProduct(ql, LinAlgTest.naiveTranspose(q))
    let eig = try SymmetricEigendecomposition(a)
    Self.check(eig, of: a)
    let sorted = lambda.sorted()
    let tol = 16 * Double(n) * LinAlgTest.eps * 5
    for k in 0..<n { #expect(abs(eig.eigenvalues[k] - sorted[k]) <= tol, "λ\(k) = \(eig.eigenvalues[k]) vs \(sorted[k])") }
    #expect(try a.symmetricEigenvalues() == eig.eigenvalues)
    #expect(try a.minimumSymmetricEigenvalue() == eig.eigenvalues[0])
  }

  @Test("Only the symmetric part ½(A + Aᵀ) matters", arguments: sizes)
  func symmetricPart(n: Int) throws {
    var rng = LinAlgTestRNG(seed: UInt64(n) &+ 4_242)
    let a = rng.gaussianMatrix(n, n)
    let eig = try SymmetricEigendecomposition(a)
    Self.check(eig, of: a)
    // Adding a skew-symmetric matrix changes nothing.
    let k = rng.gaussianMatrix(n, n)
    let skew = k - LinAlgTest.naiveTranspose(k)
    let eig2 = try SymmetricEigendecomposition(a + skew)
    for (x, y) in zip(eig.eigenvalues, eig2.eigenvalues) { #expect(abs(x - y) <= 1e-12 * Double(n)) }
    // Trace is preserved.
    let sum = eig.eigenvalues.reduce(0, +)
    #expect(abs(sum - a.trace) <= 1e-12 * Double(n) * LinAlgTest.frobenius(a))
  }

  @Test("Zero and diagonal matrices")
  func trivialCases() throws {
    let z = try SymmetricEigendecomposition(Matrix(rows: 4, columns: 4))
    #expect(z.eigenvalues == [0, 0, 0, 0] && z.eigenvectors == Matrix.identity(4))
    let d = try SymmetricEigendecomposition(Matrix.diagonal([3, -1, 2]))
    #expect(d.eigenvalues == [-1, 2, 3])
    #expect(d.eigenvectors == Matrix(rows: 3, columns: 3, elements: [0, 0, 1, 1, 0, 0, 0, 1, 0]))
    #expect(try Matrix(rows: 0, columns: 0).symmetricEigenvalues().isEmpty)
  }

  struct Case: Decodable {
    let name: String
    let matrix: LinAlgFixtureMatrix
    let eigenvalues: [Double]
  }
  struct File: Decodable { let cases: [Case] }

  @Test("Eigenvalues agree with NumPy eigvalsh")
  func numpyFixtures() throws {
    let file = try LinAlgFixtures.load("eigen", as: File.self)
    #expect(file.cases.count >= 8)
    for c in file.cases {
      let a = c.matrix.matrix
      let eig = try SymmetricEigendecomposition(a)
      Self.check(eig, of: a)
      let scale = c.eigenvalues.map(abs).max() ?? 0
      for (k, (got, want)) in zip(eig.eigenvalues, c.eigenvalues).enumerated() {
        #expect(abs(got - want) <= 8 * Double(a.rows) * LinAlgTest.eps * scale, "\(c.name): λ\(k) = \(got) vs \(want)")
      }
      #expect(try a.minimumSymmetricEigenvalue() == eig.eigenvalues.first)
    }
  }

  @Test("NaN and ∞ throw nonFinite")
  func nonFinite() {
    for bad in [Double.nan, .infinity] {
      var a = Matrix.identity(3)
      a[0, 2] = bad
      #expect(throws: LinearAlgebraError.nonFinite(name: "matrix")) { try SymmetricEigendecomposition(a) }
      #expect(throws: LinearAlgebraError.nonFinite(name: "matrix")) { try a.minimumSymmetricEigenvalue() }
    }
  }
}
