import Foundation
import Testing

/// `pgf prove`: the JSON contract (`outcome`, `steps`, `maxWidth`), exit statuses,
/// and a negative control that must not come out proved.
@Suite("pgf prove")
struct ProveCLITests {
  static let small = ["--n1", "3", "--n2", "2", "--k", "2", "--r", "1", "--alpha", "0.1", "--t-end", "1"]

  func json(_ out: CLI.Output) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
  }

  @Test("L4 with a fixed perturbation is proved; exit 0; contract keys present")
  func proved() throws {
    let out = try CLI.run(["prove", "--lemma", "L4", "--perturbation", "fixed:0.2", "--json"] + Self.small)
    #expect(out.status == 0, "\(out.stderr)")
    let o = try json(out)
    #expect(o["outcome"] as? String == "proved")
    #expect((o["steps"] as? Int ?? 0) > 0)
    #expect((o["maxWidth"] as? Double).map { $0 > 0 && $0 < 1e-6 } == true)
  }

  @Test("L4 without its forcing term under fixed E is refuted (exit 3), never proved")
  func negativeControl() throws {
    let out = try CLI.run(["prove", "--lemma", "L4-noforcing", "--perturbation", "fixed:0.2", "--json"] + Self.small)
    #expect(out.status == 3, "\(out.stderr)")
    #expect(try json(out)["outcome"] as? String == "refuted")
  }

  @Test("converge needs --tau; an unknown id is an error naming the ids")
  func errors() throws {
    let noTau = try CLI.run(["prove", "--lemma", "converge"] + Self.small)
    #expect(noTau.status == 1 && noTau.stderr.contains("--tau"))
    let unknown = try CLI.run(["prove", "--lemma", "L9"] + Self.small)
    #expect(unknown.status == 1 && unknown.stderr.contains("L1, L3, L4, converge"))
  }
}
