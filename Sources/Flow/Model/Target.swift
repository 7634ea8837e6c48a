/// The target `X ∈ R^{n1×n2}` of rank `r` in compact SVD form `X = Φ Σ Ψᵀ`.
///
/// `Φ` (`n1 × r`) and `Ψ` (`n2 × r`) have orthonormal columns and
/// `Σ = diag(σ₁ ≥ … ≥ σ_r > 0)`. The flow's right-hand side uses only these
/// factors, never the dense `n1 × n2` matrix.
public struct Target: Sendable {
  /// Left singular vectors `Φ` (`n1 × r`).
  public let phi: Matrix
  /// Singular values `σ₁ ≥ … ≥ σ_r > 0`.
  public let sigma: [Double]
  /// Right singular vectors `Ψ` (`n2 × r`).
  public let psi: Matrix

  /// Rows of X, `n1`.
  public var n1: Int { phi.rows }
  /// Columns of X, `n2`.
  public var n2: Int { psi.rows }
  /// Rank `r`.
  public var rank: Int { sigma.count }
  /// Largest singular value `σ₁ = ‖X‖`.
  public var sigmaMax: Double { sigma.first ?? 0 }
  /// Smallest non-zero singular value `σ_r`.
  public var sigmaMin: Double { sigma.last ?? 0 }
  /// Condition number `κ = σ₁/σ_r`.
  public var kappa: Double { sigmaMax / sigmaMin }
  /// `‖X‖_F = (Σ σᵢ²)^{1/2}`.
  public var frobeniusNorm: Double { MatrixNorms(singularValues: sigma).frobenius }
  /// Frobenius condition number `κ_F = ‖X‖_F / σ_r`.
  public var kappaF: Double { frobeniusNorm / sigmaMin }

  /// A target from its factors.
  ///
  /// - Throws: ``ProblemError`` when shapes disagree, a value is non-finite,
  ///   the singular values are not positive and non-increasing, or `Φ`, `Ψ`
  ///   are not orthonormal to `1e-10`.
  public init(phi: Matrix, sigma: [Double], psi: Matrix) throws {
    guard phi.columns == sigma.count, psi.columns == sigma.count else {
      throw ProblemError.dimensionMismatch(
        "Φ is \(phi.rows)×\(phi.columns), Ψ is \(psi.rows)×\(psi.columns) but Σ has \(sigma.count) values; all three need r columns")
    }
    guard !sigma.isEmpty else { throw ProblemError.invalidValue("the target has rank 0; X must be non-zero") }
    guard phi.isFinite, psi.isFinite, sigma.allSatisfy(\.isFinite) else { throw ProblemError.nonFinite("the target factors") }
    for i in 0..<sigma.count {
      guard sigma[i] > 0, i == 0 || sigma[i] <= sigma[i - 1] else {
        throw ProblemError.invalidValue("singular values must be positive and non-increasing, got \(sigma)")
      }
    }
    for (name, m) in [("Φ", phi), ("Ψ", psi)] {
      let defect = (m.transposedTimes(m) - .identity(m.columns)).maxAbs
      guard defect <= 1e-10 else {
        throw ProblemError.invalidValue("\(name) is not orthonormal (‖\(name)ᵀ\(name) − I‖_max = \(defect))")
      }
    }
    self.phi = phi
    self.sigma = sigma
    self.psi = psi
  }

  /// The target of a dense matrix `X`: its compact SVD, truncated at the
  /// numerical rank.
  ///
  /// The rank is the number of singular values above
  /// `rankTolerance` (default `max(n1, n2) · ulp(1) · σ₁`, the LAPACK
  /// convention). Costs one dense SVD, `O(n1·n2·min(n1, n2))`.
  ///
  /// - Throws: ``ProblemError/nonFinite(_:)`` for NaN/∞ entries,
  ///   ``ProblemError/invalidValue(_:)`` for `X = 0`.
  public init(factoring x: Matrix, rankTolerance: Double? = nil) throws {
    guard x.isFinite else { throw ProblemError.nonFinite("X") }
    guard x.rows > 0, x.columns > 0 else { throw ProblemError.invalidValue("X is empty (\(x.rows)×\(x.columns))") }
    let svd = try SingularValueDecomposition(x)
    let s = svd.singularValues
    let tol = rankTolerance ?? (Double(max(x.rows, x.columns)) * Double.ulpOfOne * (s.first ?? 0))
    let r = s.prefix { $0 > tol }.count
    guard r > 0 else { throw ProblemError.invalidValue("X is zero (up to rounding); the target must be non-zero") }
    try self.init(phi: svd.u.columns(0..<r), sigma: Array(s.prefix(r)), psi: svd.v.columns(0..<r))
  }

  /// The dense `X = Φ Σ Ψᵀ` (`n1 × n2`; costs `O(n1·n2·r)`).
  public func dense() -> Matrix { phiSigma.timesTransposed(psi) }

  /// The residual `R = X − UVᵀ = [Φ U] diag(Σ, −I) [Ψ V]ᵀ` in factored form
  /// (rank ≤ r + k; its norms cost `O((n1 + n2)(r + k)²)`).
  public func residual(u: Matrix, v: Matrix) -> LowRankMatrix {
    let diag = sigma + Array(repeating: -1.0, count: u.columns)
    return LowRankMatrix(left: phi.appendingColumns(u), core: .diagonal(diag), right: psi.appendingColumns(v))
  }

  /// `ΦΣ` (`n1 × r`).
  public var phiSigma: Matrix {
    var m = phi
    for i in 0..<m.rows { for j in 0..<rank { m[i, j] *= sigma[j] } }
    return m
  }

  /// `ΨΣ` (`n2 × r`).
  public var psiSigma: Matrix {
    var m = psi
    for i in 0..<m.rows { for j in 0..<rank { m[i, j] *= sigma[j] } }
    return m
  }
}

/// How the singular values of a generated target are chosen.
public enum Spectrum: Sendable, Hashable {
  /// Explicit values `σ₁ ≥ … ≥ σ_r > 0`.
  case values([Double])
  /// `r` values spaced geometrically from `σ₁` down to `σ₁/κ`
  /// (`σ_i = σ₁ κ^{−(i−1)/(r−1)}`; a single value `σ₁` when `r = 1`).
  case geometric(sigma1: Double, kappa: Double, rank: Int)

  /// The singular values, descending.
  ///
  /// - Throws: ``ProblemError/invalidValue(_:)`` for non-positive,
  ///   increasing or non-finite values, `κ < 1` or rank < 1.
  public func values() throws -> [Double] {
    switch self {
    case .values(let s):
      guard !s.isEmpty else { throw ProblemError.invalidValue("--sigma needs at least one value") }
      guard s.allSatisfy({ $0.isFinite && $0 > 0 }) else {
        throw ProblemError.invalidValue("singular values must be finite and > 0, got \(s)")
      }
      guard zip(s, s.dropFirst()).allSatisfy({ $0 >= $1 }) else {
        throw ProblemError.invalidValue("singular values must be non-increasing (σ₁ ≥ … ≥ σ_r), got \(s)")
      }
      return s
    case .geometric(let sigma1, let kappa, let rank):
      guard rank >= 1 else { throw ProblemError.invalidValue("rank r must be ≥ 1 (got \(rank))") }
      guard sigma1.isFinite, sigma1 > 0 else { throw ProblemError.invalidValue("σ₁ must be finite and > 0 (got \(sigma1))") }
      guard kappa.isFinite, kappa >= 1 else { throw ProblemError.invalidValue("κ must be finite and ≥ 1 (got \(kappa))") }
      if rank == 1 { return [sigma1] }
      return (0..<rank).map { i in sigma1 * Foundation.pow(kappa, -Double(i) / Double(rank - 1)) }
    }
  }
}

import Foundation
