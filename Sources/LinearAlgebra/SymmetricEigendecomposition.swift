/// The eigendecomposition `S = V diag(λ) Vᵀ` of the symmetric part
/// `S = ½(A + Aᵀ)` of a square matrix `A`.
///
/// * ``eigenvalues`` `λ₁ ≤ λ₂ ≤ … ≤ λₙ` (ascending);
/// * ``eigenvectors`` `V` (`n × n`) holds the eigenvectors as orthonormal
///   columns: `S V[:, k] = λₖ V[:, k]`, `VᵀV = I`.
///
/// Algorithm: cyclic Jacobi rotations on `S` (scaled by an exact power of two
/// so that `max |sᵢⱼ| ∈ [1, 2)`), rotating a pair `(p, q)` while
/// `|s_pq| > ε·√(|s_pp|·|s_qq|)` (ε = `ulp(1)`, the Demmel–Veselić relative
/// criterion) and `|s_pq| > ε²·‖S‖_F`. Eigenvalues are accurate to a few ulps
/// of `‖S‖`; each sweep costs `O(n³)`, which suits the small `n` used here
/// but is correct for any `n`.
///
/// Sign convention: in each eigenvector the entry of largest magnitude (lowest
/// index on ties) is positive.
public struct SymmetricEigendecomposition: Sendable {
  /// Eigenvalues of `½(A + Aᵀ)`, ascending.
  public let eigenvalues: [Double]
  /// Orthonormal eigenvectors as columns, column `k` belonging to `eigenvalues[k]`.
  public let eigenvectors: Matrix

  /// The eigendecomposition of the symmetric part of the square matrix `a`.
  ///
  /// - Precondition: `a` is square.
  /// - Throws: ``LinearAlgebraError/nonFinite(name:)`` if `a` has NaN or ±∞
  ///   entries; ``LinearAlgebraError/noConvergence(algorithm:sweeps:)`` if 60
  ///   sweeps do not suffice.
  public init(_ a: Matrix) throws {
    let f = try CyclicJacobiEigen.decompose(a, wantVectors: true)
    eigenvalues = f.values
    eigenvectors = f.vectors!
  }
}

extension Matrix {
  /// The eigenvalues of the symmetric part `½(A + Aᵀ)`, ascending.
  ///
  /// - Precondition: the matrix is square.
  /// - Throws: as ``SymmetricEigendecomposition/init(_:)``.
  public func symmetricEigenvalues() throws -> [Double] {
    try CyclicJacobiEigen.decompose(self, wantVectors: false).values
  }

  /// `λ_min(½(A + Aᵀ))`, the smallest eigenvalue of the symmetric part
  /// (`0` for an empty matrix).
  ///
  /// - Precondition: the matrix is square.
  /// - Throws: as ``SymmetricEigendecomposition/init(_:)``.
  public func minimumSymmetricEigenvalue() throws -> Double {
    try symmetricEigenvalues().first ?? 0
  }
}

/// Cyclic Jacobi eigenvalue algorithm (see ``SymmetricEigendecomposition``).
enum CyclicJacobiEigen {
  /// Sweep budget.
  static let maxSweeps = 60

  static func decompose(_ a: Matrix, wantVectors: Bool) throws -> (values: [Double], vectors: Matrix?) {
    precondition(a.isSquare, "SymmetricEigendecomposition: matrix is \(a.rows)×\(a.columns), not square")
    guard a.isFinite else { throw LinearAlgebraError.nonFinite(name: "matrix") }
    let n = a.rows
    if n == 0 { return ([], wantVectors ? Matrix(rows: 0, columns: 0) : nil) }

    // S = ½(A + Aᵀ), scaled by 2^(−e) so that max |sᵢⱼ| ∈ [1, 2).
    var s = Matrix(rows: n, columns: n)
    for i in 0..<n {
      for j in 0..<n { s[i, j] = 0.5 * a[i, j] + 0.5 * a[j, i] }
    }
    let smax = s.maxAbs
    if smax == 0 {
      return ([Double](repeating: 0, count: n), wantVectors ? Matrix.identity(n) : nil)
    }
    let e = smax.exponent
    for idx in s.elements.indices {
      s.elements[idx] = Double(sign: .plus, exponent: -e, significand: s.elements[idx])
    }

    let eps = Double.ulpOfOne
    let floor = eps * eps * s.frobeniusNorm
    // Rows of `vt` are the eigenvectors: vt ← Jᵀ vt mirrors S ← Jᵀ S J.
    var vt = wantVectors ? Matrix.identity(n) : Matrix(rows: 0, columns: 0)
    var converged = false
    s.elements.withUnsafeMutableBufferPointer { sBuf in
      vt.elements.withUnsafeMutableBufferPointer { vBuf in
        let sp = sBuf.baseAddress!
        let vp = wantVectors ? vBuf.baseAddress : nil  // an empty array may still have a base address
        for _ in 0..<maxSweeps {
          var rotated = false
          for p in 0..<(n - 1) {
            for q in (p + 1)..<n {
              let apq = sp[p * n + q]
              let app = sp[p * n + p]
              let aqq = sp[q * n + q]
              if abs(apq) <= floor || abs(apq) <= eps * abs(app).squareRoot() * abs(aqq).squareRoot() {
                continue
              }
              rotated = true
              let theta = (aqq - app) / (2 * apq)
              let t: Double
              if abs(theta) > 1e150 {
                t = 1 / (2 * theta)
              } else {
                t = (theta >= 0 ? 1 : -1) / (abs(theta) + (1 + theta * theta).squareRoot())
              }
              let c = 1 / (1 + t * t).squareRoot()
              let sn = c * t
              // Off-diagonal entries of rows/columns p and q (r ≠ p, q).
              for r in 0..<n where r != p && r != q {
                let x = sp[p * n + r]
                let y = sp[q * n + r]
                let xr = c * x - sn * y
                let yr = sn * x + c * y
                sp[p * n + r] = xr
                sp[r * n + p] = xr
                sp[q * n + r] = yr
                sp[r * n + q] = yr
              }
              sp[p * n + p] = app - t * apq
              sp[q * n + q] = aqq + t * apq
              sp[p * n + q] = 0
              sp[q * n + p] = 0
              if let vp { DenseKernels.rotate(n, vp + p * n, vp + q * n, c: c, s: sn) }
            }
          }
          if !rotated {
            converged = true
            break
          }
        }
      }
    }
    if !converged {
      throw LinearAlgebraError.noConvergence(algorithm: "cyclic Jacobi eigenvalue", sweeps: maxSweeps)
    }

    let diag = (0..<n).map { s[$0, $0] }
    let order = (0..<n).sorted { diag[$0] < diag[$1] || (diag[$0] == diag[$1] && $0 < $1) }
    let values = order.map { Double(sign: .plus, exponent: e, significand: diag[$0]) }
    guard wantVectors else { return (values, nil) }
    var vectors = Matrix(rows: n, columns: n)
    for (k, idx) in order.enumerated() {
      // Sign convention: largest-magnitude entry positive.
      var best = 0.0
      var sign = 1.0
      for r in 0..<n where abs(vt[idx, r]) > best {
        best = abs(vt[idx, r])
        sign = vt[idx, r] < 0 ? -1 : 1
      }
      for r in 0..<n { vectors[r, k] = sign * vt[idx, r] }
    }
    return (values, vectors)
  }
}
