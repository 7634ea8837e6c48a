import Flow

/// **Example conjecture (false): a small absolute perturbation never makes the loss increase.**
///
/// `H_abs(ε)` with `ε ≤ 0.1·σ_r` `⇒ L(t) = ½‖R(t)‖_F²` is non-increasing.
///
/// It is false, and the falsification search finds it so. By L2,
/// `L̇ = −⟨R, M⟩ − ⟨E, M⟩` with `M = RVVᵀ + UUᵀR`, and `|⟨E, M⟩|` can exceed
/// `⟨R, M⟩ ≤ ‖R‖‖M‖_*` whenever `‖R‖` is comparable to `ε`:
/// - `greedy` (`E = −ε·polar(M)`) makes `L̇ = −⟨R, M⟩ + ε‖M‖_*`, positive as
///   soon as `⟨R, M⟩ < ε‖M‖_*` — at a small random start with `n2` large
///   compared to `r`, or near convergence where `‖R‖ ≈ ε`;
/// - `rotating` keeps moving the point `W` tracks, so once converged `L`
///   oscillates at the scale `ε‖R‖`;
/// - `fixed` turns the flow into the gradient flow toward `X + E` (theory.md
///   §6); `L` measured against `X` need not be monotone on the way.
///
/// Checked as `L(tᵢ) ≤ min_{j<i} L(tⱼ)` at every sample; the hypothesis
/// `H_abs(ε)` is checked on the trajectory.
public struct LossMonotoneUnderSmallPerturbation: Conjecture {
  /// The conjecture (stateless).
  public init() {}
  /// Its id.
  public var id: String { "K-loss-small-E" }
  /// Its title.
  public var title: String { "A small absolute perturbation never makes the loss increase (false)" }
  /// Its statement (see the type's description).
  public var statement: String { "H_abs(ε), ε ≤ 0.1σ_r ⇒ L(t) = ½‖R(t)‖_F² is non-increasing in t." }
  /// `fixed`, `rotating`, `alignedKill`, `greedy` with `ε = s·σ_r`, `s ∈ [0.01, 0.1]`; shapes up to 8×8,
  /// `κ ∈ [1, 3]`, `α ∈ [1e-3, 1e-2]`; horizon `2·ln(σ₁/α)/(σ_r − ε)` (past the spectral phase).
  public var box: ParameterBox {
    ParameterBox(families: [.fixed, .rotating, .alignedKill, .greedy], size: 0.01...0.1, horizon: .transientMultiple(2))
  }

  /// The conclusion measured on one trajectory (see the type's description).
  public func measure(_ context: ScenarioContext, on trajectory: Trajectory, refined: Bool) throws -> [Conclusion] {
    [.nonIncreasing("L", trajectory, trajectory.values { $0.state.loss })]
  }
}
