import Flow
import Validated

/// Settings of a validated proof.
///
/// Defaults: the integrator's defaults (order 12, remainder tolerance 1e-13,
/// max step 0.25), identity budget `1e-8` (L1 is *proved* when the rigorous
/// bound on `sup_t ‖D(t) − D(0)‖_F` is below it), 64 sub-intervals per step for
/// inequalities, refined up to `2¹⁰` where needed.
public struct ProofOptions: Sendable, Equatable {
  /// The validated integrator's settings.
  public var integrator = ValidatedOptions()
  /// Budget for identities: the defect bound must not exceed it.
  public var identityBudget: Double = 1e-8
  /// Up to `2^maxSubdivisionLevel` sub-intervals per step (steps start at
  /// `2⁶` and are refined by factors of 4 only where needed).
  public var maxSubdivisionLevel: Int = 10

  /// The defaults above.
  public init() {}
}

/// One validated trajectory of a problem, ready to decide several statements
/// (integrates once in ``init(problem:perturbation:tEnd:options:)``).
public struct ProofRun: Sendable {
  /// The exact data.
  public let data: ProofData
  /// The validated steps covering `[0, T]`.
  public let steps: [ValidatedStep]
  /// `T`.
  public let tEnd: Double
  /// Settings.
  public let options: ProofOptions
  /// Perturbation name.
  public let perturbationName: String

  /// Integrates `problem` under the constant `perturbation` from 0 to `tEnd`
  /// with the validated integrator.
  ///
  /// - Throws: ``ProofError`` for unsupported perturbations or bad arguments;
  ///   ``ValidationError/stepFailure(_:)`` when the integrator cannot continue.
  public init(problem: Problem, perturbation: any Perturbation, tEnd: Double, options: ProofOptions = ProofOptions()) throws {
    guard tEnd.isFinite, tEnd > 0 else { throw ProofError.invalidArgument("final time must be finite and > 0 (got \(tEnd)); e.g. --t-end 10") }
    guard (0...12).contains(options.maxSubdivisionLevel) else {
      throw ProofError.invalidArgument("maxSubdivisionLevel must be in 0...12 (got \(options.maxSubdivisionLevel))")
    }
    guard options.identityBudget.isFinite, options.identityBudget > 0 else {
      throw ProofError.invalidArgument("identity budget must be finite and > 0 (got \(options.identityBudget))")
    }
    data = try ProofData(problem: problem, perturbation: perturbation)
    let integrator = try ValidatedIntegrator(field: data.field, options: options.integrator)
    steps = try integrator.integrate(from: data.y0, to: tEnd)
    self.tEnd = tEnd
    self.options = options
    perturbationName = perturbation.name
  }

  /// Decides `statement` on this trajectory (`tau` is required for ``ProofStatement/converge``).
  ///
  /// - Throws: ``ProofError/invalidArgument(_:)`` when `converge` lacks a positive τ.
  public func decide(_ statement: ProofStatement, tau: Double? = nil) throws -> ProofResult {
    var result = ProofResult(
      outcome: .undecided, statement: statement, tEnd: tEnd, tau: nil, steps: steps.count,
      maxWidth: steps.map(\.endpointWidth).max() ?? 0,
      maxWholeStepWidth: steps.map { $0.whole.map(\.width).max() ?? 0 }.max() ?? 0,
      widthBudget: options.integrator.tolerance, worstMargin: .infinity, maxSubdivisions: 1, undecidedIntervals: 0,
      criticalTime: nil, order: options.integrator.order, dimension: data.field.dimension,
      perturbation: perturbationName, reason: "")
    switch statement {
    case .l1, .l1Sum: decideIdentity(statement, into: &result)
    case .converge:
      guard let tau, tau.isFinite, tau > 0 else {
        throw ProofError.invalidArgument("converge needs a threshold τ > 0; pass --tau, e.g. --tau 1e-3")
      }
      result.tau = tau
      decideConvergence(tau: tau, into: &result)
    case .l3, .l3HalfExponent, .l4, .l4WithoutForcing:
      let kinds: [ComparisonCheck.Kind]
      switch statement {
      case .l3: kinds = [.zNorm(rateFactor: 1)]
      case .l3HalfExponent: kinds = [.zNorm(rateFactor: 0.5)]
      case .l4: kinds = [.noiseU(forcing: true), .noiseV(forcing: true)]
      default: kinds = [.noiseU(forcing: false), .noiseV(forcing: false)]
      }
      try decideComparison(kinds, into: &result)
    }
    return result
  }

  /// L1 (and its negative control): Taylor-model enclosure of `D(t) − D(0)` on every step.
  func decideIdentity(_ statement: ProofStatement, into result: inout ProofResult) {
    let k = data.k
    let sign: Double = statement == .l1 ? -1 : 1
    func defect<T: FlowScalar>(_ y: [T]) -> [T] {
      let (u, v) = data.split(y)
      let gu = PGFVectorField.gram(u, columns: k), gv = PGFVectorField.gram(v, columns: k)
      return zip(gu, gv).map { $0 + $1.scaled(by: sign) }
    }
    let d0 = defect(data.y0.map { Interval($0) })
    var sup = 0.0
    var allContainZero = true
    for s in steps {
      let dP = defect(s.model)
      let ranges = zip(dP, d0).map { ($0 - IntervalPolynomial(interval: $1)).range(over: .unit) }
      if !ranges.allSatisfy({ $0.contains(0) }) { allContainZero = false }
      var f2 = Interval.zero
      for x in ranges { f2 += Interval(x.magnitude).squared }
      sup = Swift.max(sup, f2.squareRoot.hi)
      let end = zip(defect(s.endpoint), d0).map { $0 - $1 }
      if result.criticalTime == nil, end.contains(where: { !$0.contains(0) }) {
        result.criticalTime = s.t1
        result.outcome = .refuted
      }
    }
    result.widthBudget = options.identityBudget
    result.worstMargin = sup
    if result.outcome == .refuted {
      result.reason = "the enclosure of the defect excludes 0 at t = \(result.criticalTime!): the quantity is not conserved"
    } else if allContainZero && sup <= options.identityBudget {
      result.outcome = .proved
      result.reason = "sup_t ‖D(t) − D(0)‖_F ≤ \(sup) ≤ budget \(options.identityBudget) on every step"
    } else {
      result.reason = "defect enclosures contain 0 but their bound \(sup) exceeds the budget \(options.identityBudget)"
    }
  }

  /// `‖R(T)‖_F ≤ τ` from the final step-end enclosure.
  func decideConvergence(tau: Double, into result: inout ProofResult) {
    guard let last = steps.last else { return }
    let (u, v) = data.split(last.endpoint)
    let ui = IntervalMatrix(rows: data.n1, columns: data.k, elements: u)
    let vi = IntervalMatrix(rows: data.n2, columns: data.k, elements: v)
    let r = (data.xStar - ui * vi.transposed).frobeniusNorm
    result.worstMargin = (Interval(tau) - Interval(r.hi)).lo
    result.criticalTime = tEnd
    if r.hi <= tau {
      result.outcome = .proved
      result.reason = "‖R(T)‖_F ∈ [\(r.lo), \(r.hi)] ≤ τ = \(tau) at T = \(tEnd)"
    } else if r.lo > tau {
      result.outcome = .refuted
      result.reason = "‖R(T)‖_F ∈ [\(r.lo), \(r.hi)] > τ = \(tau) at T = \(tEnd)"
    } else {
      result.reason = "‖R(T)‖_F ∈ [\(r.lo), \(r.hi)] straddles τ = \(tau)"
    }
  }

  /// L3, L4 and their controls: ``ComparisonCheck`` on every part.
  func decideComparison(_ kinds: [ComparisonCheck.Kind], into result: inout ProofResult) throws {
    var reasons: [String] = []
    var refuted = false, allProved = true
    var critical: Double? = nil
    for kind in kinds {
      let check = ComparisonCheck(kind: kind, data: data)
      let o = try check.run(steps, maxLevel: options.maxSubdivisionLevel)
      result.worstMargin = Swift.min(result.worstMargin, o.worstMargin)
      result.maxSubdivisions = Swift.max(result.maxSubdivisions, o.maxSubdivisions)
      result.undecidedIntervals += o.undecidedIntervals
      if let t = o.refutedAt {
        refuted = true
        critical = Swift.min(critical ?? t, t)
        reasons.append("\(check.name): violated at t = \(t) (certified on the step-end enclosure)")
      } else if o.undecidedIntervals > 0 {
        allProved = false
        if critical == nil { critical = o.firstUndecided }
        reasons.append("\(check.name): \(o.undecidedIntervals) sub-intervals undecided from t = \(o.firstUndecided ?? 0)")
      } else {
        reasons.append("\(check.name): holds on every step (≤ \(o.maxSubdivisions) sub-intervals per step)")
      }
    }
    result.outcome = refuted ? .refuted : (allProved ? .proved : .undecided)
    result.criticalTime = critical
    result.reason = reasons.joined(separator: "; ")
  }
}

/// Proves, refutes or leaves undecided one statement on the exact trajectory
/// of `problem` under a constant `perturbation` on `[0, tEnd]` (the entry point
/// for `pgf prove`).
///
/// - Parameters:
///   - statement: an id of ``ProofStatement`` (`L1`, `L3`, `L4`, `converge`,
///     `L3-half`, `L4-noforcing`, `L1-sum`), case-insensitive.
///   - tau: the threshold for `converge` (required there, ignored otherwise).
/// - Throws: ``ProofError`` for an unknown id, an unsupported perturbation, a
///   missing τ; ``ValidationError`` when the validated integrator fails.
public func prove(
  statement: String, problem: Problem, perturbation: any Perturbation, tEnd: Double, tau: Double? = nil,
  options: ProofOptions = ProofOptions()
) throws -> ProofResult {
  let s = try ProofStatement(parsing: statement)
  if s == .converge, tau == nil { throw ProofError.invalidArgument("converge needs a threshold τ > 0; pass --tau, e.g. --tau 1e-3") }
  return try ProofRun(problem: problem, perturbation: perturbation, tEnd: tEnd, options: options).decide(s, tau: tau)
}
