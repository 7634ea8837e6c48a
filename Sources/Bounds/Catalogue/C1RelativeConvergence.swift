import Foundation
import Flow

/// **C1 Relative perturbation ⇒ fast convergence** (claim, theory.md §4).
///
/// If `H_rel(δ)` holds with `δ ≤ δ₁ := c₁/κ_F`, the initialization is small
/// (`α̂ ≤ α_max`) and `k ≥ r`, then `‖R(t)‖_F ≤ τ` for all
/// `t ≥ T₁ := c₂ ln(σ₁/α̂)/(σ_r(1 − δκ_F))`.
///
/// *Status.* A claim: the paper's theorem in quantitative form, with the
/// constants `c₁`, `c₂`, `α_max` and the accuracy rule `τ = max(τ_rel‖X‖_F,
/// floorFactor · floor)` taken from ``ClaimConstants`` (calibrated once on
/// ``Calibration/calibrationSet``, validated on the disjoint
/// ``Calibration/validationSet``). No proof here; L9 shows `δ ≥ 1` cannot work
/// (`scaling` with `δ = 1` freezes the flow), so `c₁ < 1` (and `δκ_F < 1`
/// makes `T₁` finite).
///
/// *Hypotheses checked* (never assumed): `H_rel(δ)` with the δ declared by the
/// case at every sample (a case with `E ≡ 0`, declared `H_abs(0)`, is
/// `H_rel(0)`); `δ ≤ c₁/κ_F`; `α̂ ≤ α_max` with
/// `α̂ = ‖[U(0); V(0)]‖_F/√((n1+n2)k)`; `k ≥ r`.
///
/// *Conclusion measured* on the samples with `t ≥ T₁` (the part is skipped when
/// `δκ_F ≥ 1`, where `T₁` is undefined, or when the horizon is shorter than `T₁`).
/// The check covers `[T₁, T]` only; "for all `t ≥ T₁`" beyond the horizon is
/// not observable.
public struct C1RelativeConvergence: Statement {
  /// The constants used (default: the calibrated ones).
  public let constants: ClaimConstants

  /// C1 with the given constants (default ``ClaimConstants/calibrated``).
  public init(constants: ClaimConstants = .calibrated) { self.constants = constants }

  public var id: String { "C1" }
  public var notes: String? { StatementNotes.shipped(id) }
  public var title: String { "Relative perturbation ⇒ fast convergence" }
  public var status: Status { .claim }
  public var statement: String {
    "If H_rel(δ) with δ ≤ c₁/κ_F, α̂ ≤ α_max and k ≥ r, then ‖R(t)‖_F ≤ τ for all t ≥ T₁ = c₂ ln(σ₁/α̂)/(σ_r(1 − δκ_F)); \(constants)"
  }
  public var proof: String {
    "Claim (no proof): constants calibrated once (ClaimConstants.calibrationRecord) and validated on a disjoint set; sharpness of δ < 1 by L9."
  }

  /// The δ the case declares: `H_rel(δ)`, or `0` for a declared `H_abs(0)`; `nil` otherwise.
  public static func declaredDelta(_ bound: PerturbationBound) -> Double? {
    switch bound {
    case .relative(let d): return d
    case .absolute(let e) where e == 0: return 0
    default: return nil
    }
  }

  public func hypotheses(for checkCase: Scenario) -> [Hypothesis] {
    let p = checkCase.problem
    let c = constants
    guard let delta = Self.declaredDelta(checkCase.bound) else {
      let bound = checkCase.bound
      return [Hypothesis(name: "H_rel(δ) declared", statement: "the case declares a relative bound H_rel(δ)") { _ in
        HypothesisResult(name: "H_rel(δ) declared", statement: "the case declares a relative bound (it declares \(bound))", holds: false, worstMargin: -.infinity, at: nil)
      }] + Self.alphaAndRank(c)
    }
    let d1 = c.deltaBound(p)
    let size = Hypothesis(name: "δ ≤ c₁/κ_F", statement: "δ = \(delta) ≤ c₁/κ_F = \(d1)") { _ in
      HypothesisResult(name: "δ ≤ c₁/κ_F", statement: "δ = \(delta) ≤ c₁/κ_F = \(d1)", holds: delta <= d1, worstMargin: d1 - delta, at: nil)
    }
    return [.relative(delta), size] + Self.alphaAndRank(c)
  }

  /// `α̂ ≤ α_max` and `k ≥ r`.
  static func alphaAndRank(_ c: ClaimConstants) -> [Hypothesis] {
    let alpha = Hypothesis(name: "α̂ ≤ α_max", statement: "α̂ = ‖[U(0);V(0)]‖_F/√((n1+n2)k) ≤ α_max = \(c.alphaMax)") { context in
      let a = ClaimConstants.alphaHat(context.checkCase.problem)
      return HypothesisResult(name: "α̂ ≤ α_max", statement: "α̂ = \(a) ≤ α_max = \(c.alphaMax)", holds: a <= c.alphaMax, worstMargin: c.alphaMax - a, at: nil)
    }
    return [alpha, .overparameterized]
  }

  public func measure(_ context: ScenarioContext, on trajectory: Trajectory, refined: Bool) throws -> [Conclusion] {
    let name = "‖R(t)‖_F ≤ τ for t ≥ T₁"
    let p = context.checkCase.problem
    guard let delta = Self.declaredDelta(context.checkCase.bound) else {
      return [.skipped(name, reason: "needs a declared relative bound H_rel(δ), got \(context.checkCase.bound)")]
    }
    let tau = try constants.accuracy(for: p)
    let x = p.target.frobeniusNorm
    let atEnd = "at T, ‖R‖_F/‖X‖_F = \(fmt(trajectory.samples[trajectory.samples.count - 1].state.residualNorms.frobenius / x)) (τ/‖X‖_F = \(fmt(tau / x)))"
    guard let t1 = constants.t1(p, delta: delta) else {
      return [.skipped(name, reason: "δκ_F = \(fmt(delta * p.target.kappaF)) ≥ 1: T₁ undefined, the claim says nothing; \(atEnd)")]
    }
    guard trajectory.tEnd >= t1 else {
      return [.skipped(name, reason: "T = \(fmt(trajectory.tEnd)) < T₁ = \(fmt(t1)): the claim says nothing before T₁; \(atEnd)")]
    }
    let late = trajectory.samples.filter { $0.t >= t1 }
    return [
      Conclusion(
        name: name, kind: .inequality, times: late.map(\.t), lhs: late.map { $0.state.residualNorms.frobenius },
        rhs: Array(repeating: tau, count: late.count))
    ]
  }
}
