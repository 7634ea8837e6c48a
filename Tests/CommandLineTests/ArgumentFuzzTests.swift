import Foundation
import Testing

/// Seeded fuzzing of argument lists through the real `pgf` binary: each list
/// carries at least one bad token (unknown flag, missing or non-numeric value,
/// NaN/∞/1e400, out-of-range size), so it must be refused before any work with
/// exactly one `pgf: error:` line on stderr, a non-zero status, nothing on
/// stdout and no file written.
@Suite("CLI argument fuzzing")
struct ArgumentFuzzTests {
  static let commands = ["simulate", "lemmas", "check", "search", "report", "calibrate", "diagnose", "bogus", "--bogus", ""]
  static let numeric = ["--n1", "--n2", "--k", "--r", "--alpha", "--kappa", "--seed", "--t-end", "--rtol", "--atol", "--max-steps"]
  static let badValues = ["nan", "NaN", "inf", "-inf", "1e400", "-1e400", "abc", "", "0x1p", "--", "-", "1.2.3", "1e", "٣", "\u{0}"]

  /// A small deterministic generator (SplitMix64) so the test needs no library import.
  struct Mix { var s: UInt64; mutating func next() -> UInt64 { s &+= 0x9E37_79B9_7F4A_7C15; var z = s; z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9; z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB; return z ^ (z >> 31) } }

  static func arguments(_ rng: inout Mix, _ dir: String) -> [String] {
    func pick(_ a: [String]) -> String { a[Int(rng.next() % UInt64(a.count))] }
    var args = [pick(commands)]
    for _ in 0..<Int(rng.next() % 3) { args += [pick(numeric), pick(["3", "2", "1e-3", "0.5"])] }
    args += ["--save-problem", dir + "/p.json"]
    switch rng.next() % 4 {
    case 0: args += [pick(numeric), pick(badValues)]
    case 1: args += ["--definitely-unknown-\(rng.next() % 100)"]
    case 2: args += [pick(numeric)]  // missing value at the end
    default: args += ["--n1", pick(["0", "-3", "99999999999999999999", "1e400"])]
    }
    return args
  }

  @Test("200 bad argument lists: one `pgf: error:` line, non-zero exit, no output file")
  func fuzzArguments() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    var rng = Mix(s: 10)
    var count = 0
    for _ in 0..<200 {
      let args = Self.arguments(&rng, dir.path)
      let out = try CLI.run(args)
      let lines = out.stderr.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
      #expect(out.status != 0, "\(args)")
      #expect(lines.count == 1 && lines[0].hasPrefix("pgf: error:"), "\(args): \(out.stderr.debugDescription)")
      #expect(out.stdout.isEmpty, "\(args)")
      #expect(!FileManager.default.fileExists(atPath: dir.path + "/p.json"), "\(args)")
      count += 1
    }
    print("CLI argument fuzz: \(count) argument lists through the binary")
  }
}

/// DOPRI5's pure absolute control through the CLI.
@Suite("CLI tolerances")
struct CLIToleranceTests {
  @Test("--rtol 0 --atol 1e-9 integrates (pure absolute control)")
  func pureAbsolute() throws {
    let out = try CLI.run(["simulate", "--n1", "6", "--n2", "5", "--k", "2", "--r", "2", "--t-end", "5", "--rtol", "0", "--atol", "1e-9", "--json"])
    #expect(out.status == 0, "\(out.stderr)")
    #expect(out.stdout.contains("\"rtol\":0"))
  }
}
