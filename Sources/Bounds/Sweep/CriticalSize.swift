import Foundation
import Flow

/// The empirical critical size of a perturbation family: the size at which
/// the flow stops converging, found by a deterministic bisection.
///
/// **Convergence criterion** (one integration to the bisection horizon
/// `t_b = bisectionHorizon · ln(σ₁/α̂)/σ_r`, rtol 1e-8, atol 1e-12, at most
/// ``maxSteps`` steps, with `τ` from ``ClaimConstants/accuracy(for:)``):
/// - C1 (relative sizes δ): *converged* ⇔ `‖R(t_b)‖_F ≤ τ`.
/// - C2 (absolute sizes ε): *converged* ⇔ `‖R(t_b)‖ ≤ c₅ε + τ` and
///   `σ_r(W(t_b)) ≥ max(σ_r − ε − τ, τ)`: C2's conclusions, plus "the r-th
///   direction is learned at all" (`≥ τ`), without which the recovery part is
///   vacuous once `ε ≥ σ_r − τ`. (The residual part matters: past σ_r the
///   greedy adversary makes `W` large in wrong directions, so `σ_r(W)` alone
///   would call that converged.)
/// An integration that fails (step-size underflow or step budget) counts as
/// *not converged*: it happens with the greedy adversaries past their critical
/// size, where the flow stalls at a point with `M = RVVᵀ + UUᵀR ≈ 0`, `R ≠ 0`,
/// and the normalized adversary `−b·polar_μ(M)` flips direction (a sliding
/// mode an explicit integrator cannot follow).
///
/// The critical size is relative to the finite horizon `t_b`: a family that
/// only slows the flow (L9's `scaling`, time `∝ 1/(1 − δ)`) "fails" once its
/// convergence time exceeds `t_b`.
///
/// **Search.** The criteria are *not* monotone in the size: C2's degenerates
/// past `σ_r` (the recovery clause becomes `σ_r(W) ≥ τ` and `c₅ε ≥ σ_r`
/// covers an unlearned r-th direction), so the greedy adversary "converges" at
/// `ε = 1.5σ_r` on problems where it stalls the flow at `ε = 0.375σ_r` (found
/// in the second calibration, 8×11 k = r = 4 κ = 1 α = 2e-2 seed 1). The
/// critical size is therefore the **first failure from below**: `lower` must
/// converge (else the result is `[0, lower]`); then the sizes
/// `lower + (upper − lower)·j/gridPoints`, `j = 1, …, gridPoints`, are probed
/// in increasing order until one fails (none fails: `[upper, ∞)`); the bracket
/// between the last converging and the first failing grid size is then halved
/// `iterations` times (width `(upper − lower)/(gridPoints · 2^iterations)`),
/// and ``estimate`` is its midpoint. (Before 2026-11-24's second calibration
/// the upper end was probed first and a converging upper end ended the search
/// — the bug behind the first calibration's `c₃ = c3Cap`.)
public struct CriticalSize: Sendable {
  /// One evaluated size.
  public struct Probe: Sendable {
    /// The size (δ or ε).
    public let size: Double
    /// Whether the flow converged by the criterion.
    public let converged: Bool
    /// `nil`, or the integration error that counted as non-convergence.
    public let failure: String?

    /// A probe result.
    public init(size: Double, converged: Bool, failure: String?) {
      self.size = size
      self.converged = converged
      self.failure = failure
    }
  }

  /// The largest size seen to converge.
  public let lower: Double
  /// The smallest size seen to fail (`∞` if even the initial upper end converged).
  public let upper: Double
  /// Every evaluated size, in order.
  public let probes: [Probe]

  /// Largest step budget of one probe (a failing, chattering run stops here).
  public static let maxSteps = 4000

  /// The bracket's midpoint (or `lower` when nothing failed).
  public var estimate: Double { upper.isFinite ? 0.5 * (lower + upper) : lower }

  /// Default number of grid sizes scanned from below before bisecting.
  public static let defaultGridPoints = 8

  /// First failure of `converges` on a grid of `[lower, upper]` scanned from
  /// below, then `iterations` halvings of the bracket (see the type's description).
  public static func bisect(
    lower: Double, upper: Double, iterations: Int, gridPoints: Int = CriticalSize.defaultGridPoints,
    converges: (Double) throws -> Probe
  ) rethrows -> CriticalSize {
    precondition(gridPoints >= 1, "at least one grid size")
    var probes: [Probe] = []
    let bottom = try converges(lower)
    probes.append(bottom)
    if !bottom.converged { return CriticalSize(lower: 0, upper: lower, probes: probes) }
    var lo = lower
    var hi = Double.infinity
    for j in 1...gridPoints {
      let size = j == gridPoints ? upper : lower + (upper - lower) * Double(j) / Double(gridPoints)
      let p = try converges(size)
      probes.append(p)
      if p.converged { lo = size } else { hi = size; break }
    }
    if !hi.isFinite { return CriticalSize(lower: upper, upper: .infinity, probes: probes) }
    for _ in 0..<iterations {
      let mid = 0.5 * (lo + hi)
      let p = try converges(mid)
      probes.append(p)
      if p.converged { lo = mid } else { hi = mid }
    }
    return CriticalSize(lower: lo, upper: hi, probes: probes)
  }

  /// The final state at `t_b` under `perturbation`, or the integration error.
  static func finalState(_ problem: Problem, _ perturbation: any Perturbation, constants: ClaimConstants) throws -> Result<ClaimPoint, Error> {
    var options = Simulation.defaultOptions
    options.maxSteps = maxSteps
    let tb = constants.bisectionHorizon * ClaimConstants.timeScale(problem)
    do {
      let result = try Simulation(problem: problem, perturbation: perturbation, tEnd: tb, options: options).run()
      return .success(try ClaimPoint(result.final))
    } catch let error as IntegrationError {
      return .failure(error)
    }
  }

  /// C1's criterion for `greedyRel:δ` (see the type's description).
  public static func c1Probe(_ problem: Problem, delta: Double, constants: ClaimConstants, tau: Double) throws -> Probe {
    switch try finalState(problem, try GreedyPerturbation(budget: .relative(delta)), constants: constants) {
    case .success(let p): return Probe(size: delta, converged: p.residualFrobenius <= tau, failure: nil)
    case .failure(let e): return Probe(size: delta, converged: false, failure: "\(e)")
    }
  }

  /// C2's criterion for `greedy:ε` (see the type's description).
  public static func c2Probe(_ problem: Problem, epsilon: Double, constants: ClaimConstants, tau: Double) throws -> Probe {
    switch try finalState(problem, try GreedyPerturbation(budget: .absolute(epsilon)), constants: constants) {
    case .success(let p):
      let need = max(problem.target.sigmaMin - epsilon - tau, tau)
      let ok = p.productSigmaR >= need && p.residualSpectral <= constants.c5 * epsilon + tau
      return Probe(size: epsilon, converged: ok, failure: nil)
    case .failure(let e): return Probe(size: epsilon, converged: false, failure: "\(e)")
    }
  }

  /// The critical δ of the greedy relative adversary, bisected on
  /// `δκ_F ∈ [0, upperUnits]` (so `δ ∈ [0, upperUnits/κ_F]`).
  public static func greedyRelative(_ problem: Problem, constants: ClaimConstants, iterations: Int, upperUnits: Double = 2) throws -> CriticalSize {
    let tau = try constants.accuracy(for: problem)
    let kf = problem.target.kappaF
    return try bisect(lower: 0, upper: upperUnits / kf, iterations: iterations) {
      try c1Probe(problem, delta: $0, constants: constants, tau: tau)
    }
  }

  /// The critical ε of the greedy absolute adversary, bisected on
  /// `ε/σ_r ∈ [0, upperUnits]`.
  public static func greedyAbsolute(_ problem: Problem, constants: ClaimConstants, iterations: Int, upperUnits: Double = 1.5) throws -> CriticalSize {
    let tau = try constants.accuracy(for: problem)
    let sr = problem.target.sigmaMin
    return try bisect(lower: 0, upper: upperUnits * sr, iterations: iterations) {
      try c2Probe(problem, epsilon: $0, constants: constants, tau: tau)
    }
  }
}
