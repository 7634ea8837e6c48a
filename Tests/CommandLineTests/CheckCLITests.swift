import Foundation
import Testing

@Suite("pgf lemmas and pgf check", .serialized)
struct CheckCLITests {
  static let small = ["--n1", "8", "--n2", "6", "--k", "3", "--r", "2", "--alpha", "1e-2", "--t-end", "8", "--grid", "16"]

  @Test("pgf lemmas lists ids, statuses and titles, the sensing statements included")
  func lemmas() throws {
    let out = try CLI.run(["lemmas"])
    #expect(out.status == 0)
    #expect(out.stdout.contains("L1") && out.stdout.contains("identity") && out.stdout.contains("Imbalance conservation"))
    #expect(out.stdout.contains("L1-GD") && out.stdout.contains("C3") && out.stdout.contains("Gradient descent follows the flow"))
  }

  @Test("pgf check --json prints the verdict contract")
  func checkJSON() throws {
    let out = try CLI.run(["check", "--lemma", "L1", "--json", "--perturbation", "rotating:0.1"] + Self.small)
    #expect(out.status == 0, "\(out.stderr)")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
    for key in ["lemma", "status", "hypothesisHolds", "holds", "worstSlack", "worstRelativeSlack", "at"] {
      #expect(object.keys.contains(key), "missing \(key)")
    }
    #expect(object["lemma"] as? String == "L1")
    #expect(object["holds"] as? Bool == true)
    #expect(object["hypothesisHolds"] is NSNull)
    #expect(object["reason"] is NSNull)
    #expect(object["outcome"] as? String == "holds")
    // One rule: the printed slack + budget is the margin `holds` was decided on.
    let slack = try #require(object["worstSlack"] as? Double), budget = try #require(object["errorBudget"] as? Double)
    let margin = try #require(object["margin"] as? Double)
    #expect(slack + budget >= 0 && abs(slack + budget - margin) <= 1e-12 * max(1, abs(margin)))
  }

  /// The issue's vacuous pass: `scaling:1.0` violates `δ ≤ c₁/κ_F` (δκ_F ≥ 1, so T₁ is
  /// undefined too). The verdict must be null with a reason naming the hypothesis, exit 4.
  @Test("C1 under scaling:1.0 is not applicable: holds null with a reason, exit 4")
  func claimOutsideHypothesis() throws {
    let out = try CLI.run(["check", "--lemma", "C1", "--perturbation", "scaling:1.0", "--json", "--n1", "30", "--n2", "20", "--t-end", "10"])
    #expect(out.status == 4, "\(out.stderr)")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
    #expect(object["holds"] is NSNull)
    #expect(object["hypothesisHolds"] as? Bool == false)
    #expect(object["outcome"] as? String == "not applicable")
    let reason = try #require(object["reason"] as? String)
    #expect(reason.contains("δ ≤ c₁/κ_F fails") && reason.contains("T₁ undefined"), "\(reason)")
    for key in ["worstSlack", "worstRelativeSlack", "at", "errorBudget", "worstPart", "tailRelativeSlack", "margin"] {
      #expect(object.keys.contains(key), "missing \(key)")
    }
  }

  /// Every hypothesis holds (E ≡ 0) but the horizon ends before T₁: nothing is claimed, so the
  /// verdict is not applicable and says what happened at T.
  @Test("C1 with T < T₁ does not say holds: not applicable, what happened at T, exit 4")
  func claimBeforeItsTime() throws {
    let out = try CLI.run(["check", "--lemma", "C1"] + Self.small)
    #expect(out.status == 4, "\(out.stderr)")
    let verdict = try #require(out.stdout.split(separator: "\n").first { $0.hasPrefix("verdict") })
    #expect(verdict.contains("not applicable: T = 8 < T₁ = ") && verdict.contains("at T, ‖R‖_F/‖X‖_F = "), "\(verdict)")
    #expect(!out.stdout.contains("verdict      holds"))
  }

  @Test("pgf check's help documents exit statuses 0, 3 and 4")
  func exitStatusesDocumented() throws {
    let out = try CLI.run(["help", "check"])
    #expect(out.status == 0)
    #expect(out.stdout.contains("0 the conclusion holds") && out.stdout.contains("3 a violation") && out.stdout.contains("4 not applicable"))
  }

  @Test("pgf check works on a problem it did not generate")
  func checkForeignProblem() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("mine.json").path
    let text = #"{"X": [[2, 0, 1], [0, 1, 0], [1, 1, 1], [0, 0.5, 0]], "U0": [[0.01, 0], [0, 0.02], [0.01, 0.01], [0, 0]], "V0": [[0.01, 0.0], [0.0, 0.01], [0.005, 0]]}"#
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    let out = try CLI.run(["check", "--lemma", "L7", "--problem", path, "--t-end", "10", "--json"])
    #expect(out.status == 0, "\(out.stderr)")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
    #expect(object["holds"] as? Bool == true)
    #expect((object["case"] as? String)?.hasPrefix("4×3 k=2 r=3") == true)
  }

  /// Oracles: L1-GD is an identity (defect at round-off on any run); C8's balanced limit
  /// √(2σ₁) = 1.41 < 1.5 (κ = 1, r = 1) leaves the bound true on this run.
  @Test("experiment statements: one sensing case and the quick sweep, exit 0 and the JSON contract")
  func experimentStatements() throws {
    let one = try CLI.run(["check", "--lemma", "L1-GD", "--n1", "7", "--n2", "5", "--k", "3", "--r", "2", "--m", "60", "--steps", "20", "--json"])
    #expect(one.status == 0, "\(one.stderr)")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as? [String: Any])
    #expect(object["lemma"] as? String == "L1-GD" && object["holds"] as? Bool == true && object["verdict"] as? String == "holds")
    for key in ["cases", "worstRelativeSlack"] { #expect(object.keys.contains(key), "missing \(key)") }
    let c8 = try CLI.run(["check", "--lemma", "C8", "--n1", "5", "--n2", "4", "--k", "2", "--r", "1", "--m", "40"])
    #expect(c8.status == 0 && c8.stdout.contains("verdict      holds"), "\(c8.stdout) \(c8.stderr)")
    let sweep = try CLI.run(["check", "--lemma", "C3", "--experiment", "quick"])
    #expect(sweep.status == 0 && sweep.stdout.contains("Halving sweep"), "\(sweep.stderr)")
  }

  @Test("experiment-statement flags: errors naming the fix", arguments: [
    (["--lemma", "C3", "--experiment", "bogus"], Int32(2), "--experiment must be quick or full"),
    (["--lemma", "C3", "--n1", "5", "--m", "40"], Int32(1), "--experiment quick"),
    (["--lemma", "C8", "--n1", "5", "--n2", "4", "--k", "2", "--r", "1"], Int32(2), "needs --m"),
    (["--lemma", "C8", "--experiment", "quick", "--m", "40"], Int32(2), "drop --m"),
    (["--lemma", "L1", "--m", "40"], Int32(2), "--m applies only to the experiment statements"),
  ])
  func experimentErrors(arguments: [String], status: Int32, message: String) throws {
    let out = try CLI.run(["check"] + arguments)
    #expect(out.status == status)
    #expect(out.stderr.contains(message), "\(out.stderr)")
    #expect(out.stdout.isEmpty)
  }

  @Test("unknown lemmas and experiment statements are errors naming the fix", arguments: [
    (["--lemma", "L99"], Int32(2), "unknown lemma 'L99'"),
    (["--lemma", "C3"], Int32(1), "run 'pgf report'"),
    ([String](), Int32(2), "--lemma ID is required"),
    (["--lemma", "L1", "--grid", "0"], Int32(2), "--grid must be between 1 and"),
  ])
  func errors(arguments: [String], status: Int32, message: String) throws {
    let out = try CLI.run(["check"] + arguments)
    #expect(out.status == status)
    #expect(out.stderr.contains(message), "\(out.stderr)")
    #expect(out.stdout.isEmpty)
  }
}
