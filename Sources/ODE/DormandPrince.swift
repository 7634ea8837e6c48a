import Foundation

/// Adaptive Dormand–Prince 5(4) integrator, a faithful port of Hairer's DOPRI5
/// (dopri5.f: HINIT, PI step-size controller with Lund stabilisation, FSAL,
/// last-step and underflow rules) driven by ``ButcherTableau/dormandPrince54``.
///
/// Integration backward in time (`tEnd < t0`) is supported as in DOPRI5
/// (`posneg = −1`): all step sizes are then negative.
///
/// Use ``run()`` for a whole integration or ``step()`` to advance one accepted
/// step at a time. DOPRI5's stiffness test runs as in dopri5.f (see
/// ``IntegratorOptions/stiffnessCheckInterval``), except that it uses `|h|`, so it
/// also works backward in time (dopri5.f uses the signed `h`, as dop853.f does not).
public struct DormandPrince<System: ODESystem> {
  /// The right-hand side (mutated only through `evaluate`).
  public private(set) var system: System
  /// The method's coefficients.
  public let tableau: ButcherTableau = .dormandPrince54
  /// The options in force.
  public let options: IntegratorOptions
  /// Event functions monitored after each accepted step.
  public let events: [Event]
  /// Initial time.
  public let t0: Double
  /// Requested final time.
  public let tEnd: Double
  /// Current time (after the last accepted step, or the terminal event time).
  public private(set) var t: Double
  /// Current state at ``t``.
  public private(set) var y: [Double]
  /// Signed size of the next step attempt (DOPRI5's H); after completion, the
  /// step size DOPRI5 would propose next.
  public private(set) var stepSize: Double
  /// Interpolant of the last accepted step; `nil` before the first step or when
  /// neither dense output, the last segment nor events are requested.
  public private(set) var lastSegment: DenseSegment?
  /// Work counters so far.
  public private(set) var statistics = IntegratorStatistics()
  /// `nil` while running; how the integration ended otherwise.
  public private(set) var status: IntegrationStatus?
  /// Event crossings found so far, in time order.
  public private(set) var occurrences: [EventOccurrence] = []

  /// Whether the integration has ended (reached `tEnd` or a terminal event).
  public var isFinished: Bool { status != nil }

  private let n: Int
  private let posneg: Double
  private let hmax: Double
  private let atol: [Double]
  private let expo1: Double
  private let facc1: Double
  private let facc2: Double
  private var facold = 1e-4
  private var reject = false
  /// dopri5.f's stiffness state: HLAMB, IASTI (consecutive stiff), NONSTI (consecutive non-stiff).
  private var hLambda = 0.0
  private var stiffCount = 0
  private var nonStiffCount = 0
  private var workspace: RungeKuttaWorkspace
  private var eventValues: [Double]
  private var times: [Double] = []
  private var states: [[Double]] = []
  private var dense: DenseOutput?

  /// Prepares an integration of `system` from `(t0, y0)` to `tEnd`.
  ///
  /// Evaluates `f(t0, y0)` and, unless ``IntegratorOptions/initialStep`` is set,
  /// Hairer's HINIT (one more evaluation).
  ///
  /// - Throws: ``IntegrationError`` for invalid options, tolerances, time span,
  ///   `y0` of the wrong size or non-finite, or a failing/non-finite `f(t0, y0)`.
  public init(system: System, t0: Double, y0: [Double], tEnd: Double,
              options: IntegratorOptions = .init(), events: [Event] = []) throws {
    try self.init(system: system, t0: t0, y0: y0, tEnd: tEnd, options: options, events: events,
                  stageKernel: .preferred)
  }

  /// ``init(system:t0:y0:tEnd:options:events:)`` with the per-component passes run by
  /// `stageKernel` (which must be available); every kernel gives the same bits.
  init(system: System, t0: Double, y0: [Double], tEnd: Double,
       options: IntegratorOptions, events: [Event], stageKernel: StageKernel) throws {
    let n = system.dimension
    guard y0.count == n else { throw IntegrationError.dimensionMismatch(expected: n, found: y0.count) }
    guard t0.isFinite && tEnd.isFinite && t0 != tEnd else {
      throw IntegrationError.invalidTimeSpan(t0: t0, tEnd: tEnd)
    }
    let atol = try options.validated(dimension: n)
    guard y0.allSatisfy(\.isFinite) else { throw IntegrationError.nonFiniteInitialState }

    self.system = system
    self.options = options
    self.events = events
    self.t0 = t0
    self.tEnd = tEnd
    self.t = t0
    self.y = y0
    self.n = n
    self.atol = atol
    self.posneg = tEnd > t0 ? 1 : -1
    self.hmax = abs(options.maxStep ?? (tEnd - t0))
    self.expo1 = 0.2 - options.beta * 0.75
    self.facc1 = 1 / options.minFactor
    self.facc2 = 1 / options.maxFactor
    precondition(stageKernel.isAvailable, "DormandPrince: stage kernel \(stageKernel) is not available on this CPU")
    self.workspace = RungeKuttaWorkspace(stages: ButcherTableau.dormandPrince54.stageCount, dimension: n,
                                         kernel: stageKernel)
    self.stepSize = 0
    self.eventValues = events.map { $0.g(t0, y0) }

    var evaluations = 0
    try workspace.evaluateStage(0, &self.system, t: t0, y: y0, evaluations: &evaluations)
    if let h0 = options.initialStep {
      stepSize = posneg * h0
    } else {
      let f0 = workspace.stage(0)
      var f1 = [Double](repeating: 0, count: n), y1 = f1
      stepSize = try hairerInitialStep(
        &self.system, t: t0, y: y0, f0: f0, posneg: posneg, hmax: hmax,
        rtol: options.relativeTolerance, atol: atol, order: tableau.order,
        f1: &f1, y1: &y1, evaluations: &evaluations)
    }
    statistics.evaluations = evaluations
    times = [t0]
    states = [y0]
    if options.recordDenseOutput { dense = DenseOutput(dimension: n, startTime: t0, initialState: y0) }
  }

  /// Advances by one accepted step, retrying rejected attempts internally.
  ///
  /// - Returns: `true` if a step was accepted (possibly the last one, see
  ///   ``isFinished``), `false` if the integration had already finished.
  /// - Throws: ``IntegrationError/stepBudgetExhausted(t:maxSteps:)``,
  ///   ``IntegrationError/stepSizeUnderflow(t:h:)``, or errors from the system.
  public mutating func step() throws -> Bool {
    if isFinished { return false }
    let rtol = options.relativeTolerance
    var h = stepSize
    while true {
      if statistics.attemptedSteps >= options.maxSteps {
        throw IntegrationError.stepBudgetExhausted(t: t, maxSteps: options.maxSteps)
      }
      if 0.1 * abs(h) <= abs(t) * options.unitRoundoff {
        throw IntegrationError.stepSizeUnderflow(t: t, h: h)
      }
      var last = false
      if (t + 1.01 * h - tEnd) * posneg > 0 {
        h = tEnd - t
        last = true
      }
      statistics.attemptedSteps += 1
      stepSize = h
      try tableau.advance(&system, t: t, y: y, h: h, workspace: &workspace,
                          evaluations: &statistics.evaluations)

      var sum = Self.weightedErrorSum(error: workspace.error, y: y, yNew: workspace.yNew, atol: atol, rtol: rtol,
                                      kernel: workspace.kernel)
      if sum.isNaN { sum = Self.weightedErrorSumWithZeroWeights(error: workspace.error, y: y, yNew: workspace.yNew, atol: atol, rtol: rtol) }
      let err = (sum / Double(n)).squareRoot()
      let fac11 = pow(err, expo1)
      var fac = fac11 / pow(facold, options.beta)
      fac = max(facc2, min(facc1, fac / options.safety))
      var hnew = h / fac

      if err <= 1 {
        facold = max(err, 1e-4)
        statistics.acceptedSteps += 1
        if let every = options.stiffnessCheckInterval,
           statistics.acceptedSteps % every == 0 || stiffCount > 0 {
          try testStiffness(h: h)
        }
        accept(h: h, last: last)
        if isFinished {
          stepSize = hnew
          return true
        }
        if abs(hnew) > hmax { hnew = posneg * hmax }
        if reject { hnew = posneg * min(abs(hnew), abs(h)) }
        reject = false
        stepSize = hnew
        return true
      } else {
        hnew = h / min(facc1, fac11 / options.safety)
        reject = true
        if statistics.acceptedSteps >= 1 { statistics.rejectedSteps += 1 }
        h = hnew
        stepSize = h
      }
    }
  }

  /// dopri5.f's stiffness test on the step just computed (before it is committed):
  /// `h·λ = |h|·‖k₇ − k₆‖ / ‖y_new − Y₆‖` from the last two stages (both at
  /// `t + h`; `Y₆` is stage 6's argument, left in `workspace.yStage` by `advance`).
  /// HLAMB keeps its last value when the denominator is 0. Above 3.25 the stiff
  /// counter grows (and the non-stiff one resets); the 15th consecutive stiff step
  /// throws, leaving `t`, `y` at the last committed step. Six non-stiff steps in a
  /// row reset the stiff counter.
  private mutating func testStiffness(h: Double) throws {
    var stnum = 0.0, stden = 0.0
    if n > 0 {
      let k6 = workspace.slot[5] * n, k7 = workspace.slot[6] * n
      workspace.stages.withUnsafeBufferPointer { k in
        for i in 0..<n {
          let dk = k[k7 + i] - k[k6 + i]
          let dy = workspace.yNew[i] - workspace.yStage[i]
          stnum += dk * dk
          stden += dy * dy
        }
      }
    }
    if stden > 0 { hLambda = abs(h) * (stnum / stden).squareRoot() }
    if hLambda > 3.25 {
      nonStiffCount = 0
      stiffCount += 1
      if stiffCount == 15 {
        throw IntegrationError.probablyStiff(t: t, h: h, hLambda: hLambda, acceptedSteps: statistics.acceptedSteps)
      }
    } else {
      nonStiffCount += 1
      if nonStiffCount == 6 { stiffCount = 0 }
    }
  }

  /// `Σ_i (err_i / (atol_i + rtol·max(|y_i|, |y_new,i|)))²`, summed in component order
  /// (dopri5.f's ERR), over raw buffers.
  private static func weightedErrorSum(error: [Double], y: [Double], yNew: [Double], atol: [Double],
                                       rtol: Double, kernel: StageKernel) -> Double {
    let n = error.count
    precondition(y.count == n && yNew.count == n && atol.count == n, "weightedErrorSum: sizes")
    if n == 0 { return 0 }
    return error.withUnsafeBufferPointer { e in
      y.withUnsafeBufferPointer { y in
        yNew.withUnsafeBufferPointer { yn in
          atol.withUnsafeBufferPointer { a in
            StageCombination.errorSum(count: n, error: e.baseAddress!, y: y.baseAddress!, yNew: yn.baseAddress!,
                                      atol: a.baseAddress!, rtol: rtol, kernel: kernel)
          }
        }
      }
    }
  }

  /// The squared-error sum when some weight `atol_i + rtol·max(|y_i|, |y_new,i|)` is 0
  /// (pure relative control, component 0 at both ends): such a component counts 0
  /// if its error is 0 and ∞ otherwise (the step is rejected). Only called when the
  /// plain sum is NaN, so the common path is unchanged.
  private static func weightedErrorSumWithZeroWeights(error: [Double], y: [Double], yNew: [Double],
                                                      atol: [Double], rtol: Double) -> Double {
    var sum = 0.0
    for i in 0..<error.count {
      let sk = atol[i] + rtol * max(abs(y[i]), abs(yNew[i]))
      if sk > 0 {
        let q = error[i] / sk
        sum += q * q
      } else if error[i] != 0 {
        return .infinity
      }
    }
    return sum
  }

  /// Commits the accepted step `y → workspace.yNew`, builds its interpolant when
  /// needed, locates events and records output.
  private mutating func accept(h: Double, last: Bool) {
    let tOld = t
    let tNew = last ? tEnd : t + h
    var segment: DenseSegment?
    if options.recordDenseOutput || options.recordLastSegment || !events.isEmpty {
      let coefficients = tableau.denseCoefficients(y: y, yNew: workspace.yNew, h: h, workspace: workspace)
      segment = DenseSegment(tStart: tOld, h: h, tEnd: tNew, coefficients: coefficients)
    }
    workspace.slot.swapAt(0, tableau.stageCount - 1)
    swap(&y, &workspace.yNew)
    t = tNew

    if let segment, !events.isEmpty, let stop = locateEvents(segment: segment) {
      // Terminal event: truncate the step at the crossing.
      t = stop.t
      y = stop.y
      let truncated = DenseSegment(tStart: tOld, h: h, tEnd: stop.t, coefficients: segment.coefficients)
      lastSegment = truncated
      dense?.append(truncated, finalState: stop.y)
      times.append(t)
      states.append(y)
      status = .terminatedByEvent(stop)
      return
    }
    lastSegment = segment
    if let segment { dense?.append(segment, finalState: y) }
    if options.recordSteps || last {
      times.append(t)
      states.append(y)
    }
    if last { status = .completed }
  }

  /// Checks every event for a sign change over the step just accepted, locates
  /// roots on `segment`, records them in time order and returns the first
  /// terminal occurrence, if any.
  private mutating func locateEvents(segment: DenseSegment) -> EventOccurrence? {
    var found: [EventOccurrence] = []
    var scratch = [Double](repeating: 0, count: n)
    for (index, event) in events.enumerated() {
      let gOld = eventValues[index]
      let gNew = event.g(t, y)
      eventValues[index] = gNew
      let rising = gOld < 0 && gNew >= 0
      let falling = gOld > 0 && gNew <= 0
      let wanted: Bool
      switch event.direction {
      case .rising: wanted = rising
      case .falling: wanted = falling
      case .either: wanted = rising || falling
      }
      guard wanted else { continue }
      let root: Double
      if gNew == 0 {
        root = t
      } else {
        root = brentRoot(segment.tStart, t, fa: gOld, fb: gNew) { tau in
          segment.evaluate(tau, into: &scratch)
          return event.g(tau, scratch)
        }
      }
      let yRoot = root == t ? y : segment(root)
      found.append(EventOccurrence(name: event.name, index: index, t: root, y: yRoot,
                                   direction: rising ? .rising : .falling))
    }
    found.sort { posneg * $0.t < posneg * $1.t || ($0.t == $1.t && $0.index < $1.index) }
    for occurrence in found {
      occurrences.append(occurrence)
      if events[occurrence.index].terminal { return occurrence }
    }
    return nil
  }

  /// Integrates to `tEnd` (or a terminal event) and returns the solution.
  /// Can be called after some ``step()`` calls; the solution covers everything since `t0`.
  public mutating func run() throws -> ODESolution {
    while try step() {}
    return solution
  }

  /// The solution accumulated so far (complete once ``isFinished``).
  public var solution: ODESolution {
    var times = self.times, states = self.states
    if !options.recordSteps && times.last != t {
      times.append(t)
      states.append(y)
    }
    return ODESolution(times: times, states: states, t: t, y: y, dense: dense, events: occurrences,
                       statistics: statistics, status: status ?? .completed)
  }
}
