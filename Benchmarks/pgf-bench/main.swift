import Flow
import Foundation

/// pgf-bench: times one evaluation of the flow's right-hand side, factored
/// `RV = ΦΣ(ΨᵀV) − U(VᵀV)` against the dense `(X − UVᵀ)V`, and per
/// perturbation family on the factored path.
///
///     swift run -c release pgf-bench [--n1 2000] [--n2 2000] [--k 10] [--r 5] [--repeats 15] [--json]
///
/// Method: a release build; for each case 3 warm-up evaluations, then the
/// median (and min/max) of `--repeats` timed evaluations on a monotonic clock.
/// Results are machine-dependent: compare the ratios, not the absolute times.
///
/// `--json` (read by `scripts/bench_peer.py`) prints one JSON object instead:
/// the factored right-hand side's median seconds per evaluation and its flop
/// count, the tall-skinny kernels' median seconds and GFLOP/s on the flow's
/// shapes (`[Φ U]ᵀU`: `(n1 × (r+k))ᵀ(n1 × k)`; `[Φ U]·C`: `(n1 × (r+k))((r+k) × k)`),
/// and the measured arithmetic peak of this build (independent multiply–add
/// chains on `SIMD4<Double>` in registers), the "FLOP limit". The dense
/// right-hand side is skipped there when `n1·n2 > 10⁶`; `--no-peak` skips the peak.
/// `--t-end T` adds one whole integration over `[0, T]` (rtol 1e-8, atol 1e-12, no
/// dense output): its seconds and evaluations, so the cost per evaluation inside the
/// integrator can be set against the isolated right-hand side.
struct Options {
  var n1 = 2000, n2 = 2000, k = 10, r = 5, repeats = 15
  var json = false, peak = true, tEnd = 0
  var problemPath: String?

  init(_ args: [String]) throws {
    var i = 0
    while i < args.count {
      if args[i] == "--problem", i + 1 < args.count {
        problemPath = args[i + 1]
        i += 2
        continue
      }
      if args[i] == "--json" || args[i] == "--no-peak" {
        if args[i] == "--json" { json = true } else { peak = false }
        i += 1
        continue
      }
      guard i + 1 < args.count, let value = Int(args[i + 1]), value >= 1 else {
        throw BenchError("usage: pgf-bench [--n1 N] [--n2 N] [--k K] [--r R] [--repeats N] [--json] [--no-peak] [--t-end T] [--problem FILE] (positive integers)")
      }
      switch args[i] {
      case "--n1": n1 = value
      case "--n2": n2 = value
      case "--k": k = value
      case "--r": r = value
      case "--repeats": repeats = value
      case "--t-end": tEnd = value
      default: throw BenchError("unknown option \(args[i]); usage: pgf-bench [--n1 N] [--n2 N] [--k K] [--r R] [--repeats N]")
      }
      i += 2
    }
    guard r <= min(n1, n2) else { throw BenchError("r = \(r) exceeds min(n1, n2) = \(min(n1, n2))") }
  }
}

struct BenchError: Error, CustomStringConvertible {
  let description: String
  init(_ d: String) { description = d }
}

/// Median, min and max seconds of `repeats` calls after 3 warm-ups.
func time(repeats: Int, _ body: () throws -> Void) rethrows -> (median: Double, min: Double, max: Double) {
  for _ in 0..<3 { try body() }
  let clock = ContinuousClock()
  var samples: [Double] = []
  for _ in 0..<repeats {
    let start = clock.now
    try body()
    let d = clock.now - start
    samples.append(Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18)
  }
  samples.sort()
  return (samples[samples.count / 2], samples.first!, samples.last!)
}

func format(_ s: Double) -> String {
  s >= 1 ? String(format: "%8.3f s ", s) : s >= 1e-3 ? String(format: "%8.3f ms", s * 1e3) : String(format: "%8.1f µs", s * 1e6)
}

/// The calling thread's CPU time in seconds.
func threadCPUSeconds() -> Double {
  var ts = timespec()
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
  return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// `--problem FILE --t-end T`: medians of wall and thread CPU seconds of whole integrations.
func integrateSaved(_ path: String, _ o: Options) throws -> String {
  guard o.tEnd > 0 else { throw BenchError("--problem needs --t-end T (e.g. --t-end 40)") }
  let problem = try ProblemFile.load(path: path)
  var options = IntegratorOptions.flow(denseOutput: false, steps: false)
  options.maxSteps = 1_000_000
  let clock = ContinuousClock()
  var walls: [Double] = [], cpus: [Double] = []
  var evaluations = 0
  for round in 0...o.repeats {
    let cpu0 = threadCPUSeconds()
    let start = clock.now
    let solution = try problem.integrateFlow(tEnd: Double(o.tEnd), options: options)
    let e = clock.now - start
    let cpu = threadCPUSeconds() - cpu0
    evaluations = solution.statistics.evaluations
    if round > 0 {
      walls.append(Double(e.components.seconds) + Double(e.components.attoseconds) * 1e-18)
      cpus.append(cpu)
    }
  }
  walls.sort()
  cpus.sort()
  return "{\"n1\": \(problem.n1), \"n2\": \(problem.n2), \"k\": \(problem.k), \"r\": \(problem.r), \"threads\": 1, "
    + "\"integrationSeconds\": \(walls[walls.count / 2]), \"integrationCPUSeconds\": \(cpus[cpus.count / 2]), "
    + "\"integrationEvaluations\": \(evaluations)}"
}

func run() throws {
  let o = try Options(Array(CommandLine.arguments.dropFirst()))
  if let path = o.problemPath {
    print(try integrateSaved(path, o))
    return
  }
  var rng = SeededGenerator(seed: 2024, stream: "bench")
  let sigma = try Spectrum.geometric(sigma1: 1, kappa: 10, rank: o.r).values()
  let target = try Target(
    phi: rng.gaussianMatrix(rows: o.n1, columns: o.r).orthonormalColumns(), sigma: sigma,
    psi: rng.gaussianMatrix(rows: o.n2, columns: o.r).orthonormalColumns())
  let problem = try Problem(
    target: target, u0: rng.gaussianMatrix(rows: o.n1, columns: o.k, scale: 0.1),
    v0: rng.gaussianMatrix(rows: o.n2, columns: o.k, scale: 0.1))
  let y = problem.initialState
  if o.json {
    print(try jsonReport(o, problem: problem, y: y))
    return
  }
  print("pgf-bench: one right-hand-side evaluation, n1 = \(o.n1), n2 = \(o.n2), k = \(o.k), r = \(o.r); median of \(o.repeats) after 3 warm-ups")
  print("case                              median        min        max   vs factored zero")

  func measure(_ label: String, _ field: FlowField, baseline: Double?) throws -> Double {
    var f = field
    var out = [Double](repeating: 0, count: f.dimension)
    let t = try time(repeats: o.repeats) { try f.evaluate(0.5, y, into: &out) }
    let ratio = baseline.map { String(format: "%10.2f×", t.median / $0) } ?? "         1×"
    print(label.padding(toLength: 30, withPad: " ", startingAt: 0) + " \(format(t.median)) \(format(t.min)) \(format(t.max)) \(ratio)")
    return t.median
  }

  let base = try measure("factored, zero", FlowField(problem: problem), baseline: nil)
  _ = try measure("dense (X − UVᵀ)V, zero", FlowField(problem: problem, evaluation: .dense), baseline: base)
  for spec in ["scaling:0.5", "alignedKill:0.1", "greedy:0.1", "greedyRel:0.1"] {
    let p = try PerturbationSpec(parsing: spec).make(for: problem, seed: 1)
    _ = try measure("factored, \(spec)", FlowField(problem: problem, perturbation: p), baseline: base)
  }
  let flops = Double((o.n1 + o.n2) * o.k * (o.r + o.k)) * 2
  print(String(format: "factored work ≈ %.3g flop per evaluation, dense ≈ %.3g (ratio %.0f)", flops, Double(o.n1 * o.n2 * o.k) * 6, Double(o.n1 * o.n2 * o.k) * 6 / flops))
}

/// Median seconds of one factored, unperturbed right-hand-side evaluation.
func rhsSeconds(_ problem: Problem, y: [Double], evaluation: FlowField.Evaluation, repeats: Int) throws -> Double {
  var f = FlowField(problem: problem, evaluation: evaluation)
  var out = [Double](repeating: 0, count: f.dimension)
  return try time(repeats: repeats) { try f.evaluate(0.5, y, into: &out) }.median
}

/// Median seconds of the two tall-skinny kernels on `Φ` (`n × r`), `U` (`n × k`).
func productSeconds(phi: Matrix, u: Matrix, repeats: Int) -> (transposed: Double, product: Double) {
  let n = u.rows, k = u.columns, r = phi.columns
  var s = [Double](repeating: 0, count: (r + k) * k)
  var c = [Double](repeating: 0, count: (r + k) * k)
  for i in c.indices { c[i] = Double(i % 7) - 3 }
  var d = [Double](repeating: 0, count: n * k)
  let t1 = time(repeats: repeats) {
    phi.elements.withUnsafeBufferPointer { pb in
      u.elements.withUnsafeBufferPointer { ub in
        s.withUnsafeMutableBufferPointer { sb in
          TallSkinny.transposeProduct(rows: n, a1: pb.baseAddress!, m1: r, a2: ub.baseAddress!, m2: k,
                                      y: ub.baseAddress!, k: k, into: sb.baseAddress!)
        }
      }
    }
  }
  let t2 = time(repeats: repeats) {
    phi.elements.withUnsafeBufferPointer { pb in
      u.elements.withUnsafeBufferPointer { ub in
        c.withUnsafeBufferPointer { cb in
          d.withUnsafeMutableBufferPointer { db in
            TallSkinny.product(rows: n, a1: pb.baseAddress!, c1: cb.baseAddress!, m1: r, a2: ub.baseAddress!,
                               c2: cb.baseAddress! + r * k, m2: k, k: k, into: db.baseAddress!)
          }
        }
      }
    }
  }
  return (t1.median, t2.median)
}

/// The arithmetic peak of this build in GFLOP/s: seven independent `acc = acc·c + d`
/// chains on `SIMD4<Double>` (14 of the 16 SSE registers; no fused multiply–add on the
/// x86-64 baseline). Timed in 400 short bursts of 50 000 iterations (about 1 ms each),
/// and the 90th-percentile rate is reported, so bursts that lost the core to another
/// process on a shared machine do not drag it down.
func peakGflops() -> Double {
  let iterations = 50_000
  var rates: [Double] = []
  let seed = Double(CommandLine.arguments.count)
  let c = SIMD4<Double>(repeating: 0.999_999 + seed * 1e-12), d = SIMD4<Double>(repeating: 1e-6)
  var a0 = SIMD4<Double>(1, 2, 3, 4), a1 = a0 + 1, a2 = a0 + 2, a3 = a0 + 3
  var a4 = a0 + 4, a5 = a0 + 5, a6 = a0 + 6
  let clock = ContinuousClock()
  for _ in 0..<400 {
    let start = clock.now
    for _ in 0..<iterations {
      a0 = a0 * c + d; a1 = a1 * c + d; a2 = a2 * c + d; a3 = a3 * c + d
      a4 = a4 * c + d; a5 = a5 * c + d; a6 = a6 * c + d
    }
    let e = clock.now - start
    let seconds = Double(e.components.seconds) + Double(e.components.attoseconds) * 1e-18
    rates.append(Double(iterations) * 7 * 4 * 2 / seconds / 1e9)
  }
  let total = (a0 + a1 + a2 + a3 + a4 + a5 + a6).sum()
  if total == 42 { print("") }  // keeps the chains live
  rates.sort()
  return rates[rates.count * 9 / 10]
}

func jsonReport(_ o: Options, problem: Problem, y: [Double]) throws -> String {
  let n1 = o.n1, n2 = o.n2, k = o.k, r = o.r
  let flop = 4 * (n1 + n2) * k * (r + k)
  let factored = try rhsSeconds(problem, y: y, evaluation: .factored, repeats: o.repeats)
  let dense = n1 * n2 <= 1_000_000 ? try rhsSeconds(problem, y: y, evaluation: .dense, repeats: min(o.repeats, 7)) : nil
  let (tp, pr) = productSeconds(phi: problem.target.phi, u: problem.u0, repeats: o.repeats)
  let productFlop = Double(2 * n1 * (r + k) * k)
  var fields = [
    "\"n1\": \(n1)", "\"n2\": \(n2)", "\"k\": \(k)", "\"r\": \(r)", "\"threads\": 1",
    "\"rhsSeconds\": \(factored)", "\"rhsFlop\": \(flop)",
    "\"transposeProductSeconds\": \(tp)", "\"transposeProductGflops\": \(productFlop / tp / 1e9)",
    "\"productSeconds\": \(pr)", "\"productGflops\": \(productFlop / pr / 1e9)",
  ]
  if o.tEnd > 0 {
    var options = IntegratorOptions.flow(denseOutput: false, steps: false)
    options.maxSteps = 1_000_000
    let clock = ContinuousClock()
    let start = clock.now
    let solution = try problem.integrateFlow(tEnd: Double(o.tEnd), options: options)
    let e = clock.now - start
    let seconds = Double(e.components.seconds) + Double(e.components.attoseconds) * 1e-18
    fields.append("\"integrationSeconds\": \(seconds)")
    fields.append("\"integrationEvaluations\": \(solution.statistics.evaluations)")
    let final = try rhsSeconds(problem, y: solution.finalState, evaluation: .factored, repeats: o.repeats)
    fields.append("\"rhsSecondsAtFinalState\": \(final)")
  }
  if o.peak { fields.append("\"peakGflops\": \(peakGflops())") }
  if let dense { fields.append("\"denseRhsSeconds\": \(dense)") }
  return "{" + fields.joined(separator: ", ") + "}"
}

do {
  try run()
} catch {
  FileHandle.standardError.write(Data("pgf-bench: error: \(error)\n".utf8))
  exit(1)
}
