import Flow

extension Verdict {
  /// The verdict as a JSON object: `lemma`, `status`, `case`, `hypothesisHolds`
  /// (true, false or null), `holds`, `worstSlack`, `worstRelativeSlack`, `at`,
  /// `errorBudget`, `worstPart`, `hypotheses` and `parts`. Non-finite numbers
  /// (no applicable part) are written as `null`.
  public var json: JSONValue {
    .object([
      ("lemma", .string(lemma)),
      ("status", .string(status.rawValue)),
      ("case", .string(caseLabel)),
      ("hypothesisHolds", hypothesisHolds.map(JSONValue.bool) ?? .null),
      ("holds", .bool(holds)),
      ("violation", .bool(isViolation)),
      ("worstSlack", .finite(worstSlack)),
      ("worstRelativeSlack", .finite(worstRelativeSlack)),
      ("tailRelativeSlack", .finite(tailRelativeSlack)),
      ("at", .finite(at)),
      ("errorBudget", .finite(errorBudget)),
      ("worstPart", .string(worstPart)),
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
          ("holds", .bool(p.holds)), ("worstSlack", .finite(p.worstSlack)),
          ("worstRelativeSlack", .finite(p.worstRelativeSlack)), ("tailRelativeSlack", .finite(p.tailRelativeSlack)),
          ("at", .finite(p.at)),
          ("quadratureBudget", .finite(p.quadratureBudget)), ("integrationBudget", .finite(p.integrationBudget)),
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
