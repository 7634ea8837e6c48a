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
    let theta = Interval(1) + Interval(-delta, delta)
    let (mn, mx) = Self.extremeEigenvalues(nearlyDiagonal: a)
    minimum = mn / theta
    maximum = mx / theta
  }

  /// Bounds for the symmetric members of `m` given a float basis `q` with
  /// nearly orthonormal columns in which `m` is nearly diagonal (Ostrowski as above).
  ///
  /// - Throws: ``ValidationError/notDecidable(_:)`` when `δ ≥ ½`.
  public init(_ rotated: IntervalMatrix, basisDefect delta: Double) throws {
    guard delta < 0.5 else { throw ValidationError.notDecidable("basis not orthogonal enough (δ = \(delta))") }
    let theta = Interval(1) + Interval(-delta, delta)
    let (mn, mx) = Self.extremeEigenvalues(nearlyDiagonal: rotated)
    minimum = mn / theta
    maximum = mx / theta
  }

  /// Enclosures of `λ_min` and `λ_max` of every symmetric member of a nearly
  /// diagonal box `a`: the better of Gershgorin's discs and the Schur-complement
  /// bound `λ_min ≥ d − ‖f‖²/γ` (`d` the smallest diagonal entry, `f` the rest of
  /// its column, `γ = λ_min(C) − d > 0` with `C` the remaining block, bounded by
  /// Gershgorin): from `d − λ₁ = fᵀ(C − λ₁)⁻¹f ≤ ‖f‖²/(λ_min(C) − λ₁)`. Upper
  /// bound of `λ_min`: the smallest diagonal entry (Rayleigh quotient). Mirror
  /// for `λ_max`.
  public static func extremeEigenvalues(nearlyDiagonal a: IntervalMatrix) -> (Interval, Interval) {
    let n = a.rows
    var lower = Double.infinity, upperOfMin = Double.infinity
    var upper = -Double.infinity, lowerOfMax = -Double.infinity
    var rho = [Double](repeating: 0, count: n)
    for i in 0..<n {
      var r = Interval.zero
      for j in 0..<n where j != i { r += Interval(a[i, j].magnitude) }
      rho[i] = r.hi
      lower = Swift.min(lower, (Interval(a[i, i].lo) - Interval(r.hi)).lo)
      upper = Swift.max(upper, (Interval(a[i, i].hi) + Interval(r.hi)).hi)
      upperOfMin = Swift.min(upperOfMin, a[i, i].hi)
      lowerOfMax = Swift.max(lowerOfMax, a[i, i].lo)
    }
    if n >= 2 {
      // Schur-complement refinement at the smallest and the largest diagonal entry.
      let iMin = (0..<n).min { a[$0, $0].lo < a[$1, $1].lo }!
      let iMax = (0..<n).max { a[$0, $0].hi < a[$1, $1].hi }!
      func restBound(_ p: Int, lowerSide: Bool) -> Double {
        // Gershgorin on the block without row/column p (radius without column p).
        var best = lowerSide ? Double.infinity : -Double.infinity
        for i in 0..<n where i != p {
          var r = Interval.zero
          for j in 0..<n where j != i && j != p { r += Interval(a[i, j].magnitude) }
          if lowerSide { best = Swift.min(best, (Interval(a[i, i].lo) - Interval(r.hi)).lo) }
          else { best = Swift.max(best, (Interval(a[i, i].hi) + Interval(r.hi)).hi) }
        }
        return best
      }
      func offNorm2(_ p: Int) -> Double {
        var s = Interval.zero
        for j in 0..<n where j != p { s += Interval(a[j, p].magnitude).squared }
        return s.hi
      }
      let cMin = restBound(iMin, lowerSide: true)
      let gamma = (Interval(cMin) - Interval(a[iMin, iMin].hi)).lo
      if gamma > 0 {
        let l = (Interval(a[iMin, iMin].lo) - Interval(offNorm2(iMin)) / Interval(gamma)).lo
        lower = Swift.max(lower, l)
      }
      let cMax = restBound(iMax, lowerSide: false)
      let gammaU = (Interval(a[iMax, iMax].lo) - Interval(cMax)).lo
      if gammaU > 0 {
        let u = (Interval(a[iMax, iMax].hi) + Interval(offNorm2(iMax)) / Interval(gammaU)).hi
        upper = Swift.min(upper, u)
      }
    }
    return (Interval(lower, Swift.max(lower, upperOfMin)), Interval(Swift.min(lowerOfMax, upper), upper))
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
