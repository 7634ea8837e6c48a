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

  /// Every permutation of `items` (Heap's algorithm).
  static func permutations<T>(_ items: [T]) -> [[T]] {
    var a = items
    var out: [[T]] = []
    func generate(_ k: Int) {
      if k <= 1 { out.append(a); return }
      generate(k - 1)
      for i in 0..<(k - 1) {
        a.swapAt(k % 2 == 0 ? i : 0, k - 1)
        generate(k - 1)
      }
    }
    generate(a.count)
    return out
  }

  /// Oracle: the unsharded run. For N = 1…6 shards (6 > the 5 units, so one shard
  /// is empty), the shard files — written and parsed back — merged in every one of
  /// the N! orders serialize to the same bytes as the unsharded result, and render
  /// the same documents.
  @Test("shards merged in every order and for every count 1…6 give the unsharded bytes")
  func mergeAnyOrderAndCount() async throws {
    var whole = await Self.runner.run(shard: .all)
    // The unsharded run is labelled as the one shard "1/1", a merge as "all"; every other byte must agree.
    #expect(whole.shards == ["1/1"])
    whole.shards = ["all"]
    let wholeText = try whole.serialized()
    func render(_ r: ShardResult) -> ReportFiles {
      ReportDocument(
        command: "test", result: r, plan: Self.plan, quick: r, lemmas: Self.runner.lemmas, figures: [:], supplements: [:]
      ).files()
    }
    let wholeFiles = render(whole)
    var merges = 0
    for count in 1...6 {
      var parts: [ShardResult] = []
      for index in 1...count {
        let part = await Self.runner.run(shard: try Shard(parsing: "\(index)/\(count)"))
        parts.append(try ShardResult(parsing: try part.serialized(), source: "shard \(index)/\(count)"))
      }
      #expect(parts.map { $0.cases.count + $0.extras.count }.reduce(0, +) == 5, "N = \(count) partitions the 5 units")
      let orders = Self.permutations(Array(parts.indices))
      #expect(orders.count == (1...count).reduce(1, *))
      for (n, order) in orders.enumerated() {
        let merged = try ShardResult.merge(order.map { parts[$0] }, plan: Self.plan, extraKeys: ["a", "b"])
        let text = try merged.serialized()
        let at = zip(text, wholeText).prefix { $0 == $1 }.count
        #expect(text == wholeText, "N = \(count), order \(order): first difference at byte \(at)")
        if n == 0 || n == orders.count - 1 { #expect(render(merged) == wholeFiles, "N = \(count), order \(order)") }
        merges += 1
      }
    }
    #expect(merges == 1 + 2 + 6 + 24 + 120 + 720)
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
