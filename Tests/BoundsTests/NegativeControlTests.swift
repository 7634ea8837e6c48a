import Bounds
import Flow
import Foundation
import Testing

/// Negative controls: deliberately false variants of L2, L3, L4, L5, checked by
/// the same machinery (``Statement/check(_:)``) on one perturbed case, must be
/// reported as violated — by more than their error budget — while the true
/// lemmas hold on the same case. This shows the checks can fail.
///
/// Oracles (mathematics, not code output):
/// - L4 without its perturbation integral: `Ṅ_U = −N_UVᵀV + PEV` with a
///   constant `E` of size 0.3 pushes noise in at rate `‖PEV‖_F`, so
///   `‖N_U‖_F ≤ e^{−∫λ_V}‖N_U(0)‖_F` (pure decay) must break.
/// - L3 with half the exponent: the top signal mode grows like `e^{σ₁(X+E)t}`
///   from size `~α` until `‖Z‖_F² ~ 2‖X+E‖_*`, while the false envelope grows
///   like `‖Z(0)‖_F e^{½σ₁(X+E)t}` with `‖Z(0)‖_F ~ α√((n1+n2)k)`: it is crossed
///   once `α√(84)·e^{0.65t} < 1` at the saturation time `t ~ ln(1/α)/1.3`,
///   i.e. for `α ≪ 1/84`. At the suite's α = 1e-2 it is not (0.09·e^{0.65·4.7} ≈ 2
///   already), so this control uses the same case with α = 1e-4 (crossing by
///   a factor ~10).
/// - L2 without `⟨RV, EV⟩`: the defect is `∫⟨RV, EV⟩`, a fixed nonzero
///   number that does not shrink with rtol, so the rtol-shrink rule must fail.
/// - L5 with rate `2σr`: in the spectral phase the σr-row of `Δ` decays only
///   like `e^{−σr t}` (forcing `O(α³ + ε‖V‖)`), so the false envelope must break.
@Suite("Negative controls")
struct NegativeControlTests {
  /// One perturbed case shared by the controls: 12×9, k=4, r=2, κ=2, `fixed:0.3`.
  static func context() throws -> ScenarioContext {
    ScenarioContext(try Cases.make(Cases.shapes[0], "fixed:0.3", seed: 1))
  }

  /// The same case from a smaller initialization (α = 1e-4), for the L3 control.
  static func smallInitialization() throws -> ScenarioContext {
    let shape = Cases.shapes[0]
    return ScenarioContext(
      try Scenario(
        problem: Cases.problem(shape, seed: 1, alpha: 1e-4), perturbation: PerturbationSpec(parsing: "fixed:0.3"), seed: 1,
        tEnd: 20, label: "\(shape) fixed:0.3 seed 1 α=1e-4"))
  }

  @Test("False variants fail by more than their budget; true lemmas hold on the same case")
  func negativeControls() throws {
    let context = try Self.context()
    let controls: [(false: any Statement, true: any Statement, context: ScenarioContext)] = [
      (L4WithoutForcing(), L4NoiseContainment(), context),
      (L3HalfExponent(), L3GrowthEnvelope(), try Self.smallInitialization()),
      (L2WithoutCrossTerm(), L2EnergyBalance(), context),
      (L5DoubleRate(), L5AntiAlignmentDecay(), context),
    ]
    for (wrong, right, context) in controls {
      let truth = try right.check(context)
      #expect(truth.holds == true, "true \(truth.lemma) must hold on the control case: \(LemmaGridTests.describe(truth))")
      let v = try wrong.check(context)
      #expect(v.holds == false && v.isViolation, "\(v.lemma) must be reported as violated: \(LemmaGridTests.describe(v))")
      if LemmaGridTests.printSlacks { print("CONTROL \(LemmaGridTests.describe(v))") }
      for p in v.parts where p.notApplicable == nil {
        #expect(p.holds == false, "\(v.lemma) part \(p.name) must fail")
        switch p.kind {
        case .inequality:
          // Violated at its worst point by more than 10× the whole budget there.
          let budget = p.quadratureBudget + p.integrationBudget
          #expect(p.worstSlack < 0 && -p.worstSlack > 10 * budget, "\(v.lemma): violation \(-p.worstSlack) vs budget \(budget)")
        case .identity:
          // The defect does not shrink with rtol (ratio far below the required 10) and is far above the floor.
          let ratio = p.shrinkRatio ?? .infinity
          #expect(ratio < 2 && -p.worstSlack > 1e3 * p.quadratureBudget, "\(v.lemma): shrink \(ratio), defect \(-p.worstSlack), floor \(p.quadratureBudget)")
        }
      }
    }
  }
}

/// FALSE: L4 with `b ≡ 0` (the perturbation integral dropped).
struct L4WithoutForcing: Statement {
  var id: String { "¬L4(b≡0)" }
  var title: String { "Noise containment without the perturbation integral (false)" }
  var status: Status { .lemma }
  var statement: String { "‖N_U(t)‖_F ≤ e^{−∫λ_V}‖N_U(0)‖_F (false under E ≠ 0)" }
  var proof: String { "none: drops ∫e^{−∫ₛᵗλ_V}‖PEV‖_F" }

  func measure(_ context: ScenarioContext, on trajectory: Trajectory, refined: Bool) throws -> [Bounds.Conclusion] {
    let samples = trajectory.samples
    let lambdaV = try samples.map { -(try $0.state.gramV.minimumSymmetricEigenvalue()) }
    let nU = samples.map { $0.state.noiseU.frobeniusNorm }
    let bound = trajectory.solveComparison(a: lambdaV, b: Array(repeating: 0, count: samples.count), initial: nU[0])
    return [.atMost("‖N_U(t)‖_F ≤ e^{−∫λ_V}‖N_U(0)‖_F", trajectory, value: nU, bound: bound.values, error: bound.errors)]
  }
}

/// FALSE: L3 with half the exponent.
struct L3HalfExponent: Statement {
  var id: String { "¬L3(½)" }
  var title: String { "Growth envelope with half the exponent (false)" }
  var status: Status { .lemma }
  var statement: String { "‖Z(t)‖_F ≤ ‖Z(0)‖_F exp(½∫‖X + E‖) (false)" }
  var proof: String { "none" }

  func measure(_ context: ScenarioContext, on trajectory: Trajectory, refined: Bool) throws -> [Bounds.Conclusion] {
    let samples = trajectory.samples
    let x = trajectory.problem.target.dense()
    let half = try samples.map { s -> Double in
      let m = x + (try s.perturbationMatrix())
      return 0.5 * (try m.gram.symmetricEigenvalues().last ?? 0).squareRoot()
    }
    let z = samples.map { $0.state.zFrobeniusSquared.squareRoot() }
    let bound = trajectory.solveComparison(a: half, b: Array(repeating: 0, count: samples.count), initial: z[0])
    return [.atMost("‖Z(t)‖_F ≤ ‖Z(0)‖_F exp(½∫‖X+E‖)", trajectory, value: z, bound: bound.values, error: bound.errors)]
  }
}

/// FALSE: the L2 energy identity without the `⟨RV, EV⟩` term.
struct L2WithoutCrossTerm: Statement {
  var id: String { "¬L2(−⟨RV,EV⟩)" }
  var title: String { "Energy balance without ⟨RV, EV⟩ (false)" }
  var status: Status { .identity }
  var statement: String { "L(t) − L(0) = ∫(−‖RV‖_F² − ‖UᵀR‖_F² − ⟨UᵀR, UᵀE⟩) (false under E ≠ 0)" }
  var proof: String { "none" }

  func measure(_ context: ScenarioContext, on trajectory: Trajectory, refined: Bool) throws -> [Bounds.Conclusion] {
    let samples = trajectory.samples
    let rate = samples.map { s in
      let rv = s.residualV, rtu = s.residualTransposeU
      return -Matrix.frobeniusInner(rv, rv) - Matrix.frobeniusInner(rtu, rtu) - Matrix.frobeniusInner(rtu, s.etu)
    }
    let integral = trajectory.cumulativeIntegral(rate)
    let l0 = samples[0].state.loss
    let change = samples.map { $0.state.loss - l0 }
    return [.equal("L(t) − L(0) = ∫(−‖RV‖² − ‖UᵀR‖² − ⟨UᵀR,UᵀE⟩)", trajectory, lhs: change, rhs: integral.values, error: integral.errors)]
  }
}

/// FALSE: L5 with decay rate `2σr`.
struct L5DoubleRate: Statement {
  var id: String { "¬L5(2σr)" }
  var title: String { "Anti-alignment decay at rate 2σr (false)" }
  var status: Status { .lemma }
  var statement: String { "‖Δ(t)‖_F ≤ e^{−2σr t}‖Δ(0)‖_F + ∫e^{−2σr(t−s)}(½‖S‖‖D‖_F + ‖Ê_Δ‖_F) (false)" }
  var proof: String { "none" }

  func measure(_ context: ScenarioContext, on trajectory: Trajectory, refined: Bool) throws -> [Bounds.Conclusion] {
    let samples = trajectory.samples
    let target = trajectory.problem.target
    let forcing = try samples.map { s -> Double in
      let st = s.state
      let eDelta = 0.5 * (target.phi.transposedTimes(s.ev) - target.psi.transposedTimes(s.etu))
      let sNorm = (try st.signalSum.singularValues().first ?? 0)
      return 0.5 * sNorm * st.imbalance.frobeniusNorm + eDelta.frobeniusNorm
    }
    let delta = samples.map { $0.state.signalDifference.frobeniusNorm }
    let bound = trajectory.solveComparison(
      a: Array(repeating: -2 * target.sigmaMin, count: samples.count), b: forcing, initial: delta[0])
    return [.atMost("‖Δ(t)‖_F ≤ e^{−2σr t}‖Δ(0)‖_F + ∫…", trajectory, value: delta, bound: bound.values, error: bound.errors)]
  }
}
