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

  /// `"12/195 cases, 34 s elapsed, about 8 min left"`.
  public var line: String {
    func span(_ s: Double) -> String { s < 90 ? "\(Int(s.rounded())) s" : "\(Int((s / 60).rounded())) min" }
    let left = remaining.map { ", about \(span($0)) left" } ?? ""
    return "\(done)/\(total) cases, \(span(elapsed)) elapsed\(left)"
  }
}

/// Checks every lemma of a catalogue on the cases of a plan (or of one shard of it).
public struct ReportRunner: Sendable {
  /// The plan.
  public let plan: SweepPlan
  /// The lemmas, in the order their records are stored.
  public let lemmas: [any Lemma]

  /// A runner.
  public init(plan: SweepPlan, lemmas: [any Lemma]) {
    self.plan = plan
    self.lemmas = lemmas
  }

  /// The records of all lemmas on one case (a check that throws is recorded as an error).
  public func run(case descriptor: CaseDescriptor, index: Int) -> CaseResult {
    let records: [LemmaRecord]
    do {
      let context = CheckContext(try descriptor.checkCase())
      records = lemmas.map { lemma in
        do { return LemmaRecord(try lemma.check(context)) } catch { return LemmaRecord(lemma: lemma.id, error: "\(error)") }
      }
    } catch {
      records = lemmas.map { LemmaRecord(lemma: $0.id, error: "\(error)") }
    }
    return CaseResult(index: index, descriptor: descriptor, records: records)
  }

  /// Runs the cases of `shard` concurrently (results ordered by case index,
  /// so the output does not depend on scheduling), reporting progress.
  public func run(shard: Shard, progress: (@Sendable (SweepProgress) -> Void)? = nil) async -> ShardResult {
    let units = plan.cases.indices.filter(shard.contains)
    let start = ContinuousClock.now
    var results: [CaseResult] = []
    await withTaskGroup(of: CaseResult.self) { group in
      var next = 0
      let width = max(1, ProcessInfo.processInfo.activeProcessorCount)
      func submit() {
        guard next < units.count else { return }
        let i = units[next]
        next += 1
        let d = plan.cases[i]
        group.addTask { self.run(case: d, index: i) }
      }
      for _ in 0..<width { submit() }
      while let r = await group.next() {
        results.append(r)
        let e = ContinuousClock.now - start
        progress?(SweepProgress(done: results.count, total: units.count, elapsed: Double(e.components.seconds) + Double(e.components.attoseconds) * 1e-18))
        submit()
      }
    }
    return ShardResult(plan: plan.name, packageVersion: PackageVersion.string, shards: [shard.description], cases: results)
  }
}
