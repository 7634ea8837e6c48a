/// The thin (economy) QR decomposition `A = QR` computed with Householder
/// reflections.
///
/// For an `m × n` matrix `A` and `p = min(m, n)`:
/// * ``q`` is `m × p` with orthonormal columns, `QᵀQ = I_p`;
/// * ``r`` is `p × n` upper triangular (upper trapezoidal when `n > m`),
///   with exact zeros below the diagonal.
///
/// Sign convention (makes the factorization deterministic): every diagonal
/// entry of `R` is `≥ 0`; a reflector that would give `Rₖₖ < 0` has its sign
/// moved into column `k` of `Q`. For full column rank `A` this is the unique
/// thin QR with positive diagonal. Zero (or already reduced) columns are
/// skipped, so rank-deficient and zero matrices are handled; `Q` still has
/// orthonormal columns then.
public struct QRDecomposition: Sendable {
  /// The `m × min(m, n)` factor with orthonormal columns.
  public let q: Matrix
  /// The `min(m, n) × n` upper triangular factor, `diag(R) ≥ 0`.
  public let r: Matrix

  /// Householder QR of `a` (thin form, `diag(R) ≥ 0`). Costs `O(m n p)`.
  public init(_ a: Matrix) {
    let f = QRDecomposition.householder(a, formQ: true)
    q = f.q!
    r = f.r
  }

  /// The factor `R` alone (the same bits as ``r`` of ``init(_:)``), without forming `Q`:
  /// about half the work and no `m × min(m, n)` allocations.
  public static func upperTriangularFactor(_ a: Matrix) -> Matrix { householder(a, formQ: false).r }

  /// The Householder factorization; `q` is `nil` when `formQ` is false (then
  /// only the signs of `R`'s rows are normalised).
  static func householder(_ a: Matrix, formQ: Bool) -> (q: Matrix?, r: Matrix) {
    let m = a.rows
    let n = a.columns
    let p = Swift.min(m, n)
    if p == 0 { return (formQ ? Matrix(rows: m, columns: 0) : nil, Matrix(rows: 0, columns: n)) }
    var work = a
    // Householder vectors vₖ (vₖ[0] = 1 implicit, stored for rows k+1..<m) and τₖ:
    // Hₖ = I − τₖ vₖ vₖᵀ acting on rows k..<m.
    // Without Q only the current vector is needed: one length-m buffer, reused (rows
    // k+1..<m are written before they are read), instead of all p of them.
    var vs = [Double](repeating: 0, count: m * (formQ ? Swift.max(p, 1) : 1))
    var taus = [Double](repeating: 0, count: p)
    var w = [Double](repeating: 0, count: n)

    work.elements.withUnsafeMutableBufferPointer { rBuf in
      vs.withUnsafeMutableBufferPointer { vBuf in
        w.withUnsafeMutableBufferPointer { wBuf in
          let rp = rBuf.baseAddress!
          let vp = vBuf.baseAddress!
          let wp = wBuf.baseAddress!
          for k in 0..<p {
            let below = m - k - 1
            let x0 = rp[k * n + k]
            let xnorm = below > 0 ? DenseKernels.norm2(below, rp + ((k + 1) * n + k), stride: n) : 0
            if xnorm == 0 { continue }  // column already reduced: Hₖ = I (τₖ = 0)
            // β = −sign(x0)·‖x‖ (sign chosen to avoid cancellation), ‖x‖ = hypot(x0, xnorm).
            let big = Swift.max(abs(x0), xnorm)
            let small = Swift.min(abs(x0), xnorm)
            let ratio = small / big
            let norm = big * (1 + ratio * ratio).squareRoot()
            let beta = x0 >= 0 ? -norm : norm
            let tau = (beta - x0) / beta
            let scale = 1 / (x0 - beta)
            taus[k] = tau
            let v = vp + (formQ ? k * m : 0)  // v[i] for rows i = k+1..<m stored at v[i]
            for i in (k + 1)..<m {
              v[i] = rp[i * n + k] * scale
              rp[i * n + k] = 0
            }
            rp[k * n + k] = beta
            // Apply Hₖ to columns k+1..<n: w = R[k, :] + Σᵢ vᵢ R[i, :]; R[k, :] −= τ w; R[i, :] −= τ vᵢ w.
            let width = n - k - 1
            if width == 0 { continue }
            let rowK = rp + (k * n + k + 1)
            wp.update(from: rowK, count: width)
            for i in (k + 1)..<m where v[i] != 0 {
              DenseKernels.axpy(width, v[i], rp + (i * n + k + 1), wp)
            }
            DenseKernels.axpy(width, -tau, wp, rowK)
            for i in (k + 1)..<m where v[i] != 0 {
              DenseKernels.axpy(width, -tau * v[i], wp, rp + (i * n + k + 1))
            }
          }
        }
      }
    }

    // Sign convention diag(R) ≥ 0.
    var flip = [Bool](repeating: false, count: p)
    for k in 0..<p where work.elements[k * n + k] < 0 {
      flip[k] = true
      for j in k..<n { work.elements[k * n + j] = -work.elements[k * n + j] }
    }
    let r = Matrix(rows: p, columns: n, elements: Array(work.elements[0..<(p * n)]))
    guard formQ else { return (nil, r) }

    // Q = H₀ H₁ ⋯ H_{p−1} [I_p; 0], accumulated backwards: Hₖ only touches
    // rows k..<m and, at that point, columns k..<p.
    var q = Matrix(rows: m, columns: p)
    q.elements.withUnsafeMutableBufferPointer { qBuf in
      vs.withUnsafeBufferPointer { vBuf in
        w.withUnsafeMutableBufferPointer { wBuf in
          let qp = qBuf.baseAddress!
          let wp = wBuf.baseAddress!
          for k in 0..<p { qp[k * p + k] = 1 }
          for k in stride(from: p - 1, through: 0, by: -1) where taus[k] != 0 {
            let tau = taus[k]
            let v = vBuf.baseAddress! + k * m
            let width = p - k
            let rowK = qp + (k * p + k)
            wp.update(from: rowK, count: width)
            for i in (k + 1)..<m where v[i] != 0 {
              DenseKernels.axpy(width, v[i], qp + (i * p + k), wp)
            }
            DenseKernels.axpy(width, -tau, wp, rowK)
            for i in (k + 1)..<m where v[i] != 0 {
              DenseKernels.axpy(width, -tau * v[i], wp, qp + (i * p + k))
            }
          }
          for i in 0..<m {
            for k in 0..<p where flip[k] { qp[i * p + k] = -qp[i * p + k] }
          }
        }
      }
    }
    return (q, r)
  }
}
