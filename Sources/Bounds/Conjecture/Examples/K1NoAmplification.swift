import Foundation
import Flow

/// **K1 (conjecture, theory.md §4): the flow never amplifies a perturbation (`c₅ = 1` in C2).**
///
/// If `H_abs(ε)` holds with `ε < σ_r`, then after the transient
/// `‖R(t)‖ ≤ sup_s ‖E(s)‖ + floor`.
///
/// Made precise here as:
/// - **transient**: `t ≥ T_tr := c·ln(σ₁/s₀)/(σ_r − ε)` with
///   ``transientFactor`` `c = 2` and `s₀ = min(α, σ_r(S(0)))` — twice the
///   time the slowest signal mode needs to grow from its initial size to `σ₁`
///   at rate `σ_r − ε` (L6, L10). theory.md §3 reports convergence times
///   between 0.3 and 1.43 of `ln(σ₁/α)/(σ_r(1−s))` for the relative families,
///   so `c = 2` is past the spectral phase. Using `σ_r(S(0))` (the starting
///   value of L6's lower bound) instead of `α` alone matters for `k = r`: the
///   square `r × r` block `S(0)` is nearly singular with non-negligible
///   probability, and such an unlucky start needs `ln(α/σ_r(S(0)))/(σ_r − ε)`
///   longer — the first search on the box found exactly such "violations"
///   (relative −0.06 at `t = T_tr`, 5×4 `k = r = 3`, greedy), a slow start, not
///   an amplification.
/// - **floor**: `sup_{t ≥ T_tr} ‖R₀(t)‖ + σ₁(α/σ₁)^{2(c−1)}`. The first term
///   is the residual of the *unperturbed* flow (`E ≡ 0`) from the same
///   `U(0), V(0)` over the same window, at the same tolerance (the
///   `α`-dependent part the `k − r` extra columns leave; measured, not
///   assumed). The second is the transient's remainder: a mode that finishes
///   its spectral phase at `T_sp = ln(σ₁/s₀)/γ` (`γ = σ_r − ε`) and then
///   converges at rate `2γ` is still `σ₁e^{−2γ(T_tr − T_sp)} = σ₁(s₀/σ₁)^{2(c−1)}`
///   (`= s₀²/σ₁` for `c = 2`) away at `T_tr`. Without it the perturbed flow,
///   slower than the unperturbed one (rate `σ_r − ε` instead of `σ_r`), shows
///   `O(α²)` "violations" at `t ≈ T_tr` that are the transient, not an
///   amplification (seen with `greedy`: excess 4.5e-7 at `α = 1.3e-3`).
/// - `sup‖E‖`: the largest `‖E(t)‖` over the samples of `[0, T]` (the
///   trajectory's own perturbation, not the declared `ε`, so a loose
///   declaration cannot hide a violation).
/// - `α`: from the problem's metadata (`"alpha"`), else the RMS entry of `Z(0)`.
///
/// Status: conjecture. The box's sizes are `ε = s·σ_r`, `s ∈ [0.05, 0.5]`.
///
/// **Why it may fail (first order, constant `E`).** For constant `E` the PGF
/// is the gradient flow toward `X + E` (theory.md §6), so with `k = r` it
/// converges to `W∞ = P_r(X + E)` (best rank-r approximation) and
/// `R∞ = X − P_r(X + E) = −𝒫_T(E) + O(ε²/σ_r)`, with `𝒫_T(E) = E − PEQ` the
/// projection onto the tangent space of the rank-r matrices at `X`.
/// `‖𝒫_T(E)‖` can exceed `‖E‖`: for `X = e₁e₁ᵀ` and
/// `E = ε[[1, 1], [1, −1]]/√2` (`‖E‖ = ε`), `𝒫_T(E) = ε[[1, 1], [1, 0]]/√2`
/// has norm `ε(1 + √5)/(2√2) ≈ 1.144ε`. So K1 can fail for `fixed` on small
/// shapes, where deleting the block `PEQ` need not lower the norm; on 12×9
/// shapes `PEQ` carries most of a Gaussian `E` and the prototype saw ratios
/// ≈ 0.9. The falsification search reports what it finds.
///
/// **Findings (search seed 1).**
/// - The witness (``witnessBox``: 2×2, `k = r = 1`, `fixed`): a counterexample
///   in 7 evaluations — exactly `n1=2 n2=2 k=1 r=1 κ=1 α=0.00546920357054332
///   fixed:0.14774541781825512 seed 118 T=18.334740750879938`, slack
///   `−5.3e-4` (relative `−3.6e-3`) at `t = 16.9`, and the closed form
///   `‖X − P₁(X + E)‖ = 1.0036·‖E‖` (``closedFormLimit(_:)``) is the flow's
///   `‖R(T)‖` (ConjectureTests). So `c₅ = 1` is false; on 2×2 Gaussian `E`
///   the first-order ratio `‖𝒫_T(E)‖/‖E‖` exceeds 1 for ≈ 19 % of draws (max
///   ≈ 1.15), on 3×3 for ≈ 6 %, on 8×8 for ≈ 0.03 %.
/// - On the whole box: `greedy` is the sharp family (smallest slacks, as
///   theory.md saw). A `greedy` "violation" just past `T_tr` (seen before the
///   `σ_r` fix of ``ParameterPoint/sigmaR`` on `2×4 k=2 r=2 … greedy:0.404
///   seed 503`, relative `−4e-5` at `t = 27.8`) is a slow transient, not an
///   amplification: `‖R‖/ε` is 1.0005 at `t ≈ 30` and 0.999999 at `t = 100`
///   — the greedy flow approaches `‖R‖ = ε` from above more slowly than the
///   `2γ` rate the transient remainder assumes. A larger `c` (or a remainder
///   for this slower approach) would remove it; the witness above is a steady
///   state and does not depend on `c`.
public struct K1NoAmplification: Conjecture {
  /// `c` in `T_tr = c·ln(σ₁/α)/(σ_r − ε)`.
  public static let transientFactor = 2.0

  /// The conjecture (stateless).
  public init() {}
  /// Its id.
  public var id: String { "K1" }
  public var notes: String? { StatementNotes.shipped(id) }
  /// Its title.
  public var title: String { "The flow never amplifies a perturbation (c₅ = 1)" }
  /// Its statement (see the type's description).
  public var statement: String {
    "H_abs(ε), ε < σ_r ⇒ ‖R(t)‖ ≤ sup_s‖E(s)‖ + floor for t ≥ T_tr = 2·ln(σ₁/s₀)/(σ_r − ε); floor = sup_{t ≥ T_tr}‖R₀(t)‖ (unperturbed flow, same initialization) + s₀²/σ₁ (transient remainder); s₀ = min(α, σ_r(S(0)))."
  }
  /// `fixed`, `rotating`, `alignedKill`, `greedy` with `ε = s·σ_r`, `s ∈ [0.05, 0.5]`; shapes up to 8×8,
  /// `κ ∈ [1, 2]`, `α ∈ [1e-3, 1e-2]`; horizon `3·ln(σ₁/α)/(σ_r − ε)` (a window of `ln(σ₁/α)/(σ_r − ε)` after the transient).
  public var box: ParameterBox {
    ParameterBox(kappa: 1...2, families: [.fixed, .rotating, .alignedKill, .greedy], size: 0.05...0.5, horizon: .transientMultiple(3))
  }

  /// The closed-form counterexample's region: the box restricted to 2×2,
  /// `k = r = 1`, `fixed` (constant `E`), where the flow converges to
  /// `P₁(X + E)` and `‖X − P₁(X + E)‖ > ‖E‖` for about a fifth of the
  /// directions of `E` (see the type's description). Its counterexample is a
  /// steady state: it does not depend on the transient factor `c`.
  public var witnessBox: ParameterBox? {
    var b = box
    b.n1 = 2...2
    b.n2 = 2...2
    b.k = 1...1
    b.r = 1...1
    b.families = [.fixed]
    return b
  }

  /// The steady state of a constant-`E` case with `k = r` (theory.md §6): the
  /// flow is the gradient flow toward `X + E` and converges to `P_r(X + E)`,
  /// so `‖R∞‖ = ‖X − P_r(X + E)‖`. Returns that limit and `‖E‖` (spectral
  /// norms), or `nil` unless the point's family is `fixed` and `k = r`.
  public static func closedFormLimit(_ point: ParameterPoint) throws -> (limit: Double, perturbation: Double)? {
    guard point.family == .fixed, point.k == point.r else { return nil }
    let c = try point.checkCase()
    let p = c.problem
    let e = try c.perturbation.matrix(PerturbationContext(t: 0, target: p.target, u: p.u0, v: p.v0))
    let svd = try SingularValueDecomposition(p.x + e)
    var best = Matrix(rows: p.n1, columns: p.n2)
    for i in 0..<p.r {
      let s = svd.singularValues[i]
      for a in 0..<p.n1 { for b in 0..<p.n2 { best[a, b] += s * svd.u[a, i] * svd.v[b, i] } }
    }
    return (try (p.x - best).spectralNorm(), try e.spectralNorm())
  }

  /// The closed form of ``closedFormLimit(_:)`` for a witness point.
  public func explainWitness(_ point: ParameterPoint) throws -> String? {
    guard let (limit, eNorm) = try Self.closedFormLimit(point) else { return nil }
    let f = { (x: Double) in ReportFormat.significant(x, digits: 6) }
    return "closed form (constant E, k = r: the flow converges to P_r(X + E)): ‖X − P_r(X + E)‖ = \(f(limit)) vs ‖E‖ = \(f(eNorm)), ratio \(f(limit / eNorm))"
  }

  /// The transient time `T_tr` of a case (`nil` when `H_abs(ε)` with `ε < σ_r` is not declared).
  public static func transientTime(_ checkCase: Scenario) -> Double? {
    guard case .absolute(let eps) = checkCase.bound else { return nil }
    let p = checkCase.problem
    let sigmaR = p.target.sigmaMin
    guard eps < sigmaR else { return nil }
    let s0 = startingScale(p)
    guard s0 > 0 else { return nil }
    return transientFactor * Foundation.log(p.target.sigmaMax / s0) / (sigmaR - eps)
  }

  /// `s₀ = min(α, σ_r(S(0)))` with `S(0) = ½(ΦᵀU(0) + ΨᵀV(0))` (0 when `k < r` or the SVD fails).
  public static func startingScale(_ p: Problem) -> Double {
    let s = 0.5 * (p.target.phi.transposedTimes(p.u0) + p.target.psi.transposedTimes(p.v0))
    guard p.k >= p.r, let sv = try? s.singularValues(), sv.count >= p.r else { return 0 }
    return min(initializationScale(p), sv[p.r - 1])
  }

  /// `α`: the problem's `"alpha"` metadata, else `‖Z(0)‖_F/√((n1 + n2)k)`.
  public static func initializationScale(_ p: Problem) -> Double {
    if let s = p.metadata["alpha"], let a = Double(s), a > 0 { return a }
    let z = p.u0.frobeniusNorm * p.u0.frobeniusNorm + p.v0.frobeniusNorm * p.v0.frobeniusNorm
    return (z / Double(p.stateDimension)).squareRoot()
  }

  /// The conclusion measured on one trajectory (see the type's description).
  public func measure(_ context: ScenarioContext, on trajectory: Trajectory, refined: Bool) throws -> [Conclusion] {
    let name = "‖R(t)‖ ≤ sup‖E‖ + floor (t ≥ T_tr)"
    guard let tTr = Self.transientTime(context.checkCase) else {
      return [.skipped(name, reason: "needs a declared H_abs(ε) with ε < σ_r, k ≥ r and σ_r(S(0)) > 0")]
    }
    guard tTr < trajectory.tEnd else {
      return [.skipped(name, reason: "horizon \(trajectory.tEnd) ends before the transient T_tr = \(tTr)")]
    }
    let supE = trajectory.samples.map(\.perturbationNorm).max() ?? 0
    let reference = try context.companion(problem: context.checkCase.problem, perturbation: ZeroPerturbation(), refined: refined)
    let p = context.checkCase.problem
    let sigma1 = p.target.sigmaMax
    let remainder = sigma1 * Foundation.pow(Self.startingScale(p) / sigma1, 2 * (Self.transientFactor - 1))
    let floor = (reference.samples.filter { $0.t >= tTr }.map { $0.state.residualNorms.spectral }.max() ?? 0) + remainder
    let window = trajectory.samples.filter { $0.t >= tTr }
    return [
      Conclusion(
        name: name, kind: .inequality, times: window.map(\.t), lhs: window.map { $0.state.residualNorms.spectral },
        rhs: Array(repeating: supE + floor, count: window.count))
    ]
  }
}
