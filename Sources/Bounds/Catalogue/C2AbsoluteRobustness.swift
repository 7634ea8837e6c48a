import Foundation
import Flow

/// **C2 Absolute perturbation ⇒ robust convergence** (claim, theory.md §4).
///
/// If `H_abs(ε)` holds with `ε ≤ c₃σ_r` (in the setting `α̂ ≤ α_max`,
/// `k ≥ r`), then for `t ≥ T₂ := c₄ ln(σ₁/α̂)/(σ_r − ε)`:
/// `‖R(t)‖ ≤ c₅ε + τ` and `σ_r(W(t)) ≥ σ_r − ε − τ`.
///
/// *Status.* A claim with constants `c₃`, `c₄`, `c₅`, `α_max` from
/// ``ClaimConstants`` (calibrated once, validated on a disjoint set). theory.md's
/// "`+ floor`" is read as `+ τ`, `τ = max(τ_rel‖X‖_F, floorFactor · floor)`
/// with the floor measured on the unperturbed flow (see ``ClaimConstants``).
/// L10 shows `ε < σ_r` is necessary (`alignedKill` with `ε = σ_r` never learns
/// the r-th direction); theory.md lists only `H_abs(ε)` and `ε ≤ c₃σ_r` as
/// hypotheses, the small-initialization and `k ≥ r` conditions of the setting
/// are checked too (without `k ≥ r`, `σ_r(W) = 0`).
///
/// *Conclusions measured* on the samples with `t ≥ T₂` (skipped when the
/// horizon is shorter than `T₂` or `ε ≥ σ_r`).
public struct C2AbsoluteRobustness: Statement {
  /// The constants used (default: the calibrated ones).
  public let constants: ClaimConstants

  /// C2 with the given constants (default ``ClaimConstants/calibrated``).
  public init(constants: ClaimConstants = .calibrated) { self.constants = constants }

  public var id: String { "C2" }
  public var notes: String? { StatementNotes.shipped(id) }
  public var title: String { "Absolute perturbation ⇒ robust convergence" }
  public var status: Status { .claim }
  public var statement: String {
    "If H_abs(ε) with ε ≤ c₃σ_r (α̂ ≤ α_max, k ≥ r), then for t ≥ T₂ = c₄ ln(σ₁/α̂)/(σ_r − ε): ‖R(t)‖ ≤ c₅ε + τ and σ_r(W(t)) ≥ σ_r − ε − τ; \(constants)"
  }
  public var proof: String {
    "Claim (no proof): constants calibrated once (ClaimConstants.calibrationRecord) and validated on a disjoint set; sharpness of ε < σ_r by L10."
  }

  /// The ε the case declares (`H_abs(ε)`), `nil` otherwise.
  public static func declaredEpsilon(_ bound: PerturbationBound) -> Double? {
    if case .absolute(let e) = bound { return e }
    return nil
  }

  public func hypotheses(for checkCase: Scenario) -> [Hypothesis] {
    let c = constants
    guard let eps = Self.declaredEpsilon(checkCase.bound) else {
      let bound = checkCase.bound
      return [Hypothesis(name: "H_abs(ε) declared", statement: "the case declares an absolute bound H_abs(ε)") { _ in
        HypothesisResult(name: "H_abs(ε) declared", statement: "the case declares an absolute bound (it declares \(bound))", holds: false, worstMargin: -.infinity, at: nil)
      }] + C1RelativeConvergence.alphaAndRank(c)
    }
    let e1 = c.epsilonBound(checkCase.problem)
    let size = Hypothesis(name: "ε ≤ c₃σ_r", statement: "ε = \(eps) ≤ c₃σ_r = \(e1)") { _ in
      HypothesisResult(name: "ε ≤ c₃σ_r", statement: "ε = \(eps) ≤ c₃σ_r = \(e1)", holds: eps <= e1, worstMargin: e1 - eps, at: nil)
    }
    return [.absolute(eps), size] + C1RelativeConvergence.alphaAndRank(c)
  }

  public func measure(_ context: ScenarioContext, on trajectory: Trajectory, refined: Bool) throws -> [Conclusion] {
    let names = ["‖R(t)‖ ≤ c₅ε + τ for t ≥ T₂", "σ_r(W(t)) ≥ σ_r − ε − τ for t ≥ T₂"]
    let p = context.checkCase.problem
    guard let eps = Self.declaredEpsilon(context.checkCase.bound) else {
      return names.map { .skipped($0, reason: "needs a declared absolute bound H_abs(ε), got \(context.checkCase.bound)") }
    }
    let tau = try constants.accuracy(for: p)
    let end = try ClaimPoint(trajectory.samples[trajectory.samples.count - 1].state)
    let atEnd = "at T, ‖R‖ = \(fmt(end.residualSpectral)) (c₅ε + τ = \(fmt(constants.c5 * eps + tau))), σ_r(W) = \(fmt(end.productSigmaR)) (σ_r − ε − τ = \(fmt(p.target.sigmaMin - eps - tau)))"
    guard let t2 = constants.t2(p, epsilon: eps) else {
      return names.map { .skipped($0, reason: "ε = \(fmt(eps)) ≥ σ_r: T₂ undefined, the claim says nothing; \(atEnd)") }
    }
    guard trajectory.tEnd >= t2 else {
      return names.map { .skipped($0, reason: "T = \(fmt(trajectory.tEnd)) < T₂ = \(fmt(t2)): the claim says nothing before T₂; \(atEnd)") }
    }
    let late = trajectory.samples.filter { $0.t >= t2 }
    let points = try late.map { try ClaimPoint($0.state) }
    let times = late.map(\.t)
    let sr = p.target.sigmaMin
    return [
      Conclusion(
        name: names[0], kind: .inequality, times: times, lhs: points.map(\.residualSpectral),
        rhs: Array(repeating: constants.c5 * eps + tau, count: late.count)),
      .atLeast(names[1], times: times, value: points.map(\.productSigmaR), bound: Array(repeating: sr - eps - tau, count: late.count)),
    ]
  }
}
