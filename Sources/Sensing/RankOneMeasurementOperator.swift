import Flow

/// Rank-one measurements `A_i = a_i b_iᵀ` with `a_i ∈ R^{n1}`, `b_i ∈ R^{n2}`
/// iid standard Gaussian: `𝒜(M)_i = a_iᵀ M b_i/√m`.
///
/// Nothing `n1 × n2` is ever formed on the gradient path:
/// `𝒜(UVᵀ)_i = (a_iᵀU)(Vᵀb_i)/√m` and
/// `ĜV = Σ z_i a_i (b_iᵀV)/√m`, `ĜᵀU = Σ z_i b_i (a_iᵀU)/√m`.
/// One gradient step is a single pass over the `a_i, b_i` of the batch
/// (`4·m·(n1 + n2)·k` flops, each `a_i`, `b_i` read from memory once);
/// storage `m·(n1 + n2)` doubles.
public struct RankOneMeasurementOperator: MeasurementOperator {
  /// `m`.
  public let measurementCount: Int
  /// `n1`.
  public let n1: Int
  /// `n2`.
  public let n2: Int
  /// `a_1, …, a_m` as the rows of an `m × n1` row-major array.
  public private(set) var left: [Double]
  /// `b_1, …, b_m` as the rows of an `m × n2` row-major array.
  public private(set) var right: [Double]

  /// `m` Gaussian pairs drawn from `generator` in the order `a_1, b_1, a_2, b_2, …`.
  ///
  /// - Throws: ``SensingError/invalidValue(_:)`` for `m < 1` or empty shapes.
  public init(gaussian m: Int, n1: Int, n2: Int, generator: inout SeededGenerator) throws {
    guard m >= 1 else { throw SensingError.invalidValue("the number of measurements m must be ≥ 1 (got \(m)); e.g. --m 200") }
    guard n1 >= 1, n2 >= 1 else { throw SensingError.invalidValue("measurement matrices must be non-empty (got \(n1)×\(n2))") }
    measurementCount = m
    self.n1 = n1
    self.n2 = n2
    left = [Double](repeating: 0, count: m * n1)
    right = [Double](repeating: 0, count: m * n2)
    regenerate(using: &generator)
  }

  /// From explicit vectors: `a` is `m × n1`, `b` is `m × n2` (rows `a_iᵀ`, `b_iᵀ`).
  ///
  /// - Throws: ``SensingError`` on shape mismatch or non-finite entries.
  public init(a: Matrix, b: Matrix) throws {
    guard a.rows >= 1, a.rows == b.rows else {
      throw SensingError.dimensionMismatch("a has \(a.rows) rows and b has \(b.rows); both need m ≥ 1 rows")
    }
    guard a.isFinite, b.isFinite else { throw SensingError.nonFinite("the rank-one measurement vectors") }
    measurementCount = a.rows
    n1 = a.columns
    n2 = b.columns
    left = a.elements
    right = b.elements
  }

  /// Redraws all `a_i`, `b_i` in place (order `a_1, b_1, a_2, …`).
  public mutating func regenerate(using generator: inout SeededGenerator) {
    let n1 = n1, n2 = n2
    left.withUnsafeMutableBufferPointer { a in
      right.withUnsafeMutableBufferPointer { b in
        for i in 0..<measurementCount {
          for j in 0..<n1 { a[i * n1 + j] = generator.nextGaussian() }
          for j in 0..<n2 { b[i * n2 + j] = generator.nextGaussian() }
        }
      }
    }
  }

  /// `"rankOne(m=…)"`.
  public var name: String { "rankOne(m=\(measurementCount))" }

  /// `A_i = a_i b_iᵀ` (dense `n1 × n2`).
  public func measurementMatrix(_ i: Int) -> Matrix {
    var out = Matrix(rows: n1, columns: n2)
    for p in 0..<n1 {
      let ap = left[i * n1 + p]
      for q in 0..<n2 { out.elements[p * n2 + q] = ap * right[i * n2 + q] }
    }
    return out
  }

  /// `𝒜(M)_i = a_iᵀ M b_i/√m` (`O(m n1 n2)`).
  public func apply(_ m: Matrix) -> [Double] {
    precondition(m.rows == n1 && m.columns == n2, "RankOneMeasurementOperator.apply: M is \(m.rows)×\(m.columns), expected \(n1)×\(n2)")
    let c = normalization
    var out = [Double](repeating: 0, count: measurementCount)
    var mb = [Double](repeating: 0, count: n1)
    for i in 0..<measurementCount {
      let b = Array(right[(i * n2)..<((i + 1) * n2)])
      mb = m.times(b)
      var s = 0.0
      for p in 0..<n1 { s += left[i * n1 + p] * mb[p] }
      out[i] = c * s
    }
    return out
  }

  /// `𝒜*(z) = Σ z_i a_i b_iᵀ/√m`, dense (`O(m n1 n2)`; for checks only).
  public func adjoint(_ z: [Double]) -> Matrix {
    precondition(z.count == measurementCount)
    let c = normalization
    var g = Matrix(rows: n1, columns: n2)
    g.elements.withUnsafeMutableBufferPointer { gb in
      right.withUnsafeBufferPointer { rb in
        for i in 0..<measurementCount where z[i] != 0 {
          for p in 0..<n1 {
            SensingKernels.axpy(n2, c * z[i] * left[i * n1 + p], rb.baseAddress! + i * n2, gb.baseAddress! + p * n2)
          }
        }
      }
    }
    return g
  }

  /// `𝒜(UVᵀ)_i = (a_iᵀU)(Vᵀb_i)/√m`.
  public func apply(u: Matrix, v: Matrix, into out: inout [Double], workspace: inout SensingWorkspace) {
    if out.count != measurementCount { out = [Double](repeating: 0, count: measurementCount) }
    let zeros = [Double](repeating: 0, count: 0)
    sweep(y: zeros, subset: nil, weight: 0, u: u, v: v, out: &out, workspace: &workspace, forwardOnly: true)
  }

  /// `ĜV`, `ĜᵀU` with `Ĝ = weight·Σ z_i a_i b_iᵀ/√m`, never forming `Ĝ`.
  public func adjointProducts(_ z: [Double], weight: Double, u: Matrix, v: Matrix, gv: inout Matrix, gtu: inout Matrix, workspace: inout SensingWorkspace) {
    var scratch = z
    sweep(y: z, subset: nil, weight: weight, u: u, v: v, out: &scratch, workspace: &workspace, forwardOnly: false, adjointOnly: true)
    SensingKernels.transpose(workspace.fifth, into: &gv)
    SensingKernels.transpose(workspace.sixth, into: &gtu)
  }

  /// One fused pass over the batch (see the type's documentation).
  public func gradientProducts(
    y: [Double], subset: [Int]?, weight: Double, u: Matrix, v: Matrix,
    residual: inout [Double], gv: inout Matrix, gtu: inout Matrix, workspace: inout SensingWorkspace
  ) {
    precondition(y.count == measurementCount, "RankOneMeasurementOperator: y has \(y.count) entries, expected \(measurementCount)")
    if residual.count != measurementCount { residual = [Double](repeating: 0, count: measurementCount) }
    if subset != nil { for i in 0..<measurementCount { residual[i] = 0 } }
    sweep(y: y, subset: subset, weight: weight, u: u, v: v, out: &residual, workspace: &workspace, forwardOnly: false)
    SensingKernels.transpose(workspace.fifth, into: &gv)
    SensingKernels.transpose(workspace.sixth, into: &gtu)
  }

  /// The single pass. Per row `i`: `p = Uᵀa_i`, `q = Vᵀb_i` (from the
  /// transposed factors, four columns at a time sharing the loads of `a_i`),
  /// then either `out_i = pᵀq/√m` (forward only) or `z_i = y_i − pᵀq/√m` and
  /// `(ĜV)ᵀ += (s q) a_iᵀ`, `(ĜᵀU)ᵀ += (s p) b_iᵀ` with `s = weight·z_i/√m`
  /// (`adjointOnly`: `z_i = y_i` is given and `p`, `q` are still needed).
  /// The transposed products are left in `workspace.fifth` and `workspace.sixth`.
  private func sweep(
    y: [Double], subset: [Int]?, weight: Double, u: Matrix, v: Matrix, out: inout [Double],
    workspace: inout SensingWorkspace,
    forwardOnly: Bool, adjointOnly: Bool = false
  ) {
    precondition(u.rows == n1 && v.rows == n2 && u.columns == v.columns, "RankOneMeasurementOperator: factor shapes do not match \(n1)×\(n2)")
    let k = u.columns
    SensingKernels.transpose(u, into: &workspace.third)  // Uᵀ, k × n1
    SensingKernels.transpose(v, into: &workspace.fourth)  // Vᵀ, k × n2
    SensingWorkspace.shape(&workspace.fifth, k, n1)  // (ĜV)ᵀ
    SensingWorkspace.shape(&workspace.sixth, k, n2)  // (ĜᵀU)ᵀ
    let c = normalization
    let cw = weight * c
    let n1 = n1, n2 = n2, m = measurementCount
    let ut = workspace.third, vt = workspace.fourth
    withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * k + 8) { pq in
      let p = pq.baseAddress!, q = p + k
      left.withUnsafeBufferPointer { lb in
        right.withUnsafeBufferPointer { rb in
          ut.elements.withUnsafeBufferPointer { utb in
            vt.elements.withUnsafeBufferPointer { vtb in
              workspace.fifth.elements.withUnsafeMutableBufferPointer { gvt in
                workspace.sixth.elements.withUnsafeMutableBufferPointer { gtut in
                  out.withUnsafeMutableBufferPointer { o in
                    let gvp = gvt.baseAddress!, gtp = gtut.baseAddress!
                    for j in 0..<(k * n1) { gvp[j] = 0 }
                    for j in 0..<(k * n2) { gtp[j] = 0 }
                    func project(_ x: UnsafePointer<Double>, _ ft: UnsafePointer<Double>, _ n: Int, _ dst: UnsafeMutablePointer<Double>) {
                      var col = 0
                      while col &+ 4 <= k {
                        let d = SensingKernels.dot4Shared(n, x, ft + col &* n, ft + (col &+ 1) &* n, ft + (col &+ 2) &* n, ft + (col &+ 3) &* n)
                        dst[col] = d[0]
                        dst[col &+ 1] = d[1]
                        dst[col &+ 2] = d[2]
                        dst[col &+ 3] = d[3]
                        col &+= 4
                      }
                      while col < k {
                        dst[col] = SensingKernels.dot(n, x, ft + col &* n)
                        col &+= 1
                      }
                    }
                    func scatter(_ x: UnsafePointer<Double>, _ coef: UnsafeMutablePointer<Double>, _ s: Double, _ n: Int, _ acc: UnsafeMutablePointer<Double>) {
                      var col = 0
                      while col &+ 4 <= k {
                        let a = s * SIMD4(coef[col], coef[col &+ 1], coef[col &+ 2], coef[col &+ 3])
                        SensingKernels.axpy4Shared(n, a, x, acc + col &* n, acc + (col &+ 1) &* n, acc + (col &+ 2) &* n, acc + (col &+ 3) &* n)
                        col &+= 4
                      }
                      while col < k {
                        SensingKernels.axpy(n, s * coef[col], x, acc + col &* n)
                        col &+= 1
                      }
                    }
                    func row(_ i: Int) {
                      let a = lb.baseAddress! + i &* n1
                      let b = rb.baseAddress! + i &* n2
                      project(a, utb.baseAddress!, n1, p)
                      project(b, vtb.baseAddress!, n2, q)
                      if forwardOnly {
                        var d = 0.0
                        for t in 0..<k { d += p[t] * q[t] }
                        o[i] = c * d
                        return
                      }
                      let z: Double
                      if adjointOnly {
                        z = y[i]
                      } else {
                        var d = 0.0
                        for t in 0..<k { d += p[t] * q[t] }
                        z = y[i] - c * d
                        o[i] = z
                      }
                      let s = cw * z
                      if s == 0 { return }
                      scatter(a, q, s, n1, gvp)
                      scatter(b, p, s, n2, gtp)
                    }
                    if let subset {
                      for i in subset { row(i) }
                    } else {
                      for i in 0..<m { row(i) }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}
