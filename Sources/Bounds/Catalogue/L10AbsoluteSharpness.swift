import Flow
import Foundation

/// **L10 Sharpness of the absolute hypothesis** (lemma, proved).
///
/// *Statement.* For the constant `E = −ε φ_r ψ_rᵀ` (the `alignedKill:ε`
/// family, `‖E‖ = ε`, so `H_abs(ε)` holds) the PGF is the unperturbed flow
/// with target `X' = X − εφ_rψ_rᵀ`, whose r-th component is
/// `(σ_r − ε)φ_rψ_rᵀ`. In the small-`Z` regime the r-th signal mode grows at
/// rate `σ_r − ε`; it is learned for `ε < σ_r` (after a time that scales like
/// `ln(1/α)/(σ_r − ε)`), and the r-th direction of `X` is never learned for
/// `ε ≥ σ_r`.
///
/// *Proof and exact consequences.* `X + E = X'` and `E` is constant, so the
/// fields agree. Write `a = φ_rᵀU`, `b = ψ_rᵀV` (row `r` of `A`, `B`),
/// `s = (a+b)/2`, `d = (a−b)/2`, `c = σ_r − ε`, `M = UᵀU + VᵀV`,
/// `D = UᵀU − VᵀV` (constant, L1). Since `φ_rᵀ(X+E) = cψ_rᵀ`:
/// `ȧ = cb − aVᵀV`, `ḃ = ca − bUᵀU`, hence
/// 1. `ṡ = cs − ½sM + ½dD`, and `D⁺‖s‖ ≤ c‖s‖ + ½‖D‖‖d‖` (drop `−½sMsᵀ ≤ 0`), so by Gronwall
///    `‖s(t)‖ ≤ e^{ct}‖s(0)‖ + ∫₀ᵗ e^{c(t−τ)} ½‖D‖_F‖d(τ)‖ dτ =: y(t)`;
/// 2. `φ_rᵀWψ_r = ⟨a, b⟩ = ‖s‖² − ‖d‖² ≤ y(t)²`: for `ε ≥ σ_r` (`c ≤ 0`) this is
///    `O(α² + ‖D‖²t²)`, so the component of `W` along `φ_rψ_rᵀ` never approaches `σ_r`;
/// 3. `d/dt(‖a‖² + ‖b‖²) = 4c⟨a,b⟩ − 2‖Vaᵀ‖² − 2‖Ubᵀ‖² ≤ 2|c|(‖a‖² + ‖b‖²)`; at `ε = σ_r`
///    the r-th mode's energy `‖a‖² + ‖b‖²` is non-increasing ("it never grows").
///
/// *Correction to the task brief (theory.md is consistent).* For `ε > σ_r`,
/// `σ_r(W(t))` does **not** stay small forever: the flow learns `X'`, whose
/// r-th singular value is `ε − σ_r` with singular vectors `(φ_r, −ψ_r)`; the
/// anti-aligned mode `d` grows at rate `ε − σ_r` and `φ_rᵀWψ_r → σ_r − ε < 0`.
/// What never happens is learning the r-th direction of `X` (statement 2).
/// The learning-time law `ln(1/α)/(σ_r − ε)` is asymptotic (small α, small
/// `σ_r − ε`) and is checked in the tests, not here.
///
/// *Checked as.* Hypothesis: `E = −εφ_rψ_rᵀ` at every sample, `ε` from the
/// case's declared `H_abs(ε)`. Parts: the identity `‖Z(t) − Z'(t)‖_F = 0`
/// against the dense output of an unperturbed reference with target `X'` (same
/// `Z(0)`, one refinement level tighter than the compared trajectory, see
/// ``ScenarioContext/reference(problem:perturbation:tEnd:refined:)``); statements 1–3 (3 over consecutive samples:
/// `e_i ≤ e^{2|c|(tᵢ−tᵢ₋₁)}e_{i−1}`, `e = ‖a‖² + ‖b‖²`).
public struct L10AbsoluteSharpness: Statement {
  /// The lemma.
  public init() {}
  public var id: String { "L10" }
  public var representativeFamily: String { "alignedKill" }
  public var notes: String? { StatementNotes.shipped(id) }
  public var title: String { "Sharpness of the absolute hypothesis" }
  public var status: Status { .lemma }
  public var statement: String {
    "For E = −εφ_rψ_rᵀ the PGF is the unperturbed flow with target X' = X − εφ_rψ_rᵀ; the r-th signal mode grows at rate σ_r − ε: learned for ε < σ_r, never for ε ≥ σ_r (φ_rᵀWψ_r stays O(α²))."
  }
  public var proof: String {
    "X + E = X' and E is constant. With a = φ_rᵀU, b = ψ_rᵀV, c = σ_r − ε: ȧ = cb − aVᵀV, ḃ = ca − bUᵀU; s = (a+b)/2 obeys ṡ = cs − ½s(UᵀU+VᵀV) + ½dD, so ‖s(t)‖ ≤ e^{ct}‖s(0)‖ + ∫e^{c(t−τ)}½‖D‖‖d‖, and φ_rᵀWψ_r = ‖s‖² − ‖d‖² ≤ ‖s‖² (theory.md §3, L10)."
  }

  /// `E = −εφ_rψ_rᵀ` at every sample, `ε` from the case's declared `H_abs(ε)`.
  public func hypotheses(for checkCase: Scenario) -> [Hypothesis] {
    guard case .absolute(let epsilon) = checkCase.bound else {
      return [
        Hypothesis(name: "E = −εφ_rψ_rᵀ", statement: "E = −εφ_rψ_rᵀ (needs a declared H_abs(ε))") { _ in
          HypothesisResult(
            name: "E = −εφ_rψ_rᵀ", statement: "E = −εφ_rψ_rᵀ (no H_abs(ε) declared: \(checkCase.bound))",
            holds: false, worstMargin: -.infinity, at: nil)
        }
      ]
    }
    return [Self.alignedKillHypothesis(epsilon)]
  }

  /// The hypothesis `E = −εφ_rψ_rᵀ`, checked through
  /// `‖EV + εφ_r(ψ_rᵀV)‖_F + ‖EᵀU + εψ_r(φ_rᵀU)‖_F ≤ 1e-12·(‖EV‖_F + ‖EᵀU‖_F + ε‖Z‖_F)` at every sample.
  public static func alignedKillHypothesis(_ epsilon: Double) -> Hypothesis {
    let name = "E = −\(epsilon)φ_rψ_rᵀ"
    let statement = "E(t) = −\(epsilon)·φ_rψ_rᵀ for all t (checked through EV and EᵀU)"
    return Hypothesis(name: name, statement: statement) { context in
      let target = context.checkCase.problem.target
      let r = target.rank - 1
      let phiR = Matrix(rows: target.n1, columns: 1, elements: target.phi.column(r))
      let psiR = Matrix(rows: target.n2, columns: 1, elements: target.psi.column(r))
      return Hypothesis.worst(name: name, statement: statement, try context.base().samples) { s in
        let expectedEV = -epsilon * (phiR * psiR.transposedTimes(s.state.v))  // −εφ_r(ψ_rᵀV)
        let expectedETU = -epsilon * (psiR * phiR.transposedTimes(s.state.u))  // −εψ_r(φ_rᵀU)
        let defect = (s.ev - expectedEV).frobeniusNorm + (s.etu - expectedETU).frobeniusNorm
        let scale = s.ev.frobeniusNorm + s.etu.frobeniusNorm + epsilon * s.state.zFrobeniusSquared.squareRoot()
        return (-defect, max(scale, Double.leastNormalMagnitude))
      }
    }
  }

  /// The modified target `X' = X − εφ_rψ_rᵀ` in factored form: the r-th
  /// singular value becomes `|σ_r − ε|` (with `ψ_r` negated when `ε > σ_r`,
  /// and dropped when `ε = σ_r`), re-sorted so the values are non-increasing.
  /// `nil` when `X' = 0` (rank 1 and `ε = σ_1`).
  public static func modifiedTarget(_ target: Target, epsilon: Double) throws -> Target? {
    let r = target.rank
    var components: [(sigma: Double, phi: [Double], psi: [Double])] = (0..<r).map {
      (target.sigma[$0], target.phi.column($0), target.psi.column($0))
    }
    let c = target.sigma[r - 1] - epsilon
    if c == 0 {
      components.removeLast()
    } else {
      components[r - 1] = (abs(c), components[r - 1].phi, components[r - 1].psi.map { c < 0 ? -$0 : $0 })
    }
    guard !components.isEmpty else { return nil }
    components.sort { $0.sigma > $1.sigma }
    func matrix(_ columns: [[Double]], rows: Int) -> Matrix {
      var m = Matrix(rows: rows, columns: columns.count)
      for (j, col) in columns.enumerated() { for i in 0..<rows { m[i, j] = col[i] } }
      return m
    }
    return try Target(
      phi: matrix(components.map(\.phi), rows: target.n1), sigma: components.map(\.sigma),
      psi: matrix(components.map(\.psi), rows: target.n2))
  }

  public func measure(_ context: ScenarioContext, on trajectory: Trajectory, refined: Bool) throws -> [Conclusion] {
    let names = [
      "‖Z(t) − Z'(t)‖_F = 0, Z' the flow with target X − εφ_rψ_rᵀ",
      "‖s_r(t)‖ ≤ e^{(σ_r−ε)t}‖s_r(0)‖ + ∫e^{(σ_r−ε)(t−τ)}½‖D‖_F‖d_r‖",
      "φ_rᵀW(t)ψ_r ≤ (Gronwall bound on ‖s_r‖)²",
      "‖a_r‖² + ‖b_r‖² at tᵢ ≤ e^{2|σ_r−ε|(tᵢ−tᵢ₋₁)} × (same at tᵢ₋₁)",
    ]
    let kinds: [Conclusion.Kind] = [.identity, .inequality, .inequality, .inequality]
    guard case .absolute(let epsilon) = context.checkCase.bound else {
      return zip(names, kinds).map {
        .skipped($0, kind: $1, reason: "needs the alignedKill family E = −εφ_rψ_rᵀ with a declared H_abs(ε)")
      }
    }
    guard try Self.alignedKillHypothesis(epsilon).check(context).holds else {
      return zip(names, kinds).map {
        .skipped($0, kind: $1, reason: "hypothesis E = −\(epsilon)φ_rψ_rᵀ fails: not the alignedKill family")
      }
    }
    let problem = context.checkCase.problem
    let target = problem.target
    let r = target.rank - 1
    let c = target.sigma[r] - epsilon
    var parts: [Conclusion] = []

    // Identity against the flow with target X'.
    if let modified = try Self.modifiedTarget(target, epsilon: epsilon) {
      let companionProblem = try Problem(target: modified, u0: problem.u0, v0: problem.v0, metadata: problem.metadata)
      let companion = try context.reference(problem: companionProblem, perturbation: ZeroPerturbation(), refined: refined)
      let defect = try trajectory.stateDistance(to: companion)
      parts.append(.equal(names[0], trajectory, lhs: defect, rhs: Array(repeating: 0, count: defect.count), scale: trajectory.stateNorms))
    } else {
      parts.append(.skipped(names[0], kind: .identity, reason: "X − εφ_rψ_rᵀ = 0 is not a valid target"))
    }

    // The r-th aligned / anti-aligned signal modes.
    func row(_ m: Matrix) -> [Double] { m.row(r) }
    func norm(_ x: [Double]) -> Double { x.reduce(0) { $0 + $1 * $1 }.squareRoot() }
    let aligned = trajectory.values { s in norm(zip(row(s.state.signalU), row(s.state.signalV)).map { 0.5 * ($0 + $1) }) }
    let anti = trajectory.values { s in norm(zip(row(s.state.signalU), row(s.state.signalV)).map { 0.5 * ($0 - $1) }) }
    let forcing = trajectory.values { s in s.state.imbalance.frobeniusNorm }
    let b = zip(forcing, anti).map { 0.5 * $0 * $1 }
    let bound = trajectory.solveComparison(a: Array(repeating: c, count: b.count), b: b, initial: aligned[0])
    parts.append(.atMost(names[1], trajectory, value: aligned, bound: bound.values, error: bound.errors))

    let mode = trajectory.values { s in zip(row(s.state.signalU), row(s.state.signalV)).reduce(0) { $0 + $1.0 * $1.1 } }
    let squared = bound.values.map { $0 * $0 }
    let squaredError = zip(bound.values, bound.errors).map { 2 * abs($0) * $1 + $1 * $1 }
    parts.append(.atMost(names[2], trajectory, value: mode, bound: squared, error: squaredError))

    let energy = trajectory.values { s in
      let a = row(s.state.signalU), bb = row(s.state.signalV)
      return a.reduce(0) { $0 + $1 * $1 } + bb.reduce(0) { $0 + $1 * $1 }
    }
    let times = trajectory.times
    // At tᵢ (i ≥ 1): e(tᵢ) ≤ e^{2|c|(tᵢ−tᵢ₋₁)} e(tᵢ₋₁).
    let envelope = (1..<energy.count).map { energy[$0 - 1] * exp(2 * abs(c) * (times[$0] - times[$0 - 1])) }
    parts.append(
      Conclusion(
        name: names[3], kind: .inequality, times: Array(times.dropFirst()), lhs: Array(energy.dropFirst()), rhs: envelope))
    return parts
  }
}
