import Bounds
import Foundation
import PGFCommandLine
import Testing

/// The lines one in-process run wrote.
final class CapturedOutput: @unchecked Sendable {
  private let lock = NSLock()
  private var stdoutBlocks: [String] = []
  private var stderrLines: [String] = []

  /// Sinks that append to this capture.
  var output: CommandOutput {
    CommandOutput(
      standardOutput: { text in self.lock.withLock { self.stdoutBlocks.append(text) } },
      standardError: { text in self.lock.withLock { self.stderrLines.append(text) } })
  }
  /// Everything written to stdout.
  var stdout: [String] { lock.withLock { stdoutBlocks } }
  /// Every stderr line (a block with newlines counts as several lines).
  var stderr: [String] { lock.withLock { stderrLines.flatMap { $0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) } } }
}

/// Seeded fuzzing of argument lists through `PGFCommand(catalogue:name:).run(_:output:)`
/// in-process: thousands of lists in seconds. Each list is either refused —
/// a non-zero status, exactly one stderr line starting `pgf: error:`, nothing
/// on stdout, no file written — or succeeds (status 0, 3 or 4, no error line).
/// A trap (overflow, failed allocation, precondition) would crash the test
/// process, so every path such a list reaches must throw instead; inputs that
/// ever crashed are kept in `Fixtures/fuzz-crashes.json` and run through the
/// binary by ``crashFixtures()``.
///
/// Three kinds of list, so work never starts unless it is cheap:
/// - **parse**: any command, random flags and values, plus a token the
///   argument parser refuses (unknown flag, trailing flag without value,
///   repeated flag, switch with a value);
/// - **semantic**: a cheap valid command line (4×3 problems, `t ≤ 0.5`, a few
///   descent steps) with mild mutations, flags in random order and `--flag=value`
///   forms, and one value that passes the parser but must be refused before
///   any integration (zero, negative, non-finite, overflowing or absurdly
///   large sizes, unknown ids, contradictory flags);
/// - **noise**: the unstructured mix of both.
@Suite("In-process CLI fuzzing")
struct InProcessFuzzTests {
  typealias Mix = ArgumentFuzzTests.Mix

  /// A cheap valid command line and the values that must make it fail.
  struct Template {
    let command: String
    /// Flags of the valid base (value `nil`: a switch).
    let base: [(String, String?)]
    /// Mild mutations (valid or not) applied 0–2 at a time.
    let mild: [(String, [String?])]
    /// Values that pass the parser and must be refused before any work.
    let invalid: [(String, String?)]
    /// Every flag the command takes (for the parse kind).
    let flags: [String]
  }

  static let problemInvalid: [(String, String?)] = [
    ("n1", "0"), ("n1", "-3"), ("n1", "4000000000000"), ("n1", "9223372036854775807"), ("n2", "0"),
    ("k", "0"), ("k", "-1"), ("k", "9223372036854775807"), ("k", "100000000000"), ("r", "0"), ("r", "4"),
    ("r", "99999999999"), ("alpha", "0"), ("alpha", "-0.001"), ("kappa", "0.5"), ("kappa", "0"), ("kappa", "-2"),
    ("sigma", "1,2"), ("sigma", "0"), ("sigma", "-1"), ("sigma", "1,,2"), ("sigma", ""), ("sigma", "nan"),
    ("sigma1", "0"), ("sigma1", "-1"), ("problem", "/nonexistent/pgf-fuzz.json"), ("perturbation", "bogus:1"),
    ("perturbation", "fixed:-1"), ("perturbation", "fixed:nan"), ("perturbation", "fixed:1e400"), ("perturbation", ":"),
    ("perturbation", "rotating:abc"), ("perturbation", "fixed:inf"), ("t-end", "0"), ("t-end", "-1"),
  ]
  static let problemMild: [(String, [String?])] = [
    ("kappa", ["1", "2", "3"]), ("seed", ["1", "2", "0", "18446744073709551615"]), ("alpha", ["0.001", "0.1"]),
    ("perturbation", ["zero", "fixed:0.1", "rotating:0.05", "scaling:0.5", "greedy:0.1", "alignedKill:0.1", "greedyRel:0.2"]),
    ("perturbation-seed", ["3"]), ("rtol", ["1e-6"]), ("atol", ["1e-10"]), ("json", [nil]),
  ]
  static let problemFlags = ["n1", "n2", "k", "r", "sigma", "sigma1", "kappa", "alpha", "seed", "perturbation", "perturbation-seed", "t-end", "rtol", "atol", "problem"]
  static let smallProblem: [(String, String?)] = [("n1", "4"), ("n2", "3"), ("k", "2"), ("r", "1"), ("alpha", "0.01"), ("t-end", "0.5")]

  static func templates(_ dir: String) -> [Template] {
    [
      Template(
        command: "check", base: [("lemma", "L1")] + smallProblem,
        mild: problemMild + [("lemma", ["L1", "L4", "L7", "C1", "K1", "k1", "K-loss-small-E"]), ("grid", ["1", "8"])],
        invalid: problemInvalid + [
          ("rtol", "-1"), ("atol", "-1"), ("grid", "0"), ("grid", "-5"), ("grid", "1000000000000"), ("lemma", "L99"),
          ("lemma", ""), ("lemma", "C3"), ("sigma", "1"),
        ],
        flags: problemFlags + ["lemma", "grid", "json"]),
      Template(
        command: "simulate", base: smallProblem + [("save-problem", dir + "/p.json"), ("save-state", dir + "/s.json")], mild: problemMild,
        invalid: problemInvalid + [("max-steps", "0"), ("max-steps", "-1"), ("rtol", "-1"), ("atol", "-1")],
        flags: problemFlags + ["max-steps", "save-problem", "save-state", "json"]),
      Template(
        command: "search", base: [("lemma", "K1")], mild: [("seed", ["1", "2"]), ("json", [nil])],
        invalid: [("lemma", "L1"), ("lemma", "nope"), ("lemma", ""), ("budget", "bogus"), ("budget", ""), ("budget", "Small")],
        flags: ["lemma", "seed", "budget", "witness", "json"]),
      Template(
        command: "prove", base: [("lemma", "L4"), ("n1", "2"), ("n2", "2"), ("k", "1"), ("r", "1"), ("t-end", "0.5")],
        mild: problemMild,
        invalid: problemInvalid + [
          ("lemma", "bogus"), ("order", "0"), ("order", "41"), ("tolerance", "0"), ("tolerance", "-1"), ("max-step", "0"),
          ("max-steps", "0"), ("tau", "0"), ("tau", "-1"),
        ],
        flags: problemFlags + ["lemma", "tau", "order", "tolerance", "max-step", "max-steps", "json"]),
      Template(
        command: "sense", base: [("n1", "4"), ("n2", "3"), ("k", "2"), ("r", "1"), ("m", "30"), ("steps", "3"), ("save-state", dir + "/s.json")],
        mild: [("seed", ["1", "2"]), ("noise", ["0", "0.01"]), ("operator", ["gaussian", "rankOne"]), ("json", [nil]), ("delta-stride", ["0", "1"])],
        invalid: problemInvalid.filter { !["perturbation", "t-end"].contains($0.0) } + [
          ("eta", "0"), ("eta", "-1"), ("noise", "-1"), ("operator", "bogus"), ("m", "0"), ("m", "-5"),
          ("m", "1000000000000"), ("m", "9223372036854775807"), ("steps", "0"), ("t-end", "1"), ("fresh-batches", nil),
          ("delta-stride", "-1"), ("batch", "0"), ("batch", "-1"), ("batch", "31"), ("delta-nuc", "-1"), ("delta-nuc", "1"),
        ],
        flags: ["n1", "n2", "k", "r", "sigma", "sigma1", "kappa", "alpha", "seed", "problem", "m", "operator", "noise", "operator-seed", "eta", "steps", "t-end", "batch", "batch-seed", "delta-stride", "delta-nuc", "save-problem", "save-state", "json", "fresh-batches", "compare-flow"]),
      Template(
        command: "report", base: [], mild: [],
        invalid: [
          ("shard", "3/2"), ("shard", "0/2"), ("shard", "x"), ("shard", "1/0"), ("shard", "-1/2"), ("merge", nil),
          ("partial", dir + "/part.json"), ("merge", nil),
        ],
        flags: ["out", "shard", "partial", "quick", "merge", "quick-table"]),
      Template(command: "lemmas", base: [], mild: [("json", [nil])], invalid: [("", "stray")], flags: ["json"]),
      Template(command: "calibrate", base: [], mild: [("first", [nil])], invalid: [("", "stray")], flags: ["first"]),
      Template(command: "diagnose", base: [], mild: [], invalid: [("", "stray")], flags: []),
    ]
  }

  static let junkValues = ["nan", "NaN", "inf", "-inf", "1e400", "-1e400", "abc", "", "0x1p", "--", "-", "1.2.3", "1e", "٣", "\u{0}", "3", "0", "-1", "0.5", "1e-3", "9223372036854775808", "L1", "K1", "zero", "fixed:0.1"]
  static let commands = ["simulate", "lemmas", "check", "search", "prove", "sense", "report", "calibrate", "diagnose", "help", "bogus", "--bogus", "", "CHECK", "-h"]

  /// Flattens flag pairs, with `--flag=value` for some.
  static func tokens(_ pairs: [(String, String?)], _ rng: inout Mix) -> [String] {
    pairs.flatMap { (flag, value) -> [String] in
      if flag.isEmpty { return value.map { [$0] } ?? [] }  // a positional token
      guard let value else { return ["--" + flag] }
      return rng.next() % 4 == 0 ? ["--\(flag)=\(value)"] : ["--" + flag, value]
    }
  }

  /// One argument list of the given kind (see the type's description).
  static func arguments(kind: Int, _ rng: inout Mix, templates: [Template]) -> [String] {
    func pick<T>(_ a: [T]) -> T { a[Int(rng.next() % UInt64(a.count))] }
    switch kind {
    case 0:  // parse: random command, random pairs, one token the parser refuses
      let t = pick(templates)
      let valued = t.flags.filter { f in t.base.contains { $0.0 == f && $0.1 != nil } || t.invalid.contains { $0.0 == f && $0.1 != nil } }
      var pairs: [(String, String?)] = t.base
      for _ in 0..<Int(rng.next() % 3) where !t.flags.isEmpty { pairs.append((pick(t.flags), pick(junkValues))) }
      var dedup: [(String, String?)] = []
      for p in pairs where !dedup.contains(where: { $0.0 == p.0 }) { dedup.append(p) }
      var words = tokens(dedup, &rng)
      switch rng.next() % 4 {
      case 0: words.insert("--zz-fuzz-\(rng.next() % 1000)", at: Int(rng.next() % UInt64(words.count + 1)))
      case 1 where !valued.isEmpty: words.append("--" + pick(valued))  // missing value
      case 2 where !dedup.isEmpty && dedup.contains(where: { $0.1 != nil }):
        let (flag, value) = dedup.first { $0.1 != nil }!
        words += ["--" + flag, value!]  // repeated
      default:
        words.append(t.flags.contains("json") ? "--json=1" : "--zz-fuzz")  // a switch with a value, or unknown
      }
      return [t.command] + words
    case 1:  // semantic: cheap valid base + mild mutations + one refused value
      let t = pick(templates)
      var pairs = t.base
      for _ in 0..<Int(rng.next() % 3) where !t.mild.isEmpty {
        let (flag, values) = pick(t.mild)
        pairs.removeAll { $0.0 == flag }
        pairs.append((flag, pick(values)))
      }
      let bad = pick(t.invalid)
      if !bad.0.isEmpty { pairs.removeAll { $0.0 == bad.0 } }
      if bad.0 == "t-end", t.command == "sense" { pairs.removeAll { $0.0 == "steps" }; pairs.append(("steps", "3")) }  // both given
      if bad.0 == "sigma", t.command == "check", bad.1 == "1" { pairs.removeAll { $0.0 == "r" }; pairs.append(("r", "2")) }  // --r disagrees
      pairs.insert(bad, at: Int(rng.next() % UInt64(pairs.count + 1)))
      // Random order of the flags.
      for i in stride(from: pairs.count - 1, to: 0, by: -1) { pairs.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
      return [t.command] + tokens(pairs, &rng)
    default:  // noise: random command and tokens, always with an unknown flag
      var words = [pick(commands)]
      let allFlags = Array(Set(templates.flatMap(\.flags))).sorted()
      for _ in 0..<Int(rng.next() % 6) {
        words.append(rng.next() % 3 == 0 ? pick(junkValues) : "--" + pick(allFlags))
      }
      words.insert("--zz-noise-\(rng.next() % 97)", at: 1 + Int(rng.next() % UInt64(words.count)))
      return words
    }
  }

  /// Where the fuzz writes each input before running it (read it after a crash).
  static let lastInput = FileManager.default.temporaryDirectory.appendingPathComponent("pgf-fuzz-last-input.json")

  @Test("Thousands of seeded argument lists in-process: one `pgf: error:` line and non-zero status, or success; no trap, no file")
  func fuzzInProcess() async throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let command = PGFCommand(catalogue: .standard)
    let templates = Self.templates(dir.path)
    var rng = Mix(s: 20_260_202)
    let clock = ContinuousClock()
    let start = clock.now
    var counts = [0, 0, 0]
    var refused = 0
    var succeeded = 0
    let total = 4_000
    for i in 0..<total {
      let kind = i % 3
      let args = Self.arguments(kind: kind, &rng, templates: templates)
      // If a trap kills the process, the input that did it is here.
      try? JSONSerialization.data(withJSONObject: args).write(to: Self.lastInput)
      let capture = CapturedOutput()
      let status = await command.run(args, output: capture.output)
      counts[kind] += 1
      let errors = capture.stderr.filter { $0.hasPrefix("pgf: error:") }
      if status == 0 || status == 3 || status == 4 {
        succeeded += 1
        #expect(errors.isEmpty, "\(args): status \(status) with \(errors)")
      } else {
        refused += 1
        #expect(status == 1 || status == 2, "\(args): status \(status)")
        #expect(capture.stderr.count == 1 && errors.count == 1, "\(args): stderr \(capture.stderr)")
        #expect(capture.stdout.isEmpty, "\(args): stdout \(capture.stdout)")
        let left = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        #expect(left.isEmpty, "\(args): left \(left)")
      }
      for file in (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [] {
        try? FileManager.default.removeItem(atPath: dir.path + "/" + file)
      }
    }
    let elapsed = start.duration(to: clock.now)
    print("In-process CLI fuzz: \(total) argument lists (\(counts[0]) parse, \(counts[1]) semantic, \(counts[2]) noise): \(refused) refused, \(succeeded) succeeded, 0 traps, in \(elapsed)")
    #expect(refused > total * 9 / 10, "the kinds are built to be refused; \(succeeded) succeeded")
    #expect(elapsed < .seconds(60), "bounded: \(elapsed)")
  }

  /// Every input that ever crashed or hung `pgf` (Fixtures/fuzz-crashes.json), run
  /// through the binary so a regression fails this test instead of killing the runner.
  @Test("Inputs that once crashed pgf are refused with one `pgf: error:` line")
  func crashFixtures() throws {
    let url = try #require(Bundle.module.url(forResource: "fuzz-crashes", withExtension: "json", subdirectory: "Fixtures"))
    let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    let cases = try #require(object["cases"] as? [[String: Any]])
    #expect(cases.count >= 5)
    for c in cases {
      let args = try #require(c["arguments"] as? [String])
      let out = try CLI.run(args)
      let lines = out.stderr.split(separator: "\n").filter { !$0.isEmpty }
      #expect(out.status == 1 || out.status == 2, "\(args): status \(out.status) (was: \(c["crash"] ?? ""))")
      #expect(lines.count == 1 && lines[0].hasPrefix("pgf: error:"), "\(args): \(out.stderr)")
    }
  }
}
