import Flow

/// **L2 Energy balance** (identity, with two inequality consequences).
///
/// Statement (theory.md §3, L2), with `L = ½‖R‖_F²`, `R = X − UVᵀ`, `G = R + E`:
///
///     L̇ = −‖RV‖_F² − ‖UᵀR‖_F² − ⟨RV, EV⟩ − ⟨UᵀR, UᵀE⟩.
///
/// Consequences: (a) `E ≡ 0` ⇒ `L` is non-increasing;
/// (b) `L(t) ≤ L(0) − ½∫₀ᵗ(‖RV‖_F² + ‖UᵀR‖_F²) + ½∫₀ᵗ(‖EV‖_F² + ‖UᵀE‖_F²)`.
///
/// *Proof.* `Ẇ = U̇Vᵀ + UV̇ᵀ = GVVᵀ + UUᵀG` and `L̇ = −⟨R, Ẇ⟩ = −⟨RV, GV⟩ − ⟨UᵀR, UᵀG⟩`;
/// expand `G = R + E`. (b): Young, `−⟨RV, EV⟩ ≤ ½‖RV‖_F² + ½‖EV‖_F²` and likewise
/// for `⟨UᵀR, UᵀE⟩`, then integrate. (Checked: both follow as stated.)
///
/// Numerically: the identity is measured in integrated form
/// `L(t) − L(0) = ∫₀ᵗ L̇` (rtol-shrink rule), with the quadrature estimate of
/// `∫L̇` as its error and the size of the cancelling terms
/// `L(0) + L(t) + ∫(‖RV‖_F² + ‖UᵀR‖_F² + |⟨RV,EV⟩| + |⟨UᵀR,UᵀE⟩|)` as its scale;
/// `⟨UᵀR, UᵀE⟩ = ⟨RᵀU, EᵀU⟩`. (a) compares consecutive samples; (b) is pointwise
/// in `t` with the quadrature estimates of both integrals as its error.
public struct L2EnergyBalance: Statement {
  /// The lemma.
  public init() {}
  /// `"L2"`.
  public var id: String { "L2" }
  /// `"Energy balance"`.
  public var title: String { "Energy balance" }
  /// `.identity` (the main statement; the consequences are inequalities, each evaluated by its kind).
  public var status: Status { .identity }
  /// The statement in the paper's notation.
  public var statement: String {
    "L̇ = −‖RV‖_F² − ‖UᵀR‖_F² − ⟨RV, EV⟩ − ⟨UᵀR, UᵀE⟩. (a) E ≡ 0 ⇒ L non-increasing; (b) L(t) ≤ L(0) − ½∫(‖RV‖_F² + ‖UᵀR‖_F²) + ½∫(‖EV‖_F² + ‖UᵀE‖_F²)."
  }
  /// The proof sketch.
  public var proof: String {
    "Ẇ = GVVᵀ + UUᵀG, L̇ = −⟨R, Ẇ⟩ = −⟨RV, GV⟩ − ⟨UᵀR, UᵀG⟩ with G = R + E. (b): Young's inequality on the cross terms, then integrate (theory.md §3, L2)."
  }

  /// Measures the integrated identity, (a) when `E ≡ 0`, and (b).
  public func measure(_ context: ScenarioContext, on trajectory: Trajectory, refined: Bool) throws -> [Conclusion] {
    let samples = trajectory.samples
    let loss = samples.map(\.state.loss)
    var dissipation = [Double](), cross = [Double](), crossMagnitude = [Double](), forcing = [Double]()
    dissipation.reserveCapacity(samples.count)
    for s in samples {
      let rv = s.residualV, rtu = s.residualTransposeU
      let d = Matrix.frobeniusInner(rv, rv) + Matrix.frobeniusInner(rtu, rtu)
      let c1 = Matrix.frobeniusInner(rv, s.ev), c2 = Matrix.frobeniusInner(rtu, s.etu)
      dissipation.append(d)
      cross.append(c1 + c2)
      crossMagnitude.append(abs(c1) + abs(c2))
      forcing.append(Matrix.frobeniusInner(s.ev, s.ev) + Matrix.frobeniusInner(s.etu, s.etu))
    }
    // L̇ = −(dissipation) − (cross).
    let rate = zip(dissipation, cross).map { -$0 - $1 }
    let integral = trajectory.cumulativeIntegral(rate)
    let magnitude = trajectory.cumulativeIntegral(zip(dissipation, crossMagnitude).map { $0 + $1 })
    let l0 = loss[0]
    let change = loss.map { $0 - l0 }
    let scale = (0..<loss.count).map { l0 + loss[$0] + magnitude.values[$0] }
    var parts: [Conclusion] = [
      .equal(
        "L(t) − L(0) = ∫₀ᵗ(−‖RV‖_F² − ‖UᵀR‖_F² − ⟨RV, EV⟩ − ⟨UᵀR, UᵀE⟩)", trajectory, lhs: change,
        rhs: integral.values, error: integral.errors, scale: scale)
    ]
    if trajectory.perturbation.isZero {
      // L = ½‖R‖_F² comes from R = X − UVᵀ: its round-off scales with the cancelling terms.
      parts.append(.nonIncreasing("L", trajectory, loss, scale: scale))
    } else {
      parts.append(.skipped("L(t) ≤ min_{s<t} L(s)", reason: GronwallSupport.needsZero(trajectory)))
    }
    let dissipated = trajectory.cumulativeIntegral(dissipation)
    let forced = trajectory.cumulativeIntegral(forcing)
    let bound = (0..<loss.count).map { l0 - 0.5 * dissipated.values[$0] + 0.5 * forced.values[$0] }
    let error = (0..<loss.count).map { 0.5 * (dissipated.errors[$0] + forced.errors[$0]) }
    parts.append(
      .atMost(
        "(b) L(t) ≤ L(0) − ½∫(‖RV‖_F² + ‖UᵀR‖_F²) + ½∫(‖EV‖_F² + ‖UᵀE‖_F²)", trajectory, value: loss, bound: bound,
        error: error))
    return parts
  }
}
