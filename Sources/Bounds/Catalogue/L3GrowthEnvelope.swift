import Flow

/// **L3 Growth envelope** (lemma).
///
/// Statement (theory.md §3, L3), with `Z = [U; V]`, `W = UVᵀ`:
///
///     d/dt ‖Z‖_F² = 4⟨X+E, W⟩ − 4‖W‖_F² ≤ 2‖X+E‖‖Z‖_F²,
///     ‖Z(t)‖_F ≤ ‖Z(0)‖_F exp(∫₀ᵗ ‖X + E(s)‖ ds).
///
/// *Proof.* `d/dt ‖Z‖_F² = 2⟨U, GV⟩ + 2⟨V, GᵀU⟩ = 4⟨G, W⟩` with `G = X + E − W`;
/// `⟨U, (X+E)V⟩ ≤ ‖X+E‖‖U‖_F‖V‖_F ≤ ½‖X+E‖‖Z‖_F²`; drop `−4‖W‖_F² ≤ 0`; Gronwall.
///
/// Numerically: the bound is the comparison solution `y' = ‖X+E‖ y`,
/// `y(0) = ‖Z(0)‖_F` (``Trajectory/solveComparison(a:b:initial:)``); `‖X+E‖` is
/// the spectral norm of the dense `X + E`, `λ_max((X+E)ᵀ(X+E))^{1/2}` (just `σ₁` when `E ≡ 0`). The exact
/// derivative is also checked as an identity in integrated form,
/// `‖Z(t)‖_F² − ‖Z(0)‖_F² = ∫₀ᵗ(4⟨X+E, W⟩ − 4‖W‖_F²)` with `⟨X, W⟩ = tr(ΣABᵀ)`,
/// `⟨E, W⟩ = ⟨U, EV⟩`, `‖W‖_F² = ⟨UᵀU, VᵀV⟩` (rtol-shrink rule).
public struct L3GrowthEnvelope: Statement {
  /// The lemma.
  public init() {}
  /// `"L3"`.
  public var id: String { "L3" }
  /// `"Growth envelope"`.
  public var title: String { "Growth envelope" }
  /// `.lemma`.
  public var status: Status { .lemma }
  /// The statement in the paper's notation.
  public var statement: String {
    "d/dt ‖Z‖_F² = 4⟨X+E, W⟩ − 4‖W‖_F² ≤ 2‖X+E‖‖Z‖_F², so ‖Z(t)‖_F ≤ ‖Z(0)‖_F exp(∫₀ᵗ ‖X + E(s)‖ ds)."
  }
  /// The proof sketch.
  public var proof: String {
    "d/dt ‖Z‖_F² = 4⟨G, W⟩, G = X + E − W; ⟨U, (X+E)V⟩ ≤ ‖X+E‖‖U‖_F‖V‖_F ≤ ½‖X+E‖‖Z‖_F²; drop −4‖W‖_F²; Gronwall (theory.md §3, L3)."
  }

  /// Measures the envelope and the integrated derivative identity.
  public func measure(_ context: ScenarioContext, on trajectory: Trajectory, refined: Bool) throws -> [Conclusion] {
    let samples = trajectory.samples
    let target = trajectory.problem.target
    let zero = trajectory.perturbation.isZero
    let x = zero ? nil : Optional(target.dense())
    let growth: [Double] = try samples.map { s in
      guard let x else { return target.sigmaMax }
      return try GronwallSupport.spectral(x + s.perturbationMatrix())
    }
    let zNorm = samples.map { $0.state.zFrobeniusSquared.squareRoot() }
    let envelope = trajectory.solveComparison(
      a: growth, b: Array(repeating: 0, count: samples.count), initial: zNorm[0])

    var derivative = [Double](), magnitude = [Double]()
    derivative.reserveCapacity(samples.count)
    for s in samples {
      let st = s.state
      let ab = st.signalU.timesTransposed(st.signalV)
      var xw = 0.0
      for i in 0..<target.rank { xw += target.sigma[i] * ab[i, i] }
      let ew = Matrix.frobeniusInner(st.u, s.ev)
      let ww = Matrix.frobeniusInner(st.gramU, st.gramV)
      derivative.append(4 * (xw + ew) - 4 * ww)
      magnitude.append(4 * (abs(xw) + abs(ew)) + 4 * ww)
    }
    let integral = trajectory.cumulativeIntegral(derivative)
    let size = trajectory.cumulativeIntegral(magnitude)
    let z0 = samples[0].state.zFrobeniusSquared
    let change = samples.map { $0.state.zFrobeniusSquared - z0 }
    let scale = (0..<samples.count).map { z0 + samples[$0].state.zFrobeniusSquared + size.values[$0] }
    return [
      .atMost(
        "‖Z(t)‖_F ≤ ‖Z(0)‖_F exp(∫₀ᵗ‖X + E‖)", trajectory, value: zNorm, bound: envelope.values, error: envelope.errors),
      .equal(
        "‖Z(t)‖_F² − ‖Z(0)‖_F² = ∫₀ᵗ(4⟨X+E, W⟩ − 4‖W‖_F²)", trajectory, lhs: change, rhs: integral.values,
        error: integral.errors, scale: scale),
    ]
  }
}
