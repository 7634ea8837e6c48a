import Flow

/// **L6 Signal growth** (lemma; needs `k ≥ r`).
///
/// Statement (theory.md §3, L6), with `S = (A+B)/2` (`r × k`), `Δ = (A−B)/2`, `D = UᵀU − VᵀV`:
///
///     Ṡ = ΣS − ½S(UᵀU + VᵀV) + ½ΔD + Ê_S,   Ê_S = ½(ΦᵀEV + ΨᵀEᵀU),
///     σ_r(S(t)) ≥ e^{∫₀ᵗg} σ_r(S(0)) − ∫₀ᵗ e^{∫ₛᵗg} h ds,
///     g = σr − ½‖Z‖²,  h = ½‖Δ‖‖D‖ + ‖Ê_S‖.
///
/// *Proof.* With `M = ½(UᵀU + VᵀV)`: `AVᵀV + BUᵀU = 2SM − ΔD` gives `Ṡ`. For `k ≥ r`,
/// `σ_r(S) = min_{‖u‖=1} ‖Sᵀu‖` (the smallest of the r singular values of the r×k
/// matrix `S`); by Danskin its lower Dini derivative is `min uᵀṠv` over singular
/// pairs `(u ∈ R^r, v ∈ R^k)` of `σ_r`, i.e. `Sv = σ_r u` **and** `Sᵀu = σ_r v`
/// (`d/dt‖Sᵀu‖ = uᵀṠSᵀu/‖Sᵀu‖ = uᵀṠv`). Then `uᵀΣSv = σ_r uᵀΣu ≥ σr σ_r(S)`,
/// `uᵀSMv = (Sᵀu)ᵀMv = σ_r(S) vᵀMv ≤ σ_r(S)‖M‖ = ½σ_r(S)‖Z‖²` (`ZᵀZ = UᵀU + VᵀV`),
/// `uᵀ(½ΔD)v ≥ −½‖Δ‖‖D‖`, `uᵀÊ_S v ≥ −‖Ê_S‖`; so `D₊σ_r(S) ≥ gσ_r(S) − h`, and
/// the comparison principle gives the bound. The step `uᵀSMv = σ_r vᵀMv` uses
/// `Sᵀu = σ_r v`, which holds for the singular pair of a singular value of `S`
/// for every `k ≥ r` (the `k − r` extra right singular vectors of the null space
/// are never paired with a `u`); so the proof is right for `k > r` too. (If
/// `σ_r(S) = 0`, `σ_r` cannot decrease and the bound `≥ −h` holds trivially.)
/// For `k < r`, `S` has only `k` singular values, `σ_r(S) := 0` and the statement
/// is trivially true (`0 ≥ −∫e^{∫g}h`); the part is skipped there.
///
/// Numerically: the bound is the comparison solution with `a = g`, `b = −h`,
/// `y(0) = σ_r(S(0))`.
public struct L6SignalGrowth: Statement {
  /// The lemma.
  public init() {}
  /// `"L6"`.
  public var id: String { "L6" }
  /// `"Signal growth"`.
  public var title: String { "Signal growth" }
  /// `.lemma`.
  public var status: Status { .lemma }
  /// The statement in the paper's notation.
  public var statement: String {
    "σ_r(S(t)) ≥ e^{∫₀ᵗg} σ_r(S(0)) − ∫₀ᵗ e^{∫ₛᵗg} h ds, g = σr − ½‖Z‖², h = ½‖Δ‖‖D‖ + ‖Ê_S‖, Ê_S = ½(ΦᵀEV + ΨᵀEᵀU) (k ≥ r)."
  }
  /// The proof sketch.
  public var proof: String {
    "Ṡ = ΣS − ½S(UᵀU + VᵀV) + ½ΔD + Ê_S; lower Dini derivative of σ_r(S) through a singular pair (u, v), Sv = σ_r u, Sᵀu = σ_r v: uᵀΣSv ≥ σr σ_r(S), uᵀSMv = σ_r(S)vᵀMv ≤ σ_r(S)‖M‖, ‖UᵀU + VᵀV‖ = ‖Z‖²; comparison principle (theory.md §3, L6)."
  }
  /// `k ≥ r`.
  public func hypotheses(for checkCase: Scenario) -> [Hypothesis] { [.overparameterized] }

  /// Measures the lower bound (skipped when `k < r`).
  public func measure(_ context: ScenarioContext, on trajectory: Trajectory, refined: Bool) throws -> [Conclusion] {
    let name = "σ_r(S(t)) ≥ e^{∫g}σ_r(S(0)) − ∫e^{∫ₛᵗg}h, g = σr − ½‖Z‖², h = ½‖Δ‖‖D‖ + ‖Ê_S‖"
    let problem = trajectory.problem
    guard problem.k >= problem.r else { return [.skipped(name, reason: GronwallSupport.needsOverparameterized(problem))] }
    let samples = trajectory.samples
    let target = problem.target
    let sigmaR = target.sigmaMin
    var g = [Double](), minusH = [Double](), value = [Double]()
    for s in samples {
      let st = s.state
      let z = try st.zSpectralNorm()
      g.append(sigmaR - 0.5 * z * z)
      let eS = 0.5 * (target.phi.transposedTimes(s.ev) + target.psi.transposedTimes(s.etu))
      let h = 0.5 * (try GronwallSupport.spectral(st.signalDifference)) * (try GronwallSupport.spectral(st.imbalance))
        + (try GronwallSupport.spectral(eS))
      minusH.append(-h)
      value.append(try GronwallSupport.largestAndSmallest(st.signalSum).smallest)
    }
    let bound = trajectory.solveComparison(a: g, b: minusH, initial: value[0])
    return [.atLeast(name, trajectory, value: value, bound: bound.values, error: bound.errors)]
  }
}
