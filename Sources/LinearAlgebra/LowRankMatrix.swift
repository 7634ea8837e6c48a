/// A matrix held in factored form `M = L · C · Rᵀ` with `L` of size `m × p`,
/// `C` of size `p × q` and `R` of size `n × q`, where `p, q ≪ m, n`.
///
/// The flow uses it for the residual `R = X − UVᵀ = [Φ U] diag(Σ, −I) [Ψ V]ᵀ`
/// (rank ≤ r + k) and for the greedy adversary's `M = RVVᵀ + UUᵀR`
/// (rank ≤ 2k), so that norms, products and the polar factor cost
/// `O((m + n)(p + q)²)` instead of `O(m·n·…)`.
///
/// Singular values are computed from the thin QR factors `L = Q₁R₁`,
/// `R = Q₂R₂` and the SVD of the small core `R₁ C R₂ᵀ`; the result is accurate
/// to a few ulps × ‖L‖‖C‖‖R‖ in absolute terms, as when forming `M` densely.
public struct LowRankMatrix: Sendable {
  /// The left factor `L` (`m × p`).
  public let left: Matrix
  /// The core `C` (`p × q`).
  public let core: Matrix
  /// The right factor `R` (`n × q`).
  public let right: Matrix

  /// `M = L · C · Rᵀ`.
  public init(left: Matrix, core: Matrix, right: Matrix) {
    precondition(
      left.columns == core.rows && right.columns == core.columns,
      "LowRankMatrix: factors \(left.rows)×\(left.columns), \(core.rows)×\(core.columns), \(right.rows)×\(right.columns) do not chain")
    self.left = left
    self.core = core
    self.right = right
  }

  /// `M = L · Rᵀ` (identity core).
  public init(left: Matrix, right: Matrix) {
    precondition(left.columns == right.columns, "LowRankMatrix: L has \(left.columns) columns but R has \(right.columns)")
    self.init(left: left, core: .identity(left.columns), right: right)
  }

  /// Number of rows `m`.
  public var rows: Int { left.rows }
  /// Number of columns `n`.
  public var columns: Int { right.rows }

  /// The dense `m × n` matrix `L C Rᵀ` (costs `O(m·n·q)`; for diagnostics).
  public func dense() -> Matrix { (left * core).timesTransposed(right) }

  /// `M·B` for an `n × s` matrix `B`, as `L (C (RᵀB))`.
  public func times(_ b: Matrix) -> Matrix { left * (core * right.transposedTimes(b)) }

  /// `Mᵀ·B` for an `m × s` matrix `B`, as `R (Cᵀ (LᵀB))`.
  public func transposedTimes(_ b: Matrix) -> Matrix { right * core.transposedTimes(left.transposedTimes(b)) }

  /// The thin SVD `M = Ũ diag(s) Ṽᵀ` with `Ũ` of size `m × t`, `Ṽ` of size
  /// `n × t`, `t = min(p, q)`, singular values descending.
  public func singularValueDecomposition() throws -> SingularValueDecomposition.Factored {
    let ql = QRDecomposition(left)
    let qr = QRDecomposition(right)
    let small = (ql.r * core).timesTransposed(qr.r)
    let svd = try SingularValueDecomposition(small)
    return .init(u: ql.q * svd.u, singularValues: svd.singularValues, v: qr.q * svd.v)
  }

  /// The singular values of `M`, descending (`min(p, q)` of them, trailing zeros included).
  /// Only the `R` factors are formed (``QRDecomposition/upperTriangularFactor(_:)``, the
  /// same bits as the full QR's), so this costs about half of ``singularValueDecomposition()``.
  public func singularValues() throws -> [Double] {
    let rl = QRDecomposition.upperTriangularFactor(left)
    let rr = QRDecomposition.upperTriangularFactor(right)
    return try ((rl * core).timesTransposed(rr)).singularValues()
  }
}

extension SingularValueDecomposition {
  /// A thin SVD `M = U diag(s) Vᵀ` assembled from factors (used for matrices
  /// held in factored form, see ``LowRankMatrix``).
  public struct Factored: Sendable {
    /// Left singular vectors, columns orthonormal.
    public let u: Matrix
    /// Singular values, descending.
    public let singularValues: [Double]
    /// Right singular vectors, columns orthonormal.
    public let v: Matrix
  }
}

/// The three norms of a matrix from its singular values `s` (descending).
public struct MatrixNorms: Sendable, Equatable, Codable {
  /// Spectral norm `‖M‖ = σ₁(M)`.
  public let spectral: Double
  /// Frobenius norm `‖M‖_F = (Σ σᵢ²)^{1/2}`.
  public let frobenius: Double
  /// Nuclear norm `‖M‖_* = Σ σᵢ`.
  public let nuclear: Double

  /// The norms from singular values `s` (any order; non-negative).
  public init(singularValues s: [Double]) {
    spectral = s.max() ?? 0
    let scale = spectral
    if scale > 0 {
      frobenius = scale * s.reduce(0) { $0 + ($1 / scale) * ($1 / scale) }.squareRoot()
    } else {
      frobenius = 0
    }
    nuclear = s.reduce(0, +)
  }
}
