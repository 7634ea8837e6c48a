import Foundation
import Testing

/// The subcommands the command-line library adds: usage on a bare call,
/// `lemmas --json`, `search`, `report --quick-table`.
@Suite("pgf commands")
struct CommandsCLITests {
  @Test("bare pgf prints the usage to stderr and exits 2")
  func bare() throws {
    let out = try CLI.run([])
    #expect(out.status == 2)
    #expect(out.stdout.isEmpty)
    #expect(out.stderr.contains("usage: pgf <command>") && out.stderr.contains("search"))
  }

  @Test("pgf lemmas --json lists statements, pending entries and families")
  func lemmasJSON() throws {
    let out = try CLI.run(["lemmas", "--json"])
    #expect(out.status == 0, "\(out.stderr)")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
    let statements = try #require(object["statements"] as? [[String: Any]])
    let families = try #require(object["families"] as? [[String: Any]])
    #expect(statements.contains { $0["id"] as? String == "L4" && $0["status"] as? String == "lemma" && $0["pending"] as? Bool == false })
    #expect(statements.contains { $0["id"] as? String == "C3" && $0["status"] as? String == "claim" && $0["pending"] as? Bool == false })
    #expect(families.contains { $0["name"] as? String == "greedyRel" && $0["size"] as? String == "relative" })
  }

  @Test("pgf search finds the shipped false conjecture's counterexample (exit 3) and refuses a lemma")
  func search() throws {
    let found = try CLI.run(["search", "--lemma", "K-loss-small-E", "--json"])
    #expect(found.status == 3, "\(found.stderr)")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(found.stdout.utf8)) as? [String: Any])
    #expect(object["found"] as? Bool == true)
    #expect((object["report"] as? String)?.contains("COUNTEREXAMPLE") == true)
    let refused = try CLI.run(["search", "--lemma", "L4"])
    #expect(refused.status == 2 && refused.stderr.contains("is not a conjecture"))
  }

  @Test("pgf report --quick-table writes only the quick-sweep page")
  func quickTable() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = try CLI.run(["report", "--quick-table", "--out", dir.path])
    #expect(out.status == 0, "\(out.stderr)")
    let written = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { !$0.hasPrefix(".") }
    #expect(written == ["quick-sweep.md"])
    let page = try String(contentsOf: dir.appendingPathComponent("quick-sweep.md"), encoding: .utf8)
    #expect(page.contains("<!-- quick-sweep:begin -->") && page.contains("| L1 | holds | 5 | 5 |"))
  }
}
