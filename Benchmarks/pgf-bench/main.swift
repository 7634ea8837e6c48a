import Flow
import Foundation

/// pgf-bench: times one evaluation of the flow's right-hand side, factored
/// `RV = ΦΣ(ΨᵀV) − U(VᵀV)` against the dense `(X − UVᵀ)V`, and per
/// perturbation family on the factored path.
///
///     swift run -c release pgf-bench [--n1 2000] [--n2 2000] [--k 10] [--r 5] [--repeats 15]
///
/// Method: a release build; for each case 3 warm-up evaluations, then the
/// median (and min/max) of `--repeats` timed evaluations on a monotonic clock.
/// Results are machine-dependent: compare the ratios, not the absolute times.
struct Options {
  var n1 = 2000, n2 = 2000, k = 10, r = 5, repeats = 15

  init(_ args: [String]) throws {
    var i = 0
    while i < args.count {
      guard i + 1 < args.count, let value = Int(args[i + 1]), value >= 1 else {
        throw BenchError("usage: pgf-bench [--n1 N] [--n2 N] [--k K] [--r R] [--repeats N] (positive integers)")
      }
      switch args[i] {
      case "--n1": n1 = value
      case "--n2": n2 = value
      case "--k": k = value
      case "--r": r = value
      case "--repeats": repeats = value
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

func run() throws {
  let o = try Options(Array(CommandLine.arguments.dropFirst()))
  var rng = SeededGenerator(seed: 2024, stream: "bench")
  let sigma = try Spectrum.geometric(sigma1: 1, kappa: 10, rank: o.r).values()
  let target = try Target(
    phi: rng.gaussianMatrix(rows: o.n1, columns: o.r).orthonormalColumns(), sigma: sigma,
    psi: rng.gaussianMatrix(rows: o.n2, columns: o.r).orthonormalColumns())
  let problem = try Problem(
    target: target, u0: rng.gaussianMatrix(rows: o.n1, columns: o.k, scale: 0.1),
    v0: rng.gaussianMatrix(rows: o.n2, columns: o.k, scale: 0.1))
  let y = problem.initialState
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

do {
  try run()
} catch {
  FileHandle.standardError.write(Data("pgf-bench: error: \(error)\n".utf8))
  exit(1)
}
