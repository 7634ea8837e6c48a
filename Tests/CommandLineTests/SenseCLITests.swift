import Foundation
import Testing

/// The `pgf sense` contract, driven as a user would.
@Suite("pgf sense", .serialized)
struct SenseCLITests {
  static let small = ["--n1", "8", "--n2", "6", "--k", "3", "--r", "2", "--alpha", "1e-3"]

  static func object(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  @Test("--json prints one object with the contract's keys; --compare-flow adds flowGap")
  func jsonContract() throws {
    let out = try CLI.run(["sense", "--json"] + Self.small)
    #expect(out.status == 0, "\(out.stderr)")
    let object = try Self.object(out.stdout)
    for key in ["steps", "relativeError", "spectralError", "maxEffectiveDelta", "imbalanceDefect"] {
      #expect(object[key] != nil, "missing \(key)")
    }
    #expect(object["flowGap"] == nil)
    let flow = try CLI.run(["sense", "--json", "--compare-flow", "--steps", "40"] + Self.small)
    #expect(flow.status == 0, "\(flow.stderr)")
    let gap = try #require(try Self.object(flow.stdout)["flowGap"] as? Double)
    #expect(gap > 0 && gap.isFinite)
  }

  @Test("on the numpy fixture's saved problem, pgf sense reproduces numpy's UVᵀ to 1e-8 relative")
  func numpyFixture() throws {
    let url = try #require(Bundle.module.url(forResource: "Fixtures/sensing_gd", withExtension: "json"))
    let fixture = try Self.object(String(decoding: try Data(contentsOf: url), as: UTF8.self))
    let eta = try #require(fixture["eta"] as? Double)
    let steps = try #require(fixture["steps"] as? Int)
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let state = dir.appendingPathComponent("s.json").path
    let out = try CLI.run(["sense", "--problem", url.path, "--eta", "\(eta)", "--steps", "\(steps)", "--save-state", state, "--json"])
    #expect(out.status == 0, "\(out.stderr)")
    let saved = try Self.object(try String(contentsOfFile: state, encoding: .utf8))
    func matrix(_ any: Any?) throws -> [[Double]] { try #require(any as? [[Double]]) }
    let u = try matrix(saved["U"]), v = try matrix(saved["V"]), w = try matrix(fixture["W_final"])
    var diff = 0.0, norm = 0.0
    for i in 0..<w.count {
      for j in 0..<w[0].count {
        let uv = zip(u[i], v[j]).map(*).reduce(0, +)
        diff += (uv - w[i][j]) * (uv - w[i][j])
        norm += w[i][j] * w[i][j]
      }
    }
    #expect((diff / norm).squareRoot() <= 1e-8)
  }

  @Test("recovers at m = 5r(n1+n2) and reports a large error below dof = r(n1+n2−r)", arguments: ["gaussian", "rankOne"])
  func recovery(kind: String) throws {
    let good = try Self.object(try CLI.run(["sense", "--json", "--operator", kind] + Self.small).stdout)
    #expect(try #require(good["relativeError"] as? Double) <= 1e-2)
    #expect(good["m"] as? Int == 5 * 2 * 14)
    let dof = 2 * (8 + 6 - 2)
    let bad = try Self.object(try CLI.run(["sense", "--json", "--operator", kind, "--m", "\(dof - 4)"] + Self.small).stdout)
    #expect(try #require(bad["relativeError"] as? Double) > 0.1)
  }

  @Test("--save-problem then --problem gives the same run (rank-one saved as dense A_i)", arguments: ["gaussian", "rankOne"])
  func saveLoad(kind: String) throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("p.json").path
    let run = ["--json", "--steps", "60", "--noise", "0.01", "--operator", kind]
    let first = try CLI.run(["sense", "--save-problem", path] + Self.small + run)
    #expect(first.status == 0, "\(first.stderr)")
    let saved = try Self.object(try String(contentsOfFile: path, encoding: .utf8))
    let a = try #require(saved["A"] as? [[[Double]]])
    #expect(a.count == 5 * 2 * 14 && a[0].count == 8 && a[0][0].count == 6)
    #expect((saved["y"] as? [Double])?.count == a.count)
    let again = try CLI.run(["sense", "--problem", path, "--json", "--steps", "60"])
    #expect(again.status == 0, "\(again.stderr)")
    let e1 = try #require(try Self.object(first.stdout)["relativeError"] as? Double)
    let e2 = try #require(try Self.object(again.stdout)["relativeError"] as? Double)
    #expect(abs(e1 - e2) <= 1e-9 * e1)
    if kind == "gaussian" { #expect(first.stdout.replacingOccurrences(of: "gaussian(m=140)", with: "explicit(m=140)") == again.stdout) }
  }

  @Test("bad input exits non-zero with one line naming the problem and writes nothing", arguments: [
    (["--m", "0"], "m must be ≥ 1"),
    (["--eta", "0"], "--eta must be > 0"),
    (["--eta", "inf"], "--eta must be finite"),
    (["--m", "50", "--batch", "60"], "pool size m = 50"),
    (["--noise", "-0.1"], "--noise must be ≥ 0"),
    (["--fresh-batches"], "needs --batch"),
    (["--operator", "sparse"], "gaussian or rankOne"),
    (["--steps", "3", "--t-end", "1"], "not both"),
    (["--eta", "40"], "diverged at step"),
    (["--problem", "/nonexistent/p.json"], "cannot read"),
  ])
  func badInput(arguments: [String], message: String) throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let saved = dir.appendingPathComponent("out.json").path
    let out = try CLI.run(["sense", "--save-problem", saved, "--save-state", saved + ".state"] + Self.small + arguments)
    #expect(out.status == 1 || out.status == 2)
    #expect(out.stdout.isEmpty)
    #expect(out.stderr.split(separator: "\n").count == 1, "\(out.stderr)")
    #expect(out.stderr.hasPrefix("pgf: error: ") && out.stderr.contains(message), "\(out.stderr)")
    #expect(!FileManager.default.fileExists(atPath: saved))
    #expect(!FileManager.default.fileExists(atPath: saved + ".state"))
  }

  @Test("problem files whose A or y disagree with X are refused without touching earlier output", arguments: [
    (#"{"X": [[1, 0], [0, 1]], "U0": [[0.01], [0.01]], "V0": [[0.01], [0.01]], "A": [[[1, 0], [0, 1]], [[1, 0, 0], [0, 1, 0]]], "y": [1, 2]}"#, "row 0 must have 2 entries"),
    (#"{"X": [[1, 0], [0, 1]], "U0": [[0.01], [0.01]], "V0": [[0.01], [0.01]], "A": [[[1, 0], [0, 1]]], "y": [1, 2]}"#, "\"y\" has 2 entries"),
    (#"{"X": [[1, 0], [0, 1]], "U0": [[0.01], [0.01]], "V0": [[0.01], [0.01]], "A": [[[1, 0], [0, 1e999]]], "y": [1]}"#, "NaN or infinite"),
    (#"{"X": [[1, 0], [0, 1]], "U0": [[0.01], [0.01]], "V0": [[0.01], [0.01]], "A": [[[1, 0], [0, 1]]], "y": [1e999]}"#, "NaN or infinite"),
  ])
  func badFiles(text: String, message: String) throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("bad.json").path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    let existing = dir.appendingPathComponent("keep.json").path
    try Data("previous".utf8).write(to: URL(fileURLWithPath: existing))
    let out = try CLI.run(["sense", "--problem", path, "--save-state", existing])
    #expect(out.status == 1)
    #expect(out.stderr.split(separator: "\n").count == 1 && out.stderr.contains(message), "\(out.stderr)")
    #expect(try String(contentsOfFile: existing, encoding: .utf8) == "previous")
  }

  @Test("pgf simulate --perturbation sensing:M integrates the sensing flow; a bad M is refused")
  func simulateSensing() throws {
    let out = try CLI.run(["simulate", "--json", "--perturbation", "sensing:140", "--t-end", "40"] + Self.small)
    #expect(out.status == 0, "\(out.stderr)")
    let object = try Self.object(out.stdout)
    #expect(object["perturbation"] as? String == "sensing:140")
    #expect(try #require(object["relativeResidual"] as? Double) < 1e-2)
    let bad = try CLI.run(["simulate", "--perturbation", "sensing:2.5"] + Self.small)
    #expect(bad.status == 1 && bad.stderr.contains("integer ≥ 1"))
  }
}
