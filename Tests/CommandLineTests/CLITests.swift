import Foundation
import Testing

/// Runs the built `pgf` executable as a user would.
enum CLI {
  struct Output {
    let status: Int32
    let stdout: String
    let stderr: String
  }

  /// The `pgf` binary next to the test bundle (SwiftPM builds it first: the
  /// test target depends on it).
  static var executable: URL {
    var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    // The XCTest bundle on Linux is a file in the products directory; on macOS a bundle folder.
    while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("pgf").path), dir.path != "/" {
      dir.deleteLastPathComponent()
    }
    return dir.appendingPathComponent("pgf")
  }

  static func run(_ arguments: [String]) throws -> Output {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Output(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
  }

  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("pgf-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}

@Suite("pgf command line", .serialized)
struct CLITests {
  static let small = ["--n1", "12", "--n2", "9", "--k", "3", "--r", "2", "--alpha", "1e-2"]

  @Test("simulate --json prints one object with the contract's keys")
  func jsonContract() throws {
    let out = try CLI.run(["simulate", "--json", "--t-end", "15"] + Self.small)
    #expect(out.status == 0, "\(out.stderr)")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
    for key in ["steps", "rejected", "nfev", "tEnd", "residualFro", "residualSpec", "imbalanceDrift"] {
      #expect(object[key] != nil, "missing \(key)")
    }
    #expect((object["tEnd"] as? Double) == 15)
  }

  @Test("--save-problem then --problem reproduces the output bit for bit, and so does the same seed")
  func saveLoadBitForBit() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let problem = dir.appendingPathComponent("p.json").path
    let state1 = dir.appendingPathComponent("s1.json").path
    let state2 = dir.appendingPathComponent("s2.json").path
    let flow = ["--perturbation", "rotating:0.05", "--t-end", "12", "--json"]
    let first = try CLI.run(["simulate"] + Self.small + ["--save-problem", problem, "--save-state", state1] + flow)
    #expect(first.status == 0, "\(first.stderr)")
    let again = try CLI.run(["simulate"] + Self.small + flow)
    // Everything but the wall-clock timings must agree byte for byte.
    func untimed(_ text: String) -> String {
      text.replacingOccurrences(of: #","setupSeconds":[^,}]*"#, with: "", options: .regularExpression)
        .replacingOccurrences(of: #","integrationSeconds":[^,}]*"#, with: "", options: .regularExpression)
    }
    #expect(untimed(first.stdout).contains("residualFro") && !untimed(first.stdout).contains("Seconds"))
    #expect(untimed(again.stdout) == untimed(first.stdout))
    let loaded = try CLI.run(["simulate", "--problem", problem, "--save-state", state2] + flow)
    #expect(loaded.status == 0, "\(loaded.stderr)")
    #expect(untimed(loaded.stdout) == untimed(first.stdout))
    #expect(try Data(contentsOf: URL(fileURLWithPath: state1)) == Data(contentsOf: URL(fileURLWithPath: state2)))
    let saved = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: problem))) as? [String: Any])
    // A generated problem is saved in factored form (no dense X).
    #expect(saved["X"] == nil && saved["Phi"] is [[Any]] && saved["Psi"] is [[Any]] && saved["sigma"] is [Any])
    #expect(saved["U0"] is [[Any]] && saved["V0"] is [[Any]])
    let state = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: state1))) as? [String: Any])
    #expect(state["t"] != nil && state["U"] != nil && state["V"] != nil)
  }

  @Test("a hand-written problem of any shape loads (n1 ≠ n2, full rank)")
  func foreignProblem() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("mine.json").path
    let text = #"{"X": [[2, 0, 1], [0, 1, 0]], "U0": [[0.01, 0], [0, 0.02]], "V0": [[0.01, 0.0], [0.0, 0.01], [0.005, 0]]}"#
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    let out = try CLI.run(["simulate", "--problem", path, "--json", "--t-end", "30"])
    #expect(out.status == 0, "\(out.stderr)")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
    #expect((object["r"] as? Int) == 2)
    #expect(((object["residualFro"] as? Double) ?? 1) < 1e-3)
  }

  @Test("bad input exits non-zero with one line naming the problem and writes nothing", arguments: [
    (["--k", "0"], "k must be ≥ 1"),
    (["--r", "50"], "exceeds min(n1, n2)"),
    (["--perturbation", "wiggle:0.1"], "unknown perturbation"),
    (["--rtol", "-1"], "relative tolerance"),
    (["--rtol", "0", "--atol", "0"], "both 0"),
    (["--atol", "-1"], "absolute tolerance"),
    (["--max-steps", "3"], "step budget"),
    (["--alpha", "nan"], "--alpha must be finite"),
    (["--frobnicate"], "unknown option"),
    (["--problem", "/nonexistent/p.json"], "cannot read"),
  ])
  func badInput(arguments: [String], message: String) throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let saved = dir.appendingPathComponent("out.json").path
    let out = try CLI.run(["simulate", "--save-problem", saved, "--save-state", saved + ".state"] + arguments)
    #expect(out.status != 0)
    #expect(out.stdout.isEmpty)
    let lines = out.stderr.split(separator: "\n")
    #expect(lines.count == 1, "\(out.stderr)")
    #expect(out.stderr.contains(message), "\(out.stderr)")
    #expect(!FileManager.default.fileExists(atPath: saved))
    #expect(!FileManager.default.fileExists(atPath: saved + ".state"))
  }

  @Test("malformed and non-finite problem files are rejected", arguments: [
    (#"{"X": [[1, 0], [0, 1]], "U0": [[1], [1]]"#, "not valid JSON"),
    (#"{"X": [[1, 0], [0, 1e400]], "U0": [[1], [1]], "V0": [[1], [1]]}"#, "NaN or infinite"),
    (#"{"X": [[1, 0], [0, 1]], "U0": [[1], [1], [1]], "V0": [[1], [1]]}"#, "dimension mismatch"),
  ])
  func badFiles(text: String, message: String) throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("bad.json").path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    let existing = dir.appendingPathComponent("keep.json").path
    try Data("previous".utf8).write(to: URL(fileURLWithPath: existing))
    let out = try CLI.run(["simulate", "--problem", path, "--save-state", existing])
    #expect(out.status == 1)
    #expect(out.stderr.contains(message), "\(out.stderr)")
    #expect(try String(contentsOfFile: existing, encoding: .utf8) == "previous", "an earlier output file was clobbered")
  }
}
