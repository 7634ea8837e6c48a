import Flow
import Foundation
import Testing

@testable import Bounds

/// Honest verdicts: three outcomes, and slack/budget/holds from one point and rule.
///
/// Oracles: the pass rule of theory.md §5 ("holds when the worst slack ≥ −(integration +
/// quadrature error estimate)") re-implemented here by brute force over the samples; the
/// definition of "not applicable" (a failed hypothesis or no applicable part never holds).
@Suite("Verdicts: outcomes and the decisive point")
struct VerdictTests {
  /// A statement whose parts and hypotheses are given (no trajectory is integrated).
  struct Fixed: Statement {
    var id = "T0"
    var title = "fixed"
    var status = Status.lemma
    var statement = "test"
    var proof = "none"
    func measure(_ context: ScenarioContext, on trajectory: Trajectory, refined: Bool) throws -> [Conclusion] { [] }
  }

  static func conclusion(_ times: [Double], lhs: [Double], rhs: [Double], q: [Double]) -> Conclusion {
    Conclusion(name: "lhs ≤ rhs", kind: .inequality, times: times, lhs: lhs, rhs: rhs, quadratureError: q)
  }

  /// The case: a tiny negative slack with no budget at one point, a large relative
  /// slack covered by a large quadrature budget at another. The old verdict printed the second
  /// point's slack and budget (−9e-7 vs 9e-7) next to `holds = false`, which came from the first.
  @Test("the decisive point, not the worst-relative point, gives the printed slack and budget")
  func decisivePointDiffersFromWorstRelative() {
    let c = Self.conclusion([0, 1, 2, 3], lhs: [1, 1, 1e-6, 1], rhs: [1, 1 - 2.7e-11, 1e-7, 2], q: [0, 0, 9e-7, 0])
    let p = PartResult.evaluate(base: c, refined: c)
    #expect(p.holds == false)
    #expect(p.at == 1 && p.worstSlack == (1 - 2.7e-11) - 1 && p.quadratureBudget == 0 && p.integrationBudget == 0)
    #expect(p.roundoffBudget == 64 * Double.ulpOfOne, "round-off: 64·ε_mach·max(|lhs|, |rhs|) = 64·ε_mach·1")
    #expect(p.worstRelativeAt == 2, "the worst relative slack (−0.9) sits at t = 2")
    #expect(abs(p.worstRelativeSlack - (1e-7 - 1e-6) / 1e-6) < 1e-12)
    #expect(p.margin == p.worstSlack + p.quadratureBudget + p.roundoffBudget + p.integrationBudget && p.margin < 0)
    let v = Verdict(lemma: Fixed(), caseLabel: "constructed", hypotheses: [], parts: [p])
    #expect(v.outcome == .fails && v.holds == false && v.isViolation)
    #expect(v.worstSlack == p.worstSlack && v.errorBudget == p.roundoffBudget && v.at == 1)
    #expect(v.worstRelativeAt == 2 && v.worstRelativeSlack == p.worstRelativeSlack)
    #expect(v.worstSlack + v.errorBudget < 0, "printed slack + budget must show the failure")
  }

  /// Randomised inequalities (seeded): the printed slack + budget is ≥ 0 exactly when the part
  /// holds, the printed slack is `rhs − lhs` at the printed time, and `holds` agrees with the
  /// brute-force rule `min_i (s_i + q_i + 64ε·max(|lhs_i|, |rhs_i|)) ≥ −|min s(base) − min s(refined)|/0.9`.
  @Test("holds ⇔ printed slack + budget ≥ 0 ⇔ the rule of theory.md §5 (200 random cases)")
  func consistencyOnRandomCases() {
    var g = SeededGenerator(seed: 42)
    for _ in 0..<200 {
      let n = Int.random(in: 2...12, using: &g)
      let times = (0..<n).map { Double($0) }
      let lhs = (0..<n).map { _ in Double.random(in: -1...1, using: &g) * pow(10, Double.random(in: -8...2, using: &g)) }
      let rhs = lhs.map { $0 + Double.random(in: -1e-6...1e-3, using: &g) * pow(10, Double.random(in: -6...0, using: &g)) }
      let q = (0..<n).map { _ in Bool.random(using: &g) ? 0 : Double.random(in: 0...1e-6, using: &g) }
      let shift = Double.random(in: -1e-7...1e-7, using: &g)
      let base = Self.conclusion(times, lhs: lhs, rhs: rhs, q: q)
      let refined = Self.conclusion(times, lhs: lhs, rhs: rhs.map { $0 + shift }, q: q)
      let p = PartResult.evaluate(base: base, refined: refined)
      let slacks = zip(rhs, lhs).map { $0 - $1 }
      let integration = abs(slacks.min()! - slacks.map { $0 + shift }.min()!) / 0.9
      let roundoff = zip(lhs, rhs).map { 64 * Double.ulpOfOne * max(abs($0), abs($1)) }
      let rule = (0..<n).map { slacks[$0] + q[$0] + roundoff[$0] }.min()! >= -integration
      #expect(p.holds == rule)
      #expect((p.worstSlack + p.budget >= 0) == rule)
      let i = times.firstIndex(of: p.at)!
      #expect(p.worstSlack == slacks[i] && p.quadratureBudget == q[i] && p.roundoffBudget == roundoff[i])
    }
  }

  @Test("no applicable part: not applicable with the parts' reason, never holds")
  func noApplicablePart() {
    let p = PartResult.evaluate(base: .skipped("x ≤ y", reason: "T = 40 < T₁ = 78"), refined: .skipped("x ≤ y", reason: "T = 40 < T₁ = 78"))
    #expect(p.holds == nil && p.outcome == .notApplicable(reason: "T = 40 < T₁ = 78"))
    let v = Verdict(lemma: Fixed(), caseLabel: "c", hypotheses: [], parts: [p])
    #expect(v.holds == nil && !v.isViolation && v.conclusionHolds == nil)
    #expect(v.reason == "T = 40 < T₁ = 78")
    let json = v.json
    #expect(json["holds"] == .null && json["reason"] == .string("T = 40 < T₁ = 78") && json["outcome"] == .string("not applicable"))
  }

  @Test("a failed hypothesis makes the conclusion not applicable, names the hypothesis and says what happened")
  func failedHypothesis() {
    let c = Self.conclusion([0, 1], lhs: [1, 2], rhs: [0, 0], q: [0, 0])  // fails badly
    let p = PartResult.evaluate(base: c, refined: c)
    let h = HypothesisResult(name: "H_rel(0.5)", statement: "‖E(t)‖ ≤ 0.5·‖R(t)‖_F for all t", holds: false, worstMargin: -0.25, at: 3)
    let v = Verdict(lemma: Fixed(), caseLabel: "c", hypotheses: [h], parts: [p])
    #expect(v.holds == nil && !v.isViolation && v.conclusionHolds == false && v.hypothesisHolds == false)
    let reason = v.reason ?? ""
    #expect(reason.contains("H_rel(0.5) fails by 0.25 at t = 3") && reason.contains("the conclusion fails"), "\(reason)")
  }

  @Test("an applicable part that holds gives holds; shard records round-trip all three outcomes")
  func recordsRoundTrip() throws {
    let good = Self.conclusion([0, 1], lhs: [0, 1], rhs: [1, 2], q: [0, 0])
    let bad = Self.conclusion([0, 1], lhs: [0, 3], rhs: [1, 2], q: [0, 0])
    let ok = Verdict(lemma: Fixed(), caseLabel: "c", hypotheses: [], parts: [PartResult.evaluate(base: good, refined: good)])
    let fails = Verdict(lemma: Fixed(), caseLabel: "c", hypotheses: [], parts: [PartResult.evaluate(base: bad, refined: bad)])
    let na = Verdict(lemma: Fixed(), caseLabel: "c", hypotheses: [], parts: [PartResult.evaluate(base: .skipped("p", reason: "why"), refined: .skipped("p", reason: "why"))])
    #expect(ok.outcome == .holds && fails.outcome == .fails && na.outcome == .notApplicable(reason: "why"))
    for v in [ok, fails, na] {
      let r = LemmaRecord(v)
      #expect(try LemmaRecord(json: r.json) == r)
      #expect(r.outcome == v.outcome)
    }
  }

  /// A 6×5 problem under `scaling:0.3`: `‖E‖ = 0.3‖R‖ ≤ 0.3‖R‖_F` (spectral ≤ Frobenius),
  /// so `H_rel(0.3)` holds on the scan; with one signal direction dominating the residual
  /// early on (`‖R‖ > ‖R‖_F/3`), `H_rel(0.1)` must fail.
  @Test("a claim scan evaluates H_rel on the trajectory: a violating perturbation is caught")
  func claimScanHypothesis() throws {
    let problem = try ProblemSpec(n1: 6, n2: 5, k: 2, r: 2, kappa: 3, alpha: 1e-2, seed: 4).problem()
    let scan = try ClaimScan(problem: problem, perturbation: try ScalingPerturbation(size: 0.3), tEnd: 2, gridIntervals: 20)
    #expect(scan.points.allSatisfy { $0.perturbationNorm > 0 })
    let loose = scan.relativeHypothesis(0.3)
    #expect(loose.holds, "\(loose)")
    let tight = scan.relativeHypothesis(0.1)
    #expect(!tight.holds && tight.worstMargin < 0, "\(tight)")
    let abs = scan.absoluteHypothesis(0)
    #expect(!abs.holds)
    // The sweep point records the hypothesis: C1 at s such that δ = 0.3 with H_rel(0.3) holds.
    let c1 = C1RelativeConvergence()
    let s = 0.3 / c1.boundSize(problem)
    let json = try c1.sweepPoint(problem, seed: 4, family: .scaling, size: s)
    #expect(json["hypothesisHolds"] == .bool(true), "\(json)")
  }
}
