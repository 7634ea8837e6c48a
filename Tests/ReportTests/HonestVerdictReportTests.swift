import Flow
import Testing

@testable import Bounds
@testable import Report

/// The report never says "holds" on nothing: a lemma with no applicable case and a claim
/// sweep point whose hypothesis fails on its trajectory are "not applicable".
@Suite("Report: not applicable is its own outcome")
struct HonestVerdictReportTests {
  static let spec = ScenarioSpec(n1: 5, n2: 4, k: 2, r: 1, kappa: 1, alpha: 1e-2, seed: 1, perturbation: "zero", tEnd: 4)

  static func record(holds: Bool?, reason: String?) -> LemmaRecord {
    var r = LemmaRecord(lemma: "C1", error: "placeholder")
    r.error = nil
    r.hypothesisHolds = true
    r.holds = holds
    r.reason = reason
    r.worstSlack = holds == nil ? .infinity : 1
    r.worstRelativeSlack = holds == nil ? .infinity : 0.5
    r.tailRelativeSlack = holds == nil ? .infinity : 0.5
    r.worstPart = holds == nil ? "(no applicable part)" : "p"
    r.conclusionHolds = holds
    return r
  }

  @Test("a lemma applicable in no case is 'not applicable: <reason>' on the index and its page")
  func summaryNotApplicable() {
    let na = Self.record(holds: nil, reason: "T = 4 < T₁ = 78")
    let result = ShardResult(plan: "p", packageVersion: "v", shards: ["all"], cases: [CaseResult(index: 0, descriptor: Self.spec, records: [na])])
    let s = LemmaSummary.summaries(result)[0]
    #expect(s.verdict == "not applicable: T = 4 < T₁ = 78")
    #expect(s.violations == 0 && s.casesApplicable == 0)
    let mixed = ShardResult(
      plan: "p", packageVersion: "v", shards: ["all"],
      cases: [CaseResult(index: 0, descriptor: Self.spec, records: [na]), CaseResult(index: 1, descriptor: Self.spec, records: [Self.record(holds: true, reason: nil)])])
    #expect(LemmaSummary.summaries(mixed)[0].verdict == "holds")
    let failing = ShardResult(
      plan: "p", packageVersion: "v", shards: ["all"], cases: [CaseResult(index: 0, descriptor: Self.spec, records: [Self.record(holds: false, reason: nil)])])
    #expect(LemmaSummary.summaries(failing)[0].verdict.hasPrefix("VIOLATED"))
  }

  static func point(hypothesis: Bool?, settling: Double, promised: Double) -> JSONValue {
    var pairs: [(String, JSONValue)] = [
      ("finalError", .number(1e-3)), ("settling", .number(settling)), ("promised", .number(promised)), ("tau", .number(1e-2)),
      ("errorBound", .number(1e-2)),
    ]
    if let h = hypothesis { pairs += [("hypothesis", .string("H_rel(0.1)")), ("hypothesisHolds", .bool(h)), ("hypothesisMargin", .number(h ? 0.1 : -0.2))] }
    return .object(pairs)
  }

  @Test("a claim sweep point whose hypothesis fails on the trajectory is not applicable, not a pass")
  func claimPointOutsideHypothesis() throws {
    let claim = C1RelativeConvergence()
    let report = ClaimReport(plan: .quick)
    let failingKey = ClaimSweep.key(claim, .scaling, 0.5)
    let only = ShardResult(plan: "p", packageVersion: "v", shards: ["all"], cases: [], extras: [failingKey: Self.point(hypothesis: false, settling: 1, promised: 2)])
    let sup = try report.supplement(claim, only)
    #expect(sup.verdict?.hasPrefix("not applicable") == true, "\(sup.verdict ?? "nil")")
    #expect(sup.sections.joined().contains("not applicable: H_rel(0.1) fails on the trajectory"))
    // An old result without the hypothesis evaluated is not a pass either.
    let old = ShardResult(plan: "p", packageVersion: "v", shards: ["all"], cases: [], extras: [failingKey: Self.point(hypothesis: nil, settling: 1, promised: 2)])
    #expect(try report.supplement(claim, old).verdict?.hasPrefix("not applicable") == true)
    // With one point inside its hypothesis, settling before the promised time: holds, and the other is counted apart.
    let both = ShardResult(
      plan: "p", packageVersion: "v", shards: ["all"], cases: [],
      extras: [failingKey: Self.point(hypothesis: false, settling: 1, promised: 2), ClaimSweep.key(claim, .greedyRel, 0.5): Self.point(hypothesis: true, settling: 1, promised: 2)])
    let mixed = try report.supplement(claim, both)
    #expect(mixed.verdict == "holds")
    #expect(mixed.cases == "1 sweep points with s ≤ 1 (1 more not applicable: hypothesis fails on the trajectory)")
    #expect(mixed.sections.joined().contains("the settling time uses at most 0.5 of the promised time"))
  }
}
