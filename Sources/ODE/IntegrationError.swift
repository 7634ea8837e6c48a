/// Errors thrown by ``DormandPrince`` and ``integrate(_:from:to:y0:options:events:)``.
public enum IntegrationError: Error, CustomStringConvertible, Equatable {
  /// A tolerance is < 0 or not finite. `name` is "relative tolerance" or "absolute tolerance".
  case invalidTolerance(name: String, value: Double)
  /// `rtol = 0` and `atol = 0` (for component `component` when tolerances are per
  /// component): that component has no error control.
  case zeroTolerances(component: Int?)
  /// The system has dimension 0: there is nothing to integrate.
  case emptySystem
  /// DOPRI5's stiffness test fired: `h·λ > 3.25` on 15 consecutive tested accepted
  /// steps, the last at time `t` with step `h` and estimate `hLambda`, after
  /// `acceptedSteps` accepted steps (the flagged step counted, not committed, as in
  /// dopri5.f's IDID = −4). The integrator stays at the last committed step.
  case probablyStiff(t: Double, h: Double, hLambda: Double, acceptedSteps: Int)
  /// `underlying` with a problem-specific diagnosis appended (what grew, what to
  /// change); added by callers that know what the state means (the flow).
  indirect case diagnosed(IntegrationError, detail: String)
  /// A vector has the wrong number of components (`y0`, `absoluteTolerances`, `dydt`).
  case dimensionMismatch(expected: Int, found: Int)
  /// The initial state contains NaN or ±∞.
  case nonFiniteInitialState
  /// The right-hand side returned NaN or ±∞ at time `t` (initial point, any stage or HINIT).
  case nonFiniteDerivative(t: Double)
  /// `t0` or `tEnd` is not finite, or `t0 == tEnd`.
  case invalidTimeSpan(t0: Double, tEnd: Double)
  /// A step option (`initialStep`, `maxStep`, fixed step `h`) is ≤ 0 or not finite.
  case invalidStep(name: String, value: Double)
  /// A controller option (`maxSteps`, `safety`, `minFactor`, `maxFactor`, `beta`, `unitRoundoff`) is out of range.
  case invalidOption(name: String, value: Double)
  /// DOPRI5's test `0.1|h| ≤ |t|·uround` fired at time `t` with step `h`.
  case stepSizeUnderflow(t: Double, h: Double)
  /// More than `maxSteps` steps would have to be attempted; integration stopped at `t`.
  case stepBudgetExhausted(t: Double, maxSteps: Int)
  /// The system's `evaluate` threw; the payload describes the original error.
  case systemFailure(String)
  /// A dense output was queried at `t` outside `[lower, upper]`.
  case outsideDenseOutputRange(t: Double, lower: Double, upper: Double)

  /// Human-readable explanation with a suggested remedy.
  public var description: String {
    switch self {
    case let .invalidTolerance(name, value):
      let flag = name.hasPrefix("relative") ? "--rtol 1e-6" : "--atol 1e-9"
      return "\(name) must be finite and ≥ 0 (got \(value)); pass e.g. \(flag)"
    case let .zeroTolerances(component):
      let which = component.map { " for component \($0)" } ?? ""
      return "relative and absolute tolerance are both 0\(which): no error control; pass e.g. --rtol 1e-6 or --atol 1e-9"
    case .emptySystem:
      return "the system has dimension 0: nothing to integrate; give at least one state component"
    case let .probablyStiff(t, h, hLambda, acceptedSteps):
      return "problem is probably stiff at t = \(t) (h·λ ≈ \(hLambda) > 3.25 on 15 consecutive steps, h = \(h), "
        + "\(acceptedSteps) accepted steps): use an implicit (stiff) method, or disable the test with stiffnessCheckInterval = nil"
    case let .dimensionMismatch(expected, found):
      return "dimension mismatch: expected \(expected) components, found \(found)"
    case .nonFiniteInitialState:
      return "initial state contains NaN or infinity"
    case let .nonFiniteDerivative(t):
      return "right-hand side returned NaN or infinity at t = \(t)"
    case let .invalidTimeSpan(t0, tEnd):
      return "invalid time span [\(t0), \(tEnd)]: both ends must be finite and distinct"
    case let .invalidStep(name, value):
      return "\(name) must be finite and > 0 (got \(value))"
    case let .invalidOption(name, value):
      return "integrator option \(name) out of range (got \(value))"
    case let .stepSizeUnderflow(t, h):
      return "step size underflow at t = \(t) (h = \(h)): the solution may blow up or the problem is stiff; "
        + "loosen the tolerances or use a stiff solver"
    case let .stepBudgetExhausted(t, maxSteps):
      return "step budget of \(maxSteps) attempted steps exhausted at t = \(t); raise maxSteps "
        + "(or loosen the tolerances)"
    case let .diagnosed(underlying, detail):
      return "\(underlying.description); \(detail)"
    case let .systemFailure(message):
      return "right-hand side failed: \(message)"
    case let .outsideDenseOutputRange(t, lower, upper):
      return "dense output queried at t = \(t) outside [\(lower), \(upper)]"
    }
  }
}
