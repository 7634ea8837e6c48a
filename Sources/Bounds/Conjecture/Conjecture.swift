import Flow

/// A statement nobody has proved (theory.md §0, status *conjecture*): a
/// predicate over a trajectory plus the ``ParameterBox`` it claims to hold on.
///
/// A conjecture is a ``Statement`` with status ``Status/conjecture``, so it is
/// checked like any lemma (`check(_:)` on a ``Scenario``, base and refined
/// trajectory) and can be listed next to the catalogue. On top of that,
/// ``FalsificationSearch`` samples the box, refines toward the smallest slack
/// and shrinks a counterexample. Writing one takes about fifteen lines:
///
/// ```swift
/// struct NoiseNeverGrows: Conjecture {
///   var id: String { "K-noise" }
///   var title: String { "Without E the noise never grows" }
///   var statement: String { "E ≡ 0 ⇒ ‖N_U(t)‖_F is non-increasing" }
///   var box: ParameterBox { ParameterBox(families: [.zero]) }
///   func measure(_ context: ScenarioContext, on trajectory: Trajectory, refined: Bool) throws -> [Conclusion] {
///     let noise = trajectory.values { $0.state.noiseU.frobeniusNorm }
///     let scale = trajectory.values { $0.state.u.frobeniusNorm }  // N_U = PU: round-off ~ ε‖U‖_F
///     return [.nonIncreasing("‖N_U‖_F", trajectory, noise, scale: scale)]
///   }
/// }
/// ```
///
/// Defaults: ``Statement/status`` is `.conjecture`, ``Statement/proof`` says there is
/// none, and the hypotheses are the case's declared perturbation bound
/// (`H_abs(ε)` / `H_rel(δ)`, `H_abs(0)` for `zero`), so a counterexample is
/// always a case where the hypothesis held and the conclusion failed.
public protocol Conjecture: Statement {
  /// The region the conjecture claims to hold on (searched by ``FalsificationSearch``).
  var box: ParameterBox { get }

  /// A sub-box where a known failure mechanism lives (e.g. K1's closed-form
  /// steady state on 2×2, `k = r = 1`, constant `E`), or `nil`. The report and
  /// `pgf search --witness` search it, and show its counterexample as the
  /// conjecture's witness next to the search of the whole ``box``.
  var witnessBox: ParameterBox? { get }

  /// An independent account of a counterexample found in ``witnessBox`` (e.g.
  /// a closed form), printed under it; `nil` when there is none.
  func explainWitness(_ point: ParameterPoint) throws -> String?
}

extension Conjecture {
  /// `.conjecture`.
  public var status: Status { .conjecture }

  /// None by default.
  public var witnessBox: ParameterBox? { nil }

  /// None by default.
  public func explainWitness(_ point: ParameterPoint) throws -> String? { nil }

  /// No proof: the suite reports evidence or a counterexample.
  public var proof: String { "None (conjecture): FalsificationSearch over the parameter box reports evidence or a counterexample." }

  /// The declared perturbation bound of the case (`H_abs(ε)` or `H_rel(δ)`).
  public func hypotheses(for checkCase: Scenario) -> [Hypothesis] { Hypothesis.declared(checkCase.bound) }

  /// The verdict at one point of the box (base + refined trajectory).
  public func check(_ point: ParameterPoint) throws -> Verdict { try check(ScenarioContext(point.checkCase())) }
}
