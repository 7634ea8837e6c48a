import Flow

/// **L4 Noise containment** (lemma).
///
/// Statement (theory.md §3, L4), with `N_U = PU`, `N_V = QV`, `P = I − ΦΦᵀ`, `Q = I − ΨΨᵀ`:
///
///     Ṅ_U = −N_U VᵀV + PEV,   Ṅ_V = −N_V UᵀU + QEᵀU   (PX = 0, XQ = 0),
///     ‖N_U(t)‖_F ≤ e^{−∫₀ᵗλ_V}‖N_U(0)‖_F + ∫₀ᵗ e^{−∫ₛᵗλ_V}‖PE(s)V(s)‖_F ds,  λ_V = λ_min(VᵀV),
///     ‖N_V(t)‖_F ≤ e^{−∫₀ᵗλ_U}‖N_V(0)‖_F + ∫₀ᵗ e^{−∫ₛᵗλ_U}‖QE(s)ᵀU(s)‖_F ds,  λ_U = λ_min(UᵀU).
///
/// For `E ≡ 0`, `‖N_U‖_F`, `‖N_U‖`, `‖N_V‖_F`, `‖N_V‖` are non-increasing.
///
/// *Proof.* `d/dt ½‖N_U‖_F² = −tr(N_U VᵀV N_Uᵀ) + ⟨N_U, PEV⟩ ≤ −λ_V‖N_U‖_F² + ‖N_U‖_F‖PEV‖_F`,
/// then Gronwall. For `E ≡ 0`, `d/dt N_U N_Uᵀ = −2N_U VᵀV N_Uᵀ ⪯ 0`, so the trace and the
/// largest eigenvalue of `N_U N_Uᵀ` do not increase.
///
/// Numerically: the bounds are comparison solutions (`a = −λ`, `b = ‖PEV‖_F`),
/// `PEV = EV − Φ(ΦᵀEV)`, `QEᵀU = EᵀU − Ψ(ΨᵀEᵀU)`; the monotonicity parts compare
/// consecutive samples and apply only when `E ≡ 0`. Every per-sample quantity is a
/// scalar of ``SampleNorms`` or comes from a `k × k` Gram matrix, so L4 runs on
/// compacted trajectories of large problems.
public struct L4NoiseContainment: Statement {
  /// The lemma.
  public init() {}
  /// `"L4"`.
  public var id: String { "L4" }
  /// `"Noise containment"`.
  public var title: String { "Noise containment" }
  /// `.lemma`.
  public var status: Status { .lemma }
  /// The statement in the paper's notation.
  public var statement: String {
    "‖N_U(t)‖_F ≤ e^{−∫λ_V}‖N_U(0)‖_F + ∫ e^{−∫ₛᵗλ_V}‖PEV‖_F, λ_V = λ_min(VᵀV); mirror for N_V with λ_U and ‖QEᵀU‖_F. For E ≡ 0, ‖N_U‖_F, ‖N_U‖, ‖N_V‖_F, ‖N_V‖ are non-increasing."
  }
  /// The proof sketch.
  public var proof: String {
    "Ṅ_U = −N_U VᵀV + PEV; d/dt ½‖N_U‖_F² = −tr(N_U VᵀV N_Uᵀ) + ⟨N_U, PEV⟩ ≤ −λ_V‖N_U‖_F² + ‖N_U‖_F‖PEV‖_F; Gronwall. E ≡ 0: d/dt N_U N_Uᵀ ⪯ 0 (theory.md §3, L4)."
  }

  /// `true`: every quantity comes from ``Sample/norms`` and the `k × k` Gram matrices.
  public var measuresCompactSamples: Bool { true }

  /// `‖PEV‖_F`, `‖QEᵀU‖_F` (``SampleQuantities/perturbation``) and `‖N_U‖`, `‖N_V‖`
  /// (``SampleQuantities/noiseSpectral``); not the residual's singular values or block norms.
  public var compactSampleQuantities: SampleQuantities { [.perturbation, .noiseSpectral] }

  /// Measures both Gronwall bounds and, when `E ≡ 0`, the four monotonicity statements.
  public func measure(_ context: ScenarioContext, on trajectory: Trajectory, refined: Bool) throws -> [Conclusion] {
    let samples = trajectory.samples
    let lambdaV = try samples.map { try $0.state.gramV.minimumSymmetricEigenvalue() }
    let lambdaU = try samples.map { try $0.state.gramU.minimumSymmetricEigenvalue() }
    let forcingU = samples.map(\.norms.projectedEV)
    let forcingV = samples.map(\.norms.projectedETU)
    let nU = samples.map(\.norms.noiseU)
    let nV = samples.map(\.norms.noiseV)
    let boundU = trajectory.solveComparison(a: lambdaV.map { -$0 }, b: forcingU, initial: nU[0])
    let boundV = trajectory.solveComparison(a: lambdaU.map { -$0 }, b: forcingV, initial: nV[0])
    // N_U = PU is computed from U: its round-off is ~ε‖U‖_F even when N_U ≈ 0 (and the
    // bound starts from ‖N_U(0)‖_F, computed the same way).
    let scaleU = samples.map(\.norms.u)
    let scaleV = samples.map(\.norms.v)
    var parts: [Conclusion] = [
      .atMost(
        "‖N_U(t)‖_F ≤ e^{−∫λ_V}‖N_U(0)‖_F + ∫e^{−∫ₛᵗλ_V}‖PEV‖_F", trajectory, value: nU, bound: boundU.values,
        error: boundU.errors, scale: zip(scaleU, boundU.values).map { max($0, $1) }),
      .atMost(
        "‖N_V(t)‖_F ≤ e^{−∫λ_U}‖N_V(0)‖_F + ∫e^{−∫ₛᵗλ_U}‖QEᵀU‖_F", trajectory, value: nV, bound: boundV.values,
        error: boundV.errors, scale: zip(scaleV, boundV.values).map { max($0, $1) }),
    ]
    let symbols = ["‖N_U‖_F", "‖N_U‖", "‖N_V‖_F", "‖N_V‖"]
    if trajectory.perturbation.isZero {
      let sU = samples.map(\.norms.noiseUSpectral)
      let sV = samples.map(\.norms.noiseVSpectral)
      for (symbol, (q, scale)) in zip(symbols, [(nU, scaleU), (sU, scaleU), (nV, scaleV), (sV, scaleV)]) {
        parts.append(.nonIncreasing(symbol, trajectory, q, scale: scale))
      }
    } else {
      for symbol in symbols {
        parts.append(.skipped("\(symbol)(t) ≤ min_{s<t} \(symbol)(s)", reason: GronwallSupport.needsZero(trajectory)))
      }
    }
    return parts
  }
}
