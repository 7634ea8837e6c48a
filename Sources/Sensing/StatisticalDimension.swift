import Flow
import Foundation

/// A Monte Carlo estimate of `δ_nuc`, the statistical dimension of the
/// nuclear-norm descent cone at a rank-r `n1 × n2` matrix (theory.md §8;
/// Amelunxen–Lotz–McCoy–Tropp 2014):
///
///     δ_nuc ≈ inf_{τ ≥ 0} [ r(n1 + n2 − r) + rτ² + E Σ_i (σ_i(G) − τ)₊² ],
///
/// `G` an `(n1 − r) × (n2 − r)` standard Gaussian matrix.
public struct StatisticalDimensionEstimate: Sendable {
  /// The estimate of `δ_nuc` (measurements).
  public let value: Double
  /// Its Monte Carlo standard error: the sample standard deviation of
  /// `Σ_i (σ_i(G) − τ*)₊²` over `√samples` (the `τ` optimization adds only
  /// a second-order bias).
  public let standardError: Double
  /// The minimizing `τ*`.
  public let tau: Double
  /// Number of Gaussian samples.
  public let samples: Int
  /// `dof = r(n1 + n2 − r)`.
  public let degreesOfFreedom: Int
}

/// `δ_nuc` by seeded Monte Carlo (`samples` draws of `G` from stream
/// `"sensing.deltaNuc"` of `seed`; cost `samples` SVDs of `(n1−r)×(n2−r)`).
/// The objective is convex in `τ`; `τ*` is the root of its derivative
/// `2rτ − 2·mean Σ_i (σ_i − τ)₊`, found by bisection to machine precision.
///
/// - Throws: ``SensingError/invalidValue(_:)`` for `r < 1`, `r > min(n1, n2)`
///   or `samples < 2`.
public func nuclearNormStatisticalDimension(n1: Int, n2: Int, r: Int, samples: Int = 200, seed: UInt64 = 1) throws -> StatisticalDimensionEstimate {
  guard r >= 1, r <= min(n1, n2) else { throw SensingError.invalidValue("δ_nuc needs 1 ≤ r ≤ min(n1, n2) (got r = \(r) for \(n1)×\(n2))") }
  guard samples >= 2 else { throw SensingError.invalidValue("δ_nuc needs at least 2 Monte Carlo samples (got \(samples))") }
  let dof = r * (n1 + n2 - r)
  let p = n1 - r, q = n2 - r
  if p == 0 || q == 0 {
    return StatisticalDimensionEstimate(value: Double(dof), standardError: 0, tau: 0, samples: samples, degreesOfFreedom: dof)
  }
  var rng = SeededGenerator(seed: seed, stream: "sensing.deltaNuc")
  var values: [[Double]] = []
  values.reserveCapacity(samples)
  for _ in 0..<samples {
    values.append(try rng.gaussianMatrix(rows: p, columns: q).singularValues())
  }
  let rr = Double(r)
  func meanExcess(_ tau: Double) -> Double {
    var s = 0.0
    for sv in values { for x in sv where x > tau { s += x - tau } }
    return s / Double(samples)
  }
  var lo = 0.0, hi = values.map { $0.first ?? 0 }.max() ?? 0
  for _ in 0..<200 {
    let mid = 0.5 * (lo + hi)
    if mid <= lo || mid >= hi { break }
    if rr * mid - meanExcess(mid) < 0 { lo = mid } else { hi = mid }
  }
  let tau = 0.5 * (lo + hi)
  let per = values.map { sv in sv.reduce(0.0) { $0 + ($1 > tau ? ($1 - tau) * ($1 - tau) : 0) } }
  let mean = per.reduce(0, +) / Double(samples)
  let variance = per.reduce(0.0) { $0 + ($1 - mean) * ($1 - mean) } / Double(samples - 1)
  return StatisticalDimensionEstimate(
    value: Double(dof) + rr * tau * tau + mean, standardError: (variance / Double(samples)).squareRoot(),
    tau: tau, samples: samples, degreesOfFreedom: dof)
}
