import Flow

/// **L8 Signal-error contraction** (lemma; needs `k ≥ r`).
///
/// Statement (theory.md §3, L8), with `Ξ = Σ − ABᵀ`, `A = ΦᵀU`, `B = ΨᵀV`:
///
///     Ξ̇ = −ΞBBᵀ − AAᵀΞ + A(N_UᵀN_U + N_VᵀN_V)Bᵀ − ΦᵀEVBᵀ − AUᵀEΨ,
///     ‖Ξ(t)‖_F ≤ e^{−∫₀ᵗμ}‖Ξ(0)‖_F + ∫₀ᵗ e^{−∫ₛᵗμ} ρ ds,
///     μ = σ_r(A)² + σ_r(B)²,
///     ρ = ‖A‖‖B‖‖N_UᵀN_U + N_VᵀN_V‖_F + ‖E‖(‖B‖‖V‖_F + ‖A‖‖U‖_F).
///
/// *Proof (derivation checked).* `Ξ̇ = −ȦBᵀ − AḂᵀ` with `Ȧ = ΣB − AVᵀV + ΦᵀEV`,
/// `Ḃ = ΣA − BUᵀU + ΨᵀEᵀU`:
/// `Ξ̇ = −ΣBBᵀ + AVᵀVBᵀ − ΦᵀEVBᵀ − AAᵀΣ + AUᵀUBᵀ − AUᵀEΨ`. Insert `VᵀV = BᵀB + N_VᵀN_V`,
/// `UᵀU = AᵀA + N_UᵀN_U` (`V = ΨB + N_V` with `ΨᵀN_V = 0`): `−ΣBBᵀ + ABᵀBBᵀ = −ΞBBᵀ`,
/// `−AAᵀΣ + AAᵀABᵀ = −AAᵀΞ`; the rest is `A(N_UᵀN_U + N_VᵀN_V)Bᵀ` and the E-terms
/// `−ΦᵀEVBᵀ − AUᵀEΨ` (both with a minus sign, as stated). Then
/// `d/dt ½‖Ξ‖_F² = −‖ΞB‖_F² − ‖AᵀΞ‖_F² + ⟨Ξ, rest⟩` with `‖ΞB‖_F² ≥ λ_min(BBᵀ)‖Ξ‖_F² = σ_r(B)²‖Ξ‖_F²`,
/// `‖AᵀΞ‖_F² ≥ σ_r(A)²‖Ξ‖_F²`, `‖A(N_UᵀN_U + N_VᵀN_V)Bᵀ‖_F ≤ ‖A‖‖N_UᵀN_U + N_VᵀN_V‖_F‖B‖`,
/// `‖ΦᵀEVBᵀ‖_F ≤ ‖E‖‖V‖_F‖B‖`, `‖AUᵀEΨ‖_F ≤ ‖A‖‖U‖_F‖E‖`; Gronwall. (For `k < r`,
/// `λ_min(BBᵀ) = 0`; the part is skipped there as specified.)
///
/// Numerically: the bound is the comparison solution with `a = −μ`, `b = ρ`,
/// `y(0) = ‖Ξ(0)‖_F`.
public struct L8SignalErrorContraction: Statement {
  /// The lemma.
  public init() {}
  /// `"L8"`.
  public var id: String { "L8" }
  /// `"Signal-error contraction"`.
  public var title: String { "Signal-error contraction" }
  /// `.lemma`.
  public var status: Status { .lemma }
  /// The statement in the paper's notation.
  public var statement: String {
    "‖Ξ(t)‖_F ≤ e^{−∫μ}‖Ξ(0)‖_F + ∫ e^{−∫ₛᵗμ}ρ, μ = σ_r(A)² + σ_r(B)², ρ = ‖A‖‖B‖‖N_UᵀN_U + N_VᵀN_V‖_F + ‖E‖(‖B‖‖V‖_F + ‖A‖‖U‖_F) (k ≥ r)."
  }
  /// The proof sketch.
  public var proof: String {
    "Ξ̇ = −ΞBBᵀ − AAᵀΞ + A(N_UᵀN_U + N_VᵀN_V)Bᵀ − ΦᵀEVBᵀ − AUᵀEΨ (VᵀV = BᵀB + N_VᵀN_V, UᵀU = AᵀA + N_UᵀN_U); ‖ΞB‖_F² ≥ σ_r(B)²‖Ξ‖_F², ‖AᵀΞ‖_F² ≥ σ_r(A)²‖Ξ‖_F²; Gronwall (theory.md §3, L8)."
  }
  /// `k ≥ r`.
  public func hypotheses(for checkCase: Scenario) -> [Hypothesis] { [.overparameterized] }

  /// Measures the bound (skipped when `k < r`).
  public func measure(_ context: ScenarioContext, on trajectory: Trajectory, refined: Bool) throws -> [Conclusion] {
    let name = "‖Ξ(t)‖_F ≤ e^{−∫μ}‖Ξ(0)‖_F + ∫e^{−∫ₛᵗμ}ρ"
    let problem = trajectory.problem
    guard problem.k >= problem.r else { return [.skipped(name, reason: GronwallSupport.needsOverparameterized(problem))] }
    let samples = trajectory.samples
    var mu = [Double](), rho = [Double](), xi = [Double](), scale = [Double]()
    let sigmaNorm = problem.target.sigma.reduce(0) { $0 + $1 * $1 }.squareRoot()
    for s in samples {
      let st = s.state
      let a = try GronwallSupport.largestAndSmallest(st.signalU)
      let b = try GronwallSupport.largestAndSmallest(st.signalV)
      mu.append(a.smallest * a.smallest + b.smallest * b.smallest)
      let noise = (st.noiseU.gram + st.noiseV.gram).frobeniusNorm
      rho.append(
        a.largest * b.largest * noise
          + s.perturbationNorm * (b.largest * st.v.frobeniusNorm + a.largest * st.u.frobeniusNorm))
      xi.append(st.signalError.frobeniusNorm)
      // Ξ = Σ − ABᵀ: its round-off is ~ε(‖Σ‖_F + ‖A‖_F‖B‖_F) however small Ξ is.
      scale.append(sigmaNorm + st.signalU.frobeniusNorm * st.signalV.frobeniusNorm)
    }
    let bound = trajectory.solveComparison(a: mu.map { -$0 }, b: rho, initial: xi[0])
    return [
      .atMost(
        name, trajectory, value: xi, bound: bound.values, error: bound.errors,
        scale: zip(scale, bound.values).map { max($0, $1) })
    ]
  }
}
