import Bounds
import Foundation

/// `pgf sense`: factorized gradient descent / mini-batch SGD for matrix
/// sensing (theory.md §8) on a generated or loaded problem.
enum SenseCommand {
  static let valued: Set<String> = [
    "n1", "n2", "k", "r", "sigma", "sigma1", "kappa", "alpha", "seed", "problem",
    "m", "operator", "noise", "operator-seed", "eta", "steps", "t-end", "batch", "batch-seed", "delta-stride", "delta-nuc",
    "save-problem", "save-state",
  ]
  static let switches: Set<String> = ["json", "fresh-batches", "compare-flow"]

  static let help = """
    usage: pgf sense [options]

    Gradient descent on f(U, V) = ½‖𝒜(UVᵀ) − y‖², 𝒜(M)_i = ⟨A_i, M⟩/√m, y = 𝒜(X) + ξ:
    Ĝ = 𝒜*(y − 𝒜(UVᵀ)), U ← U + ηĜV, V ← V + ηĜᵀU (both from the same iterate).

    problem (shape flags ignored with --problem):
      --n1 N --n2 N --k K --r R --sigma "1,0.5" | --sigma1 S --kappa K --alpha A --seed S
                             as for pgf simulate (defaults 50×40, k 8, r 4, σ1 1, κ 2, α 1e-3, seed 1)
      --problem FILE         JSON with "X", "U0", "V0" and optionally "A" (m nested n1×n2 arrays,
                             the raw A_i) and "y" (m numbers); with "A" and "y" exactly these
                             measurements are used; without "A" the operator is generated
    measurements (generated operators):
      --m M                  number of measurements (default 5·r·(n1 + n2))
      --operator KIND        gaussian (dense iid N(0,1) A_i, default) or rankOne (A_i = a_i b_iᵀ)
      --noise S              noise level σ_ξ ≥ 0, ξ_i iid N(0, σ_ξ²) (default 0)
      --operator-seed S      seed of the operator and noise (default --seed)
    descent:
      --eta H                step size η > 0 (default 0.25/σ1)
      --steps K | --t-end T  number of steps, or K = ⌈T/η⌉ (default: Theorem 2.8's
                             K = ⌈T/η⌉ with T = (5/σ_r) ln(σ_r/a0²), a0 = ‖[U0; V0]‖)
      --batch B              mini-batch size: B of the m rows each step, drawn without
                             replacement, gradient rescaled by m/B (unbiased) (default: full batch)
      --fresh-batches        instead draw B fresh Gaussian measurements every step (Theorem 2.9)
      --batch-seed S         seed of the batch draws (default --seed)
      --delta-stride S       evaluate δ_eff = ‖(𝒜*𝒜 − I)(R)‖/‖R‖_F every S steps (0: never;
                             default 1 when n1·n2 ≤ 2500, ⌈K/10⌉ when n1·n2 ≤ 40000, else 0);
                             each costs a dense n1×n2 adjoint and SVD
      --delta-nuc N          also estimate δ_nuc (nuclear-norm descent-cone statistical
                             dimension, §8) from N Monte Carlo samples (JSON: deltaNuc, …)
      --compare-flow         also integrate the sensing flow (RK45, rtol 1e-10) from the same
                             start and report flowGap = max_j ‖U_jV_jᵀ − W(jη)‖_F
    output:
      --json                 one JSON object on stdout (steps, relativeError, spectralError,
                             maxEffectiveDelta (null when not evaluated), imbalanceDefect, …)
      --save-problem FILE    write the problem with its "A" (rank-one as dense a_ib_iᵀ) and "y"
      --save-state FILE      write the final {"t","U","V"}
    Output files are written only after a successful run, atomically.
    """

  static func run(_ tokens: [String]) throws -> String {
    let args = try Arguments(tokens, valued: valued, switches: switches)
    guard args.positional.isEmpty else { throw UsageError("unexpected argument '\(args.positional[0])'") }
    let problem = try sensingProblem(args)
    let p = problem.problem
    let eta = try args.double("eta") ?? GradientDescentOptions.defaultEta(for: p)
    guard eta > 0 else { throw SensingError.invalidValue("--eta must be > 0 (got \(eta)); e.g. --eta \(GradientDescentOptions.defaultEta(for: p))") }
    let steps: Int
    switch (try args.int("steps"), try args.double("t-end")) {
    case (.some, .some): throw UsageError("give either --steps or --t-end, not both")
    case (.some(let k), nil):
      guard k >= 1 else { throw SensingError.invalidValue("--steps must be ≥ 1 (got \(k))") }
      steps = k
    case (nil, .some(let t)):
      guard t > 0 else { throw SensingError.invalidValue("--t-end must be > 0 (got \(t)); e.g. --t-end 40") }
      steps = max(1, Int((t / eta).rounded(.up)))
    case (nil, nil): steps = try GradientDescentOptions.theoremSteps(for: p, eta: eta)
    }
    var options = GradientDescentOptions(eta: eta, steps: steps)
    if let b = try args.int("batch") {
      options.sampling = args.has("fresh-batches") ? .fresh(batchSize: b) : .pool(batchSize: b)
    } else if args.has("fresh-batches") {
      throw UsageError("--fresh-batches needs --batch B (the size of each fresh batch)")
    }
    options.seed = try args.uint64("batch-seed") ?? (try args.uint64("seed") ?? ProblemSpec().seed)
    let cells = p.n1 * p.n2
    let defaultStride = cells <= 2500 ? 1 : cells <= 40_000 ? max(1, (steps + 9) / 10) : 0
    let stride = try args.int("delta-stride") ?? defaultStride
    guard stride >= 0 else { throw UsageError("--delta-stride must be ≥ 0 (0 turns δ_eff off), got \(stride)") }
    options.effectiveDeltaStride = stride

    let result: GradientDescentResult
    var gap: FlowGapResult? = nil
    if args.has("compare-flow") {
      gap = try gdFlowGap(problem, options: options)
      result = gap!.descent
    } else {
      result = try GradientDescent(problem: problem, options: options).run()
    }

    var deltaNuc: StatisticalDimensionEstimate? = nil
    if let samples = try args.int("delta-nuc") {
      deltaNuc = try nuclearNormStatisticalDimension(n1: p.n1, n2: p.n2, r: p.r, samples: samples, seed: try args.uint64("seed") ?? 1)
    }
    let a0 = try FlowState(t: 0, target: p.target, u: p.u0, v: p.v0).zSpectralNorm()
    let output = args.has("json") ? try json(problem, result, gap, a0: a0, deltaNuc: deltaNuc) : summary(problem, result, gap, deltaNuc: deltaNuc)
    // Everything succeeded: now write the requested files (atomically).
    let problemText = try args.string("save-problem").map { _ in try SensingProblemFile.encode(problem) }
    let stateText = try args.string("save-state").map { _ in try ProblemFile.encodeState(t: Double(steps) * eta, u: result.u, v: result.v) }
    if let path = args.string("save-problem"), let text = problemText { try AtomicFile.write(text, to: path) }
    if let path = args.string("save-state"), let text = stateText { try AtomicFile.write(text, to: path) }
    return output
  }

  /// The problem from `--problem` or the shape flags, with its operator and measurements.
  static func sensingProblem(_ args: Arguments) throws -> SensingProblem {
    let kindText = args.string("operator") ?? "gaussian"
    guard let kind = OperatorKind(rawValue: kindText) else {
      throw UsageError("--operator must be gaussian or rankOne, got '\(kindText)'")
    }
    let noise = try args.double("noise") ?? 0
    guard noise >= 0 else { throw SensingError.invalidValue("--noise must be ≥ 0 (got \(noise)); it is the standard deviation σ_ξ of each ξ_i") }
    let seed = try args.uint64("operator-seed") ?? (try args.uint64("seed") ?? ProblemSpec().seed)
    let base: Problem
    if let path = args.string("problem") {
      let contents = try SensingProblemFile.decodeContents(try ProblemFile.readFileData(path), source: path)
      if let op = contents.measurementOperator {
        for flag in ["m", "operator", "operator-seed"] where args.has(flag) {
          throw UsageError("--\(flag) does not apply: \(path) gives the measurement matrices \"A\"")
        }
        if contents.measurements != nil, args.has("noise") {
          throw UsageError("--noise does not apply: \(path) gives the measurements \"y\" (noise included)")
        }
        var y = contents.measurements ?? op.apply(contents.problem.target)
        if contents.measurements == nil, noise > 0 {
          var rng = SeededGenerator(seed: seed, stream: "sensing.noise")
          for i in 0..<y.count { y[i] += noise * rng.nextGaussian() }
        }
        return try SensingProblem(problem: contents.problem, measurementOperator: op, measurements: y, noiseLevel: contents.noise ?? noise)
      }
      base = contents.problem
    } else {
      base = try ProblemOptions.problem(from: args)
    }
    let m = try args.int("m") ?? 5 * base.r * (base.n1 + base.n2)
    let spec = SensingSpec(measurements: m, operatorKind: kind, noise: noise, operatorSeed: seed)
    return try SensingProblem.make(problem: base, spec: spec)
  }

  static func json(_ problem: SensingProblem, _ result: GradientDescentResult, _ gap: FlowGapResult?, a0: Double, deltaNuc: StatisticalDimensionEstimate?) throws -> String {
    let p = problem.problem
    var pairs: [(String, JSONValue)] = [
      ("command", .string("sense")),
      ("n1", .integer(p.n1)), ("n2", .integer(p.n2)), ("k", .integer(p.k)), ("r", .integer(p.r)),
      ("sigma", .array(p.target.sigma.map(JSONValue.number))),
      ("m", .integer(problem.measurementCount)), ("dof", .integer(problem.degreesOfFreedom)),
      ("operator", .string(problem.measurementOperator.name)),
      ("noise", .number(problem.noiseLevel)),
      ("sampling", .string(samplingName(result.options.sampling))),
      ("eta", .number(result.options.eta)),
      ("steps", .integer(result.steps)),
      ("tEnd", .number(Double(result.steps) * result.options.eta)),
      ("relativeError", .number(result.relativeError)),
      ("spectralError", .number(result.spectralError)),
      ("maxEffectiveDelta", result.maxEffectiveDelta.map(JSONValue.number) ?? .null),
      ("effectiveDeltaEvaluations", .integer(result.effectiveDeltas.count)),
      ("imbalanceDefect", .number(result.imbalanceDefect)),
      ("imbalanceDefectRelative", .number(result.imbalanceDefectRelative)),
      ("zNorm", .number(try result.final.zSpectralNorm())),
      ("a0", .number(a0)),
    ]
    if let d = deltaNuc {
      pairs += [("deltaNuc", .number(d.value)), ("deltaNucStandardError", .number(d.standardError)), ("deltaNucSamples", .integer(d.samples))]
    }
    if let gap {
      pairs += [
        ("flowGap", .number(gap.maxGap)), ("flowGapStep", .integer(gap.maxGapStep)),
        ("flowFinalGap", .number(gap.finalGap)), ("flowRelativeError", .number(gap.flowRelativeError)),
        ("flowSteps", .integer(gap.flowStatistics.acceptedSteps)),
      ]
    }
    return try JSONValue.object(pairs).serialized()
  }

  static func samplingName(_ s: BatchSampling) -> String {
    switch s {
    case .full: return "full"
    case .pool(let b): return "pool:\(b)"
    case .fresh(let b): return "fresh:\(b)"
    }
  }

  static func summary(_ problem: SensingProblem, _ result: GradientDescentResult, _ gap: FlowGapResult?, deltaNuc: StatisticalDimensionEstimate?) -> String {
    let p = problem.problem
    var lines: [String] = []
    lines.append("problem      X is \(p.n1)×\(p.n2) of rank r = \(p.r), k = \(p.k), σ1 = \(fmt(p.target.sigmaMax)), σ_r = \(fmt(p.target.sigmaMin))")
    lines.append("measurements \(problem.measurementOperator.name), m/dof = \(fmt(Double(problem.measurementCount) / Double(problem.degreesOfFreedom))) (dof = \(problem.degreesOfFreedom)), σ_ξ = \(fmt(problem.noiseLevel))")
    lines.append("descent      \(samplingName(result.options.sampling)), η = \(fmt(result.options.eta)), \(result.steps) steps (T = \(fmt(Double(result.steps) * result.options.eta)))")
    lines.append("result       ‖UVᵀ − X‖_F/‖X‖_F = \(fmt(result.relativeError)),  ‖UVᵀ − X‖ = \(fmt(result.spectralError))")
    lines.append("             max δ_eff = \(result.maxEffectiveDelta.map(fmt) ?? "not evaluated") over \(result.effectiveDeltas.count) steps")
    lines.append("             L1-GD imbalance identity defect \(fmt(result.imbalanceDefect)) (\(fmt(result.imbalanceDefectRelative)) × round-off)")
    if let gap {
      lines.append("flow         max_j ‖U_jV_jᵀ − W(jη)‖_F = \(fmt(gap.maxGap)) at step \(gap.maxGapStep); flow error \(fmt(gap.flowRelativeError))")
    }
    if let d = deltaNuc {
      lines.append("δ_nuc        \(fmt(d.value)) ± \(fmt(d.standardError)) (\(d.samples) samples; m/δ_nuc = \(fmt(Double(problem.measurementCount) / d.value)))")
    }
    return lines.joined(separator: "\n")
  }
}
