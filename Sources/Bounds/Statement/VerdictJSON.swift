import Flow

extension Verdict {
  /// The verdict as a JSON object: `lemma`, `status`, `case`, `hypothesisHolds`
  /// (true, false or null), `holds` (true, false, or null when not applicable),
  /// `outcome` (`"holds"`, `"fails"`, `"not applicable"`), `reason` (a string
  /// when not applicable, else null), `conclusionHolds` (what the measured
  /// conclusion did, hypotheses aside), `violation`; the decisive point's
  /// `worstSlack`, `errorBudget`, `margin` (their sum, `≥ 0` ⇔ holds), `at` and
  /// `worstPart`; the tightness figures `worstRelativeSlack` (with
  /// `worstRelativeAt`, `worstRelativePart`) and `tailRelativeSlack` (t ≥ T/10);
  /// `hypotheses` and `parts`. Non-finite numbers (no applicable part) are
  /// written as `null`.
  public var json: JSONValue {
    .object([
      ("lemma", .string(lemma)),
      ("status", .string(status.rawValue)),
      ("case", .string(caseLabel)),
      ("hypothesisHolds", hypothesisHolds.map(JSONValue.bool) ?? .null),
      ("holds", holds.map(JSONValue.bool) ?? .null),
      ("outcome", .string(outcome.label)),
      ("reason", reason.map(JSONValue.string) ?? .null),
      ("conclusionHolds", conclusionHolds.map(JSONValue.bool) ?? .null),
      ("violation", .bool(isViolation)),
      ("worstSlack", .finite(worstSlack)),
      ("errorBudget", .finite(errorBudget)),
      ("margin", .finite(margin)),
      ("at", .finite(at)),
      ("worstPart", .string(worstPart)),
      ("tailRelativeSlack", .finite(tailRelativeSlack)),
      ("worstRelativeSlack", .finite(worstRelativeSlack)),
      ("worstRelativeAt", .finite(worstRelativeAt)),
      ("worstRelativePart", .string(worstRelativePart)),
      ("hypotheses", .array(hypotheses.map { h in
        .object([
          ("name", .string(h.name)), ("statement", .string(h.statement)), ("holds", .bool(h.holds)),
          ("worstMargin", .finite(h.worstMargin)), ("at", h.at.map(JSONValue.finite) ?? .null),
        ])
      })),
      ("parts", .array(parts.map { p in
        .object([
          ("name", .string(p.name)), ("kind", .string(p.kind.rawValue)),
          ("applies", .bool(p.notApplicable == nil)), ("reason", p.notApplicable.map(JSONValue.string) ?? .null),
          ("holds", p.holds.map(JSONValue.bool) ?? .null), ("worstSlack", .finite(p.worstSlack)),
          ("margin", .finite(p.margin)), ("at", .finite(p.at)),
          ("tailRelativeSlack", .finite(p.tailRelativeSlack)), ("worstRelativeSlack", .finite(p.worstRelativeSlack)),
          ("worstRelativeAt", .finite(p.worstRelativeAt)),
          ("quadratureBudget", .finite(p.quadratureBudget)), ("roundoffBudget", .finite(p.roundoffBudget)),
          ("integrationBudget", .finite(p.integrationBudget)),
          ("shrinkRatio", p.shrinkRatio.map(JSONValue.finite) ?? .null),
        ])
      })),
    ])
  }
}

extension JSONValue {
  /// A number, or `null` when it is NaN or ±∞ (JSON has no such numbers).
  public static func finite(_ x: Double) -> JSONValue { x.isFinite ? .number(x) : .null }
}
