import Flow
import Foundation

/// Progress of a long sweep: units done, total, elapsed seconds and an estimate of the rest.
public struct SweepProgress: Sendable {
  /// Units finished.
  public let done: Int
  /// Units in this run.
  public let total: Int
  /// Seconds since the start.
  public let elapsed: Double

  /// Remaining seconds, extrapolated linearly (`nil` before the first unit).
  public var remaining: Double? { done > 0 ? elapsed / Double(done) * Double(total - done) : nil }

  /// `"12/195 units, 34 s elapsed, about 8 min left"`.
  public var line: String {
    func span(_ s: Double) -> String { s < 90 ? "\(Int(s.rounded())) s" : "\(Int((s / 60).rounded())) min" }
    let left = remaining.map { ", about \(span($0)) left" } ?? ""
    return "\(done)/\(total) units, \(span(elapsed)) elapsed\(left)"
  }
}

/// A unit of report work besides the lemma cases: a conjecture search or a
/// claim sweep, identified by a key and producing a JSON result.
public struct ExtraUnit: Sendable {
  /// Unique key, e.g. `"conjecture:K1"`.
  public let key: String
  /// Computes the unit's result (deterministic).
  public let compute: @Sendable () throws -> JSONValue

  /// A unit.
  public init(key: String, compute: @escaping @Sendable () throws -> JSONValue) {
    self.key = key
    self.compute = compute
  }
}

/// Checks every lemma of a catalogue on the cases of a plan (or of one shard
/// of it), and runs the plan's extra units. Units are numbered lemma cases
/// first, then extras; shard `i/N` runs the units with index ≡ i − 1 (mod N).
public struct ReportRunner: Sendable {
  /// The plan.
  public let plan: SweepPlan
  /// The lemmas, in the order their records are stored.
  public let lemmas: [any Statement]
  /// The families the plan's perturbations are named in.
  public let families: PerturbationFamilies
  /// The extra units.
  public let extras: [ExtraUnit]
  /// How many units run at once (default ``ThreadCount/automatic``: `PGF_THREADS`, else the
  /// active processor count). The result does not depend on it: units are independent and
  /// collected by index.
  public var threads: Int = ThreadCount.automatic

  /// A runner.
  public init(plan: SweepPlan, lemmas: [any Statement], families: PerturbationFamilies = .standard, extras: [ExtraUnit] = []) {
    self.plan = plan
    self.lemmas = lemmas
    self.families = families
    self.extras = extras
  }

  /// The records of all lemmas on one case (a check that throws is recorded as an error).
  public func run(case descriptor: ScenarioSpec, index: Int) -> CaseResult {
    let records: [LemmaRecord]
    do {
      let context = ScenarioContext(try descriptor.scenario(families: families))
      records = lemmas.map { lemma in
        do { return LemmaRecord(try lemma.check(context)) } catch { return LemmaRecord(lemma: lemma.id, error: "\(error)") }
      }
    } catch {
      records = lemmas.map { LemmaRecord(lemma: $0.id, error: "\(error)") }
    }
    return CaseResult(index: index, descriptor: descriptor, records: records)
  }

  /// Runs the units of `shard` on up to ``threads`` tasks at once (results ordered by case
  /// index, so the output does not depend on scheduling or on ``threads``), reporting progress.
  public func run(shard: Shard, progress: (@Sendable (SweepProgress) -> Void)? = nil) async -> ShardResult {
    enum Outcome: Sendable {
      case lemmaCase(CaseResult)
      case extra(String, JSONValue)
    }
    let caseCount = plan.cases.count
    let units = (0..<(caseCount + extras.count)).filter(shard.contains)
    let start = ContinuousClock.now
    var cases: [CaseResult] = []
    var extraResults: [String: JSONValue] = [:]
    await withTaskGroup(of: Outcome.self) { group in
      var next = 0
      var done = 0
      let width = max(1, threads)
      func submit() {
        guard next < units.count else { return }
        let u = units[next]
        next += 1
        if u < caseCount {
          let d = plan.cases[u]
          group.addTask { .lemmaCase(self.run(case: d, index: u)) }
        } else {
          let unit = extras[u - caseCount]
          group.addTask {
            do { return .extra(unit.key, try unit.compute()) } catch { return .extra(unit.key, .object([("error", .string("\(error)"))])) }
          }
        }
      }
      for _ in 0..<width { submit() }
      while let outcome = await group.next() {
        switch outcome {
        case .lemmaCase(let r): cases.append(r)
        case .extra(let key, let value): extraResults[key] = value
        }
        done += 1
        let e = ContinuousClock.now - start
        progress?(SweepProgress(done: done, total: units.count, elapsed: Double(e.components.seconds) + Double(e.components.attoseconds) * 1e-18))
        submit()
      }
    }
    return ShardResult(
      plan: plan.name, packageVersion: PackageVersion.string, shards: [shard.description], cases: cases, extras: extraResults)
  }
}
