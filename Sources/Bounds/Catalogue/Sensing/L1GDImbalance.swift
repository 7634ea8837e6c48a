import Flow
import Foundation
import Sensing

/// **L1-GD Imbalance change of gradient descent** (identity, theory.md §8).
///
/// With `D_j = U_jᵀU_j − V_jᵀV_j` and `Ĝ_j = 𝒜*(y − 𝒜(U_jV_jᵀ))`, one step
/// `U_{j+1} = U_j + ηĜ_jV_j`, `V_{j+1} = V_j + ηĜ_jᵀU_j` changes the imbalance by exactly
/// `D_{j+1} − D_j = η²(V_jᵀĜ_jᵀĜ_jV_j − U_jᵀĜ_jĜ_jᵀU_j)`
/// (the cross terms `η(U_jᵀĜ_jV_j + V_jᵀĜ_jᵀU_j)` cancel between the two Gram matrices).
///
/// *Checked* on every step of full-batch GD, fresh-batch and pool SGD, noisy
/// and noise-free, small `k` and wide `k ≥ max(n1, n2)`: the maximal defect
/// `‖D_{j+1} − D_j − η²(…)‖_F` divided by its round-off scale
/// `u(‖U_j‖_F² + ‖V_j‖_F² + ‖U_{j+1}‖_F² + ‖V_{j+1}‖_F² + η²(‖ĜV‖_F² + ‖ĜᵀU‖_F²))`,
/// `u = 2⁻⁵³` (``GradientDescentResult/imbalanceDefectRelative``). The identity
/// holds when that ratio is at most ``roundOffFloor`` (64 units of round-off).
public struct L1GDImbalance: SingleCaseExperiment {
  /// The identity holds when the relative defect is at most this many units of round-off.
  public static let roundOffFloor = 64.0

  /// The cases (problem, sampling, steps) checked at a budget.
  public static func cases(_ budget: SweepPlan.ExperimentBudget) -> [(SensingCase, BatchSampling, Int)] {
    let quick: [(SensingCase, BatchSampling, Int)] = [
      (SensingCase(n1: 10, n2: 8, k: 3, r: 2, m: 120), .full, 60),
      (SensingCase(n1: 10, n2: 8, k: 10, r: 2, m: 120, kind: .rankOne, noise: 0.01), .pool(batchSize: 40), 60),
    ]
    let full: [(SensingCase, BatchSampling, Int)] = [
      (SensingCase(n1: 20, n2: 15, k: 3, r: 2, m: 350), .full, 400),
      (SensingCase(n1: 20, n2: 15, k: 3, r: 2, m: 350, kind: .rankOne), .full, 400),
      (SensingCase(n1: 16, n2: 12, k: 3, r: 3, kappa: 4, seed: 2, m: 420, noise: 0.01), .full, 400),
      (SensingCase(n1: 12, n2: 10, k: 12, r: 2, seed: 3, m: 220), .full, 400),
      (SensingCase(n1: 20, n2: 15, k: 3, r: 2, seed: 4, m: 350), .fresh(batchSize: 120), 400),
      (SensingCase(n1: 20, n2: 15, k: 5, r: 2, seed: 5, m: 350, kind: .rankOne, noise: 0.01), .pool(batchSize: 100), 400),
    ]
    return budget.pick(quick: quick, full: full)
  }

  /// The planted wrong variant (negative control): "the imbalance is conserved
  /// by gradient descent as by the flow" (no `η²` term). Returns
  /// `max_j ‖D_{j+1} − D_j‖_F` over the same round-off scale without the `η²` terms.
  public static func conservationDefectRelative(_ problem: SensingProblem, options: GradientDescentOptions) throws -> Double {
    var prev: (Matrix, Matrix)?
    var worst = 0.0
    let unit = Double.ulpOfOne / 2
    _ = try GradientDescent(problem: problem, options: options).run { _, u, v in
      if let (pu, pv) = prev {
        let d0 = pu.transposedTimes(pu) - pv.transposedTimes(pv)
        let d1 = u.transposedTimes(u) - v.transposedTimes(v)
        let scale = unit * (pu.frobeniusNorm * pu.frobeniusNorm + pv.frobeniusNorm * pv.frobeniusNorm + u.frobeniusNorm * u.frobeniusNorm + v.frobeniusNorm * v.frobeniusNorm)
        worst = max(worst, (d1 - d0).frobeniusNorm / scale)
      }
      prev = (u, v)
    }
    return worst
  }

  /// The identity's verdict on relative defects: holds iff every one is ≤ ``roundOffFloor``.
  /// Slack (relative) `1 − defect/floor` at the worst case.
  public static func verdict(relativeDefects: [Double]) -> (holds: Bool, failures: Int, worstRelativeSlack: Double) {
    let failures = relativeDefects.filter { !($0 <= roundOffFloor) }.count
    let worst = relativeDefects.max() ?? 0
    return (failures == 0, failures, 1 - worst / roundOffFloor)
  }

  /// The identity.
  public init() {}

  public var id: String { "L1-GD" }
  public var title: String { "Imbalance change of gradient descent" }
  public var status: Status { .identity }
  public var statement: String {
    "With D_j = U_jᵀU_j − V_jᵀV_j, Ĝ_j = 𝒜*(y − 𝒜(U_jV_jᵀ)), U_{j+1} = U_j + ηĜ_jV_j, V_{j+1} = V_j + ηĜ_jᵀU_j: "
      + "D_{j+1} − D_j = η²(V_jᵀĜ_jᵀĜ_jV_j − U_jᵀĜ_jĜ_jᵀU_j) exactly, for every operator, batch and noise."
  }
  public var proof: String {
    "Expand U_{j+1}ᵀU_{j+1} = U_jᵀU_j + η(U_jᵀĜ_jV_j + V_jᵀĜ_jᵀU_j) + η²V_jᵀĜ_jᵀĜ_jV_j and V_{j+1}ᵀV_{j+1} = V_jᵀV_j + "
      + "η(V_jᵀĜ_jᵀU_j + U_jᵀĜ_jV_j) + η²U_jᵀĜ_jĜ_jᵀU_j; the first-order terms are equal and cancel in the difference. "
      + "The discrete form of L1 (the flow conserves D exactly; GD changes it at second order in η)."
  }
  public var notes: String? {
    "The round-off floor: the defect is computed from the products the step uses (ĜV, ĜᵀU) in double precision, so its size is "
      + "a few units of u = 2⁻⁵³ times the scale u(‖U_j‖_F² + ‖V_j‖_F² + ‖U_{j+1}‖_F² + ‖V_{j+1}‖_F² + η²(‖ĜV‖_F² + ‖ĜᵀU‖_F²)). "
      + "The identity holds when the maximal ratio over all steps is ≤ \(Int(Self.roundOffFloor)). The negative control "
      + "(\"GD conserves D as the flow does\") is measured on the same runs and must be rejected."
  }

  public func experimentUnits(budget: SweepPlan.ExperimentBudget) -> [ExtraUnit] {
    Self.cases(budget).enumerated().map { i, c in unit(key: "\(id):\(i)", c.0, c.1, c.2) }
  }

  /// One full-batch run of `steps` steps (default 60) on `sensingCase` (`pgf check --lemma L1-GD --n1 … --m M [--steps K]`).
  public func experimentUnits(case sensingCase: SensingCase, steps: Int?) -> [ExtraUnit] {
    [unit(key: "\(id):0", sensingCase, .full, steps ?? 60)]
  }

  func unit(key: String, _ sc: SensingCase, _ sampling: BatchSampling, _ steps: Int) -> ExtraUnit {
    ExtraUnit(key: key) {
      let problem = try SensingProblem.generate(sc.spec)
      var options = GradientDescentOptions(eta: GradientDescentOptions.defaultEta(for: problem.problem), steps: steps)
      options.sampling = sampling
      let r = try GradientDescent(problem: problem, options: options).run()
      let wrong = try Self.conservationDefectRelative(problem, options: options)
      return .object([
        ("case", .string(sc.label + ", " + Self.describe(sampling) + ", \(steps) steps")),
        ("defect", .exact(r.imbalanceDefect)), ("relative", .exact(r.imbalanceDefectRelative)),
        ("conservationRelative", .exact(wrong)), ("relativeError", .exact(r.relativeError)),
      ])
    }
  }

  static func describe(_ s: BatchSampling) -> String {
    switch s {
    case .full: return "full batch"
    case .fresh(let b): return "fresh batches b=\(b)"
    case .pool(let b): return "pool b=\(b)"
    }
  }

  public func experimentPage(_ results: [String: JSONValue]) throws -> ExperimentPage {
    let keys = results.keys.filter { $0.hasPrefix(id + ":") }.sorted { Int($0.dropFirst(id.count + 1)) ?? 0 < Int($1.dropFirst(id.count + 1)) ?? 0 }
    var rows: [[String]] = []
    var rel: [Double] = [], wrong: [Double] = []
    for k in keys {
      let u = try SensingJSON.unit(results, k)
      let r = try SensingJSON.number(u, "relative"), w = try SensingJSON.number(u, "conservationRelative")
      rel.append(r)
      wrong.append(w)
      rows.append([try SensingJSON.string(u, "case"), SensingFormat.g(try SensingJSON.number(u, "defect")), SensingFormat.g(r), SensingFormat.g(w)])
    }
    let v = Self.verdict(relativeDefects: rel)
    let control = Self.verdict(relativeDefects: wrong)
    var section = "## Gradient-descent runs\n\nEvery step of every run (η = 0.25/σ₁). Defect = max_j ‖D_{j+1} − D_j − η²(…)‖_F; relative = over its round-off scale (floor \(Int(Self.roundOffFloor))).\n\n"
    section += SensingFormat.table(["case", "defect", "relative defect", "negative control: ‖D_{j+1} − D_j‖ / scale"], rows)
    section += "\nNegative control (\"D is conserved\"): " + (control.holds ? "**accepted — the check cannot tell the variants apart**" : "rejected on \(control.failures) of \(wrong.count) runs, as it must be") + ".\n"
    return ExperimentPage(
      verdict: SensingFormat.verdict(failures: v.failures, of: rel.count), cases: "\(rel.count) GD/SGD runs, every step",
      worstRelativeSlack: SensingFormat.g(-(rel.max() ?? 0) * Double.ulpOfOne / 2), sections: [section])
  }
}
