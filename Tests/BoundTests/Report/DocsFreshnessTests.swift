import Bounds
import Foundation
import Testing

/// The committed `docs/index.md` must contain the quick-sweep verdict table
/// exactly as the code produces it now; when a lemma, the sweep or the numbers
/// change, this fails until the docs are regenerated
/// (`swift run -c release pgf report`).
@Suite("Docs freshness")
struct DocsFreshnessTests {
  static var repositoryRoot: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
  }

  @Test("docs/index.md's quick-sweep table matches what the code produces")
  func quickTableIsCurrent() async throws {
    let index = try String(contentsOf: Self.repositoryRoot.appendingPathComponent("docs/index.md"), encoding: .utf8)
    let result = await ReportRunner(plan: .quick, lemmas: ReportAssembly(plan: .quick).lemmas).run(shard: .all)
    let table = ReportDocument.quickTable(result)
    #expect(
      index.contains(table),
      "docs/index.md is stale: regenerate it with `swift run -c release pgf report`. Expected table:\n\(table)")
  }
}
