import Flow
import Foundation
import Sensing

/// One problem of a sensing statement's sweep: a generated target and init
/// (``ProblemSpec``), `m` measurements of an operator kind, a noise level.
public struct SensingCase: Sendable, Equatable {
  /// The sensing problem's spec (target, init, operator, noise).
  public var spec: SensingSpec

  /// A case: `n1×n2`, width `k`, rank `r`, condition number `κ` (σ₁ = 1), init scale `α`, seed,
  /// `m` measurements of `kind`, noise `σ_ξ`.
  public init(n1: Int, n2: Int, k: Int, r: Int, kappa: Double = 1, alpha: Double = 1e-3, seed: UInt64 = 1, m: Int, kind: OperatorKind = .gaussian, noise: Double = 0) {
    spec = SensingSpec(
      problem: ProblemSpec(n1: n1, n2: n2, k: k, r: r, kappa: kappa, alpha: alpha, seed: seed), measurements: m, operatorKind: kind, noise: noise)
  }

  /// `r(n1 + n2 − r)`.
  public var degreesOfFreedom: Int { spec.problem.r * (spec.problem.n1 + spec.problem.n2 - spec.problem.r) }

  /// `"20×15 k=3 r=2 κ=1 α=0.001 seed 1, m=350 gaussian"` (plus `σ_ξ` when noisy).
  public var label: String {
    let p = spec.problem
    var s = "\(p.n1)×\(p.n2) k=\(p.k) r=\(p.r) κ=\(ReportFormat.compact(p.kappa)) α=\(ReportFormat.compact(p.alpha)) seed \(p.seed), m=\(spec.measurements) \(spec.operatorKind.rawValue)"
    if spec.noise > 0 { s += " σ_ξ=\(ReportFormat.compact(spec.noise))" }
    if p.k >= max(p.n1, p.n2) { s += " (wide: k ≥ max(n1, n2))" }
    return s
  }

  /// The `pgf sense` flags of this problem (without step settings).
  public var senseFlags: String {
    let p = spec.problem
    var s = "--n1 \(p.n1) --n2 \(p.n2) --k \(p.k) --r \(p.r) --kappa \(ReportFormat.compact(p.kappa)) --alpha \(ReportFormat.compact(p.alpha)) --seed \(p.seed) --m \(spec.measurements) --operator \(spec.operatorKind.rawValue)"
    if spec.noise > 0 { s += " --noise \(ReportFormat.compact(spec.noise))" }
    return s
  }
}

/// JSON helpers shared by the sensing statements' units and pages.
enum SensingJSON {
  /// An array of exact numbers.
  static func numbers(_ xs: [Double]) -> JSONValue { .array(xs.map { JSONValue.exact($0) }) }

  /// The exact numbers of `key` (throws if absent or malformed).
  static func numbers(_ json: JSONValue, _ key: String) throws -> [Double] {
    guard case .array(let items)? = json[key] else { throw ReportError.malformed("expected an array under \"\(key)\"") }
    return try items.map { try JSONValue.exactValue($0) }
  }

  /// The exact number of `key`.
  static func number(_ json: JSONValue, _ key: String) throws -> Double {
    if case .integer(let i)? = json[key] { return Double(i) }
    return try JSONValue.exactValue(json[key])
  }

  /// The string of `key`.
  static func string(_ json: JSONValue, _ key: String) throws -> String {
    guard case .string(let s)? = json[key] else { throw ReportError.malformed("expected a string under \"\(key)\"") }
    return s
  }

  /// The unit result for `key`, or a thrown one-line error naming the missing unit.
  static func unit(_ results: [String: JSONValue], _ key: String) throws -> JSONValue {
    guard let v = results[key] else { throw ReportError.malformed("missing experiment unit \"\(key)\": rerun pgf report") }
    if case .string(let e)? = v["error"] { throw ReportError.malformed("unit \"\(key)\" failed: \(e)") }
    return v
  }
}

/// Number formatting for the sensing pages.
enum SensingFormat {
  /// Three significant digits.
  static func g(_ x: Double) -> String { ReportFormat.significant(x) }

  /// A Markdown table.
  static func table(_ header: [String], _ rows: [[String]]) -> String {
    var out = "| " + header.joined(separator: " | ") + " |\n|" + header.map { _ in "---" }.joined(separator: "|") + "|\n"
    for r in rows { out += "| " + r.joined(separator: " | ") + " |\n" }
    return out
  }

  /// `"holds"` or `"VIOLATED (f of n)"`.
  static func verdict(failures: Int, of n: Int) -> String { failures == 0 ? "holds" : "VIOLATED (\(failures) of \(n))" }
}
