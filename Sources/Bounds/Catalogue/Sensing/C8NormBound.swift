import Flow
import Foundation
import Sensing

/// **C8 Norm bound along gradient descent** (claim (paper, secondary source), theory.md §7: Theorem 6.1(1)).
///
/// On the whole recovery interval `‖Z_j‖ ≤ (3/2)√‖X‖`, `Z_j = [U_j; V_j]`, for
/// small initialization `a₀ ≤ c₂√σ_r/(min(n1,n2)²/r² + κ)`. Checked like a lemma:
/// at every GD step of every run, slack `(3/2)√‖X‖ − ‖Z_j‖ ≥ 0`, relative slack
/// over `(3/2)√‖X‖`. The hypothesis is evaluated with `c₂ = 1` and reported.
public struct C8NormBound: SingleCaseExperiment {
  /// The bound's factor (3/2 in Theorem 6.1; another value is a planted variant).
  public let factor: Double
  /// `c₂` used to evaluate the small-init hypothesis.
  public static let c2 = 1.0

  /// C8 with factor 3/2.
  public init(factor: Double = 1.5) { self.factor = factor }

  /// The runs at a budget: small k and the wide regime k ≥ max(n1, n2) (Remark 2.6).
  public static func cases(_ budget: SweepPlan.ExperimentBudget) -> [SensingCase] {
    budget.pick(
      quick: [SensingCase(n1: 8, n2: 6, k: 2, r: 1, m: 100), SensingCase(n1: 8, n2: 6, k: 8, r: 1, seed: 2, m: 100)],
      full: [
        SensingCase(n1: 20, n2: 15, k: 3, r: 2, m: 350), SensingCase(n1: 20, n2: 15, k: 3, r: 2, seed: 2, m: 350, kind: .rankOne),
        SensingCase(n1: 16, n2: 12, k: 3, r: 3, kappa: 4, seed: 3, m: 420), SensingCase(n1: 20, n2: 15, k: 3, r: 2, seed: 4, m: 350, noise: 0.01),
        SensingCase(n1: 12, n2: 10, k: 12, r: 2, seed: 5, m: 220), SensingCase(n1: 10, n2: 10, k: 10, r: 2, kappa: 2, seed: 6, m: 200),
      ])
  }

  /// The largest `‖Z_j‖` over every step of a run (Theorem 2.8's K, η = 0.25/σ₁), with `a₀` and the run's final relative error.
  public static func maxNorm(_ problem: SensingProblem) throws -> (maxNorm: Double, a0: Double, relativeError: Double) {
    let eta = GradientDescentOptions.defaultEta(for: problem.problem)
    let k = try GradientDescentOptions.theoremSteps(for: problem.problem, eta: eta)
    var worst = 0.0, a0 = 0.0
    let r = try GradientDescent(problem: problem, options: GradientDescentOptions(eta: eta, steps: k)).run { j, u, v in
      let z = try (u.transposedTimes(u) + v.transposedTimes(v)).spectralNorm().squareRoot()
      if j == 0 { a0 = z }
      worst = max(worst, z)
    }
    return (worst, a0, r.relativeError)
  }

  public var id: String { factor == 1.5 ? "C8" : "C8-factor\(ReportFormat.compact(factor))" }
  public var title: String { "Norm bound ‖Z‖ ≤ (3/2)√‖X‖ along GD (Theorem 6.1) — claim (paper, secondary source)" }
  public var status: Status { .claim }
  public var statement: String {
    "Theorem 6.1(1) (v2, via a secondary source): for a₀ = ‖Z(0)‖ ≤ c₂√σ_r/(min(n1,n2)²/r² + κ), every GD iterate satisfies "
      + "‖Z_j‖ = ‖[U_j; V_j]‖ ≤ \(ReportFormat.compact(factor))√‖X‖ on the recovery interval (checked at every step up to Theorem 2.8's K)."
  }
  public var proof: String { "Claim (paper, secondary source): theory.md §7; proof not available here. Balanced factors of X have ‖Z‖ = √(2‖X‖) ≈ 1.41√‖X‖ < 1.5√‖X‖." }
  public var notes: String? {
    "Status: claim (paper, secondary source). Checked like a lemma (worst slack over every step); the small-init hypothesis is evaluated with "
      + "c₂ = \(ReportFormat.compact(Self.c2)) (not calibrated) and shown per run. Note that the balanced limit has ‖Z‖ = √(2σ₁) ≈ 1.414√‖X‖, "
      + "so the bound leaves a relative slack of about 6 % at convergence."
  }

  public func experimentUnits(budget: SweepPlan.ExperimentBudget) -> [ExtraUnit] {
    Self.cases(budget).enumerated().map { i, c in unit(key: "\(id):\(i)", c) }
  }

  /// One run on `sensingCase` (`pgf check --lemma C8 --n1 … --m M`); the run's length is always Theorem 2.8's K (`steps` is ignored).
  public func experimentUnits(case sensingCase: SensingCase, steps: Int?) -> [ExtraUnit] { [unit(key: "\(id):0", sensingCase)] }

  func unit(key: String, _ c: SensingCase) -> ExtraUnit {
    ExtraUnit(key: key) {
      let problem = try SensingProblem.generate(c.spec)
      let t = problem.problem.target
      let r = try Self.maxNorm(problem)
      let p = c.spec.problem
      let hyp = Self.c2 * t.sigmaMin.squareRoot() / (Double(min(p.n1, p.n2) * min(p.n1, p.n2)) / Double(p.r * p.r) + t.kappa)
      return .object([
        ("case", .string(c.label)), ("maxNorm", .exact(r.maxNorm)), ("bound", .exact(factor * t.sigmaMax.squareRoot())), ("a0", .exact(r.a0)),
        ("a0Max", .exact(hyp)), ("relativeError", .exact(r.relativeError)),
      ])
    }
  }

  public func experimentPage(_ results: [String: JSONValue]) throws -> ExperimentPage {
    let n = results.keys.filter { $0.hasPrefix(id + ":") }.count
    var rows: [[String]] = []
    var failures = 0, worst = Double.infinity, applicable = 0
    var xs: [Double] = [], ys: [Double] = []
    for i in 0..<n {
      let u = try SensingJSON.unit(results, "\(id):\(i)")
      let z = try SensingJSON.number(u, "maxNorm"), b = try SensingJSON.number(u, "bound")
      let a0 = try SensingJSON.number(u, "a0"), a0max = try SensingJSON.number(u, "a0Max")
      let hyp = a0 <= a0max
      let rel = (b - z) / b
      if hyp {
        applicable += 1
        worst = min(worst, rel)
        if !(z <= b) { failures += 1 }
      }
      xs.append(Double(i + 1))
      ys.append(z / b)
      rows.append([try SensingJSON.string(u, "case"), SensingFormat.g(a0), SensingFormat.g(a0max), hyp ? "yes" : "no", SensingFormat.g(z), SensingFormat.g(b), SensingFormat.g(rel), SensingFormat.g(try SensingJSON.number(u, "relativeError"))])
    }
    var text = "## Runs\n\nEvery step of GD (η = 0.25/σ₁, Theorem 2.8's K). A run counts when its hypothesis a₀ ≤ c₂√σ_r/(min(n1,n2)²/r² + κ) holds.\n\n"
    text += SensingFormat.table(["case", "a₀", "a₀ allowed", "hypothesis", "max_j ‖Z_j‖", "\(ReportFormat.compact(factor))√‖X‖", "relative slack", "final relative error"], rows)
    let fig = FigureData(
      file: "\(id)-1.svg", caption: "max_j ‖Z_j‖ over the bound (3/2)√‖X‖ for each run (≤ 1: the bound holds)",
      title: "\(id): max_j ‖Z_j‖ / ((3/2)√‖X‖)", xLabel: "run", yLabel: "ratio", lines: [FigureData.Line("max ‖Z_j‖ / bound", xs: xs, ys: ys)],
      marks: [FigureData.Mark(vertical: false, at: 1, label: "bound"), FigureData.Mark(vertical: false, at: 2.0.squareRoot() / factor, label: "balanced limit √2/(3/2)")])
    return ExperimentPage(
      verdict: applicable == 0 ? "not applicable" : SensingFormat.verdict(failures: failures, of: applicable),
      cases: "\(n) runs (\(applicable) with hypotheses), every step", worstRelativeSlack: SensingFormat.g(worst), sections: [text], figures: [fig])
  }
}
