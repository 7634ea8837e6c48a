import Testing

import LinearAlgebra

@Suite("Householder QR")
struct QRDecompositionTests {
  @Test("QᵀQ = I, QR = A, R upper triangular with diag(R) ≥ 0",
        arguments: LinAlgTest.shapes, LinAlgMatrixKind.allCases)
  func factorization(shape: LinAlgShape, kind: LinAlgMatrixKind) {
    let a = kind.make(shape)
    let qr = QRDecomposition(a)
    let p = min(shape.m, shape.n)
    #expect(qr.q.rows == shape.m && qr.q.columns == p)
    #expect(qr.r.rows == p && qr.r.columns == shape.n)
    let scale = Double(max(shape.m, shape.n))
    #expect(LinAlgTest.orthogonalityError(qr.q) <= 8 * scale * LinAlgTest.eps)
    let residual = LinAlgTest.maxDifference(LinAlgTest.naiveProduct(qr.q, qr.r), a)
    #expect(residual <= 8 * scale * LinAlgTest.eps * max(LinAlgTest.frobenius(a), Double.leastNormalMagnitude))
    for i in 0..<p {
      #expect(qr.r[i, i] >= 0, "R[\(i), \(i)] = \(qr.r[i, i])")
      for j in 0..<min(i, shape.n) { #expect(qr.r[i, j] == 0, "R[\(i), \(j)] below the diagonal") }
    }
    if kind == .zero { #expect(qr.r == Matrix(rows: p, columns: shape.n)) }
  }

  @Test("Full column rank: Q spans the columns of A with positive orientation, so R's diagonal is |R| of the unique QR")
  func uniqueness() {
    // A = Q₀ R₀ with known orthonormal Q₀ and upper-triangular R₀ (positive diagonal): QR must return them.
    var rng = LinAlgTestRNG(seed: 2024)
    let q0 = rng.orthogonal(9).columns(0..<5)
    var r0 = Matrix(rows: 5, columns: 5)
    for i in 0..<5 {
      r0[i, i] = 1 + Double(i)
      for j in (i + 1)..<5 { r0[i, j] = rng.gaussian() }
    }
    let qr = QRDecomposition(LinAlgTest.naiveProduct(q0, r0))
    #expect(LinAlgTest.maxDifference(qr.q, q0) <= 1e-13)
    #expect(LinAlgTest.maxDifference(qr.r, r0) <= 1e-13)
  }

  @Test("Huge and tiny entries do not overflow or underflow")
  func scaling() {
    var rng = LinAlgTestRNG(seed: 5)
    let base = rng.gaussianMatrix(7, 4)
    for s in [1e300, 1e-300] {
      let a = s * base
      let qr = QRDecomposition(a)
      #expect(qr.q.isFinite && qr.r.isFinite)
      #expect(LinAlgTest.orthogonalityError(qr.q) <= 1e-14)
      let ref = QRDecomposition(base)
      // Scaling A by s scales R by s and leaves Q unchanged.
      #expect(LinAlgTest.maxDifference(qr.q, ref.q) <= 1e-13)
      #expect(LinAlgTest.maxDifference((1 / s) * qr.r, ref.r) <= 1e-13 * ref.r.maxAbs)
    }
  }

  @Test("orthonormalColumns() returns the thin Q: orthonormal and spanning the column space",
        arguments: LinAlgTest.shapes)
  func orthonormalColumns(shape: LinAlgShape) {
    var rng = LinAlgTestRNG(seed: shape.seed &+ 17)
    let a = rng.gaussianMatrix(shape.m, shape.n)
    let q = a.orthonormalColumns()
    #expect(q.rows == shape.m && q.columns == min(shape.m, shape.n))
    #expect(LinAlgTest.orthogonalityError(q) <= 8 * Double(shape.m) * LinAlgTest.eps)
    // Q Qᵀ A = A when A has full column rank (m ≥ n) or Q is square (m < n).
    let projected = LinAlgTest.naiveProduct(q, LinAlgTest.naiveProduct(LinAlgTest.naiveTranspose(q), a))
    #expect(LinAlgTest.maxDifference(projected, a) <= 1e-12 * LinAlgTest.frobenius(a))
  }

  @Test("Empty matrices")
  func empty() {
    let qr = QRDecomposition(Matrix(rows: 3, columns: 0))
    #expect(qr.q.rows == 3 && qr.q.columns == 0 && qr.r.rows == 0 && qr.r.columns == 0)
    let qr2 = QRDecomposition(Matrix(rows: 0, columns: 4))
    #expect(qr2.q.rows == 0 && qr2.r.rows == 0 && qr2.r.columns == 4)
  }
}
