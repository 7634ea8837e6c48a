// TEMPORARY: naive stand-ins, replaced by the real LinearAlgebra files at integration.
extension Matrix {
  public static func * (a: Matrix, b: Matrix) -> Matrix {
    var c = Matrix(rows: a.rows, columns: b.columns); multiply(a, b, into: &c); return c
  }
  public func transposedTimes(_ b: Matrix) -> Matrix {
    var c = Matrix(rows: columns, columns: b.columns); Matrix.multiply(self, transposingA: true, b, into: &c); return c
  }
  public func timesTransposed(_ b: Matrix) -> Matrix {
    var c = Matrix(rows: rows, columns: b.rows); Matrix.multiply(self, b, transposingB: true, into: &c); return c
  }
  public static func multiply(_ a: Matrix, transposingA: Bool = false, _ b: Matrix, transposingB: Bool = false, alpha: Double = 1, beta: Double = 0, into c: inout Matrix) {
    let m = transposingA ? a.columns : a.rows, kk = transposingA ? a.rows : a.columns
    let n = transposingB ? b.rows : b.columns
    for i in 0..<m { for j in 0..<n {
      var s = 0.0
      for p in 0..<kk { s += (transposingA ? a[p, i] : a[i, p]) * (transposingB ? b[j, p] : b[p, j]) }
      c[i, j] = alpha * s + (beta == 0 ? 0 : beta * c[i, j])
    } }
  }
  public func times(_ x: [Double]) -> [Double] { (0..<rows).map { i in (0..<columns).reduce(0.0) { $0 + self[i, $1] * x[$1] } } }
  public func transposedTimes(_ x: [Double]) -> [Double] { (0..<columns).map { j in (0..<rows).reduce(0.0) { $0 + self[$1, j] * x[$1] } } }
  public var gram: Matrix { transposedTimes(self) }
  public var frobeniusNorm: Double { Matrix.frobeniusInner(self, self).squareRoot() }
  public var maxAbs: Double { elements.map(abs).max() ?? 0 }
  public func singularValues() throws -> [Double] { try SingularValueDecomposition(self).singularValues }
  public func spectralNorm() throws -> Double { try singularValues().first ?? 0 }
  public func nuclearNorm() throws -> Double { try singularValues().reduce(0, +) }
  public func orthonormalColumns() -> Matrix { QRDecomposition(self).q }
  public func symmetricEigenvalues() throws -> [Double] { try SymmetricEigendecomposition(self).eigenvalues }
  public func minimumSymmetricEigenvalue() throws -> Double { try symmetricEigenvalues().first ?? 0 }
}
public struct QRDecomposition: Sendable {
  public let q: Matrix; public let r: Matrix
  public init(_ a: Matrix) {
    let m = a.rows, n = a.columns, p = min(m, n)
    var q = Matrix(rows: m, columns: p); var r = Matrix(rows: p, columns: n)
    var w = a
    for j in 0..<p {
      var nrm = 0.0; for i in 0..<m { nrm += w[i, j] * w[i, j] }; nrm = nrm.squareRoot()
      r[j, j] = nrm
      for i in 0..<m { q[i, j] = nrm > 0 ? w[i, j] / nrm : (i == j ? 1 : 0) }
      for l in (j + 1)..<max(n, j + 1) {
        var d = 0.0; for i in 0..<m { d += q[i, j] * w[i, l] }
        r[j, l] = d; for i in 0..<m { w[i, l] -= d * q[i, j] }
      }
    }
    self.q = q; self.r = r
  }
}
public struct SingularValueDecomposition: Sendable {
  public let u: Matrix; public let singularValues: [Double]; public let v: Matrix
  public init(_ a0: Matrix) throws {
    let tall = a0.rows >= a0.columns
    var a = tall ? a0 : a0.transposed
    let m = a.rows, n = a.columns
    var v = Matrix.identity(n)
    for _ in 0..<60 {
      var off = 0.0
      for p in 0..<n { for q in (p + 1)..<max(n, p + 1) {
        var al = 0.0, be = 0.0, ga = 0.0
        for i in 0..<m { al += a[i, p] * a[i, p]; be += a[i, q] * a[i, q]; ga += a[i, p] * a[i, q] }
        if abs(ga) <= 1e-300 || abs(ga) <= 1e-15 * (al * be).squareRoot() { continue }
        off = max(off, abs(ga) / (al * be).squareRoot())
        let zeta = (be - al) / (2 * ga)
        let t = (zeta >= 0 ? 1.0 : -1.0) / (abs(zeta) + (1 + zeta * zeta).squareRoot())
        let c = 1 / (1 + t * t).squareRoot(), s = c * t
        for i in 0..<m { let x = a[i, p], y = a[i, q]; a[i, p] = c * x - s * y; a[i, q] = s * x + c * y }
        for i in 0..<n { let x = v[i, p], y = v[i, q]; v[i, p] = c * x - s * y; v[i, q] = s * x + c * y }
      } }
      if off < 1e-15 { break }
    }
    var sv = (0..<n).map { j in (0..<m).reduce(0.0) { $0 + a[$1, j] * a[$1, j] }.squareRoot() }
    let order = (0..<n).sorted { sv[$0] > sv[$1] }
    var u = Matrix(rows: m, columns: n), vv = Matrix(rows: n, columns: n)
    for (jj, j) in order.enumerated() {
      for i in 0..<m { u[i, jj] = sv[j] > 0 ? a[i, j] / sv[j] : 0 }
      for i in 0..<n { vv[i, jj] = v[i, j] }
    }
    sv = order.map { sv[$0] }
    if tall { self.u = u; self.v = vv } else { self.u = vv; self.v = u }
    self.singularValues = sv
  }
}
public struct SymmetricEigendecomposition: Sendable {
  public let eigenvalues: [Double]; public let eigenvectors: Matrix
  public init(_ a: Matrix) throws {
    // shift to PSD then SVD (stub only)
    let n = a.rows; var shift = 0.0
    for i in 0..<n { var s = 0.0; for j in 0..<n { s += abs(a[i, j]) }; shift = max(shift, s) }
    var b = a; for i in 0..<n { b[i, i] += shift }
    let svd = try SingularValueDecomposition(b)
    eigenvalues = svd.singularValues.map { $0 - shift }.reversed()
    eigenvectors = svd.v
  }
}
