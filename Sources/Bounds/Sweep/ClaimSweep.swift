import Foundation

/// A claim checked by a sweep of its own (theory.md §4, "convergence holds
/// exactly when the bound holds"): the final error and the settling time of
/// its conclusion against the perturbation size in units of the bound, per
/// family, on one problem; the sharp family's threshold, where the conclusion
/// must break; and the greedy adversary's critical size, whose ratio to the
/// bound is the tightness ratio. Conform a claim to take part in the report's
/// claim sweeps (``ClaimSweep``); C1 and C2 do.
public protocol SweptClaim: Statement {
  /// The families swept (the witness family among them).
  var sweptFamilies: [PerturbationFamily] { get }
  /// The bound's size for a problem (the unit of `s`): `δ₁ = c₁/κ_F` or `ε₁ = c₃σ_r`.
  func boundSize(_ problem: Problem) -> Double
  /// The sharp family (the witness) and its threshold in units of the bound.
  func witness(_ problem: Problem) -> (family: PerturbationFamily, threshold: Double)
  /// The witness threshold in words, e.g. `"sharp threshold δ = 1 (L9)"`.
  var witnessLabel: String { get }
  /// The adversary whose critical size is bisected, e.g. `"greedyRel"`.
  var adversaryName: String { get }
  /// The conclusion's error measure on a sweep figure, e.g. `"‖R(T)‖_F / ‖X‖_F"`.
  var errorLabel: String { get }
  /// One sweep point: the final error, the settling time of the conclusion
  /// and the promised time at size `s` (units of the bound) of `family`.
  func sweepPoint(_ problem: Problem, seed: UInt64, family: PerturbationFamily, size s: Double) throws -> JSONValue
  /// The adversary's critical size (in absolute units) by `iterations` halvings.
  func criticalSize(_ problem: Problem, iterations: Int) throws -> CriticalSize
}

extension SweptClaim {
  /// The sizes swept for a family: `sizes`, plus the sharp threshold and 1.5 × it
  /// for the witness family (where the conclusion must break).
  public func sweptSizes(_ sizes: [Double], _ family: PerturbationFamily, _ problem: Problem) -> [Double] {
    let w = witness(problem)
    return family == w.family ? sizes + [w.threshold, 1.5 * w.threshold] : sizes
  }
}

/// The report's claim sweeps: one unit per (claim, family, size) and one
/// bisection unit per claim, on ``problem``, with the plan's sizes and halvings.
public struct ClaimSweep: Sendable {
  /// The problem of the phase diagrams: the harder validation problem
  /// (10×14, k = r = 3, κ = 1, α = 1e-2, seed 11; see ``ClaimConstants/calibrationRecord``).
  public static let problem = ScenarioSpec(
    problem: ProblemSpec(n1: 10, n2: 14, k: 3, r: 3, kappa: 1, alpha: 1e-2, seed: 11), perturbation: "zero", tEnd: 1)

  /// The claims swept.
  public let claims: [any SweptClaim]
  /// Sizes in units of the bound.
  public let sizes: [Double]
  /// Bisection halvings for the critical size.
  public let bisections: Int

  /// The sweep of `claims` with the plan's sizes and halvings.
  public init(claims: [any SweptClaim], budget: SweepPlan.ClaimBudget) {
    self.claims = claims
    sizes = budget.sizes
    bisections = budget.bisections
  }

  /// The unit key of one sweep point.
  public static func key(_ claim: any SweptClaim, _ family: PerturbationFamily, _ s: Double) -> String {
    "claim:\(claim.id):\(family.name):\(s)"
  }

  /// The unit key of a claim's critical-size bisection.
  public static func criticalKey(_ claim: any SweptClaim) -> String { "claim:\(claim.id):critical" }

  /// The units, in a fixed order.
  public var units: [ExtraUnit] {
    var out: [ExtraUnit] = []
    guard let problem = try? Self.problem.problem.problem() else { return [] }
    let seed = Self.problem.problem.seed
    for claim in claims {
      for family in claim.sweptFamilies {
        for s in claim.sweptSizes(sizes, family, problem) {
          out.append(ExtraUnit(key: Self.key(claim, family, s)) {
            try claim.sweepPoint(try Self.problem.problem.problem(), seed: seed, family: family, size: s)
          })
        }
      }
      let iterations = bisections
      out.append(ExtraUnit(key: Self.criticalKey(claim)) {
        let p = try Self.problem.problem.problem()
        let c = try claim.criticalSize(p, iterations: iterations)
        let bound = claim.boundSize(p)
        return .object([
          ("lower", .exact(c.lower / bound)), ("upper", .exact(c.upper / bound)), ("probes", .integer(c.probes.count)),
        ])
      })
    }
    return out
  }
}
