import Bounds
import Flow
import Foundation
import Testing

/// True lemmas at their equality cases: the budget must cover the integration
/// error and the round-off of the compared quantities where the bound is attained.
///
/// On the imbalanced isotropic and anti-aligned starts of the mutation witnesses
/// (scripts/mutation-witnesses, described in ``SharpCaseTests``) L4 and L8 hold
/// with equality in exact arithmetic (the comparison solution is the quantity
/// itself), so the measured slack is pure numerical error. Before the refined
/// trajectory's own error (`|Δ|/(1 − θ)`) and the round-off of `N_U = PU` and
/// `Ξ = Σ − ABᵀ` (`64·ε_mach·scale`) were in the budget, the true L4 and L8 were
/// reported violated there (relative −4.8e-8 at t ≈ 7.2; −4.5e-16 against a
/// budget of 1.0e-16 once `Ξ ≈ 1e-12`).
@Suite("Equality cases: true lemmas where their bounds are attained")
struct EqualityCaseTests {
  static let cases: [String] = [
    "--lemma L4 --problem scripts/mutation-witnesses/imbalanced-isotropic.json --t-end 20",
    "--lemma L8 --problem scripts/mutation-witnesses/imbalanced-isotropic.json --t-end 20",
    "--lemma L4 --problem scripts/mutation-witnesses/imbalanced-antialigned.json --t-end 20",
    "--lemma L8 --problem scripts/mutation-witnesses/imbalanced-antialigned.json --t-end 20",
  ]

  @Test("L4 and L8 hold on the equality-tight imbalanced starts", arguments: cases)
  func holdsAtEquality(_ witness: String) throws {
    let (id, scenario) = try SharpCaseTests.scenario(witness)
    let statement = try #require(Catalogue.standard.statement(id: id))
    let v = try statement.check(ScenarioContext(scenario))
    #expect(v.holds == true, "\(LemmaGridTests.describe(v))")
    // The case is tight: the decisive part's slack is negative somewhere at the
    // numerical-error level, so the budget is what decides (the test would be
    // vacuous on a strict case).
    let tightest = try #require(v.parts.filter { $0.notApplicable == nil }.map(\.worstSlack).min())
    let slacks = v.parts.compactMap { $0.notApplicable == nil ? $0.worstRelativeSlack : nil }
    #expect(tightest < 1e-10 && slacks.min()! < 1e-6, "not an equality case: \(LemmaGridTests.describe(v))")
  }

  /// A constructed equality case: exact slack 0, base error −e, refined error −e/1000
  /// (the rtol-shrink of a 1000× refinement). `|Δ| = 0.999e` alone misses the
  /// refined error; `|Δ|/(1 − θ)` covers it.
  @Test("the integration budget covers the refined trajectory's own error")
  func refinedErrorCovered() {
    let e = 1e-8
    let times = [0.0, 1, 2]
    let value = [1.0, 0.5, 0.25]
    let base = Conclusion.atMost("x ≤ b", times: times, value: value, bound: value.map { $0 - e })
    let refined = Conclusion.atMost("x ≤ b", times: times, value: value, bound: value.map { $0 - e / 1000 })
    let p = PartResult.evaluate(base: base, refined: refined)
    #expect(p.holds == true, "budget \(p.budget), slack \(p.worstSlack)")
    // Slacks are rounded at the ε·1 level of the values (1e-16 absolute).
    #expect(abs(p.integrationBudget - (e - e / 1000) / 0.9) < 1e-15, "\(p.integrationBudget)")
    // Without the refined error share the same numbers fail: |Δ| < e.
    #expect(p.worstSlack + p.quadratureBudget + p.roundoffBudget + p.integrationBudget * 0.9 < 0)
    // A real violation (the refined slack does not shrink) still fails.
    let wrong = Conclusion.atMost("x ≤ b", times: times, value: value, bound: value.map { $0 - 1e-3 })
    #expect(PartResult.evaluate(base: wrong, refined: wrong).holds == false)
  }

  /// Round-off: a quantity computed as a difference of O(1) terms is resolved to
  /// `~ε`; a slack of a few ε against its scale is noise, a slack of 1e-12 is not.
  @Test("the round-off budget scales with the cancelling terms, not with the result")
  func roundoffScale() {
    let times = [0.0, 1]
    let noise = Conclusion.atMost("ξ ≤ b", times: times, value: [1e-12, 1e-12 + 4e-16], bound: [1e-12, 1e-12], scale: [1, 1])
    #expect(PartResult.evaluate(base: noise, refined: noise).holds == true)
    let unscaled = Conclusion.atMost("ξ ≤ b", times: times, value: [1e-12, 1e-12 + 4e-16], bound: [1e-12, 1e-12])
    #expect(PartResult.evaluate(base: unscaled, refined: unscaled).holds == false, "without the scale 4e-16 is 0.04 % of ξ")
    let real = Conclusion.atMost("ξ ≤ b", times: times, value: [1e-12, 2e-12], bound: [1e-12, 1e-12], scale: [1, 1])
    #expect(PartResult.evaluate(base: real, refined: real).holds == false)
  }
}
