import Bounds
import Foundation
import Testing

/// Guards the mutation harness (scripts/mutate.py) against silent rot: the
/// variants in scripts/mutations.json must still apply to the sources, name
/// statements of the catalogue, and appear in docs/mutations.md with an honest
/// outcome (scripts/mutation-results.json). Cheap: reads four text files.
@Suite("Mutation table integrity")
struct MutationTableTests {
  /// One variant of scripts/mutations.json.
  struct Variant {
    let id: String, statement: String, file: String, find: String, replace: String, expected: String
    let witness: String?, reason: String?
    /// The exits that show the variant wrong (`witnessExpect`; default mutant 3, true 0).
    let mutantExit: Int, trueExit: Int
  }

  static let root = SharpCaseTests.root

  static func text(_ path: String) throws -> String {
    try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
  }

  static func variants() throws -> [Variant] {
    let data = try Data(contentsOf: root.appendingPathComponent("scripts/mutations.json"))
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let list = try #require(object["variants"] as? [[String: Any]])
    return try list.map { v in
      func field(_ key: String) throws -> String { try #require(v[key] as? String, "variant field \(key) in \(v)") }
      return Variant(
        id: try field("id"), statement: try field("statement"), file: try field("file"), find: try field("find"),
        replace: try field("replace"), expected: try field("expected"), witness: v["witness"] as? String,
        reason: v["reason"] as? String, mutantExit: (v["witnessExpect"] as? [String: Any])?["mutant"] as? Int ?? 3,
        trueExit: (v["witnessExpect"] as? [String: Any])?["true"] as? Int ?? 0)
    }
  }

  static func occurrences(of needle: String, in haystack: String) -> Int {
    guard !needle.isEmpty else { return 0 }
    return haystack.components(separatedBy: needle).count - 1
  }

  @Test("Every variant names a catalogue statement and its find string occurs exactly once in its file")
  func variantsApply() throws {
    let variants = try Self.variants()
    #expect(Set(variants.map(\.id)).count == variants.count, "variant ids are unique")
    for v in variants {
      #expect(Catalogue.standard.statement(id: v.statement) != nil, "\(v.id): statement \(v.statement) is not in the catalogue")
      let source = try Self.text(v.file)
      #expect(Self.occurrences(of: v.find, in: source) == 1, "\(v.id): find string must occur exactly once in \(v.file)")
      #expect(v.find != v.replace, "\(v.id): the replacement changes nothing")
      #expect(v.expected == "false" || v.expected == "true", "\(v.id): expected is \"false\" or \"true\"")
      if v.expected == "true" {
        #expect((v.reason ?? "").count > 20, "\(v.id): a variant kept as true needs the argument in `reason`")
      } else {
        let search = Catalogue.standard.conjecture(id: v.statement) != nil && v.witness?.hasPrefix("search --lemma \(v.statement)") == true
        #expect(v.witness?.hasPrefix("--lemma \(v.statement) ") == true || search, "\(v.id): a false variant needs a `pgf check --lemma \(v.statement) …` witness (or, for a conjecture, `search --lemma \(v.statement)`)")
        if v.mutantExit != 3 || v.trueExit != 0 {
          // Only a wrong check of a false conjecture flips the witness: the true check finds the counterexample.
          #expect(Catalogue.standard.conjecture(id: v.statement) != nil && v.mutantExit == 0 && v.trueExit == 3, "\(v.id): witnessExpect is {mutant: 0, true: 3}, for a conjecture")
        }
      }
      if let w = v.witness, let range = w.range(of: #"scripts/mutation-witnesses/[A-Za-z0-9._-]+\.json"#, options: .regularExpression) {
        #expect(FileManager.default.fileExists(atPath: Self.root.appendingPathComponent(String(w[range])).path), "\(v.id): witness file")
      }
    }
    for (statement, count) in Dictionary(grouping: variants, by: \.statement).mapValues(\.count) {
      #expect(count >= 3, "\(statement) has \(count) variants; at least 3 per statement")
    }
  }

  @Test("docs/mutations.md lists every variant; no false variant survives and no survivor lacks a reason")
  func tableIsHonest() throws {
    let variants = try Self.variants()
    let table = try Self.text("docs/mutations.md")
    let resultsData = try Data(contentsOf: Self.root.appendingPathComponent("scripts/mutation-results.json"))
    let results = try #require(try JSONSerialization.jsonObject(with: resultsData) as? [String: [String: Any]])
    let rows = table.split(separator: "\n").filter { $0.hasPrefix("| ") }
    for v in variants {
      let row = rows.first { $0.contains("| `\(v.id)` |") }
      #expect(row != nil, "docs/mutations.md has no row for \(v.id)")
      let result = results[v.id]
      #expect(result != nil, "\(v.id) was never run (python3 scripts/mutate.py --only \(v.id))")
      let outcome = result?["outcome"] as? String
      #expect(outcome == "killed" || outcome == "survived", "\(v.id): outcome \(outcome ?? "none")")
      if outcome == "survived" {
        #expect(v.expected == "true" && v.reason != nil, "\(v.id) survives but is not kept as a true inequality with a reason")
        #expect(result?["shownFalse"] as? Bool != true, "\(v.id) is shown false by its witness but survives")
      }
      if v.expected == "false" {
        #expect(result?["shownFalse"] as? Bool == true, "\(v.id): its witness does not show it false (mutant exit \(v.mutantExit), true exit \(v.trueExit))")
        let w = result?["witness"] as? [String: Any]
        #expect(w?["mutantExit"] as? Int == v.mutantExit && w?["trueExit"] as? Int == v.trueExit, "\(v.id): recorded witness exits")
      } else {
        // A variant implied by the true statement is still true: a test that kills it is a false alarm.
        #expect(outcome == "survived", "\(v.id) is a true inequality but the suite kills it")
      }
    }
    #expect(!table.contains("no reason: must be killed"))
  }
}
