import Foundation
import Testing

/// A counterexample's printed `pgf check` command rebuilds it bit for bit:
/// the search prints exact parameters (shortest round-trip doubles), and the
/// command it prints, run as a user would copy it, gives the same violation
/// with the same slack bits at the same time.
@Suite("Reproducible counterexamples", .serialized)
struct ReproduceCLITests {
  /// The raw text of the first `"key":number` of a JSON object (no re-rounding by a parser).
  static func rawNumber(_ key: String, in json: String) -> String? {
    guard let range = json.range(of: "\"\(key)\":") else { return nil }
    let tail = json[range.upperBound...]
    let text = tail.prefix { "0123456789+-.eE".contains($0) }
    return text.isEmpty ? nil : String(text)
  }

  @Test("pgf search --lemma K1 --witness: its printed command reproduces the violation bit for bit")
  func witnessCommandReproduces() throws {
    let search = try CLI.run(["search", "--lemma", "K1", "--witness", "--json"])
    #expect(search.status == 3, "a counterexample exits 3: \(search.stderr)")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(search.stdout.utf8)) as? [String: Any])
    let command = try #require(object["command"] as? String, "search JSON must name the reproducing command")
    let report = try #require(object["report"] as? String)
    #expect(report.contains("reproduce: \(command)"), "the text report prints the same command")
    let slackText = try #require(Self.rawNumber("worstSlack", in: search.stdout))
    let atText = try #require(Self.rawNumber("at", in: search.stdout))
    #expect(report.contains("exact slack \(slackText) at t = \(atText)"), "the report prints the exact slack")
    // Run the command exactly as printed (drop the program name).
    var words = command.split(separator: " ").map(String.init)
    #expect(words.removeFirst() == "pgf")
    let check = try CLI.run(words + ["--json"])
    #expect(check.status == 3, "the reproduced case is a violation: \(check.stderr)")
    let verdict = try #require(try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any])
    #expect(verdict["violation"] as? Bool == true && verdict["hypothesisHolds"] as? Bool == true)
    let reproducedSlack = try #require(Self.rawNumber("worstSlack", in: check.stdout))
    let reproducedAt = try #require(Self.rawNumber("at", in: check.stdout))
    let a = try #require(Double(slackText)), b = try #require(Double(reproducedSlack))
    #expect(a.bitPattern == b.bitPattern, "slack \(slackText) (search) vs \(reproducedSlack) (check)")
    #expect(Double(atText)?.bitPattern == Double(reproducedAt)?.bitPattern, "t \(atText) vs \(reproducedAt)")
  }
}
