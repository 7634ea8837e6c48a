import Flow

/// **L5 Anti-alignment decay** (lemma).
///
/// Statement (theory.md §3, L5), with `A = ΦᵀU`, `B = ΨᵀV`, `S = (A+B)/2`, `Δ = (A−B)/2`,
/// `D = UᵀU − VᵀV`:
///
///     Δ̇ = −ΣΔ − ½Δ(UᵀU + VᵀV) + ½SD + Ê_Δ,   Ê_Δ = ½(ΦᵀEV − ΨᵀEᵀU),
///     ‖Δ(t)‖_F ≤ e^{−σr t}‖Δ(0)‖_F + ∫₀ᵗ e^{−σr(t−s)}(½‖S‖‖D‖_F + ‖Ê_Δ‖_F) ds.
///
/// *Proof.* `Ȧ = ΣB − AVᵀV + ΦᵀEV`, `Ḃ = ΣA − BUᵀU + ΨᵀEᵀU`. With `M = ½(UᵀU + VᵀV)`,
/// `VᵀV = M − D/2`, `UᵀU = M + D/2`: `AVᵀV − BUᵀU = 2ΔM − SD`, which gives `Δ̇`. Then
/// `d/dt ½‖Δ‖_F² = −tr(ΔᵀΣΔ) − tr(ΔMΔᵀ) + ⟨Δ, ½SD + Ê_Δ⟩ ≤ −σr‖Δ‖_F² + ‖Δ‖_F(½‖S‖‖D‖_F + ‖Ê_Δ‖_F)`
/// (`M ⪰ 0`), and Gronwall. (Checked: the derivation is right as stated.)
///
/// Numerically: the bound is the comparison solution with `a = −σr`,
/// `b = ½‖S‖‖D‖_F + ‖Ê_Δ‖_F`, `y(0) = ‖Δ(0)‖_F`.
public struct L5AntiAlignmentDecay: Statement {
  /// The lemma.
  public init() {}
  /// `"L5"`.
  public var id: String { "L5" }
  /// `"Anti-alignment decay"`.
  public var title: String { "Anti-alignment decay" }
  /// `.lemma`.
  public var status: Status { .lemma }
  /// The statement in the paper's notation.
  public var statement: String {
    "‖Δ(t)‖_F ≤ e^{−σr t}‖Δ(0)‖_F + ∫₀ᵗ e^{−σr(t−s)}(½‖S‖‖D‖_F + ‖Ê_Δ‖_F) ds, Ê_Δ = ½(ΦᵀEV − ΨᵀEᵀU)."
  }
  /// The proof sketch.
  public var proof: String {
    "Δ̇ = −ΣΔ − ½Δ(UᵀU + VᵀV) + ½SD + Ê_Δ (from Ȧ = ΣB − AVᵀV + ΦᵀEV, Ḃ = ΣA − BUᵀU + ΨᵀEᵀU); tr(ΔᵀΣΔ) ≥ σr‖Δ‖_F²; Gronwall (theory.md §3, L5)."
  }

  /// Measures the bound.
  public func measure(_ context: ScenarioContext, on trajectory: Trajectory, refined: Bool) throws -> [Conclusion] {
    let samples = trajectory.samples
    let target = trajectory.problem.target
    let sigmaR = target.sigmaMin
    let forcing = try samples.map { s -> Double in
      let st = s.state
      let eDelta = 0.5 * (target.phi.transposedTimes(s.ev) - target.psi.transposedTimes(s.etu))
      return 0.5 * (try GronwallSupport.spectral(st.signalSum)) * st.imbalance.frobeniusNorm + eDelta.frobeniusNorm
    }
    let delta = samples.map { $0.state.signalDifference.frobeniusNorm }
    let bound = trajectory.solveComparison(
      a: Array(repeating: -sigmaR, count: samples.count), b: forcing, initial: delta[0])
    return [
      .atMost(
        "‖Δ(t)‖_F ≤ e^{−σr t}‖Δ(0)‖_F + ∫e^{−σr(t−s)}(½‖S‖‖D‖_F + ‖Ê_Δ‖_F)", trajectory, value: delta,
        bound: bound.values, error: bound.errors)
    ]
  }
}
