import Flow
import Foundation
import Sensing

/// **C7 Step-count law** (claim (paper, secondary source), theory.md §7: Theorem 2.8 / Appendix B).
///
/// The number of GD steps to reach the error floor scales like
/// `ln(σ_r/a₀²)/(ησ_r)` (Appendix B: `K = (5/(ησ_r)) ln(σ_r/a₀²)`). Measured:
/// `K_reach`, the first step with relative error `‖U_jV_jᵀ − X‖_F/‖X‖_F ≤ τ = 10⁻²`
/// (well above the floor at these `a₀`), against `L = ln(σ_r/a₀²)/(ησ_r)` over an `a₀` ladder.
/// Law: `K_reach ≤ C_K L^p` (`p = 1`) with one constant `C_K` calibrated on the first case
/// (``margin`` × its largest ratio) and validated on the others. Reported beside it:
/// the least-squares slope `dK_reach/dL` and intercept (the law is affine: a
/// growth phase ∝ L plus an O(1/(ησ_r)) local-convergence phase), and the log–log exponent.
public struct C7StepCount: ExperimentStatement {
  /// Margin on the calibrated constant.
  public static let margin = 1.5
  /// The reach tolerance τ.
  public static let tolerance = 1e-2
  /// The exponent `p` of the law `K_reach ≤ C_K L^p` (1; `0`, "independent of a₀", is a planted variant).
  public let claimedExponent: Double

  /// C7 (exponent 1).
  public init(claimedExponent: Double = 1) { self.claimedExponent = claimedExponent }

  /// The cases and α ladders at a budget (first: calibration); small k and wide k.
  public static func cases(_ budget: SweepPlan.ExperimentBudget) -> [(SensingCase, [Double])] {
    budget.pick(
      quick: [(SensingCase(n1: 8, n2: 6, k: 2, r: 1, m: 100), [1e-2, 1e-4]), (SensingCase(n1: 8, n2: 6, k: 8, r: 1, seed: 2, m: 100), [1e-2, 1e-4])],
      full: [
        (SensingCase(n1: 20, n2: 15, k: 3, r: 2, m: 700), [1e-2, 1e-3, 1e-4, 1e-5, 1e-6]),
        (SensingCase(n1: 20, n2: 15, k: 3, r: 2, kappa: 2, seed: 2, m: 700), [1e-2, 1e-3, 1e-4, 1e-5, 1e-6]),
        (SensingCase(n1: 16, n2: 12, k: 4, r: 2, seed: 3, m: 560, kind: .rankOne), [1e-2, 1e-3, 1e-4, 1e-5, 1e-6]),
        (SensingCase(n1: 12, n2: 10, k: 12, r: 2, seed: 4, m: 440), [1e-3, 1e-4, 1e-5, 1e-6]),
      ])
  }

  /// The first step with relative error ≤ ``tolerance`` within `maxSteps` (nil if never), with `a₀`.
  public static func stepsToReach(_ problem: SensingProblem, eta: Double, maxSteps: Int) throws -> (steps: Int?, a0: Double) {
    var options = GradientDescentOptions(eta: eta, steps: maxSteps)
    options.recordStride = 1
    let r = try GradientDescent(problem: problem, options: options).run()
    let norm = problem.problem.target.frobeniusNorm
    let hit = r.samples.first { $0.state.residualNorms.frobenius / norm <= tolerance }
    return (hit?.step, try r.samples[0].state.zSpectralNorm())
  }

  /// Least-squares line `y = slope·x + intercept` (finite pairs).
  static func linearFit(x: [Double], y: [Double]) -> (slope: Double, intercept: Double) {
    let p = zip(x, y).filter { $0.isFinite && $1.isFinite }
    guard p.count >= 2 else { return (.nan, .nan) }
    let mx = p.map(\.0).reduce(0, +) / Double(p.count), my = p.map(\.1).reduce(0, +) / Double(p.count)
    let sxy = p.reduce(0.0) { $0 + ($1.0 - mx) * ($1.1 - my) }, sxx = p.reduce(0.0) { $0 + ($1.0 - mx) * ($1.0 - mx) }
    return (sxy / sxx, my - sxy / sxx * mx)
  }

  public var id: String { claimedExponent == 1 ? "C7" : "C7-exp\(ReportFormat.compact(claimedExponent))" }
  public var title: String { "Step count ∝ ln(σ_r/a₀²)/(ησ_r) (Theorem 2.8) — claim (paper, secondary source)" }
  public var status: Status { .claim }
  public var statement: String {
    "Theorem 2.8 / Appendix B (v2, via a secondary source): K = (C/(ησ_r)) ln(σ_r/a₀²) steps reach the error floor. Law checked: "
      + "K_reach (first step with relative error ≤ 10⁻²) ≤ C_K L^p, L = ln(σ_r/a₀²)/(ησ_r), with one calibrated C_K "
      + "(p = \(ReportFormat.compact(claimedExponent))); the slope dK_reach/dL, intercept and log–log exponent are measured and shown."
  }
  public var proof: String { "Claim (paper, secondary source): theory.md §7; proof not available here." }
  public var notes: String? {
    "Status: claim (paper, secondary source). η = 0.25/σ₁; runs are capped at 3 × Appendix B's K. C_K = \(Self.margin) × the largest "
      + "K_reach/L on the calibration case (first row), one value, checked on the others. Appendix B's constant is 5; the measured C_K is shown beside it."
  }

  public func experimentUnits(budget: SweepPlan.ExperimentBudget) -> [ExtraUnit] {
    Self.cases(budget).enumerated().map { i, c in
      ExtraUnit(key: "\(id):\(i)") {
        let (sc, alphas) = c
        var ls: [Double] = [], ks: [Double] = []
        for alpha in alphas {
          var spec = sc.spec
          spec.problem.alpha = alpha
          let problem = try SensingProblem.generate(spec)
          let eta = GradientDescentOptions.defaultEta(for: problem.problem)
          let cap = 3 * (try GradientDescentOptions.theoremSteps(for: problem.problem, eta: eta))
          let r = try Self.stepsToReach(problem, eta: eta, maxSteps: cap)
          let sr = problem.problem.target.sigmaMin
          ls.append(log(sr / (r.a0 * r.a0)) / (eta * sr))
          ks.append(r.steps.map(Double.init) ?? .infinity)
        }
        return .object([("case", .string(sc.label)), ("L", SensingJSON.numbers(ls)), ("steps", SensingJSON.numbers(ks))])
      }
    }
  }

  public func experimentPage(_ results: [String: JSONValue]) throws -> ExperimentPage {
    let n = results.keys.filter { $0.hasPrefix(id + ":") }.count
    var rows: [[String]] = [], failures: [String] = [], lines: [FigureData.Line] = []
    var cK = Double.nan, worst = Double.infinity
    for i in 0..<n {
      let u = try SensingJSON.unit(results, "\(id):\(i)")
      let name = try SensingJSON.string(u, "case")
      let ls = try SensingJSON.numbers(u, "L"), ks = try SensingJSON.numbers(u, "steps")
      let ratios = zip(ks, ls).map { $0 / pow($1, claimedExponent) }
      if i == 0 { cK = Self.margin * (ratios.max() ?? .nan) }
      let slope = logLogSlope(x: ls, y: ks)
      if ks.contains(where: { !$0.isFinite }) { failures.append("\(name): τ not reached within 3 × Appendix B's K") }
      if i > 0, !(ratios.max() ?? .nan <= cK) { failures.append("\(name): K_reach/L = \(SensingFormat.g(ratios.max() ?? .nan)) > C_K") }
      if i > 0 { worst = min(worst, (cK - (ratios.max() ?? .nan)) / cK) }
      let lin = Self.linearFit(x: ls, y: ks)
      rows.append([
        name + (i == 0 ? " (calibration)" : ""), ls.map(SensingFormat.g).joined(separator: ", "), ks.map(SensingFormat.g).joined(separator: ", "),
        SensingFormat.g(lin.slope), SensingFormat.g(lin.intercept), ReportFormat.significant(slope, digits: 4), ratios.map(SensingFormat.g).joined(separator: ", "),
      ])
      lines.append(FigureData.Line("case \(i + 1)", xs: ls, ys: ks))
    }
    let allL = lines.flatMap(\.xs)
    if let lo = allL.min(), let hi = allL.max(), cK.isFinite {
      lines.append(FigureData.Line("C_K · L (calibrated bound)", xs: [lo, hi], ys: [cK * lo, cK * hi], markers: false, dashed: true))
      lines.append(FigureData.Line("5 · L (Appendix B)", xs: [lo, hi], ys: [5 * lo, 5 * hi], markers: false, dashed: true))
    }
    var text = "## Sweep in a₀\n\nL = ln(σ_r/a₀²)/(ησ_r); K_reach = first step with relative error ≤ \(ReportFormat.compact(Self.tolerance)). "
    text += "C_K = \(SensingFormat.g(cK)) (calibrated on the first row, one value; Appendix B: 5).\n\n"
    text += SensingFormat.table(["case", "L", "K_reach", "dK_reach/dL", "intercept", "log–log exponent", "K_reach / L^p"], rows)
    if !failures.isEmpty { text += "\n**Failures:**\n\n" + failures.map { "- \($0)" }.joined(separator: "\n") + "\n" }
    let fig = FigureData(
      file: "\(id)-1.svg", caption: "Steps to reach relative error 1e-2 against ln(σ_r/a₀²)/(ησ_r), with the calibrated and Appendix B lines",
      title: "\(id): steps to reach the floor", xLabel: "ln(σ_r/a₀²)/(ησ_r)", yLabel: "K_reach", lines: lines)
    return ExperimentPage(
      verdict: failures.isEmpty ? "holds" : "VIOLATED (\(failures.count))", cases: "\(n) problems × α ladder",
      worstRelativeSlack: SensingFormat.g(worst), sections: [text], figures: [fig])
  }
}
