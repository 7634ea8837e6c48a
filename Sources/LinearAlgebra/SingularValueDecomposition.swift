/// The thin singular value decomposition `A = U diag(σ) Vᵀ`.
///
/// For an `m × n` matrix `A` and `p = min(m, n)`:
/// * ``u`` is `m × p`, ``v`` is `n × p`, both with orthonormal columns
///   (`UᵀU = VᵀV = I_p`, also when some `σᵢ = 0`: missing singular vectors
///   are completed to an orthonormal set);
/// * ``singularValues`` `σ₁ ≥ σ₂ ≥ … ≥ σ_p ≥ 0`.
///
/// Algorithm: one-sided (Hestenes) Jacobi. `A` is first scaled by a power of
/// two (exact) so that `max |aᵢⱼ| ∈ [1, 2)`; a wide `A` is transposed; the
/// (now tall or square, `m ≥ n`) `A` is reduced by Householder QR to its
/// `n × n` triangular factor `R` (so a tall-thin `A` costs `O(mn²)` plus
/// Jacobi on an `n × n` matrix), and the rows of `R` are orthogonalized by plane rotations until every pair
/// satisfies `|⟨rᵢ, rⱼ⟩| ≤ √n·ε·‖rᵢ‖‖rⱼ‖` (ε = `ulp(1)`). The singular
/// values are then accurate to a few ulps of `‖A‖` (absolute) — small
/// singular values never lose more than that.
///
/// Sign convention (makes the output deterministic): for each `k` the entry
/// of largest magnitude of `U[:, k]` (lowest row index on ties) is positive;
/// `V[:, k]` is flipped with it.
public struct SingularValueDecomposition: Sendable {
  /// Left singular vectors, `m × min(m, n)`, orthonormal columns.
  public let u: Matrix
  /// Singular values `σ₁ ≥ … ≥ σ_p ≥ 0`, `p = min(m, n)`.
  public let singularValues: [Double]
  /// Right singular vectors, `n × min(m, n)`, orthonormal columns.
  public let v: Matrix

  /// The thin SVD of `a`.
  ///
  /// - Throws: ``LinearAlgebraError/nonFinite(name:)`` if `a` has NaN or ±∞
  ///   entries; ``LinearAlgebraError/noConvergence(algorithm:sweeps:)`` if the
  ///   Jacobi sweeps (at most 60) do not converge.
  public init(_ a: Matrix) throws {
    let f = try OneSidedJacobiSVD.decompose(a, wantVectors: true)
    self.init(u: f.u!, singularValues: f.s, v: f.v!)
  }

  /// Assembles a decomposition from its factors (no checks).
  init(u: Matrix, singularValues: [Double], v: Matrix) {
    self.u = u
    self.singularValues = singularValues
    self.v = v
  }

  /// The numerical rank: the number of singular values `σᵢ > tol`.
  ///
  /// - Parameter tolerance: the threshold `tol`; default
  ///   `max(m, n)·ulp(1)·σ₁` (the NumPy/LAPACK `matrix_rank` convention).
  public func rank(tolerance: Double? = nil) -> Int {
    let tol = tolerance ?? Double(Swift.max(u.rows, v.rows)) * Double.ulpOfOne * (singularValues.first ?? 0)
    return singularValues.reduce(0) { $0 + ($1 > tol ? 1 : 0) }
  }

  /// The leading `r` singular triplets: `U[:, 0..<r]`, `σ₁…σ_r`, `V[:, 0..<r]`,
  /// i.e. the best rank-`r` approximation `A_r = U_r diag(σ₁…σ_r) V_rᵀ`.
  ///
  /// - Precondition: `0 ≤ r ≤ min(m, n)`.
  public func truncated(toRank r: Int) -> SingularValueDecomposition {
    precondition(
      r >= 0 && r <= singularValues.count,
      "SingularValueDecomposition.truncated: rank \(r) outside 0...\(singularValues.count)")
    return SingularValueDecomposition(
      u: u.columns(0..<r), singularValues: Array(singularValues.prefix(r)), v: v.columns(0..<r))
  }
}

extension Matrix {
  /// The singular values `σ₁ ≥ … ≥ σ_p ≥ 0` (`p = min(m, n)`) without the
  /// singular vectors (same algorithm and accuracy as
  /// ``SingularValueDecomposition``, cheaper).
  ///
  /// - Throws: ``LinearAlgebraError/nonFinite(name:)`` or
  ///   ``LinearAlgebraError/noConvergence(algorithm:sweeps:)``.
  public func singularValues() throws -> [Double] {
    try OneSidedJacobiSVD.decompose(self, wantVectors: false).s
  }
}

/// One-sided Jacobi SVD with QR preconditioning (see ``SingularValueDecomposition``).
enum OneSidedJacobiSVD {
  /// Sweep budget.
  static let maxSweeps = 60

  typealias Factors = (u: Matrix?, s: [Double], v: Matrix?)

  static func decompose(_ a: Matrix, wantVectors: Bool) throws -> Factors {
    guard a.isFinite else { throw LinearAlgebraError.nonFinite(name: "matrix") }
    let f: Factors
    if a.rows < a.columns {
      let t = try decomposeTall(a.transposed, wantVectors: wantVectors)
      f = (t.v, t.s, t.u)  // Aᵀ = U' Σ V'ᵀ ⇒ A = V' Σ U'ᵀ
    } else {
      f = try decomposeTall(a, wantVectors: wantVectors)
    }
    guard var u = f.u, var v = f.v else { return f }
    normalizeSigns(&u, &v)
    return (u, f.s, v)
  }

  /// Flips each singular pair so that the largest-magnitude entry of `U[:, k]` is positive.
  static func normalizeSigns(_ u: inout Matrix, _ v: inout Matrix) {
    for k in 0..<u.columns {
      var best = 0.0
      var sign = 1.0
      for i in 0..<u.rows {
        let x = u[i, k]
        if abs(x) > best {
          best = abs(x)
          sign = x < 0 ? -1 : 1
        }
      }
      if sign < 0 {
        for i in 0..<u.rows { u[i, k] = -u[i, k] }
        for i in 0..<v.rows { v[i, k] = -v[i, k] }
      }
    }
  }

  /// SVD of a finite `m × n` matrix with `m ≥ n` (signs not yet normalised).
  static func decomposeTall(_ a: Matrix, wantVectors: Bool) throws -> Factors {
    let m = a.rows
    let n = a.columns
    if n == 0 {
      return wantVectors ? (Matrix(rows: m, columns: 0), [], Matrix(rows: 0, columns: 0)) : (nil, [], nil)
    }
    let amax = a.maxAbs
    if amax == 0 {
      guard wantVectors else { return (nil, [Double](repeating: 0, count: n), nil) }
      var u = Matrix(rows: m, columns: n)
      for i in 0..<n { u[i, i] = 1 }
      return (u, [Double](repeating: 0, count: n), Matrix.identity(n))
    }
    // Exact power-of-two scaling: max |aᵢⱼ| ∈ [1, 2).
    let e = amax.exponent
    var scaled = a
    for idx in scaled.elements.indices {
      scaled.elements[idx] = Double(sign: .plus, exponent: -e, significand: scaled.elements[idx])
    }

    // QR preconditioning: Jacobi then works on the n × n factor R (row-wise
    // Jacobi on R = column-wise Jacobi on Rᵀ, which converges faster than on A).
    var work: Matrix
    var q: Matrix?
    if m >= n && n > 1 {
      let f = QRDecomposition.householder(scaled, formQ: wantVectors)
      work = f.r
      q = f.q
    } else {
      work = scaled
    }

    // Row-wise one-sided Jacobi on `work` (rows are contiguous); the same
    // rotations are applied to the rows of `wt`, so `work = wt · R` throughout.
    var wt = wantVectors ? Matrix.identity(n) : Matrix(rows: 0, columns: 0)
    let tol = Double(n).squareRoot() * Double.ulpOfOne
    let tiny = Double.leastNormalMagnitude / Double.ulpOfOne  // squared norms below this are negligible
    var converged = false
    work.elements.withUnsafeMutableBufferPointer { mBuf in
      wt.elements.withUnsafeMutableBufferPointer { wBuf in
        let mp = mBuf.baseAddress!
        let wp = wantVectors ? wBuf.baseAddress : nil  // an empty array may still have a base address
        // Squared row norms, refreshed every sweep and after every rotation,
        // so a pair that needs no rotation costs a single dot product.
        var norms = [Double](repeating: 0, count: n)
        for _ in 0..<maxSweeps {
          for i in 0..<n { norms[i] = DenseKernels.dot(n, mp + i * n, mp + i * n) }
          var rotated = false
          for i in 0..<(n - 1) {
            let ri = mp + i * n
            for j in (i + 1)..<n {
              let rj = mp + j * n
              let alpha = norms[i]
              let beta = norms[j]
              if alpha < tiny || beta < tiny { continue }
              let gamma = DenseKernels.dot(n, ri, rj)
              if abs(gamma) <= tol * alpha.squareRoot() * beta.squareRoot() { continue }
              rotated = true
              let zeta = (beta - alpha) / (2 * gamma)
              let t: Double
              if abs(zeta) > 1e150 {
                t = 1 / (2 * zeta)
              } else {
                t = (zeta >= 0 ? 1 : -1) / (abs(zeta) + (1 + zeta * zeta).squareRoot())
              }
              let c = 1 / (1 + t * t).squareRoot()
              let s = c * t
              DenseKernels.rotate(n, ri, rj, c: c, s: s)
              if let wp { DenseKernels.rotate(n, wp + i * n, wp + j * n, c: c, s: s) }
              norms[i] = DenseKernels.dot(n, ri, ri)
              norms[j] = DenseKernels.dot(n, rj, rj)
            }
          }
          if !rotated {
            converged = true
            break
          }
        }
      }
    }
    if !converged && n > 1 {
      throw LinearAlgebraError.noConvergence(algorithm: "one-sided Jacobi SVD", sweeps: maxSweeps)
    }

    // σᵢ = ‖row i‖ (scaled units); negligible rows count as σ = 0.
    let negligible = tiny.squareRoot()
    var sigma = [Double](repeating: 0, count: n)
    work.elements.withUnsafeBufferPointer { mBuf in
      for i in 0..<n {
        let s = DenseKernels.norm2(n, mBuf.baseAddress! + i * n)
        sigma[i] = s < negligible ? 0 : s
      }
    }
    let order = (0..<n).sorted { sigma[$0] > sigma[$1] || (sigma[$0] == sigma[$1] && $0 < $1) }
    let values = order.map { Double(sign: .plus, exponent: e, significand: sigma[$0]) }
    guard wantVectors else { return (nil, values, nil) }

    // V[:, k] = work[order[k], :] / σ, completing the columns of zero σ.
    var vColumns = [[Double]](repeating: [], count: n)
    var missing: [Int] = []
    for (k, idx) in order.enumerated() {
      if sigma[idx] > 0 {
        let inv = 1 / sigma[idx]
        vColumns[k] = (0..<n).map { work[idx, $0] * inv }
      } else {
        missing.append(k)
      }
    }
    completeOrthonormal(&vColumns, missing: missing, dimension: n)
    var v = Matrix(rows: n, columns: n)
    for k in 0..<n {
      for r in 0..<n { v[r, k] = vColumns[k][r] }
    }

    // U = Q · (rows of wt in `order`)ᵀ, or just those rows transposed when m == n.
    var wtSorted = Matrix(rows: n, columns: n)
    for (k, idx) in order.enumerated() {
      for r in 0..<n { wtSorted[k, r] = wt[idx, r] }
    }
    let u = q.map { $0.timesTransposed(wtSorted) } ?? wtSorted.transposed
    return (u, values, v)
  }

  /// Fills `columns[k]` for every `k` in `missing` with unit vectors orthogonal
  /// to all other (already orthonormal) columns: Gram–Schmidt, applied twice,
  /// of the standard basis vector `e_r` with the largest residual
  /// `1 − Σ_c c[r]²`.
  static func completeOrthonormal(_ columns: inout [[Double]], missing: [Int], dimension n: Int) {
    var filled = columns.indices.filter { !missing.contains($0) }
    for k in missing {
      var bestRow = 0
      var bestResidual = -Double.infinity
      for r in 0..<n {
        var residual = 1.0
        for c in filled { residual -= columns[c][r] * columns[c][r] }
        if residual > bestResidual {
          bestResidual = residual
          bestRow = r
        }
      }
      var x = [Double](repeating: 0, count: n)
      x[bestRow] = 1
      for _ in 0..<2 {
        for c in filled {
          var d = 0.0
          for r in 0..<n { d += columns[c][r] * x[r] }
          for r in 0..<n { x[r] -= d * columns[c][r] }
        }
      }
      var norm = 0.0
      for r in 0..<n { norm += x[r] * x[r] }
      norm = norm.squareRoot()
      columns[k] = x.map { $0 / norm }
      filled.append(k)
    }
  }
}
