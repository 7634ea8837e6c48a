import Flow

/// Rank-one measurements `A_i = a_i b_iᵀ` with `a_i ∈ R^{n1}`, `b_i ∈ R^{n2}`
/// iid standard Gaussian: `𝒜(M)_i = a_iᵀ M b_i/√m`.
///
/// Nothing `n1 × n2` is ever formed on the gradient path:
/// `𝒜(UVᵀ)_i = (a_iᵀU)(Vᵀb_i)/√m` and
/// `ĜV = Σ z_i a_i (b_iᵀV)/√m`, `ĜᵀU = Σ z_i b_i (a_iᵀU)/√m`.
/// One gradient step is a single pass over the `a_i, b_i` of the batch
/// (`2·m·(n1 + n2)·k` multiply-adds, each `a_i`, `b_i` read from memory once,
/// register-tiled kernels in ``RankOneKernels``);
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
    let (entries, overflow) = m.multipliedReportingOverflow(by: n1 + n2)
    guard !overflow, entries <= ProblemSpec.maximumEntries else {
      throw SensingError.invalidValue("m·(n1 + n2) = \(m)·\(n1 + n2) exceeds \(ProblemSpec.maximumEntries) entries of the rank-one operator; lower --m")
    }
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
    Self.unpad(workspace.fifth, u.columns, into: &gv)
    Self.unpad(workspace.sixth, u.columns, into: &gtu)
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
    Self.unpad(workspace.fifth, u.columns, into: &gv)
    Self.unpad(workspace.sixth, u.columns, into: &gtu)
  }

  /// The single pass, in blocks of ``RankOneKernels/blockRows`` measurements:
  /// `P = A_blk U`, `Q = B_blk V` (rows `a_iᵀU`, `b_iᵀV`), then either
  /// `out_i = ⟨P_i, Q_i⟩/√m` (forward only) or `z_i = y_i − ⟨P_i, Q_i⟩/√m`
  /// (`adjointOnly`: `z_i = y_i`), `s_i = weight·z_i/√m`, and
  /// `ĜV += A_blkᵀ(s∘Q)`, `ĜᵀU += B_blkᵀ(s∘P)` while the block is in cache.
  /// The (column-padded) products are left in `workspace.fifth` (`n1 × kp`)
  /// and `workspace.sixth` (`n2 × kp`), `kp = 4⌈k/4⌉`.
  private func sweep(
    y: [Double], subset: [Int]?, weight: Double, u: Matrix, v: Matrix, out: inout [Double],
    workspace: inout SensingWorkspace, forwardOnly: Bool, adjointOnly: Bool = false
  ) {
    precondition(u.rows == n1 && v.rows == n2 && u.columns == v.columns, "RankOneMeasurementOperator: factor shapes do not match \(n1)×\(n2)")
    let k = u.columns
    let kp = (k + 3) / 4 * 4
    Self.pad(u, kp, into: &workspace.third)
    Self.pad(v, kp, into: &workspace.fourth)
    SensingWorkspace.shape(&workspace.fifth, n1, kp)
    SensingWorkspace.shape(&workspace.sixth, n2, kp)
    let c = normalization
    let cw = weight * c
    let n1 = n1, n2 = n2, m = measurementCount
    let bsize = RankOneKernels.blockRows
    let up = workspace.third, vp = workspace.fourth
    withUnsafeTemporaryAllocation(of: Double.self, capacity: 4 * bsize * kp) { scratch in
      withUnsafeTemporaryAllocation(of: UnsafePointer<Double>.self, capacity: 2 * bsize) { ptrs in
        let pb = scratch.baseAddress!, qb = pb + bsize * kp, cb = qb + bsize * kp, db = cb + bsize * kp
        let rowsA = ptrs.baseAddress!, rowsB = rowsA + bsize
        left.withUnsafeBufferPointer { lb in
          right.withUnsafeBufferPointer { rb in
            up.elements.withUnsafeBufferPointer { ub in
              vp.elements.withUnsafeBufferPointer { vb in
                workspace.fifth.elements.withUnsafeMutableBufferPointer { gvb in
                  workspace.sixth.elements.withUnsafeMutableBufferPointer { gtb in
                    out.withUnsafeMutableBufferPointer { o in
                      let gvp = gvb.baseAddress!, gtp = gtb.baseAddress!
                      for j in 0..<(n1 * kp) { gvp[j] = 0 }
                      for j in 0..<(n2 * kp) { gtp[j] = 0 }
                      let total = subset?.count ?? m
                      var start = 0
                      while start < total {
                        let count = min(bsize, total - start)
                        for t in 0..<count {
                          let i = subset?[start + t] ?? (start + t)
                          (rowsA + t).initialize(to: lb.baseAddress! + i * n1)
                          (rowsB + t).initialize(to: rb.baseAddress! + i * n2)
                        }
                        RankOneKernels.project(UnsafePointer(rowsA), count: count, n: n1, kp: kp, f: ub.baseAddress!, out: pb)
                        RankOneKernels.project(UnsafePointer(rowsB), count: count, n: n2, kp: kp, f: vb.baseAddress!, out: qb)
                        for t in 0..<count {
                          let i = subset?[start + t] ?? (start + t)
                          var d = 0.0
                          for col in 0..<k { d += pb[t * kp + col] * qb[t * kp + col] }
                          if forwardOnly {
                            o[i] = c * d
                            continue
                          }
                          let z = adjointOnly ? y[i] : y[i] - c * d
                          if !adjointOnly { o[i] = z }
                          let sc = cw * z
                          for col in 0..<kp {
                            cb[t * kp + col] = sc * qb[t * kp + col]
                            db[t * kp + col] = sc * pb[t * kp + col]
                          }
                        }
                        if !forwardOnly {
                          RankOneKernels.scatter(UnsafePointer(rowsA), count: count, n: n1, kp: kp, coef: cb, acc: gvp)
                          RankOneKernels.scatter(UnsafePointer(rowsB), count: count, n: n2, kp: kp, coef: db, acc: gtp)
                        }
                        start += count
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

  /// `dst ← [src 0]` (`rows × kp`, zero columns appended).
  static func pad(_ src: Matrix, _ kp: Int, into dst: inout Matrix) {
    SensingWorkspace.shape(&dst, src.rows, kp)
    let k = src.columns
    for i in 0..<src.rows {
      for j in 0..<kp { dst.elements[i * kp + j] = j < k ? src.elements[i * k + j] : 0 }
    }
  }

  /// `dst ← src[:, 0..<k]`.
  static func unpad(_ src: Matrix, _ k: Int, into dst: inout Matrix) {
    SensingWorkspace.shape(&dst, src.rows, k)
    let kp = src.columns
    for i in 0..<src.rows {
      for j in 0..<k { dst.elements[i * k + j] = src.elements[i * kp + j] }
    }
  }
}
