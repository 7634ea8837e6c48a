import Bounds
import Foundation

/// `pgf simulate`: integrate the PGF on a generated or loaded problem.
enum SimulateCommand {
  static let valued: Set<String> = ProblemOptions.valued.union(["max-steps", "save-problem", "save-state"])
  static let switches: Set<String> = ["json"]

  static let help = """
    usage: pgf simulate [options]

    Integrates U' = (X − UVᵀ + E)V, V' = (X − UVᵀ + E)ᵀU with Dormand–Prince 5(4)
    from a small random initialization and prints a summary.

    \(ProblemOptions.help)
      --max-steps N          step budget (default 100000)
    output:
      --json                 one JSON object on stdout (includes setupSeconds: problem
                             generation or loading; integrationSeconds: the integration alone)
      --save-problem FILE    write the problem as JSON: {"X","U0","V0",…} when X was given,
                             else the factors {"Phi","sigma","Psi","U0","V0",…}
      --save-state FILE      write the final {"t","U","V"} as JSON
    Output files are written only after a successful run, atomically.
    """

  static func run(_ tokens: [String], families: PerturbationFamilies) throws -> String {
    let args = try Arguments(tokens, valued: valued, switches: switches)
    guard args.positional.isEmpty else { throw UsageError("unexpected argument '\(args.positional[0])'") }
    let clock = ContinuousClock()
    let setupStart = clock.now
    let problem = try ProblemOptions.problem(from: args)
    let (_, perturbation) = try ProblemOptions.perturbation(from: args, problem: problem, families: families)
    let setup = setupStart.duration(to: clock.now).components
    let setupSeconds = Double(setup.seconds) + Double(setup.attoseconds) * 1e-18
    var options = Simulation.defaultOptions
    options.relativeTolerance = try ProblemOptions.relativeTolerance(args)
    options.absoluteTolerance = try ProblemOptions.absoluteTolerance(args)
    if let v = try args.int("max-steps") {
      guard v >= 1 else { throw UsageError("--max-steps must be ≥ 1, got \(v)") }
      options.maxSteps = v
    }
    options.recordSteps = false
    let simulation = try Simulation(problem: problem, perturbation: perturbation, tEnd: try ProblemOptions.tEnd(args), options: options)
    let result = try simulation.run()
    let output = args.has("json") ? try json(simulation, result, setupSeconds: setupSeconds) : summary(simulation, result)

    // Everything succeeded: now write the requested files (atomically).
    let problemText = try args.string("save-problem").map { _ in try ProblemFile.encode(problem) }
    let stateText = try args.string("save-state").map { _ in
      try ProblemFile.encodeState(t: result.final.t, u: result.final.u, v: result.final.v)
    }
    if let path = args.string("save-problem"), let text = problemText { try AtomicFile.write(text, to: path) }
    if let path = args.string("save-state"), let text = stateText { try AtomicFile.write(text, to: path) }
    return output
  }

  /// The `--json` object; `setupSeconds` is the wall time of problem generation or loading plus
  /// building the perturbation, `integrationSeconds` that of the integration alone.
  static func json(_ simulation: Simulation, _ result: SimulationResult, setupSeconds: Double) throws -> String {
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
      ("setupSeconds", .number(setupSeconds)),
      ("integrationSeconds", .number(result.integrationSeconds)),
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
