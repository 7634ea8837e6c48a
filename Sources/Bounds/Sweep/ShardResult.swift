import Flow

/// The summary of one verdict, as stored in a shard file.
public struct LemmaRecord: Sendable, Equatable {
  /// Lemma id.
  public var lemma: String
  /// `nil` if the check ran; else the error it threw (a bug to report).
  public var error: String?
  /// `true`/`false`/`nil` (no hypotheses).
  public var hypothesisHolds: Bool?
  /// `true` (holds), `false` (fails), `nil` (not applicable, see ``reason``; or the check threw).
  public var holds: Bool?
  /// Why the conclusion is not applicable (`nil` when it holds or fails).
  public var reason: String?
  /// What the measured conclusion did, hypotheses aside (`nil`: no part applied).
  public var conclusionHolds: Bool?
  /// Slack at the decisive point (see ``Verdict``).
  public var worstSlack: Double
  /// Worst relative slack (after `t = 0`).
  public var worstRelativeSlack: Double
  /// Where the worst relative slack occurred.
  public var worstRelativeAt: Double
  /// Worst relative slack for `t ≥ T/10`.
  public var tailRelativeSlack: Double
  /// The decisive point's time.
  public var at: Double
  /// Error budget at the decisive point (slack + budget ≥ 0 ⇔ holds).
  public var errorBudget: Double
  /// The decisive part.
  public var worstPart: String

  /// A record of a verdict.
  public init(_ v: Verdict) {
    lemma = v.lemma
    error = nil
    hypothesisHolds = v.hypothesisHolds
    holds = v.holds
    reason = v.reason
    conclusionHolds = v.conclusionHolds
    worstSlack = v.worstSlack
    worstRelativeSlack = v.worstRelativeSlack
    worstRelativeAt = v.worstRelativeAt
    tailRelativeSlack = v.tailRelativeSlack
    at = v.at
    errorBudget = v.errorBudget
    worstPart = v.worstPart
  }

  /// A record of a check that threw.
  public init(lemma: String, error: String) {
    self.lemma = lemma
    self.error = error
    hypothesisHolds = nil
    holds = nil
    reason = nil
    conclusionHolds = nil
    worstSlack = -.infinity
    worstRelativeSlack = -.infinity
    worstRelativeAt = 0
    tailRelativeSlack = -.infinity
    at = 0
    errorBudget = 0
    worstPart = "(error)"
  }

  /// Holds, fails or not applicable (a record of a check that threw counts as failing).
  public var outcome: Outcome {
    if error != nil { return .fails }
    switch holds {
    case true?: return .holds
    case false?: return .fails
    case nil: return .notApplicable(reason: reason ?? "not applicable")
    }
  }

  /// A violation: hypotheses held (or none) and the conclusion failed, or the check threw.
  public var isViolation: Bool { outcome == .fails }

  var json: JSONValue {
    .object([
      ("lemma", .string(lemma)), ("error", error.map(JSONValue.string) ?? .null),
      ("hypothesisHolds", hypothesisHolds.map(JSONValue.bool) ?? .null), ("holds", holds.map(JSONValue.bool) ?? .null),
      ("reason", reason.map(JSONValue.string) ?? .null), ("conclusionHolds", conclusionHolds.map(JSONValue.bool) ?? .null),
      ("worstSlack", .exact(worstSlack)), ("worstRelativeSlack", .exact(worstRelativeSlack)),
      ("worstRelativeAt", .exact(worstRelativeAt)), ("tailRelativeSlack", .exact(tailRelativeSlack)), ("at", .exact(at)),
      ("errorBudget", .exact(errorBudget)), ("worstPart", .string(worstPart)),
    ])
  }

  init(json: JSONValue) throws {
    guard case .string(let lemma)? = json["lemma"], case .string(let part)? = json["worstPart"], let holdsValue = json["holds"]
    else { throw ReportError.malformed("lemma record without lemma, holds or worstPart") }
    self.lemma = lemma
    if case .string(let e)? = json["error"] { error = e } else { error = nil }
    if case .bool(let h)? = json["hypothesisHolds"] { hypothesisHolds = h } else { hypothesisHolds = nil }
    switch holdsValue {
    case .bool(let h): holds = h
    case .null: holds = nil
    default: throw ReportError.malformed("lemma record: holds must be true, false or null")
    }
    if case .string(let r)? = json["reason"] { reason = r } else { reason = nil }
    if case .bool(let h)? = json["conclusionHolds"] { conclusionHolds = h } else { conclusionHolds = nil }
    worstSlack = try JSONValue.exactValue(json["worstSlack"])
    worstRelativeSlack = try JSONValue.exactValue(json["worstRelativeSlack"])
    tailRelativeSlack = try JSONValue.exactValue(json["tailRelativeSlack"])
    at = try JSONValue.exactValue(json["at"])
    worstRelativeAt = json["worstRelativeAt"] == nil ? at : try JSONValue.exactValue(json["worstRelativeAt"])
    errorBudget = try JSONValue.exactValue(json["errorBudget"])
    worstPart = part
  }
}

/// The verdicts of every lemma on one case of a plan.
public struct CaseResult: Sendable, Equatable {
  /// Index of the case in the plan.
  public var index: Int
  /// The case.
  public var descriptor: ScenarioSpec
  /// One record per lemma, in catalogue order.
  public var records: [LemmaRecord]
}

/// What one shard (or a whole run) computed: written by `pgf report --shard i/N`,
/// joined by `pgf report --merge`.
public struct ShardResult: Sendable, Equatable {
  /// Format version of shard files.
  public static let formatVersion = 1
  /// The plan's name.
  public var plan: String
  /// The package version that computed it.
  public var packageVersion: String
  /// The shards this result covers (one for a shard file, all after a merge).
  public var shards: [String]
  /// Case results, sorted by index.
  public var cases: [CaseResult]
  /// Results of the plan's extra units (conjecture searches, claim sweeps) by key.
  public var extras: [String: JSONValue]

  /// The JSON text of a shard file.
  public func serialized() throws -> String {
    try JSONValue.object([
      ("format", .integer(Self.formatVersion)), ("plan", .string(plan)), ("packageVersion", .string(packageVersion)),
      ("shards", .array(shards.map(JSONValue.string))),
      ("cases", .array(cases.map { c in
        .object([("index", .integer(c.index)), ("case", c.descriptor.json), ("records", .array(c.records.map(\.json)))])
      })),
      ("extras", .object(extras.keys.sorted().map { ($0, extras[$0]!) })),
    ]).serialized() + "\n"
  }

  /// Parses a shard file.
  public init(parsing text: String, source: String) throws {
    let json: JSONValue
    do { json = try JSONParser.parse(Data(text.utf8)) } catch { throw ReportError.malformed("\(source): \(error)") }
    guard json["format"]?.doubleValue == Double(Self.formatVersion) else {
      throw ReportError.malformed("\(source): not a shard file of format \(Self.formatVersion)")
    }
    guard case .string(let plan)? = json["plan"], case .string(let version)? = json["packageVersion"],
      case .array(let shards)? = json["shards"], case .array(let cases)? = json["cases"]
    else { throw ReportError.malformed("\(source): missing plan, packageVersion, shards or cases") }
    self.plan = plan
    packageVersion = version
    self.shards = try shards.map { s in
      guard case .string(let v) = s else { throw ReportError.malformed("\(source): shard names must be strings") }
      return v
    }
    self.cases = try cases.map { c in
      guard let index = c["index"]?.doubleValue, let i = Int(exactly: index), let d = c["case"],
        case .array(let records)? = c["records"]
      else { throw ReportError.malformed("\(source): case without index, case or records") }
      return CaseResult(index: i, descriptor: try ScenarioSpec(json: d), records: try records.map(LemmaRecord.init(json:)))
    }
    guard case .object(let pairs)? = json["extras"] else { throw ReportError.malformed("\(source): missing extras") }
    extras = Dictionary(pairs, uniquingKeysWith: { a, _ in a })
  }

  /// A result.
  public init(plan: String, packageVersion: String, shards: [String], cases: [CaseResult], extras: [String: JSONValue] = [:]) {
    self.plan = plan
    self.packageVersion = packageVersion
    self.shards = shards
    self.cases = cases.sorted { $0.index < $1.index }
    self.extras = extras
  }

  /// Joins shard results of the same plan and version; every case of `plan`
  /// and every key of `extraKeys` must appear exactly once.
  public static func merge(_ parts: [ShardResult], plan: SweepPlan, extraKeys: [String]) throws -> ShardResult {
    guard let first = parts.first else { throw ReportError.incompatible("no shard files given") }
    for p in parts {
      guard p.plan == plan.name else { throw ReportError.incompatible("a shard is of plan '\(p.plan)', expected '\(plan.name)'") }
      guard p.packageVersion == first.packageVersion else {
        throw ReportError.incompatible("shards come from package versions \(first.packageVersion) and \(p.packageVersion)")
      }
    }
    var byIndex: [Int: CaseResult] = [:]
    for c in parts.flatMap(\.cases) {
      guard byIndex[c.index] == nil else { throw ReportError.incompatible("case \(c.index) appears in two shards") }
      guard c.index >= 0, c.index < plan.cases.count, plan.cases[c.index] == c.descriptor else {
        throw ReportError.incompatible("case \(c.index) is not case \(c.index) of plan '\(plan.name)'")
      }
      byIndex[c.index] = c
    }
    let missing = (0..<plan.cases.count).filter { byIndex[$0] == nil }
    guard missing.isEmpty else {
      throw ReportError.incompatible("\(missing.count) of \(plan.cases.count) cases are missing (first: \(missing[0])); run the missing shards")
    }
    var extras: [String: JSONValue] = [:]
    for (key, value) in parts.flatMap(\.extras) {
      guard extras[key] == nil else { throw ReportError.incompatible("unit '\(key)' appears in two shards") }
      extras[key] = value
    }
    let missingExtras = extraKeys.filter { extras[$0] == nil }
    guard missingExtras.isEmpty else {
      throw ReportError.incompatible("units \(missingExtras.joined(separator: ", ")) are missing; run the missing shards")
    }
    let shardNames = parts.flatMap(\.shards)
    guard Set(shardNames).count == shardNames.count else { throw ReportError.incompatible("a shard was given twice") }
    return ShardResult(
      plan: plan.name, packageVersion: first.packageVersion, shards: ["all"],
      cases: (0..<plan.cases.count).map { byIndex[$0]! }, extras: extras)
  }
}

extension JSONValue {
  /// A number written exactly, with ±∞ and NaN as the strings `"inf"`, `"-inf"`, `"nan"`
  /// (shard files must round-trip every value).
  public static func exact(_ x: Double) -> JSONValue {
    if x.isNaN { return .string("nan") }
    if x.isInfinite { return .string(x > 0 ? "inf" : "-inf") }
    return .number(x)
  }

  public static func exactValue(_ v: JSONValue?) throws -> Double {
    switch v {
    case .number(let x)?: return x
    case .string("inf")?: return .infinity
    case .string("-inf")?: return -.infinity
    case .string("nan")?: return .nan
    default: throw ReportError.malformed("expected a number")
    }
  }
}

import Foundation
