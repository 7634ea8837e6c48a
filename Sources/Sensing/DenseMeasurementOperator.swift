import Flow

/// A measurement operator held as explicit matrices `A_1 … A_m` (`n1 × n2`
/// each): `𝒜(M)_i = ⟨A_i, M⟩/√m`.
///
/// Built from iid standard Gaussian entries (``init(gaussian:n1:n2:generator:)``,
/// the setting of theory.md §8) or from matrices given by the user (a problem
/// file's `"A"`). Storage: `m·n1·n2` doubles, row `i` is `vec(A_i)` (row-major).
///
/// Cost of one gradient step (``gradientProducts(y:subset:weight:u:v:residual:gv:gtu:workspace:)``):
/// `UVᵀ` (`O(n1 n2 k)`), one fused pass over the `A_i` of the batch computing
/// the residual `z_i = y_i − ⟨A_i, UVᵀ⟩/√m` and accumulating `Ĝ = Σ z_i A_i/√m`
/// (`2·m·n1·n2` flops, each `A_i` read from memory once), then `ĜV`, `ĜᵀU`
/// (`O(n1 n2 k)`). No allocation after the workspace has its shapes.
public struct DenseMeasurementOperator: MeasurementOperator {
  /// `m`.
  public let measurementCount: Int
  /// `n1`.
  public let n1: Int
  /// `n2`.
  public let n2: Int
  /// `vec(A_1), …, vec(A_m)`, each row-major, concatenated (`m·n1·n2` entries).
  public private(set) var elements: [Double]
  /// What the matrices are: `"gaussian"` or `"explicit"`.
  public let kind: String

  /// `m` iid standard Gaussian `n1 × n2` matrices, drawn entry by entry
  /// (`A_1` row by row, then `A_2`, …) from `generator`.
  ///
  /// - Throws: ``SensingError/invalidValue(_:)`` for `m < 1` or empty shapes.
  public init(gaussian m: Int, n1: Int, n2: Int, generator: inout SeededGenerator) throws {
    try Self.check(m: m, n1: n1, n2: n2)
    measurementCount = m
    self.n1 = n1
    self.n2 = n2
    kind = "gaussian"
    elements = [Double](repeating: 0, count: m * n1 * n2)
    regenerate(using: &generator)
  }

  /// An operator from explicit raw matrices `A_i` (all `n1 × n2`).
  ///
  /// - Throws: ``SensingError/dimensionMismatch(_:)`` when an `A_i` has
  ///   another shape, ``SensingError/nonFinite(_:)``, or
  ///   ``SensingError/invalidValue(_:)`` for an empty list.
  public init(matrices: [Matrix], n1: Int, n2: Int) throws {
    try Self.check(m: matrices.count, n1: n1, n2: n2)
    var storage: [Double] = []
    storage.reserveCapacity(matrices.count * n1 * n2)
    for (i, a) in matrices.enumerated() {
      guard a.rows == n1, a.columns == n2 else {
        throw SensingError.dimensionMismatch("A[\(i)] is \(a.rows)×\(a.columns) but X is \(n1)×\(n2); every A_i must have the shape of X")
      }
      guard a.isFinite else { throw SensingError.nonFinite("A[\(i)]") }
      storage.append(contentsOf: a.elements)
    }
    measurementCount = matrices.count
    self.n1 = n1
    self.n2 = n2
    kind = "explicit"
    elements = storage
  }

  /// An operator from its flat storage (`m·n1·n2` entries, `vec(A_i)` row after row).
  public init(m: Int, n1: Int, n2: Int, elements: [Double], kind: String = "explicit") throws {
    try Self.check(m: m, n1: n1, n2: n2)
    guard elements.count == m * n1 * n2 else {
      throw SensingError.dimensionMismatch("\(elements.count) entries given for m = \(m) matrices of \(n1)×\(n2)")
    }
    guard elements.allSatisfy(\.isFinite) else { throw SensingError.nonFinite("the measurement matrices") }
    measurementCount = m
    self.n1 = n1
    self.n2 = n2
    self.kind = kind
    self.elements = elements
  }

  private static func check(m: Int, n1: Int, n2: Int) throws {
    guard m >= 1 else { throw SensingError.invalidValue("the number of measurements m must be ≥ 1 (got \(m)); e.g. --m 200") }
    guard n1 >= 1, n2 >= 1 else { throw SensingError.invalidValue("measurement matrices must be non-empty (got \(n1)×\(n2))") }
    let (cells, o1) = n1.multipliedReportingOverflow(by: n2)
    let (entries, o2) = cells.multipliedReportingOverflow(by: m)
    guard !o1, !o2, entries <= ProblemSpec.maximumEntries else {
      throw SensingError.invalidValue("m·n1·n2 = \(m)·\(n1)·\(n2) exceeds \(ProblemSpec.maximumEntries) entries of the dense operator; lower --m or use --operator rankOne")
    }
  }

  /// Redraws every entry iid `N(0, 1)` from `generator`, in place (fresh
  /// mini-batches without allocation).
  public mutating func regenerate(using generator: inout SeededGenerator) {
    elements.withUnsafeMutableBufferPointer { e in
      for i in 0..<e.count { e[i] = generator.nextGaussian() }
    }
  }

  /// `"gaussian(m=…)"` or `"explicit(m=…)"`.
  public var name: String { "\(kind)(m=\(measurementCount))" }

  /// `A_i` (raw).
  public func measurementMatrix(_ i: Int) -> Matrix {
    let s = n1 * n2
    return Matrix(rows: n1, columns: n2, elements: Array(elements[(i * s)..<((i + 1) * s)]))
  }

  /// `𝒜(M)_i = ⟨A_i, M⟩/√m`.
  public func apply(_ m: Matrix) -> [Double] {
    precondition(m.rows == n1 && m.columns == n2, "DenseMeasurementOperator.apply: M is \(m.rows)×\(m.columns), expected \(n1)×\(n2)")
    var out = [Double](repeating: 0, count: measurementCount)
    forward(m.elements, into: &out)
    return out
  }

  /// `𝒜(UVᵀ)`, through the dense `UVᵀ` (`O(n1 n2 k + m n1 n2)`).
  public func apply(u: Matrix, v: Matrix, into out: inout [Double], workspace: inout SensingWorkspace) {
    SensingWorkspace.shape(&workspace.first, n1, n2)
    Matrix.multiply(u, v, transposingB: true, into: &workspace.first)
    if out.count != measurementCount { out = [Double](repeating: 0, count: measurementCount) }
    forward(workspace.first.elements, into: &out)
  }

  private func forward(_ w: [Double], into out: inout [Double]) {
    let s = n1 * n2
    let c = normalization
    let m = measurementCount
    elements.withUnsafeBufferPointer { a in
      w.withUnsafeBufferPointer { wb in
        out.withUnsafeMutableBufferPointer { o in
          let ap = a.baseAddress!, wp = wb.baseAddress!
          var i = 0
          while i &+ 4 <= m {
            let d = SensingKernels.dot4(s, ap + i &* s, ap + (i &+ 1) &* s, ap + (i &+ 2) &* s, ap + (i &+ 3) &* s, wp)
            for t in 0..<4 { o[i &+ t] = c * d[t] }
            i &+= 4
          }
          while i < m {
            o[i] = c * SensingKernels.dot(s, ap + i &* s, wp)
            i &+= 1
          }
        }
      }
    }
  }

  /// `𝒜*(z) = Σ z_i A_i/√m`, dense.
  public func adjoint(_ z: [Double]) -> Matrix {
    precondition(z.count == measurementCount, "DenseMeasurementOperator.adjoint: z has \(z.count) entries, expected \(measurementCount)")
    var g = Matrix(rows: n1, columns: n2)
    accumulateAdjoint(z, weight: 1, into: &g)
    return g
  }

  private func accumulateAdjoint(_ z: [Double], weight: Double, into g: inout Matrix) {
    let s = n1 * n2
    let c = weight * normalization
    let m = measurementCount
    elements.withUnsafeBufferPointer { a in
      g.elements.withUnsafeMutableBufferPointer { gb in
        let ap = a.baseAddress!, gp = gb.baseAddress!
        for j in 0..<s { gp[j] = 0 }
        var i = 0
        while i &+ 4 <= m {
          let coef = c * SIMD4(z[i], z[i &+ 1], z[i &+ 2], z[i &+ 3])
          SensingKernels.axpy4(s, coef, ap + i &* s, ap + (i &+ 1) &* s, ap + (i &+ 2) &* s, ap + (i &+ 3) &* s, gp)
          i &+= 4
        }
        while i < m {
          SensingKernels.axpy(s, c * z[i], ap + i &* s, gp)
          i &+= 1
        }
      }
    }
  }

  /// `ĜV`, `ĜᵀU` through the dense `Ĝ = weight·𝒜*(z)`.
  public func adjointProducts(_ z: [Double], weight: Double, u: Matrix, v: Matrix, gv: inout Matrix, gtu: inout Matrix, workspace: inout SensingWorkspace) {
    SensingWorkspace.shape(&workspace.second, n1, n2)
    accumulateAdjoint(z, weight: weight, into: &workspace.second)
    Matrix.multiply(workspace.second, v, into: &gv)
    Matrix.multiply(workspace.second, transposingA: true, u, into: &gtu)
  }

  /// One fused pass: residuals on `subset` and `Ĝ = weight Σ z_i A_i/√m`, then `ĜV`, `ĜᵀU`.
  public func gradientProducts(
    y: [Double], subset: [Int]?, weight: Double, u: Matrix, v: Matrix,
    residual: inout [Double], gv: inout Matrix, gtu: inout Matrix, workspace: inout SensingWorkspace
  ) {
    precondition(y.count == measurementCount, "DenseMeasurementOperator: y has \(y.count) entries, expected \(measurementCount)")
    SensingWorkspace.shape(&workspace.first, n1, n2)
    SensingWorkspace.shape(&workspace.second, n1, n2)
    Matrix.multiply(u, v, transposingB: true, into: &workspace.first)
    if residual.count != measurementCount { residual = [Double](repeating: 0, count: measurementCount) }
    let s = n1 * n2
    let c = normalization
    let cw = weight * c
    let m = measurementCount
    let w = workspace.first
    residual.withUnsafeMutableBufferPointer { res in
      if subset != nil { for i in 0..<m { res[i] = 0 } }
      elements.withUnsafeBufferPointer { a in
        w.elements.withUnsafeBufferPointer { wb in
          workspace.second.elements.withUnsafeMutableBufferPointer { gb in
            let ap = a.baseAddress!, wp = wb.baseAddress!, gp = gb.baseAddress!
            for j in 0..<s { gp[j] = 0 }
            func rows(_ count: Int, _ index: (Int) -> Int) {
              var t = 0
              while t &+ 4 <= count {
                let i0 = index(t), i1 = index(t &+ 1), i2 = index(t &+ 2), i3 = index(t &+ 3)
                let p0 = ap + i0 &* s, p1 = ap + i1 &* s, p2 = ap + i2 &* s, p3 = ap + i3 &* s
                let d = SensingKernels.dot4(s, p0, p1, p2, p3, wp)
                let z = SIMD4(y[i0], y[i1], y[i2], y[i3]) - c * d
                res[i0] = z[0]
                res[i1] = z[1]
                res[i2] = z[2]
                res[i3] = z[3]
                SensingKernels.axpy4(s, cw * z, p0, p1, p2, p3, gp)
                t &+= 4
              }
              while t < count {
                let i = index(t)
                let p = ap + i &* s
                let z = y[i] - c * SensingKernels.dot(s, p, wp)
                res[i] = z
                SensingKernels.axpy(s, cw * z, p, gp)
                t &+= 1
              }
            }
            if let subset {
              subset.withUnsafeBufferPointer { sb in rows(sb.count) { sb[$0] } }
            } else {
              rows(m) { $0 }
            }
          }
        }
      }
    }
    Matrix.multiply(workspace.second, v, into: &gv)
    Matrix.multiply(workspace.second, transposingA: true, u, into: &gtu)
  }
}
