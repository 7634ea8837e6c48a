import Flow

/// The three outcomes of a validated check.
public enum ProofOutcome: String, Sendable, Equatable {
  /// The statement holds on every enclosure: a proof for this trajectory.
  case proved
  /// The statement fails on a narrow step-end enclosure: a genuine counterexample.
  case refuted
  /// Neither: the enclosures are too wide somewhere (see ``ProofResult/reason``).
  case undecided
}

/// The verdict of ``prove(statement:problem:perturbation:tEnd:tau:options:)``.
public struct ProofResult: Sendable, Equatable {
  /// The outcome.
  public var outcome: ProofOutcome
  /// The statement decided.
  public var statement: ProofStatement
  /// Final time `T`.
  public var tEnd: Double
  /// The threshold τ (``ProofStatement/converge`` only).
  public var tau: Double?
  /// Validated steps taken.
  public var steps: Int
  /// Largest width of a step-end state enclosure (the integrator's accuracy).
  public var maxWidth: Double
  /// Largest width of a whole-step state enclosure (the box over a step's time interval).
  public var maxWholeStepWidth: Double
  /// The width budget: the per-step remainder tolerance of the integrator, and
  /// for identities (L1) the budget the defect bound must meet.
  public var widthBudget: Double
  /// The worst rigorous margin: for inequalities `min (lower bound of RHS − upper
  /// bound of LHS)` over step ends (negative: violated or undecided there); for
  /// L1 the rigorous upper bound on `sup_t ‖D(t) − D(0)‖_F`; for converge
  /// `τ − upper bound of ‖R(T)‖_F`.
  public var worstMargin: Double
  /// Sub-intervals per step needed at most (1 = every step decided whole).
  public var maxSubdivisions: Int
  /// Number of step sub-intervals on which the statement could not be established.
  public var undecidedIntervals: Int
  /// Time of the refutation or of the first undecided interval, if any.
  public var criticalTime: Double?
  /// Taylor order used.
  public var order: Int
  /// State dimension `(n1 + n2)k`.
  public var dimension: Int
  /// Perturbation name.
  public var perturbation: String
  /// One line explaining the outcome.
  public var reason: String

  /// The JSON object `pgf prove --json` prints: `outcome`, `statement`, `steps`,
  /// `maxWidth`, and the other fields (`tau` and `criticalTime` as `null` when absent).
  public var json: JSONValue {
    .object([
      ("outcome", .string(outcome.rawValue)),
      ("statement", .string(statement.rawValue)),
      ("negativeControl", .bool(statement.isNegativeControl)),
      ("tEnd", .number(tEnd)),
      ("tau", tau.map(JSONValue.number) ?? .null),
      ("steps", .integer(steps)),
      ("maxWidth", .number(maxWidth)),
      ("maxWholeStepWidth", .number(maxWholeStepWidth.isFinite ? maxWholeStepWidth : Double.greatestFiniteMagnitude)),
      ("widthBudget", .number(widthBudget)),
      ("worstMargin", .number(worstMargin.isFinite ? worstMargin : (worstMargin > 0 ? Double.greatestFiniteMagnitude : -Double.greatestFiniteMagnitude))),
      ("maxSubdivisions", .integer(maxSubdivisions)),
      ("undecidedIntervals", .integer(undecidedIntervals)),
      ("criticalTime", criticalTime.map(JSONValue.number) ?? .null),
      ("order", .integer(order)),
      ("dimension", .integer(dimension)),
      ("perturbation", .string(perturbation)),
      ("reason", .string(reason)),
    ])
  }
}
