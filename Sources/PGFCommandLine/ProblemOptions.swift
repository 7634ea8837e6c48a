import Bounds
import Foundation
/// The problem, perturbation and tolerance flags shared by `simulate` and `check`.
enum ProblemOptions {
  static let valued: Set<String> = [
    "n1", "n2", "k", "r", "sigma", "sigma1", "kappa", "alpha", "seed", "perturbation", "perturbation-seed",
    "t-end", "rtol", "atol", "problem",
  ]

  static let help = """
    problem (ignored with --problem):
      --n1 N --n2 N          shape of X (default 50, 40)
      --k K                  width of U, V (default 8; k ≥ 1)
      --r R                  rank of X (default 4; r ≤ min(n1, n2))
      --sigma "1,0.5"        singular values of X (sets r), or
      --sigma1 S --kappa K   geometric spectrum from σ1 down to σ1/κ (default 1, 2)
      --alpha A              init scale: U(0), V(0) entries iid N(0, α²) (default 1e-3)
      --seed S               seed of X's bases and of U(0), V(0) (default 1)
      --problem FILE         load a problem from JSON: X, U0, V0 (any X; rank and SVD
                             computed on load) or Phi, sigma, Psi, U0, V0 (factored)
    flow:
      --perturbation NAME:SIZE   zero, fixed:ε, rotating:ε, scaling:δ, alignedKill:ε,
                                 greedy:ε, greedyRel:δ, sensing:M, sensingRankOne:M
                                 (default zero; pgf lemmas lists every family)
      --perturbation-seed S  seed of random perturbations (default: --seed)
      --t-end T              final time (default 40)
      --rtol R --atol A      tolerances (default 1e-8, 1e-12)
    """

  /// The problem from `--problem` or the shape flags.
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

  /// `--perturbation` (default `zero`), drawn from `--perturbation-seed` (default `--seed`).
  static func perturbation(from args: Arguments, problem: Problem, families: PerturbationFamilies) throws -> (PerturbationSpec, any Perturbation) {
    let spec = try PerturbationSpec(parsing: args.string("perturbation") ?? "zero", families: families)
    let seed = try args.uint64("perturbation-seed") ?? (try args.uint64("seed") ?? ProblemSpec().seed)
    return (spec, try spec.make(for: problem, seed: seed))
  }

  /// `--threads N` (N ≥ 1; default ``ThreadCount/automatic``: `PGF_THREADS`, else the active processor count).
  static func threads(_ args: Arguments) throws -> Int {
    guard let n = try args.int("threads") else { return ThreadCount.automatic }
    guard n >= 1 else { throw UsageError("--threads must be ≥ 1, got \(n)") }
    return n
  }

  /// `--t-end` (default 40).
  static func tEnd(_ args: Arguments) throws -> Double { try args.double("t-end") ?? 40 }
  /// `--rtol` (default 1e-8).
  static func relativeTolerance(_ args: Arguments) throws -> Double { try args.double("rtol") ?? 1e-8 }
  /// `--atol` (default 1e-12).
  static func absoluteTolerance(_ args: Arguments) throws -> Double { try args.double("atol") ?? 1e-12 }
}
