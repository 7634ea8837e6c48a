import Bounds
import Report
import Foundation
import Testing

/// The committed `docs/quick-sweep.md` must be the quick-sweep page exactly as
/// the code produces it now; when a statement, the sweep or the numbers change,
/// this fails until it is regenerated (`swift run -c release pgf report --quick-table`,
/// or the whole report).
@Suite("Docs freshness")
struct DocsFreshnessTests {
  static var repositoryRoot: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  }

  @Test("docs/quick-sweep.md matches what the code produces")
  func quickTableIsCurrent() async throws {
    let committed = try String(contentsOf: Self.repositoryRoot.appendingPathComponent("docs/" + ReportDocument.quickFile), encoding: .utf8)
    let result = await ReportRunner(plan: .quick, lemmas: ReportAssembly(plan: .quick).lemmas).run(shard: .all)
    let page = ReportDocument.quickPage(result)
    #expect(
      committed == page,
      "docs/quick-sweep.md is stale: regenerate it with `swift run -c release pgf report --quick-table`. Expected:\n\(page)")
  }
}
