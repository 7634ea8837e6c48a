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

  @Test("R alone (no Q formed, one reflector buffer) has the bits of the full QR's R",
        arguments: LinAlgTest.shapes, LinAlgMatrixKind.allCases)
  func upperTriangularFactorAlone(shape: LinAlgShape, kind: LinAlgMatrixKind) {
    let a = kind.make(shape)
    // Oracle: the R of the full factorization (which keeps every reflector to form Q).
    #expect(QRDecomposition.upperTriangularFactor(a).elements.map(\.bitPattern) == QRDecomposition(a).r.elements.map(\.bitPattern))
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

@Suite("Gram matrix")
struct GramMatrixTests {
  /// The textbook accumulation `G[i, j] = Σ_p A[p, i]·A[p, j]`, `p` increasing from `+0`,
  /// zero `A[p, i]` skipped (the order `Matrix.gram` documents), upper triangle mirrored.
  static func reference(_ a: Matrix) -> Matrix {
    var g = Matrix(rows: a.columns, columns: a.columns)
    for i in 0..<a.columns {
      for j in i..<a.columns {
        var s = 0.0
        for p in 0..<a.rows where a[p, i] != 0 { s += a[p, i] * a[p, j] }
        g[i, j] = s
        g[j, i] = s
      }
    }
    return g
  }

  @Test("AᵀA has the bits of the row-order accumulation (tiles, edges, chunks of rows, zeros)",
        arguments: [(1, 1), (3, 2), (7, 4), (9, 5), (130, 8), (300, 20), (257, 25), (5, 9)])
  func bitsOfReference(m: Int, n: Int) {
    var rng = LinAlgTestRNG(seed: UInt64(31 * m + n))
    var a = rng.gaussianMatrix(m, n)
    for p in stride(from: 0, to: m, by: 3) { a[p, (p / 3) % n] = 0 }  // exact zeros are skipped
    let g = a.gram
    #expect(g.elements.map(\.bitPattern) == Self.reference(a).elements.map(\.bitPattern))
    #expect(g == g.transposed)
  }
}
