import Testing

import LinearAlgebra

@Suite("Matrix norms")
struct NormsTests {
  struct Case: Decodable {
    let name: String
    let matrix: LinAlgFixtureMatrix
    let spectral, frobenius, nuclear: Double
  }
  struct File: Decodable { let cases: [Case] }

  @Test("Spectral, Frobenius and nuclear norms agree with numpy.linalg.norm(A, 2 / 'fro' / 'nuc')")
  func numpyFixtures() throws {
    let file = try LinAlgFixtures.load("svd", as: File.self)
    for c in file.cases {
      let a = c.matrix.matrix
      let size = Double(max(a.rows, a.columns))
      let eps = LinAlgTest.eps
      #expect(abs(try a.spectralNorm() - c.spectral) <= 8 * size * eps * c.spectral, "\(c.name) ‖A‖₂")
      #expect(abs(a.frobeniusNorm - c.frobenius) <= 4 * size * eps * c.frobenius, "\(c.name) ‖A‖_F")
      #expect(abs(try a.nuclearNorm() - c.nuclear) <= 8 * size * size * eps * c.spectral, "\(c.name) ‖A‖_*")
      // Norm inequalities: ‖A‖₂ ≤ ‖A‖_F ≤ ‖A‖_* and maxAbs ≤ ‖A‖₂.
      let slack = 1 + 64 * eps
      #expect(try a.spectralNorm() <= a.frobeniusNorm * slack)
      #expect(a.frobeniusNorm <= (try a.nuclearNorm()) * slack)
      #expect(a.maxAbs <= (try a.spectralNorm()) * slack)
    }
  }

  @Test("Frobenius norm does not overflow or underflow")
  func frobeniusScaling() {
    var rng = LinAlgTestRNG(seed: 3)
    let a = rng.gaussianMatrix(9, 7)
    let base = LinAlgTest.frobenius(a)
    for s in [1e300, 1e200, 1e-200, 0x1p-1030] {
      let scaled = s * a
      let got = scaled.frobeniusNorm
      #expect(got.isFinite && got > 0)
      let tol = s < 1e-300 ? 1e-6 : 1e-14  // subnormal entries carry fewer digits
      #expect(abs(got / s - base) <= tol * base, "scale \(s): \(got)")
    }
    #expect(Matrix(rows: 3, columns: 3).frobeniusNorm == 0)
    #expect(Matrix(rows: 0, columns: 3).frobeniusNorm == 0)
    #expect(Matrix(rows: 1, columns: 2, elements: [3, -4]).frobeniusNorm == 5)
    #expect(Matrix(rows: 1, columns: 2, elements: [.nan, 1]).frobeniusNorm.isNaN)
    #expect(Matrix(rows: 1, columns: 2, elements: [.infinity, 1]).frobeniusNorm == .infinity)
  }

  @Test("Spectral norm of tall-thin and short-wide matrices with known spectrum", arguments: [
    LinAlgShape(300, 3), LinAlgShape(3, 300), LinAlgShape(120, 40),
  ])
  func spectralKnown(shape: LinAlgShape) throws {
    var rng = LinAlgTestRNG(seed: shape.seed)
    let p = min(shape.m, shape.n)
    // σ₁ = 1 + 1e-9 separated from σ₂ = 1 by a gap the Gram matrix AᵀA would resolve only to ~1e-8.
    let s = [1 + 1e-9, 1] + (2..<p).map { 1 / Double($0 + 1) }
    let a = LinAlgTest.withSingularValues(s, m: shape.m, n: shape.n, rng: &rng)
    let tol = 8 * Double(max(shape.m, shape.n)) * LinAlgTest.eps
    #expect(abs(try a.spectralNorm() - s[0]) <= tol)
    #expect(abs(try a.nuclearNorm() - s.reduce(0, +)) <= Double(p) * tol)
    #expect(abs(try a.singularValues()[1] - 1) <= tol)
  }

  @Test("maxAbs")
  func maxAbs() {
    #expect(Matrix(rows: 2, columns: 2, elements: [1, -7, 3, 2]).maxAbs == 7)
    #expect(Matrix(rows: 0, columns: 0).maxAbs == 0)
    #expect(Matrix(rows: 1, columns: 3, elements: [1, .nan, 2]).maxAbs.isNaN)
    #expect(Matrix(rows: 1, columns: 2, elements: [-.infinity, 2]).maxAbs == .infinity)
  }

  @Test("Norms of the zero matrix and of a scaled identity")
  func simple() throws {
    let z = Matrix(rows: 5, columns: 2)
    #expect(try z.spectralNorm() == 0 && z.nuclearNorm() == 0)
    let i = 3 * Matrix.identity(4)
    #expect(try i.spectralNorm() == 3)
    #expect(try i.nuclearNorm() == 12)
    #expect(i.frobeniusNorm == 6)
  }
}
