import Flow

/// **Example conjecture (true): without a perturbation the loss never increases.**
///
/// `E ≡ 0 ⇒ L(t) = ½‖R(t)‖_F²` is non-increasing.
///
/// It is shipped as a conjecture to exercise the API on a statement that is in
/// fact a consequence of a lemma: L2 (energy balance) with `E ≡ 0` gives
/// `L̇ = −‖RV‖_F² − ‖UᵀR‖_F² ≤ 0`. The falsification search must therefore
/// never confirm a counterexample; if it does, the integrator, the sampling or
/// the search is wrong.
///
/// Checked as `L(tᵢ) ≤ min_{j<i} L(tⱼ)` at every sample
/// (``Conclusion/nonIncreasing(_:_:_:scale:)``).
public struct LossMonotoneWithoutPerturbation: Conjecture {
  /// The conjecture (stateless).
  public init() {}
  /// Its id.
  public var id: String { "K-loss-E0" }
  /// Its title.
  public var title: String { "Without a perturbation the loss never increases" }
  /// Its statement (see the type's description).
  public var statement: String { "E ≡ 0 ⇒ L(t) = ½‖R(t)‖_F² is non-increasing in t (follows from L2)." }
  /// Shapes up to 8×8, `κ ∈ [1, 3]`, `α ∈ [1e-3, 1e-2]`, `E ≡ 0`, horizon `1.5·ln(σ₁/α)/σ_r` (into the local phase).
  public var box: ParameterBox { ParameterBox(families: [.zero], horizon: .transientMultiple(1.5)) }

  /// The conclusion measured on one trajectory (see the type's description).
  public func measure(_ context: ScenarioContext, on trajectory: Trajectory, refined: Bool) throws -> [Conclusion] {
    [.nonIncreasing("L", trajectory, trajectory.values { $0.state.loss })]
  }
}
