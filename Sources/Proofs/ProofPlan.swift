import Flow

/// The instances `pgf report` proves statements on: small problems, each
/// integrated once by the validated integrator, with every ``ProofStatement``
/// decided on the same enclosures (the negative controls included, which must
/// never come out proved).
public struct ProofInstance: Sendable, Equatable {
  /// A short key, e.g. `"3x2-zero"`.
  public var key: String
  /// The problem's coordinates.
  public var problem: ProblemSpec
  /// The perturbation `NAME:SIZE` (constant families only).
  public var perturbation: String
  /// Final time `T`.
  public var tEnd: Double
  /// The threshold of `converge`.
  public var tau: Double

  /// An instance.
  public init(key: String, problem: ProblemSpec, perturbation: String, tEnd: Double, tau: Double) {
    self.key = key
    self.problem = problem
    self.perturbation = perturbation
    self.tEnd = tEnd
    self.tau = tau
  }

  /// `"3×2 k=2 r=1 α=0.01 zero, T = 10, τ = 0.01"`.
  public var label: String {
    "\(problem.n1)×\(problem.n2) k=\(problem.k) r=\(problem.r) α=\(short(problem.alpha)) \(perturbation), T = \(short(tEnd)), τ = \(short(tau))"
  }

  private func short(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e6 ? String(Int(x)) : "\(x)" }

  /// Integrates once and decides every statement; the JSON object maps each
  /// statement id to its ``ProofResult/json``, plus `"widths"`: per step
  /// `[t1, step-end width, whole-step width]` (for the width figure).
  public func run() throws -> JSONValue {
    let p = try problem.problem()
    let e = try PerturbationSpec(parsing: perturbation).make(for: p, seed: problem.seed)
    let run = try ProofRun(problem: p, perturbation: e, tEnd: tEnd)
    var fields: [(String, JSONValue)] = []
    for s in ProofStatement.allCases {
      fields.append((s.rawValue, try run.decide(s, tau: tau).json))
    }
    let widths: [JSONValue] = run.steps.map { s in
      .array([.number(s.t1), .number(s.endpointWidth), .number(s.whole.map(\.width).max() ?? .infinity)])
    }
    fields.append(("widths", .array(widths)))
    return .object(fields)
  }

  /// The report's instances: 3×2, k = 2, r = 1 (κ = 1, α = 0.01, seed 1) with
  /// `E = 0` (T = 10, τ = 1e-2) and with `fixed:0.05` (T = 10, τ = 0.1); each takes
  /// well under a second in a release build.
  public static let report: [ProofInstance] = [
    ProofInstance(key: "3x2-zero", problem: ProblemSpec(n1: 3, n2: 2, k: 2, r: 1, kappa: 1, alpha: 0.01, seed: 1), perturbation: "zero", tEnd: 10, tau: 1e-2),
    ProofInstance(key: "3x2-fixed", problem: ProblemSpec(n1: 3, n2: 2, k: 2, r: 1, kappa: 1, alpha: 0.01, seed: 1), perturbation: "fixed:0.05", tEnd: 10, tau: 0.1),
  ]
}
