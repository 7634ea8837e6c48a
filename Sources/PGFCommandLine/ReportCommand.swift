import Bounds
import Foundation
import Report

/// `pgf report`: regenerate docs/ from real sweeps.
enum ReportCommand {
  static let valued: Set<String> = ["out", "shard", "partial", "threads"]
  static let switches: Set<String> = ["quick", "merge", "quick-table"]

  static let help = """
    usage: pgf report [--quick] [--out DIR]
           pgf report --quick-table [--out DIR]
           pgf report [--quick] --shard i/N [--partial FILE]
           pgf report --merge FILE… [--out DIR]

    Runs every lemma on the sweep plan's cases, the falsification searches of the
    shipped conjectures and the claim sweeps, then writes DIR/index.md,
    DIR/lemmas/<ID>.md, DIR/figures/*.svg, DIR/theory.md and DIR/adding-a-conjecture.md.
    Seeds are fixed: two runs give byte-identical files. Writes are atomic: a failed or
    interrupted run leaves the previous files intact. Progress goes to stderr.

      --out DIR        output folder (default docs)
      --quick          the small plan (the one `swift test` compares with docs/index.md)
      --shard i/N      run only units i, i+N, i+2N, … and write a partial result file
      --partial FILE   where --shard writes (default pgf-report-<plan>-<i>-of-<N>.json)
      --merge FILE…    join partial result files (all shards of one plan) and write the docs
      --quick-table    rewrite only DIR/quick-sweep.md (the table `swift test` compares; seconds)
      --threads N      units (cases, searches, claim sweeps) run at once (default: PGF_THREADS,
                       else the active processor count); the output does not depend on it
    """

  static func run(_ tokens: [String], catalogue: Catalogue) async throws -> String {
    let merging = tokens.contains("--merge")
    let args = try Arguments(tokens.filter { !merging || $0 != "--merge" }, valued: valued, switches: switches.subtracting(["merge"]))
    if !merging, !args.positional.isEmpty { throw UsageError("unexpected argument '\(args.positional[0])'") }
    let out = args.string("out") ?? "docs"
    let threads = try ProblemOptions.threads(args)
    if merging {
      guard !args.has("shard"), !args.has("quick") else { throw UsageError("--merge takes only shard files and --out") }
      let files = args.positional
      guard !files.isEmpty else { throw UsageError("--merge needs the partial result files, e.g. --merge a.json b.json") }
      var parts: [ShardResult] = []
      for f in files {
        let data = try ProblemFile.readFileData(f)
        parts.append(try ShardResult(parsing: String(decoding: data, as: UTF8.self), source: f))
      }
      guard let plan = SweepPlan.named(parts[0].plan) else { throw ReportError.malformed("\(files[0]): unknown plan '\(parts[0].plan)'") }
      let assembly = ReportAssembly(plan: plan, catalogue: catalogue)
      let merged = try ShardResult.merge(parts, plan: plan, extraKeys: assembly.extraKeys)
      try await write(assembly, merged, out: out, threads: threads)
      return "pgf report: merged \(files.count) shard files (\(merged.cases.count) cases) into \(out)/"
    }
    if args.has("quick-table") {
      guard !args.has("shard"), !args.has("partial"), !args.has("quick") else { throw UsageError("--quick-table takes only --out") }
      let lemmas = ReportAssembly(plan: .quick, catalogue: catalogue).lemmas
      var runner = ReportRunner(plan: .quick, lemmas: lemmas, families: catalogue.families)
      runner.threads = threads
      let quick = await runner.run(shard: .all)
      var files = ReportFiles()
      files.add(ReportDocument.quickFile, ReportDocument.quickPage(quick))
      try files.write(to: out)
      return "pgf report: \(out)/\(ReportDocument.quickFile) rewritten (\(quick.cases.count) cases of plan quick)"
    }
    let plan = args.has("quick") ? SweepPlan.quick : SweepPlan.full
    let assembly = ReportAssembly(plan: plan, catalogue: catalogue)
    var runner = assembly.runner
    runner.threads = threads
    FileHandle.standardError.write(Data("pgf report: plan \(plan.name) on \(threads) thread\(threads == 1 ? "" : "s")\n".utf8))
    if let shardText = args.string("shard") {
      guard !args.has("out") else { throw UsageError("--shard writes a partial result file (--partial FILE), not docs; merge with --merge") }
      let shard = try Shard(parsing: shardText)
      let path = args.string("partial") ?? "pgf-report-\(plan.name)-\(shard.index)-of-\(shard.count).json"
      let result = await runner.run(shard: shard, progress: progressPrinter())
      try AtomicFile.write(try result.serialized(), to: path)
      return "pgf report: shard \(shard) of plan \(plan.name) (\(result.cases.count) cases, \(result.extras.count) extra units) written to \(path)"
    }
    guard !args.has("partial") else { throw UsageError("--partial goes with --shard i/N") }
    let result = await runner.run(shard: .all, progress: progressPrinter())
    try await write(assembly, result, out: out, threads: threads)
    return "pgf report: \(result.cases.count) cases and \(result.extras.count) extra units of plan \(plan.name) written to \(out)/"
  }

  /// Renders and writes the docs (the quick table is computed here unless the plan is quick).
  static func write(_ assembly: ReportAssembly, _ result: ShardResult, out: String, threads: Int) async throws {
    let failures = result.cases.flatMap(\.records).compactMap(\.error)
    if let first = failures.first {
      FileHandle.standardError.write(Data("pgf report: warning: \(failures.count) checks threw; first: \(first)\n".utf8))
    }
    let quick: ShardResult
    if assembly.plan == SweepPlan.quick {
      quick = result
    } else {
      var runner = ReportRunner(plan: .quick, lemmas: assembly.lemmas, families: assembly.catalogue.families)
      runner.threads = threads
      quick = await runner.run(shard: .all)
    }
    let command = "swift run -c release pgf report" + assembly.plan.flags
    let document = try assembly.document(result: result, quick: quick, command: command)
    for problem in document.figureProblems {
      FileHandle.standardError.write(Data("pgf report: warning: figure text \(problem)\n".utf8))
    }
    var files = document.files()
    for (path, text) in try StaticDocs.files() { files.add(path, text) }
    try files.write(to: out)
  }

  /// Progress lines on stderr, at most one per second (and the last).
  static func progressPrinter() -> @Sendable (SweepProgress) -> Void {
    let last = LastPrint()
    return { p in
      if last.shouldPrint(final: p.done == p.total) {
        FileHandle.standardError.write(Data("pgf report: \(p.line)\n".utf8))
      }
    }
  }
}

/// Rate limiting for progress lines.
final class LastPrint: @unchecked Sendable {
  private let lock = NSLock()
  private var last = ContinuousClock.now - .seconds(10)

  func shouldPrint(final: Bool) -> Bool {
    lock.lock()
    defer { lock.unlock() }
    let now = ContinuousClock.now
    guard final || now - last >= .seconds(1) else { return false }
    last = now
    return true
  }
}
