import Testing

import LinearAlgebra

@Suite("Singular value decomposition")
struct SingularValueDecompositionTests {
  /// Checks the defining properties of a thin SVD of `a`.
  static func checkSVD(_ svd: SingularValueDecomposition, of a: Matrix, sourceLocation: SourceLocation = #_sourceLocation) {
    let m = a.rows
    let n = a.columns
    let p = min(m, n)
    let eps = LinAlgTest.eps
    let size = Double(max(m, n, 1))
    #expect(svd.u.rows == m && svd.u.columns == p, sourceLocation: sourceLocation)
    #expect(svd.v.rows == n && svd.v.columns == p, sourceLocation: sourceLocation)
    #expect(svd.singularValues.count == p, sourceLocation: sourceLocation)
    #expect(LinAlgTest.orthogonalityError(svd.u) <= 8 * size * eps, sourceLocation: sourceLocation)
    #expect(LinAlgTest.orthogonalityError(svd.v) <= 8 * size * eps, sourceLocation: sourceLocation)
    let s = svd.singularValues
    for k in 0..<p {
      #expect(s[k] >= 0, sourceLocation: sourceLocation)
      if k > 0 { #expect(s[k] <= s[k - 1], "not descending at \(k)", sourceLocation: sourceLocation) }
    }
    let recon = LinAlgTest.reconstruct(u: svd.u, s: s, v: svd.v)
    let err = LinAlgTest.frobenius(recon - a)
    #expect(err <= 4 * size * eps * LinAlgTest.frobenius(a), "‖UΣVᵀ − A‖_F = \(err)", sourceLocation: sourceLocation)
    // Sign convention: the largest-magnitude entry of each U column is positive (first on ties).
    for k in 0..<p {
      var best = 0.0
      var value = 0.0
      for i in 0..<m where abs(svd.u[i, k]) > best {
        best = abs(svd.u[i, k])
        value = svd.u[i, k]
      }
      #expect(value > 0, "column \(k) of U has a negative dominant entry", sourceLocation: sourceLocation)
    }
  }

  @Test("UᵀU = VᵀV = I, UΣVᵀ = A, descending σ", arguments: LinAlgTest.shapes, LinAlgMatrixKind.allCases)
  func definingProperties(shape: LinAlgShape, kind: LinAlgMatrixKind) throws {
    let a = kind.make(shape)
    let svd = try SingularValueDecomposition(a)
    Self.checkSVD(svd, of: a)
    let valuesOnly = try a.singularValues()
    #expect(valuesOnly.count == svd.singularValues.count)
    for (x, y) in zip(valuesOnly, svd.singularValues) {
      #expect(abs(x - y) <= 4 * Double(max(shape.m, shape.n)) * LinAlgTest.eps * (svd.singularValues.first ?? 0))
    }
    let p = min(shape.m, shape.n)
    switch kind {
    case .zero:
      #expect(svd.singularValues == [Double](repeating: 0, count: p))
      #expect(svd.rank() == 0)
    case .rankDeficient:
      #expect(svd.rank() == (p + 1) / 2)
    case .gaussian:
      #expect(svd.rank() == p)
    case .zeroColumns:
      #expect(svd.rank() == min(shape.m, shape.n - (shape.n + 2) / 3))
    }
  }

  @Test("Known spectra: A = Q₁ diag(s) Q₂ᵀ recovers s (with repeated and zero values)",
        arguments: LinAlgTest.shapes)
  func knownSpectrum(shape: LinAlgShape) throws {
    var rng = LinAlgTestRNG(seed: shape.seed &+ 1_234)
    let p = min(shape.m, shape.n)
    // Graded values 2^{-k}, with a repeated pair and trailing exact zeros.
    var s = (0..<p).map { Double(sign: .plus, exponent: -$0, significand: 3) }
    if p >= 3 { s[2] = s[1] }
    if p >= 5 { s[p - 1] = 0; s[p - 2] = 0 }
    let a = LinAlgTest.withSingularValues(s, m: shape.m, n: shape.n, rng: &rng)
    let svd = try SingularValueDecomposition(a)
    Self.checkSVD(svd, of: a)
    let tol = 16 * Double(max(shape.m, shape.n)) * LinAlgTest.eps * s[0]
    for k in 0..<p { #expect(abs(svd.singularValues[k] - s[k]) <= tol, "σ\(k) = \(svd.singularValues[k]) vs \(s[k])") }
    #expect(svd.rank() == s.filter { $0 > 0 }.count)
    // Truncation: the first r triplets give the best rank-r approximation, whose error is σ_{r+1}.
    let r = p / 2
    let t = svd.truncated(toRank: r)
    #expect(t.u.columns == r && t.v.columns == r && t.singularValues.count == r)
    if r < p {
      let approx = LinAlgTest.reconstruct(u: t.u, s: t.singularValues, v: t.v)
      let err = try (a - approx).spectralNorm()
      #expect(abs(err - s[r]) <= tol)
    }
  }

  @Test("Rank with an explicit tolerance")
  func rankTolerance() throws {
    var rng = LinAlgTestRNG(seed: 77)
    let a = LinAlgTest.withSingularValues([4, 1, 1e-3, 1e-9], m: 6, n: 4, rng: &rng)
    let svd = try SingularValueDecomposition(a)
    #expect(svd.rank() == 4)
    #expect(svd.rank(tolerance: 1e-6) == 3)
    #expect(svd.rank(tolerance: 0.5) == 2)
    #expect(svd.rank(tolerance: 10) == 0)
  }

  struct Case: Decodable {
    let name: String
    let matrix: LinAlgFixtureMatrix
    let singularValues: [Double]
    let spectral, frobenius, nuclear: Double
    let rank: Int
  }
  struct File: Decodable { let cases: [Case] }

  @Test("Singular values agree with NumPy (incl. Hilbert and graded κ ≈ 1e12)")
  func numpyFixtures() throws {
    let file = try LinAlgFixtures.load("svd", as: File.self)
    #expect(file.cases.count >= 15)
    for c in file.cases {
      let a = c.matrix.matrix
      let svd = try SingularValueDecomposition(a)
      Self.checkSVD(svd, of: a)
      let s1 = c.singularValues.first ?? 0
      let size = Double(max(a.rows, a.columns))
      #expect(svd.singularValues.count == c.singularValues.count, "\(c.name)")
      for (k, (got, want)) in zip(svd.singularValues, c.singularValues).enumerated() {
        // Absolute accuracy ~ ulp·σ₁ for every value (both codes are backward stable) …
        #expect(abs(got - want) <= 8 * size * LinAlgTest.eps * s1, "\(c.name): σ\(k) = \(got) vs \(want)")
        // … hence relative accuracy for the large ones.
        if want >= s1 / 16 {
          #expect(abs(got - want) <= 128 * size * LinAlgTest.eps * want, "\(c.name): σ\(k) relative")
        }
      }
      #expect(svd.rank() == c.rank, "\(c.name): rank \(svd.rank()) vs \(c.rank)")
    }
  }

  @Test("NaN and ∞ throw nonFinite")
  func nonFinite() {
    for bad in [Double.nan, .infinity, -.infinity] {
      var a = Matrix(rows: 3, columns: 2, repeating: 1)
      a[1, 1] = bad
      #expect(throws: LinearAlgebraError.nonFinite(name: "matrix")) { try SingularValueDecomposition(a) }
      #expect(throws: LinearAlgebraError.nonFinite(name: "matrix")) { try a.singularValues() }
      #expect(throws: LinearAlgebraError.nonFinite(name: "matrix")) { try a.spectralNorm() }
    }
  }

  @Test("Empty and 1×1 matrices")
  func tiny() throws {
    let e = try SingularValueDecomposition(Matrix(rows: 4, columns: 0))
    #expect(e.singularValues.isEmpty && e.u.rows == 4 && e.u.columns == 0 && e.v.rows == 0)
    let one = try SingularValueDecomposition(Matrix(rows: 1, columns: 1, elements: [-2.5]))
    #expect(one.singularValues == [2.5] && one.u[0, 0] == 1 && one.v[0, 0] == -1)
  }
}
