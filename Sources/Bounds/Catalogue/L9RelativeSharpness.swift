import Flow

/// **L9 Sharpness of the relative hypothesis** (lemma, proved).
///
/// *Statement.* For `E = −δR` (the `scaling:δ` family, which satisfies
/// `H_rel(δ)` with equality) the PGF is the unperturbed flow run at speed
/// `1 − δ`: for `δ < 1`, `Z_δ(t) = Z_0((1−δ)t)` (the same path, time scaled by
/// `1/(1−δ)`); for `δ = 1`, `Z(t) ≡ Z(0)`; for `δ > 1`, `L` is non-decreasing.
/// So `H_rel(δ)` with `δ ≥ 1` admits perturbations under which the flow never
/// converges.
///
/// *Proof.* With `E = −δR`, `G = R + E = (1−δ)R`, so `U̇ = (1−δ)RV`,
/// `V̇ = (1−δ)RᵀU`: the unperturbed vector field times the constant `1−δ`.
/// For `δ < 1`, `t ↦ Z_0((1−δ)t)` solves it with the same `Z(0)`, and the
/// solution is unique (the field is polynomial). For `δ = 1` the field
/// vanishes. For `δ > 1`, L2 gives `L̇ = −(1−δ)(‖RV‖_F² + ‖UᵀR‖_F²) ≥ 0`.
///
/// *Remark (not in theory.md).* For `δ > 1` the flow is the unperturbed flow
/// run *backward* at speed `δ − 1`; from a small initialization its
/// anti-aligned modes `Δ` grow like `e^{(δ−1)σ_i t}` and the cubic term then
/// makes `‖Z‖` blow up in finite time (scalar anti-aligned mode:
/// `u̇ = (δ−1)(σu + u³)`). "L non-decreasing" holds up to the blow-up; checks
/// must use horizons before it (roughly `T < ln(√σ₁/α)/((δ−1)σ₁)`).
///
/// *Checked as.* Hypothesis: `E = −δR` at every sample (`EV = −δRV`,
/// `EᵀU = −δRᵀU`), with `δ` the case's declared `H_rel(δ)`. Parts (by δ):
/// - `δ < 1`: identity `‖Z_δ(t) − Z_0((1−δ)t)‖_F = 0`, `Z_0` the dense output
///   of an unperturbed reference on `[0, (1−δ)T]` integrated one refinement
///   level tighter than the compared trajectory
///   (``ScenarioContext/reference(problem:perturbation:tEnd:refined:)``); scale `‖Z‖_F`.
/// - `δ = 1`: identity `‖Z(t) − Z(0)‖_F = 0`.
/// - `δ > 1`: inequality `L(tᵢ₋₁) ≤ L(tᵢ)` over consecutive samples.
/// When the hypothesis fails (another family) every part is skipped.
public struct L9RelativeSharpness: Statement {
  /// The lemma.
  public init() {}
  public var id: String { "L9" }
  public var representativeFamily: String { "scaling" }
  public var notes: String? { StatementNotes.shipped(id) }
  public var title: String { "Sharpness of the relative hypothesis" }
  public var status: Status { .lemma }
  public var statement: String {
    "For E = −δR the PGF is the unperturbed flow at speed 1−δ: for δ < 1, Z_δ(t) = Z_0((1−δ)t); for δ = 1, Z(t) ≡ Z(0); for δ > 1, L is non-decreasing."
  }
  public var proof: String {
    "G = R + E = (1−δ)R, so the field is the unperturbed one times 1−δ; uniqueness gives the time change for δ < 1, the field vanishes for δ = 1, and L2 gives L̇ = (δ−1)(‖RV‖_F² + ‖UᵀR‖_F²) ≥ 0 for δ > 1 (theory.md §3, L9)."
  }

  /// `E = −δR` at every sample, `δ` from the case's declared `H_rel(δ)`.
  public func hypotheses(for checkCase: Scenario) -> [Hypothesis] {
    guard case .relative(let delta) = checkCase.bound else {
      return [
        Hypothesis(name: "E = −δR", statement: "E(t) = −δR(t) for all t (needs a declared H_rel(δ))") { _ in
          HypothesisResult(
            name: "E = −δR", statement: "E(t) = −δR(t) for all t (no H_rel(δ) declared: \(checkCase.bound))",
            holds: false, worstMargin: -.infinity, at: nil)
        }
      ]
    }
    return [Self.scalingHypothesis(delta)]
  }

  /// The hypothesis `E = −δR`: `‖EV + δRV‖_F + ‖EᵀU + δRᵀU‖_F ≤ 1e-12·δ(‖RV‖_F + ‖RᵀU‖_F)` at every sample.
  public static func scalingHypothesis(_ delta: Double) -> Hypothesis {
    let name = "E = −\(delta)R"
    let statement = "E(t) = −\(delta)·R(t) for all t (checked through EV = −δRV, EᵀU = −δRᵀU)"
    return Hypothesis(name: name, statement: statement) { context in
      Hypothesis.worst(name: name, statement: statement, try context.base().samples) { s in
        let defect = (s.ev + delta * s.residualV).frobeniusNorm + (s.etu + delta * s.residualTransposeU).frobeniusNorm
        let scale = delta * (s.residualV.frobeniusNorm + s.residualTransposeU.frobeniusNorm)
        return (-defect, max(scale, Double.leastNormalMagnitude))
      }
    }
  }

  public func measure(_ context: ScenarioContext, on trajectory: Trajectory, refined: Bool) throws -> [Conclusion] {
    let names = [
      "‖Z_δ(t) − Z_0((1−δ)t)‖_F = 0 (δ < 1)", "‖Z(t) − Z(0)‖_F = 0 (δ = 1)", "L(tᵢ₋₁) ≤ L(tᵢ) (δ > 1)",
    ]
    let kinds: [Conclusion.Kind] = [.identity, .identity, .inequality]
    func allSkipped(_ reason: String) -> [Conclusion] {
      zip(names, kinds).map { Conclusion.skipped($0, kind: $1, reason: reason) }
    }
    guard case .relative(let delta) = context.checkCase.bound else {
      return allSkipped("needs the scaling family E = −δR with a declared H_rel(δ)")
    }
    // Skip (rather than report a meaningless failure) when the perturbation is not −δR.
    guard try Self.scalingHypothesis(delta).check(context).holds else {
      return allSkipped("hypothesis E = −\(delta)R fails: not the scaling family")
    }
    var parts: [Conclusion] = []
    if delta < 1 {
      let companion = try context.reference(
        problem: context.checkCase.problem, perturbation: ZeroPerturbation(), tEnd: (1 - delta) * context.checkCase.tEnd,
        refined: refined)
      let defect = try trajectory.stateDistance(to: companion) { (1 - delta) * $0 }
      parts.append(
        .equal(names[0], trajectory, lhs: defect, rhs: Array(repeating: 0, count: defect.count), scale: trajectory.stateNorms))
    } else {
      parts.append(.skipped(names[0], kind: .identity, reason: "needs δ < 1 (δ = \(delta))"))
    }
    if delta == 1 {
      let z0 = trajectory.samples[0].state
      let drift = trajectory.values { s in
        let du = (s.state.u - z0.u).frobeniusNorm
        let dv = (s.state.v - z0.v).frobeniusNorm
        return (du * du + dv * dv).squareRoot()
      }
      parts.append(
        .equal(names[1], trajectory, lhs: drift, rhs: Array(repeating: 0, count: drift.count), scale: trajectory.stateNorms))
    } else {
      parts.append(.skipped(names[1], kind: .identity, reason: "needs δ = 1 (δ = \(delta))"))
    }
    if delta > 1 {
      // At tᵢ (i ≥ 1): L(tᵢ₋₁) ≤ L(tᵢ).
      let loss = trajectory.values { $0.state.loss }
      parts.append(
        .atLeast(names[2], times: Array(trajectory.times.dropFirst()), value: Array(loss.dropFirst()), bound: Array(loss.dropLast()),
          quantity: "L(tᵢ)"))
    } else {
      parts.append(.skipped(names[2], reason: "needs δ > 1 (δ = \(delta))"))
    }
    return parts
  }
}
