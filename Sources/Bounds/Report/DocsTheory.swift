extension DocsText {
  /// `docs/theory.md`: the mathematics in the project's own words.
  public static let theory = #"""
    # The mathematics, in this project's words

    This page restates what the suite checks and how. The source of truth for the statements is
    `theory.md` in the project's shared folder (itself a quantitative reading of J. S. Wind,
    arXiv:2309.01796); where this project found a statement there to be wrong or imprecise, the
    correction is given below and on the statement's page, with the reason.

    ## Setting

    A target `X ∈ R^{n1×n2}` of rank `r` with compact SVD `X = ΦΣΨᵀ`, `σ₁ ≥ … ≥ σ_r > 0`,
    `κ = σ₁/σ_r`, `κ_F = ‖X‖_F/σ_r`. Factors `U ∈ R^{n1×k}`, `V ∈ R^{n2×k}`, `k ≥ r`, started small:
    entries of `U(0)`, `V(0)` iid `N(0, α²)`. The **perturbed gradient flow** (PGF) is

        U̇ = (X − UVᵀ + E)V,    V̇ = (X − UVᵀ + E)ᵀU,

    with a perturbation `E = E(t, U, V)`; `E ≡ 0` is gradient flow on `L = ½‖X − UVᵀ‖_F²`. The paper
    reduces gradient descent for matrix sensing (imperfect measurements, step-size discretization,
    noise, changing measurement operators, mini-batch SGD) to this flow, with `E` collecting the
    errors. Its message: the flow converges quickly to `X` whenever `E` is suitably bounded.

    Derived quantities, computed once per sample (`FlowState`): `W = UVᵀ`, residual `R = X − W`,
    imbalance `D = UᵀU − VᵀV`, signal `A = ΦᵀU`, `B = ΨᵀV`, `S = (A + B)/2`, `Δ = (A − B)/2`,
    noise `N_U = (I − ΦΦᵀ)U`, `N_V = (I − ΨΨᵀ)V`, signal error `Ξ = Σ − ABᵀ`. The residual is held
    in factored form `R = [Φ U] diag(Σ, −I) [Ψ V]ᵀ`, so its norms cost `O((n1 + n2)(r + k)²)`.

    Hypotheses on the perturbation, each checked on the trajectory and never assumed:
    `H_abs(ε)`: `‖E(t)‖ ≤ ε`; `H_rel(δ)`: `‖E(t)‖ ≤ δ‖R(t)‖_F`.

    ## Perturbation families

    `zero`; `fixed` (`ε M/‖M‖`, seeded Gaussian `M`); `rotating` (`ε(cos t M₁ + sin t M₂)/√2`);
    `scaling` (`−δR`, the sharp family for `H_rel`); `alignedKill` (`−εφ_rψ_rᵀ`, the sharp family for
    `H_abs`); `greedy`/`greedyRel` (the worst case `−b·M(MᵀM + μ²I)^{−1/2}` with `M = RVVᵀ + UUᵀR`,
    `b = ε` or `δ‖R‖_F`). Since `L̇ = −⟨R, M⟩ − ⟨E, M⟩`, the unsmoothed `−b·polar(M)` maximizes the
    instantaneous increase of the loss. The smoothing is relative, `μ = 10⁻³‖M‖_F`: an absolute `μ`
    would switch the adversary off in the spectral phase, where `‖M‖ ~ α²`. `M` has rank ≤ 2k, so `E`
    is formed in factored form and the right-hand side never builds an `n1 × n2` matrix.

    ## The statements and their status

    *Identities* and *lemmas* are proved; a failing check is a bug somewhere (integrator, predicate or
    statement), never a tolerance to loosen. *Claims* are the paper's theorem with named constants,
    calibrated once and validated on other cases. *Conjectures* are anything else: the suite reports
    evidence or a counterexample.

    | id | status | statement (short) |
    |---|---|---|
    | L1 | identity | `D(t) = D(0)` for every `E` |
    | L2 | identity | `L̇ = −‖RV‖_F² − ‖UᵀR‖_F² − ⟨RV, EV⟩ − ⟨UᵀR, UᵀE⟩`; (a) `E ≡ 0` ⇒ `L` non-increasing; (b) `L(t) ≤ L(0) − ½∫(‖RV‖² + ‖UᵀR‖²) + ½∫(‖EV‖² + ‖UᵀE‖²)` |
    | L3 | lemma | `‖Z(t)‖_F ≤ ‖Z(0)‖_F exp ∫₀ᵗ‖X + E‖` |
    | L4 | lemma | noise containment: `‖N_U(t)‖_F ≤ e^{−∫λ_min(VᵀV)}‖N_U(0)‖_F + ∫e^{−∫ₛᵗλ_min(VᵀV)}‖PEV‖_F` and the mirror; `E ≡ 0` ⇒ noise norms non-increasing |
    | L5 | lemma | anti-alignment decay: `‖Δ(t)‖_F ≤ e^{−σ_r t}‖Δ(0)‖_F + ∫e^{−σ_r(t−s)}(½‖S‖‖D‖_F + ‖Ê_Δ‖_F)` |
    | L6 | lemma | signal growth: `σ_r(S(t)) ≥ e^{∫g}σ_r(S(0)) − ∫e^{∫ₛᵗg}h`, `g = σ_r − ½‖Z‖²` |
    | L7 | identity | `‖R‖_F² = ‖Ξ‖_F² + ‖AN_Vᵀ‖_F² + ‖N_UBᵀ‖_F² + ‖N_UN_Vᵀ‖_F²` |
    | L8 | lemma | signal-error contraction: `‖Ξ(t)‖_F ≤ e^{−∫μ}‖Ξ(0)‖_F + ∫e^{−∫ₛᵗμ}ρ` |
    | L9 | lemma | `E = −δR` is the unperturbed flow at speed `1 − δ`: `H_rel(δ)` with `δ ≥ 1` admits non-convergence |
    | L10 | lemma | `E = −εφ_rψ_rᵀ` is the unperturbed flow towards `X − εφ_rψ_rᵀ`: the r-th direction of `X` is learned iff `ε < σ_r` |
    | C1 | claim | `H_rel(δ)`, `δ ≤ c₁/κ_F`, small `α`, `k ≥ r` ⇒ `‖R(t)‖_F ≤ τ` for `t ≥ c₂ ln(σ₁/α)/(σ_r(1 − δκ_F))` |
    | C2 | claim | `H_abs(ε)`, `ε ≤ c₃σ_r` ⇒ for `t ≥ c₄ ln(σ₁/α)/(σ_r − ε)`: `‖R‖ ≤ c₅ε + τ`, `σ_r(W) ≥ σ_r − ε − τ` |
    | C3, C4 | claim | gradient descent follows the flow; matrix sensing — pending (they come with the sensing operator) |
    | K1 | conjecture | `c₅ = 1`: the flow never amplifies a perturbation — **false**, see below |

    The proofs are short; each statement's page in `lemmas/` gives its proof sketch. Every derivation
    was re-checked while building the checks; notable points: L2(b) follows from Young's inequality on
    the two cross terms; L6's Dini-derivative argument is valid for `k > r` because every singular
    triplet of a non-zero singular value satisfies both `Sv = σ_r u` and `Sᵀu = σ_r v` (the `k − r`
    extra right null vectors are never paired with a `u`), and for `k < r` the statement is trivially
    true; in L8, `Ξ̇ = −ΞBBᵀ − AAᵀΞ + A(N_UᵀN_U + N_VᵀN_V)Bᵀ − ΦᵀEVBᵀ − AUᵀEΨ` with both
    perturbation terms negative, as stated.

    ## Corrections and precisions to theory.md

    - **L9, δ > 1.** The loss is non-decreasing only until the flow blows up: for `δ > 1` the PGF is
      gradient flow run backward at speed `δ − 1`; the anti-aligned modes grow like `e^{(δ−1)σᵢt}` and
      the cubic term diverges in finite time. Checks use horizons before the blow-up.
    - **L10, ε > σ_r.** theory.md says the r-th mode "never grows" for `ε ≥ σ_r`. For `ε > σ_r` the
      modified target has r-th component `(ε − σ_r)φ_r(−ψ_r)ᵀ`, and the flow *does* learn that flipped
      component (measured: `φ_rᵀW(T)ψ_r = σ_r − ε`). What never happens is learning the r-th direction
      of `X`. The checked statement is exact: with `s_r = (a_r + b_r)/2` the aligned part of the r-th
      mode, `‖s_r(t)‖ ≤ y(t) = e^{(σ_r−ε)t}‖s_r(0)‖ + ∫e^{(σ_r−ε)(t−τ)}½‖D‖_F‖d_r‖` and
      `φ_rᵀWψ_r ≤ y²`, which is `O(α²)` for `ε ≥ σ_r`. The learning time `~ ln(1/α)/(σ_r − ε)` is
      asymptotic: the measured log–log slope is −0.91 (the logistic form predicts `−1 + 1/(2tc)`).
    - **K1 is false.** With a constant `E` the flow converges to the best rank-r approximation of
      `X + E`, so `R∞ = −𝒫_T(E) + O(ε²)` with `𝒫_T(E) = E − PEQ` the projection onto the tangent space
      of rank-r matrices at `X`, and `‖𝒫_T(E)‖` can exceed `‖E‖`: for `X = e₁e₁ᵀ`,
      `E = ε[[1, 1], [1, −1]]/√2`, `‖𝒫_T(E)‖ = ε(1 + √5)/(2√2) ≈ 1.144ε`. The falsification search finds a
      2×2, `k = r = 1`, `fixed` counterexample (confirmed by the closed form); `c₅` must be at least
      ≈ 1.15. theory.md's numerical note (ratios ≈ 0.9 for `fixed` on 12×9) is consistent: large
      random `E` rarely has `‖𝒫_T(E)‖ > ‖E‖`.

    ## "Convergence holds exactly when the bound holds"

    For each claim and family, the size is swept in units of the bound (`s = δ/δ₁` or `ε/ε₁`):
    for `s ≤ 1` (hypothesis holds) the conclusion must hold for every family, the greedy adversary
    included; at the sharp threshold of the sharp family (L9: `δ ≥ 1`; L10: `ε ≥ σ_r`) the witness must
    break it; in between nothing is asserted, and the report shows the greedy adversary's empirical
    critical size (bisection) and the tightness ratio *critical size / bound*.

    ## Claims: calibration and validation

    The constants `c₁ … c₅` and `α_max` live in one place (`ClaimConstants.calibrated`) with a record
    of how they were obtained: the calibration procedure (`Calibration`, rerun with
    `PGF_CALIBRATE=1 swift test --filter ClaimCalibration`) computes the tightest constants on a
    calibration set and applies a fixed safety factor; the claims are then checked on a disjoint
    validation set (other seeds, shapes and spectra). The floor is measured, not assumed away: it is
    the unperturbed flow's `‖R‖_F` after `4 ln(σ₁/α̂)/σ_r`, and the accuracy is
    `τ = max(10⁻²‖X‖_F, 10 × floor)`. The calibration history is kept in the record and on the claims'
    pages: a first calibration on one shape failed validation on `k = r`, `κ = 1` under the greedy
    adversaries (a near-singular initial signal block makes the spectral phase take
    `ln(σ₁/σ_r(S(0)))/σ_r`, and `κ = 1` slows the adversary further); the calibration set was widened
    once to cover those classes, with validation untouched, and validation then passed. Known weak
    points, recorded rather than tuned away: `c₅ = 5.0` is inflated by the order of the calibration
    (it is measured before `c₃` is known; at or below the final `c₃σ_r` the ratio `‖R‖/ε` stays ≤ 1.04),
    and `c₃ = 0.088` is small because `k = r`, `κ = 1` problems stall the greedy adversary early —
    evidence against a template with one `c₃` independent of `κ` and `k − r`.

    ## How a predicate is checked numerically

    - **Integration.** Dormand–Prince 5(4) with Hairer's DOPRI5 controller (PI, β = 0.04, safety 0.9,
      factors 0.2…10), its initial-step rule and Shampine's quartic dense output; step-for-step equal to
      the Fortran code (scipy's `dopri5`) on five problems including the flow itself, order 5 / 4 by
      step halving, closed forms of the scalar and aligned flows, and agreement with DOP853 at
      rtol 1e-12 to 1.5e-10.
    - **Sampling.** A trajectory is sampled on *panels*: the union of the accepted steps and a uniform
      grid, each panel inside one step (where the dense output is a polynomial) carrying the 9
      Chebyshev–Lobatto nodes. Pointwise predicates are evaluated at every sample.
    - **Integrals** `∫₀ᵗ f` use the 9-node Clenshaw–Curtis rule per panel; the nested 5-node rule gives
      the error estimate.
    - **Gronwall-type bounds** (L3–L6, L8, L10) all use one comparison-equation solver for
      `y' = a(t)y + b(t)`: per panel, the integrating factor from the cumulative integral of `a`, with
      the same nested error estimate, propagated along the trajectory.
    - **Inequalities** hold when the worst slack is at least minus the error budget: the quadrature
      estimate plus the integration estimate, which is the change of the worst slack between the base
      run (rtol 1e-8, atol 1e-12) and a refined run (tolerances × 10⁻³). Monotonicity statements
      compare with the running minimum and allow the round-off of the cancelling terms.
    - **Identities** use the rtol-shrink rule: the defect must shrink at least 10× when the tolerances
      shrink 1000× (so it is integration error), or both defects must be at the round-off floor
      `64 ε_mach × scale` of the terms that cancel. No magic tolerance.
    - **Negative controls** (L4 without its perturbation integral, L3 with half the exponent, L2
      without a cross term, L5 at twice the rate) are reported as failing by the same machinery, by far
      more than their budgets: the checks can fail.
    """#
}
