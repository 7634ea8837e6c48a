import Flow
import Foundation

/// Reusable, deterministic (seeded) measurements for the sensing statements
/// of theory.md §7–§8 (C4 recovery, SGD batch size, error floor).
///
/// Every trial draws its own problem seed from stream `"sensing.trials"` of
/// the given seed, so results do not depend on the order of evaluation;
/// operator and noise use the trial's problem seed (``SensingProblem/generate(_:)``).
/// Gradient descent runs with `η = 0.25/σ₁` and the Theorem 2.8 step count
/// (``GradientDescentOptions/theoremSteps(for:eta:)``) unless given. A run
/// that diverges counts as a failure with error `+∞`.
public enum SensingExperiments {
  /// The per-trial seeds of `seed`.
  public static func trialSeeds(_ seed: UInt64, count: Int) -> [UInt64] {
    var rng = SeededGenerator(seed: seed, stream: "sensing.trials")
    return (0..<count).map { _ in rng.next() }
  }

  /// One gradient-descent run on `spec` (problem seed as given); returns the
  /// relative error `‖U_KV_Kᵀ − X‖_F/‖X‖_F` (`+∞` on divergence).
  public static func finalRelativeError(_ spec: SensingSpec, sampling: BatchSampling = .full, eta: Double? = nil, steps: Int? = nil, batchSeed: UInt64 = 1) throws -> Double {
    try finalErrors(spec, sampling: sampling, eta: eta, steps: steps, batchSeed: batchSeed).relative
  }

  /// Relative (Frobenius) and spectral final errors of one run (`+∞` on divergence).
  public static func finalErrors(_ spec: SensingSpec, sampling: BatchSampling = .full, eta: Double? = nil, steps: Int? = nil, batchSeed: UInt64 = 1) throws -> (relative: Double, spectral: Double) {
    let problem = try SensingProblem.generate(spec)
    let h = eta ?? GradientDescentOptions.defaultEta(for: problem.problem)
    var options = GradientDescentOptions(eta: h, steps: try steps ?? GradientDescentOptions.theoremSteps(for: problem.problem, eta: h))
    options.sampling = sampling
    options.seed = batchSeed
    do {
      let result = try GradientDescent(problem: problem, options: options).run()
      return (result.relativeError, result.spectralError)
    } catch SensingError.diverged {
      return (.infinity, .infinity)
    }
  }
}

/// The outcome of repeated recovery trials.
public struct RecoveryEstimate: Sendable {
  /// Trials that reached relative error ≤ the tolerance.
  public let successes: Int
  /// Number of trials.
  public let trials: Int
  /// Relative errors of the trials, in trial order.
  public let errors: [Double]
  /// `successes / trials`.
  public var probability: Double { Double(successes) / Double(trials) }
}

/// C4: the empirical recovery probability with `m` measurements. Each of the
/// `trials` draws a fresh problem (seed from ``SensingExperiments/trialSeeds(_:count:)``),
/// runs full-batch gradient descent and counts
/// `‖U_KV_Kᵀ − X‖_F/‖X‖_F ≤ tolerance` (default 1e-2) as success.
public func recoverySuccess(_ spec: SensingSpec, m: Int, trials: Int, seed: UInt64, tolerance: Double = 1e-2, eta: Double? = nil, steps: Int? = nil) throws -> RecoveryEstimate {
  guard trials >= 1 else { throw SensingError.invalidValue("trials must be ≥ 1 (got \(trials))") }
  var errors: [Double] = []
  for s in SensingExperiments.trialSeeds(seed, count: trials) {
    var trial = spec
    trial.measurements = m
    trial.problem.seed = s
    trial.operatorSeed = nil
    errors.append(try SensingExperiments.finalRelativeError(trial, eta: eta, steps: steps))
  }
  return RecoveryEstimate(successes: errors.filter { $0 <= tolerance }.count, trials: trials, errors: errors)
}

/// The result of a batch-size bisection.
public struct BatchSizeSearch: Sendable {
  /// The smallest batch size in `[lower, upper]` whose success fraction reached
  /// the threshold (`nil` if even `upper` failed).
  public let batchSize: Int?
  /// Every `(b, successFraction)` evaluated, in order.
  public let evaluations: [(batchSize: Int, fraction: Double)]
}

/// Theorem 2.9's law: the smallest mini-batch size `b ∈ [lower, upper]` for
/// which SGD (``BatchSampling/fresh(batchSize:)`` when `fresh`, else pool
/// sampling from `spec.measurements`) recovers `X` (relative error ≤
/// `tolerance`) in at least `fraction` of `trials` seeded trials, by
/// bisection (assumes success is monotone in `b`; `⌈log₂(upper − lower)⌉ + 1`
/// evaluations of `trials` runs each). Trial `t` uses the same problem at every `b`.
public func smallestRecoveringBatch(
  _ spec: SensingSpec, lower: Int, upper: Int, fresh: Bool = true, trials: Int = 3, fraction: Double = 1,
  seed: UInt64 = 1, tolerance: Double = 1e-2, eta: Double? = nil, steps: Int? = nil
) throws -> BatchSizeSearch {
  guard lower >= 1, upper >= lower else { throw SensingError.invalidValue("the batch range must satisfy 1 ≤ lower ≤ upper (got \(lower)…\(upper))") }
  guard trials >= 1, fraction > 0, fraction <= 1 else { throw SensingError.invalidValue("need trials ≥ 1 and 0 < fraction ≤ 1") }
  let seeds = SensingExperiments.trialSeeds(seed, count: trials)
  var evaluations: [(batchSize: Int, fraction: Double)] = []
  func passes(_ b: Int) throws -> Bool {
    var ok = 0
    for s in seeds {
      var trial = spec
      trial.problem.seed = s
      trial.operatorSeed = nil
      let e = try SensingExperiments.finalRelativeError(trial, sampling: fresh ? .fresh(batchSize: b) : .pool(batchSize: b), eta: eta, steps: steps, batchSeed: s)
      if e <= tolerance { ok += 1 }
    }
    let f = Double(ok) / Double(trials)
    evaluations.append((b, f))
    return f >= fraction
  }
  guard try passes(upper) else { return BatchSizeSearch(batchSize: nil, evaluations: evaluations) }
  var lo = lower - 1, hi = upper  // invariant: hi passes, lo fails (or is below the range)
  while hi - lo > 1 {
    let mid = lo + (hi - lo) / 2
    if try passes(mid) { hi = mid } else { lo = mid }
  }
  return BatchSizeSearch(batchSize: hi, evaluations: evaluations)
}

/// One point of the error-floor sweep.
public struct ErrorFloorPoint: Sendable {
  /// Init scale α (entries of `U(0)`, `V(0)` iid `N(0, α²)`).
  public let alpha: Double
  /// `a₀ = ‖Z(0)‖`.
  public let a0: Double
  /// Steps taken (Theorem 2.8's count for this `a₀` unless given).
  public let steps: Int
  /// `‖U_KV_Kᵀ − X‖` (spectral, as in Theorem 2.8).
  public let spectralError: Double
}

/// §7's error floor: noise-free gradient descent at each init scale in
/// `alphas` (same target, operator and init directions: only `α` changes),
/// the final spectral error against `a₀`, and the least-squares slope of
/// `log error` against `log a₀` (the theorem bounds the error by `a₀^{4/3}σ_r^{1/3}`;
/// report the measured slope beside 4/3).
public func errorFloor(_ spec: SensingSpec, alphas: [Double], eta: Double? = nil, steps: Int? = nil) throws -> (points: [ErrorFloorPoint], slope: Double) {
  guard alphas.count >= 2 else { throw SensingError.invalidValue("the error-floor sweep needs at least 2 values of α") }
  var points: [ErrorFloorPoint] = []
  for alpha in alphas {
    var s = spec
    s.problem.alpha = alpha
    let problem = try SensingProblem.generate(s)
    let a0 = try FlowState(t: 0, target: problem.problem.target, u: problem.problem.u0, v: problem.problem.v0).zSpectralNorm()
    let h = eta ?? GradientDescentOptions.defaultEta(for: problem.problem)
    let k = try steps ?? GradientDescentOptions.theoremSteps(for: problem.problem, eta: h)
    let result = try GradientDescent(problem: problem, options: GradientDescentOptions(eta: h, steps: k)).run()
    points.append(ErrorFloorPoint(alpha: alpha, a0: a0, steps: k, spectralError: result.spectralError))
  }
  return (points, logLogSlope(x: points.map(\.a0), y: points.map(\.spectralError)))
}

/// The least-squares slope of `log y` against `log x` (positive finite pairs only; NaN if fewer than 2).
public func logLogSlope(x: [Double], y: [Double]) -> Double {
  let pairs = zip(x, y).filter { $0 > 0 && $1 > 0 && $0.isFinite && $1.isFinite }.map { (Foundation.log($0), Foundation.log($1)) }
  guard pairs.count >= 2 else { return .nan }
  let mx = pairs.map(\.0).reduce(0, +) / Double(pairs.count)
  let my = pairs.map(\.1).reduce(0, +) / Double(pairs.count)
  let sxy = pairs.reduce(0.0) { $0 + ($1.0 - mx) * ($1.1 - my) }
  let sxx = pairs.reduce(0.0) { $0 + ($1.0 - mx) * ($1.0 - mx) }
  return sxy / sxx
}
