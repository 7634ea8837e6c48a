import Bounds
import Plotting
/// One lemma's results over all cases of a sweep.
public struct LemmaSummary: Sendable {
  /// Lemma id.
  public let lemma: String
  /// Cases checked.
  public let cases: Int
  /// Cases where every hypothesis held (or there were none).
  public let casesWithHypotheses: Int
  /// Cases whose conclusion was applicable (it held or failed, or the check threw).
  public let casesApplicable: Int
  /// Why the lemma was not applicable anywhere (the first case's reason), if so.
  public let notApplicableReason: String?
  /// Cases where the conclusion failed while the hypotheses held, or the check threw.
  public let violations: Int
  /// Among hypothesis-holding cases: the smallest worst relative slack, and its case.
  public let worstRelativeSlack: Double
  /// Among hypothesis-holding cases: the smallest relative slack over `t ≥ T/10`.
  public let tailRelativeSlack: Double
  /// The record at the worst case (nil if no case had its hypotheses hold).
  public let worst: (record: LemmaRecord, descriptor: ScenarioSpec)?

  /// `holds` / `VIOLATED (n of m)` / `not applicable: <reason>` (no case had an
  /// applicable conclusion: never "holds" on nothing).
  public var verdict: String {
    if violations > 0 { return "VIOLATED (\(violations) of \(cases))" }
    if casesWithHypotheses == 0 { return "not applicable: hypotheses never held" }
    if casesApplicable == 0 { return "not applicable: \(notApplicableReason ?? "no applicable conclusion")" }
    return "holds"
  }

  /// Summaries of every lemma in `result`, in record order.
  public static func summaries(_ result: ShardResult) -> [LemmaSummary] {
    guard let first = result.cases.first else { return [] }
    return first.records.indices.map { i in
      let rows = result.cases.map { ($0.records[i], $0.descriptor) }
      let withHypotheses = rows.filter { $0.0.hypothesisHolds != false && $0.0.error == nil }
      let applicable = withHypotheses.filter { $0.0.holds != nil }
      let worst = applicable.min { $0.0.worstRelativeSlack < $1.0.worstRelativeSlack }
      return LemmaSummary(
        lemma: first.records[i].lemma, cases: rows.count, casesWithHypotheses: withHypotheses.count,
        casesApplicable: rows.filter { $0.0.outcome.holds != nil }.count,
        notApplicableReason: rows.lazy.compactMap(\.0.reason).first,
        violations: rows.filter { $0.0.isViolation }.count,
        worstRelativeSlack: worst?.0.worstRelativeSlack ?? .nan,
        tailRelativeSlack: applicable.map(\.0.tailRelativeSlack).min() ?? .nan, worst: worst.map { ($0.0, $0.1) })
    }
  }
}
