import Flow
import Testing

@testable import Bounds
@testable import Report

/// Sharding is an exact partition: shards merged equal the unsharded run,
/// shard files round-trip exactly, and incomplete or overlapping sets are refused.
@Suite("Report shards")
struct ShardMergeTests {
  static let plan = SweepPlan(
    name: "tiny",
    cases: [
      ScenarioSpec(n1: 5, n2: 4, k: 2, r: 1, kappa: 1, alpha: 1e-2, seed: 1, perturbation: "zero", tEnd: 4),
      ScenarioSpec(n1: 4, n2: 5, k: 2, r: 2, kappa: 2, alpha: 1e-2, seed: 2, perturbation: "rotating:0.1", tEnd: 4),
      ScenarioSpec(n1: 5, n2: 5, k: 3, r: 2, kappa: 3, alpha: 1e-2, seed: 3, perturbation: "scaling:0.5", tEnd: 4),
    ])
  static let runner = ReportRunner(
    plan: plan, lemmas: [L1Imbalance(), L7ResidualDecomposition()],
    extras: [ExtraUnit(key: "a") { .number(1.5) }, ExtraUnit(key: "b") { .string("x") }])

  @Test("shards 1/2 + 2/2 merged equal the unsharded result; files round-trip")
  func mergeEqualsWhole() async throws {
    let whole = await Self.runner.run(shard: .all)
    let one = await Self.runner.run(shard: try Shard(parsing: "1/2"))
    let two = await Self.runner.run(shard: try Shard(parsing: "2/2"))
    #expect(one.cases.count + one.extras.count == 3 && two.cases.count + two.extras.count == 2)
    let parsed = try [one, two].map { try ShardResult(parsing: try $0.serialized(), source: "shard") }
    #expect(parsed[0] == one && parsed[1] == two)
    let merged = try ShardResult.merge(parsed, plan: Self.plan, extraKeys: ["a", "b"])
    #expect(merged.cases == whole.cases)
    #expect(merged.extras == whole.extras)
    // The rendered documents are byte-identical.
    func render(_ r: ShardResult) -> ReportFiles {
      ReportDocument(
        command: "test", result: r, plan: Self.plan, quick: r, lemmas: Self.runner.lemmas, figures: [:], supplements: [:]
      ).files()
    }
    #expect(render(merged) == render(whole))
  }

  @Test("incomplete, overlapping and foreign shard sets are refused with a reason")
  func refusals() async throws {
    let one = await Self.runner.run(shard: try Shard(parsing: "1/2"))
    let two = await Self.runner.run(shard: try Shard(parsing: "2/2"))
    func message(_ parts: [ShardResult], keys: [String] = ["a", "b"]) -> String {
      do {
        _ = try ShardResult.merge(parts, plan: Self.plan, extraKeys: keys)
        return "merged"
      } catch { return "\(error)" }
    }
    #expect(message([one]).contains("missing"))
    #expect(message([one, one, two]).contains("appears in two shards"))
    var foreign = two
    foreign.plan = "other"
    #expect(message([one, foreign]).contains("plan 'other'"))
    #expect(throws: ReportError.self) { try Shard(parsing: "3/2") }
    #expect(throws: ReportError.self) { try Shard(parsing: "0/2") }
  }
}
