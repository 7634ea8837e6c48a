import Bounds
import Foundation
import Proofs

/// `pgf prove`: a validated check — rigorous enclosures of the exact trajectory
/// turn a statement on one small instance into a proof for that instance.
enum ProveCommand {
  static let valued: Set<String> = ProblemOptions.valued.union(["lemma", "tau", "order", "tolerance", "max-step", "max-steps"])
  static let switches: Set<String> = ["json"]

  static let help = """
    usage: pgf prove --lemma ID [problem and flow options] [--tau T] [--order P] [--json]

    Encloses the exact solution of the flow on [0, --t-end] with a validated Taylor
    integrator (interval arithmetic with outward rounding, Picard a-priori enclosures,
    Lohner's QR method) and decides the statement on every step's enclosure:
    proved (holds on every enclosure), refuted (fails on a narrow step-end enclosure:
    a genuine counterexample) or undecided (enclosures too wide). See docs/proofs.md.

      --lemma ID       L1, L3, L4, converge (needs --tau), or a planted wrong variant:
                       L3-half, L4-noforcing, L1-sum (negative controls; never proved)
      --tau T          the threshold of converge: ‖R(T)‖_F ≤ τ
      --order P        Taylor order (default 12)
      --tolerance E    per-step remainder tolerance (default 1e-13)
      --max-step H     largest step (default 0.25); --max-steps N step budget (default 200000)
      --json           one JSON object: outcome ("proved" | "refuted" | "undecided"), statement,
                       steps, maxWidth, widthBudget, worstMargin, criticalTime, reason, …
    \(ProblemOptions.help)
    Perturbations: zero and fixed (constant E) are supported. Small instances only:
    the state dimension (n1 + n2)k up to a few dozen.

    Exit status: 0 proved, 3 refuted, 4 undecided; 1 on errors, 2 on usage errors.
    """

  /// Runs the proof; returns the text and the exit status.
  static func run(_ tokens: [String], catalogue: Catalogue) throws -> (output: String, status: Int32) {
    let args = try Arguments(tokens, valued: valued, switches: switches)
    guard args.positional.isEmpty else { throw UsageError("unexpected argument '\(args.positional[0])'") }
    guard let id = args.string("lemma") else { throw UsageError("--lemma ID is required: L1, L3, L4, converge, L3-half, L4-noforcing, L1-sum") }
    let problem = try ProblemOptions.problem(from: args)
    let (_, perturbation) = try ProblemOptions.perturbation(from: args, problem: problem, families: catalogue.families)
    let tEnd = try ProblemOptions.tEnd(args)
    guard tEnd.isFinite, tEnd > 0 else { throw ProblemError.invalidValue("final time must be finite and > 0 (got \(tEnd)); e.g. --t-end 5") }
    var options = ProofOptions()
    if let p = try args.int("order") {
      guard p >= 1, p <= 40 else { throw UsageError("--order must be between 1 and 40, got \(p)") }
      options.integrator.order = p
    }
    if let e = try args.double("tolerance") {
      guard e > 0 else { throw UsageError("--tolerance must be > 0, got \(e)") }
      options.integrator.tolerance = e
    }
    if let h = try args.double("max-step") {
      guard h > 0 else { throw UsageError("--max-step must be > 0, got \(h)") }
      options.integrator.maxStep = h
    }
    if let n = try args.int("max-steps") {
      guard n >= 1 else { throw UsageError("--max-steps must be ≥ 1, got \(n)") }
      options.integrator.maxSteps = n
    }
    let tau = try args.double("tau")
    if let tau { guard tau > 0 else { throw UsageError("--tau must be > 0, got \(tau)") } }
    let result = try prove(statement: id, problem: problem, perturbation: perturbation, tEnd: tEnd, tau: tau, options: options)
    let status: Int32
    switch result.outcome {
    case .proved: status = 0
    case .refuted: status = 3
    case .undecided: status = 4
    }
    if args.has("json") { return (try result.json.serialized(), status) }
    let lines = [
      "\(result.statement.rawValue) on \(problem.n1)×\(problem.n2) k=\(problem.k) r=\(problem.r) \(result.perturbation), t ∈ [0, \(tEnd)]",
      "outcome      \(result.outcome.rawValue.uppercased())",
      "steps        \(result.steps) validated steps, Taylor order \(result.order), dimension \(result.dimension)",
      "widths       step-end ≤ \(result.maxWidth), whole-step ≤ \(result.maxWholeStepWidth), budget \(result.widthBudget)",
      "margin       \(result.worstMargin)" + (result.criticalTime.map { " (critical t = \($0))" } ?? ""),
      "reason       \(result.reason)",
    ]
    return (lines.joined(separator: "\n"), status)
  }
}
