/// The three outcomes of a conclusion: it *holds*, it *fails*, or it is *not
/// applicable* (a hypothesis failed, or no part of the conclusion could be
/// evaluated, e.g. the horizon ends before the claim's `T₁`) — with the reason.
/// A conclusion with nothing applicable never holds.
public enum Outcome: Sendable, Equatable {
  /// Every applicable part held within its error budget, and every hypothesis held.
  case holds
  /// An applicable part failed while every hypothesis held (a violation).
  case fails
  /// Nothing was claimed here; `reason` says why (and what was measured anyway).
  case notApplicable(reason: String)

  /// `true`, `false`, or `nil` when not applicable (the JSON `holds`).
  public var holds: Bool? {
    switch self {
    case .holds: return true
    case .fails: return false
    case .notApplicable: return nil
    }
  }

  /// The reason when not applicable, else `nil`.
  public var reason: String? {
    if case .notApplicable(let r) = self { return r }
    return nil
  }

  /// `"holds"`, `"fails"` or `"not applicable"`.
  public var label: String {
    switch self {
    case .holds: return "holds"
    case .fails: return "fails"
    case .notApplicable: return "not applicable"
    }
  }

  /// `"holds"`, `"FAILS"` or `"not applicable: <reason>"` (for human-readable output).
  public var summary: String {
    switch self {
    case .holds: return "holds"
    case .fails: return "FAILS"
    case .notApplicable(let r): return "not applicable: \(r)"
    }
  }
}
