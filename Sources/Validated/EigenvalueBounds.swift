import Flow

/// Rigorous bounds on the extreme eigenvalues of the symmetric members of an
/// interval matrix, and on spectral norms.
///
/// Method (float decomposition + a posteriori bound): take the floating-point
/// eigenvectors `Q` of the midpoint. `Q` is only nearly orthogonal; with
/// `δ ≥ ‖QᵀQ − I‖_∞` (computed in interval arithmetic) every eigenvalue of
/// `QᵀQ` lies in `[1 − δ, 1 + δ]` (Gershgorin). For every symmetric `M` in
/// the box, `Ã = QᵀMQ` lies in the interval product `Qᵀ[M]Q`; Gershgorin's discs
/// of that box give `λ_min(Ã) ≥ minᵢ(lo Ãᵢᵢ − Σ_{j≠i} |Ãᵢⱼ|)` and
/// `λ_max(Ã) ≤ maxᵢ(hi Ãᵢᵢ + Σ_{j≠i} |Ãᵢⱼ|)`, and the Rayleigh quotients
/// `eᵢᵀÃeᵢ` give `λ_min(Ã) ≤ minᵢ hi Ãᵢᵢ`, `λ_max(Ã) ≥ maxᵢ lo Ãᵢᵢ`. Ostrowski's
/// theorem, `λ_k(QᵀMQ) = θ_k λ_k(M)` with `θ_k ∈ [λ_min(QᵀQ), λ_max(QᵀQ)]`,
/// transfers these to `M` by an interval division by `[1 − δ, 1 + δ]`.
/// The bounds are off by about `n · (box width + ulp·‖M‖)`.
public struct SymmetricEigenvalueBounds: Sendable {
  /// An interval containing `λ_min(M)` for every symmetric `M` in the box.
  public let minimum: Interval
  /// An interval containing `λ_max(M)` for every symmetric `M` in the box.
  public let maximum: Interval

  /// Bounds for the symmetric members of the square box `m`.
  ///
  /// - Throws: ``ValidationError/notDecidable(_:)`` when the midpoint's float
  ///   eigenvectors are too far from orthogonal (`δ ≥ ½`) or the box is not finite;
  ///   rethrows the float eigensolver's errors.
  public init(_ m: IntervalMatrix) throws {
    precondition(m.rows == m.columns, "eigenvalue bounds need a square matrix")
    let n = m.rows
    guard m.elements.allSatisfy({ $0.lo.isFinite && $0.hi.isFinite }) else {
      throw ValidationError.notDecidable("eigenvalue bound of a non-finite interval matrix")
    }
    let q = try SymmetricEigendecomposition(m.midpoint).eigenvectors
    let qi = IntervalMatrix(q)
    let qt = qi.transposed
    var c = qt * qi
    for i in 0..<n { c[i, i] = c[i, i] - .one }
    let delta = c.infinityNormUpperBound
    guard delta < 0.5 else { throw ValidationError.notDecidable("float eigenvectors not orthogonal enough (δ = \(delta))") }
    let a = qt * m * qi
    var lower = Double.infinity, upperOfMin = Double.infinity
    var upper = -Double.infinity, lowerOfMax = -Double.infinity
    for i in 0..<n {
      var rho = Interval.zero
      for j in 0..<n where j != i { rho += Interval(a[i, j].magnitude) }
      lower = Swift.min(lower, (Interval(a[i, i].lo) - Interval(rho.hi)).lo)
      upper = Swift.max(upper, (Interval(a[i, i].hi) + Interval(rho.hi)).hi)
      upperOfMin = Swift.min(upperOfMin, a[i, i].hi)
      lowerOfMax = Swift.max(lowerOfMax, a[i, i].lo)
    }
    let theta = Interval(1) + Interval(-delta, delta)
    minimum = Interval(lower, Swift.max(lower, upperOfMin)) / theta
    maximum = Interval(Swift.min(lowerOfMax, upper), upper) / theta
  }
}

extension IntervalMatrix {
  /// An interval containing the spectral norm `‖A‖ = σ₁(A)` of every member:
  /// `√λ_max(AᵀA)` bounded as in ``SymmetricEigenvalueBounds`` (on the smaller
  /// Gram matrix), the upper end also capped by the Frobenius upper bound.
  public func spectralNormBounds() throws -> Interval {
    let g = rows >= columns ? gram : transposed.gram
    let lmax = try SymmetricEigenvalueBounds(g).maximum
    let s = Interval(Swift.max(0, lmax.lo), Swift.max(0, lmax.hi)).squareRoot
    return Interval(s.lo, Swift.min(s.hi, frobeniusNorm.hi))
  }
}

/// Why a validated computation could not decide.
public enum ValidationError: Error, Equatable, CustomStringConvertible {
  /// The enclosures are too wide (or not finite) for the requested bound.
  case notDecidable(String)
  /// The a-priori enclosure could not be validated even at the minimum step.
  case stepFailure(String)
  /// A request the validated mode does not support (with the supported alternative).
  case unsupported(String)
  /// An argument out of range (with the fix).
  case invalidArgument(String)

  /// One line naming the problem and the fix.
  public var description: String {
    switch self {
    case .notDecidable(let s): return "not decidable: \(s); use a smaller step, a higher order or a shorter time"
    case .stepFailure(let s): return "validated step failed: \(s); shorten --t-end or lower the step size"
    case .unsupported(let s): return "unsupported: \(s)"
    case .invalidArgument(let s): return "invalid argument: \(s)"
    }
  }
}
