import Flow
import Foundation

/// `pgf simulate`: integrate the PGF on a generated or loaded problem.
enum SimulateCommand {
  static let valued: Set<String> = [
    "n1", "n2", "k", "r", "sigma", "sigma1", "kappa", "alpha", "seed", "perturbation", "perturbation-seed",
    "t-end", "rtol", "atol", "max-steps", "problem", "save-problem", "save-state",
  ]
  static let switches: Set<String> = ["json"]

  static let help = """
    usage: pgf simulate [options]

    Integrates U' = (X − UVᵀ + E)V, V' = (X − UVᵀ + E)ᵀU with Dormand–Prince 5(4)
    from a small random initialization and prints a summary.

    problem (ignored with --problem):
      --n1 N --n2 N          shape of X (default 50, 40)
      --k K                  width of U, V (default 8; k ≥ 1)
      --r R                  rank of X (default 4; r ≤ min(n1, n2))
      --sigma "1,0.5"        singular values of X (sets r), or
      --sigma1 S --kappa K   geometric spectrum from σ1 down to σ1/κ (default 1, 2)
      --alpha A              init scale: U(0), V(0) entries iid N(0, α²) (default 1e-3)
      --seed S               seed of X's bases and of U(0), V(0) (default 1)
      --problem FILE         load X, U0, V0 from JSON (any X; rank and SVD computed on load)
    flow:
      --perturbation NAME:SIZE   zero, fixed:ε, rotating:ε, scaling:δ, alignedKill:ε,
                                 greedy:ε, greedyRel:δ (default zero)
      --perturbation-seed S  seed of random perturbations (default: --seed)
      --t-end T              final time (default 40)
      --rtol R --atol A      tolerances (default 1e-8, 1e-12)
      --max-steps N          step budget (default 100000)
    output:
      --json                 one JSON object on stdout
      --save-problem FILE    write {"X","U0","V0",…} as JSON
      --save-state FILE      write the final {"t","U","V"} as JSON
    Output files are written only after a successful run, atomically.
    """

  /// Builds the problem from `--problem` or the shape flags.
  static func problem(from args: Arguments) throws -> Problem {
    if let path = args.string("problem") {
      return try ProblemFile.load(path: path)
    }
    var spec = ProblemSpec()
    if let v = try args.int("n1") { spec.n1 = v }
    if let v = try args.int("n2") { spec.n2 = v }
    if let v = try args.int("k") { spec.k = v }
    if let v = try args.double("alpha") { spec.alpha = v }
    if let v = try args.uint64("seed") { spec.seed = v }
    let r = try args.int("r")
    if let sigma = try args.doubles("sigma") {
      guard !args.has("sigma1"), !args.has("kappa") else {
        throw UsageError("give either --sigma or --sigma1/--kappa, not both")
      }
      if let r, r != sigma.count {
        throw UsageError("--r \(r) disagrees with the \(sigma.count) values of --sigma; drop --r or list \(r) values")
      }
      spec.spectrum = .values(sigma)
    } else {
      spec.spectrum = .geometric(sigma1: try args.double("sigma1") ?? 1, kappa: try args.double("kappa") ?? 2, rank: r ?? 4)
    }
    return try Problem.generate(spec)
  }

  static func run(_ tokens: [String]) throws -> String {
    let args = try Arguments(tokens, valued: valued, switches: switches)
    guard args.positional.isEmpty else { throw UsageError("unexpected argument '\(args.positional[0])'") }
    let problem = try problem(from: args)
    let spec = try PerturbationSpec(parsing: args.string("perturbation") ?? "zero")
    let seed = try args.uint64("perturbation-seed") ?? (try args.uint64("seed") ?? ProblemSpec().seed)
    let perturbation = try spec.make(for: problem, seed: seed)
    var options = Simulation.defaultOptions
    if let v = try args.double("rtol") { options.relativeTolerance = v }
    if let v = try args.double("atol") { options.absoluteTolerance = v }
    if let v = try args.int("max-steps") {
      guard v >= 1 else { throw UsageError("--max-steps must be ≥ 1, got \(v)") }
      options.maxSteps = v
    }
    options.recordSteps = false
    let simulation = try Simulation(problem: problem, perturbation: perturbation, tEnd: try args.double("t-end") ?? 40, options: options)
    let result = try simulation.run()

    // Everything succeeded: now write the requested files (atomically).
    let problemText = try args.string("save-problem").map { _ in try ProblemFile.encode(problem) }
    let stateText = try args.string("save-state").map { _ in
      try ProblemFile.encodeState(t: result.final.t, u: result.final.u, v: result.final.v)
    }
    if let path = args.string("save-problem"), let text = problemText { try AtomicFile.write(text, to: path) }
    if let path = args.string("save-state"), let text = stateText { try AtomicFile.write(text, to: path) }

    return args.has("json") ? try json(simulation, result) : summary(simulation, result)
  }

  static func json(_ simulation: Simulation, _ result: SimulationResult) throws -> String {
    let p = simulation.problem
    let stats = result.solution.statistics
    return try JSONValue.object([
      ("command", .string("simulate")),
      ("n1", .integer(p.n1)), ("n2", .integer(p.n2)), ("k", .integer(p.k)), ("r", .integer(p.r)),
      ("sigma", .array(p.target.sigma.map(JSONValue.number))),
      ("perturbation", .string(simulation.perturbation.name)),
      ("tEnd", .number(result.final.t)),
      ("rtol", .number(simulation.options.relativeTolerance)),
      ("atol", .number(simulation.options.absoluteTolerance)),
      ("steps", .integer(stats.acceptedSteps)),
      ("rejected", .integer(stats.rejectedSteps)),
      ("nfev", .integer(stats.evaluations)),
      ("residualFro", .number(result.residualFrobenius)),
      ("residualSpec", .number(result.residualSpectral)),
      ("relativeResidual", .number(result.relativeResidual)),
      ("loss", .number(result.final.loss)),
      ("imbalanceDrift", .number(result.imbalanceDrift)),
      ("initialImbalance", .number(result.initialImbalance)),
    ]).serialized()
  }

  static func summary(_ simulation: Simulation, _ result: SimulationResult) -> String {
    let p = simulation.problem
    let t = p.target
    let stats = result.solution.statistics
    let sigmas = t.sigma.map { fmt($0) }.joined(separator: ", ")
    var lines: [String] = []
    lines.append("problem      X is \(p.n1)×\(p.n2) of rank r = \(p.r), σ = [\(sigmas)], κ = \(fmt(t.kappa)), κ_F = \(fmt(t.kappaF))")
    lines.append("             k = \(p.k)\(p.k < p.r ? " (k < r: under-parameterized)" : ""), ‖U(0)‖_F = \(fmt(p.u0.frobeniusNorm)), ‖V(0)‖_F = \(fmt(p.v0.frobeniusNorm))"
      + (p.metadata["seed"].map { ", seed \($0)" } ?? "") + (p.metadata["alpha"].map { ", α = \($0)" } ?? ""))
    lines.append("perturbation \(simulation.perturbation.name)")
    lines.append("integrator   Dormand–Prince 5(4), rtol \(fmt(simulation.options.relativeTolerance)), atol \(fmt(simulation.options.absoluteTolerance)), t ∈ [0, \(fmt(result.final.t))]")
    lines.append("             \(stats.acceptedSteps) steps accepted, \(stats.rejectedSteps) rejected, \(stats.evaluations) evaluations")
    lines.append("result       ‖R(T)‖_F = \(fmt(result.residualFrobenius))  (‖R(T)‖_F/‖X‖_F = \(fmt(result.relativeResidual)))")
    lines.append("             ‖R(T)‖   = \(fmt(result.residualSpectral)),  L(T) = \(fmt(result.final.loss))")
    lines.append("             ‖D(T) − D(0)‖_F = \(fmt(result.imbalanceDrift))  (imbalance drift; exactly 0 for the flow, L1), ‖D(0)‖_F = \(fmt(result.initialImbalance))")
    return lines.joined(separator: "\n")
  }
}

/// A number with 4 significant digits.
func fmt(_ x: Double) -> String {
  if x == 0 { return "0" }
  let a = abs(x)
  if a >= 1e-3 && a < 1e5 {
    return String(format: "%.4g", x)
  }
  return String(format: "%.3e", x)
}
