import Flow

/// A hypothesis of a lemma, itself a predicate checked on the trajectory —
/// never assumed.
public struct Hypothesis: Sendable {
  /// Short name, e.g. `"H_abs(0.1)"` or `"k ≥ r"`.
  public let name: String
  /// The predicate in the paper's notation.
  public let statement: String
  private let evaluate: @Sendable (ScenarioContext) throws -> HypothesisResult

  /// A hypothesis from its evaluation.
  public init(name: String, statement: String, evaluate: @escaping @Sendable (ScenarioContext) throws -> HypothesisResult) {
    self.name = name
    self.statement = statement
    self.evaluate = evaluate
  }

  /// Evaluates the predicate.
  public func check(_ context: ScenarioContext) throws -> HypothesisResult { try evaluate(context) }

  /// Relative tolerance for "`‖E‖ ≤ bound`" comparisons: rounding in the norms only.
  public static let normTolerance = 1e-12

  /// `H_abs(ε)`: `‖E(t)‖ ≤ ε` at every sample.
  public static func absolute(_ epsilon: Double) -> Hypothesis {
    Hypothesis(name: "H_abs(\(epsilon))", statement: "‖E(t)‖ ≤ \(epsilon) for all t") { context in
      let traj = try context.base()
      return worst(name: "H_abs(\(epsilon))", statement: "‖E(t)‖ ≤ \(epsilon) for all t", traj.samples) { s in
        (epsilon - s.perturbationNorm, max(epsilon, s.perturbationNorm))
      }
    }
  }

  /// `H_rel(δ)`: `‖E(t)‖ ≤ δ‖R(t)‖_F` at every sample.
  public static func relative(_ delta: Double) -> Hypothesis {
    Hypothesis(name: "H_rel(\(delta))", statement: "‖E(t)‖ ≤ \(delta)·‖R(t)‖_F for all t") { context in
      let traj = try context.base()
      return worst(name: "H_rel(\(delta))", statement: "‖E(t)‖ ≤ \(delta)·‖R(t)‖_F for all t", traj.samples) { s in
        let bound = delta * s.state.residualNorms.frobenius
        return (bound - s.perturbationNorm, max(bound, s.perturbationNorm))
      }
    }
  }

  /// `E ≡ 0`.
  public static let zeroPerturbation = Hypothesis(name: "E ≡ 0", statement: "E(t) = 0 for all t") { context in
    let traj = try context.base()
    return worst(name: "E ≡ 0", statement: "E(t) = 0 for all t", traj.samples) { s in (-s.perturbationNorm, 1) }
  }

  /// `k ≥ r` (enough columns to represent X).
  public static let overparameterized = Hypothesis(name: "k ≥ r", statement: "k ≥ r") { context in
    let p = context.checkCase.problem
    return HypothesisResult(name: "k ≥ r", statement: "k ≥ r", holds: p.k >= p.r, worstMargin: Double(p.k - p.r), at: nil)
  }

  /// The declared bound of the case as a hypothesis (`H_abs` or `H_rel`), if any.
  public static func declared(_ bound: PerturbationBound) -> [Hypothesis] {
    switch bound {
    case .unspecified: return []
    case .absolute(let e): return [.absolute(e)]
    case .relative(let d): return [.relative(d)]
    }
  }

  /// Worst margin over samples; `margin(s) = (bound − value, scale)`.
  static func worst(name: String, statement: String, _ samples: [Sample], margin: (Sample) -> (Double, Double)) -> HypothesisResult {
    var worstMargin = Double.infinity
    var at = 0.0
    var holds = true
    for s in samples {
      let (m, scale) = margin(s)
      if m < worstMargin {
        worstMargin = m
        at = s.t
      }
      if m < -normTolerance * max(scale, Double.leastNormalMagnitude) { holds = false }
    }
    return HypothesisResult(name: name, statement: statement, holds: holds, worstMargin: worstMargin, at: at)
  }
}

/// The outcome of checking one hypothesis.
public struct HypothesisResult: Sendable, Equatable {
  /// The hypothesis' name.
  public let name: String
  /// Its predicate.
  public let statement: String
  /// Whether it held at every sample.
  public let holds: Bool
  /// The smallest `bound − value` seen (negative: violated).
  public let worstMargin: Double
  /// Where the worst margin occurred (`nil` for static conditions).
  public let at: Double?
}
