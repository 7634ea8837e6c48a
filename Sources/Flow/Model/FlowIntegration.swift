/// The one place where the perturbed gradient flow is integrated: every
/// simulation, trajectory, claim scan and reference solution goes through
/// ``Problem/integrateFlow(perturbation:tEnd:options:)``, so validation,
/// the right-hand side and the integrator settings are chosen once.
extension IntegratorOptions {
  /// Options for the flow: tolerances, step budget, and what to record.
  ///
  /// Defaults: rtol 1e-8, atol 1e-12, 100 000 steps, dense output and
  /// accepted steps recorded.
  public static func flow(
    relativeTolerance: Double = 1e-8, absoluteTolerance: Double = 1e-12, maxSteps: Int = 100_000,
    denseOutput: Bool = true, steps: Bool = true
  ) -> IntegratorOptions {
    var o = IntegratorOptions()
    o.relativeTolerance = relativeTolerance
    o.absoluteTolerance = absoluteTolerance
    o.maxSteps = maxSteps
    o.recordDenseOutput = denseOutput
    o.recordSteps = steps
    return o
  }
}

extension Problem {
  /// Pays, once per process, the costs every flow integration has before its first step that
  /// depend neither on the problem nor on its size: the Swift runtime's type metadata for
  /// `DormandPrince<FlowField>` (whose first request checks `FlowField: ODESystem` by scanning
  /// the binary's protocol-conformance records, ≈ 50 µs in `pgf`) and the lazily built
  /// ``ButcherTableau/dormandPrince54``. ``Simulation/run()`` calls it before its clock starts,
  /// so `integrationSeconds` times the integration, not the runtime's start-up; calling it is
  /// never required, and later calls cost nothing.
  public static func prepareFlowIntegration() {
    _ = ButcherTableau.dormandPrince54.stageCount
    requireMetadata(DormandPrince<FlowField>.self)
  }

  /// Integrates the PGF `U̇ = (X − UVᵀ + E)V`, `V̇ = (X − UVᵀ + E)ᵀU` from
  /// `(U(0), V(0))` over `[0, tEnd]` with Dormand–Prince 5(4) (the factored
  /// right-hand side ``FlowField``).
  ///
  /// Tolerances may be 0 one at a time (pure relative or pure absolute control).
  ///
  /// - Throws: ``ProblemError/invalidValue(_:)`` for a non-finite or
  ///   non-positive `tEnd`, a negative or non-finite tolerance, or both 0; the
  ///   integrator's ``IntegrationError`` otherwise, where a step budget, step-size
  ///   underflow or stiffness stop comes wrapped in
  ///   ``IntegrationError/diagnosed(_:detail:)`` naming the quantity that grew.
  public func integrateFlow(perturbation: any Perturbation = ZeroPerturbation(), tEnd: Double, options: IntegratorOptions) throws -> ODESolution {
    try validateFlowRun(tEnd: tEnd, options: options)
    var solver = try DormandPrince(system: FlowField(problem: self, perturbation: perturbation), t0: 0, y0: initialState,
                                   tEnd: tEnd, options: options)
    do {
      return try solver.run()
    } catch let error as IntegrationError {
      throw diagnose(error, t: solver.t, y: solver.y, h: solver.stepSize, options: options)
    }
  }

  /// The checks shared by every integration of the flow: a finite positive `tEnd`,
  /// tolerances finite, ≥ 0 and not both 0.
  func validateFlowRun(tEnd: Double, options: IntegratorOptions) throws {
    guard tEnd.isFinite, tEnd > 0 else {
      throw ProblemError.invalidValue("final time must be finite and > 0 (got \(tEnd)); e.g. --t-end 40")
    }
    // Pure absolute (rtol = 0) or pure relative (atol = 0) control is allowed, as in DOPRI5.
    guard options.relativeTolerance.isFinite, options.relativeTolerance >= 0 else {
      throw ProblemError.invalidValue("relative tolerance must be finite and ≥ 0 (got \(options.relativeTolerance)); e.g. --rtol 1e-8")
    }
    guard options.absoluteTolerance.isFinite, options.absoluteTolerance >= 0 else {
      throw ProblemError.invalidValue("absolute tolerance must be finite and ≥ 0 (got \(options.absoluteTolerance)); e.g. --atol 1e-12")
    }
    guard options.relativeTolerance > 0 || options.absoluteTolerance > 0 || options.absoluteTolerances != nil else {
      throw ProblemError.invalidValue("relative and absolute tolerance are both 0: no error control; pass e.g. --rtol 1e-8 or --atol 1e-12")
    }
  }

  /// Appends to a budget, underflow or stiffness error what happened to the flow
  /// at the last committed step: `‖U‖_F`, `‖V‖_F` against their start and the
  /// balanced scale `√‖X‖_F` ("grew" above 10× the larger), the step size, and the
  /// remedy. Off the hot path: runs
  /// once, after the integrator has thrown.
  func diagnose(_ error: IntegrationError, t: Double, y: [Double], h: Double, options: IntegratorOptions) -> IntegrationError {
    switch error {
    case .stepBudgetExhausted, .stepSizeUnderflow, .probablyStiff: break
    default: return error
    }
    let split = n1 * k
    func norm(_ s: ArraySlice<Double>) -> Double { s.reduce(0) { $0 + $1 * $1 }.squareRoot() }
    let u = norm(y[..<split]), v = norm(y[split...])
    let u0 = norm(initialState[..<split]), v0 = norm(initialState[split...])
    let scale = max(target.frobeniusNorm.squareRoot(), u0, v0, .leastNormalMagnitude)
    let grew = max(u, v) > 10 * scale || !u.isFinite || !v.isFinite
    let remedy = "--max-steps \(options.maxSteps * 10)"
    let detail: String
    if case let .probablyStiff(_, hs, hLambda, _) = error {
      detail = "for the flow: ‖U‖_F = \(u), ‖V‖_F = \(v) at t = \(t) make the fastest rate |λ| ≈ \(hLambda / abs(hs)) "
        + "(≈ ‖U‖² + ‖V‖²), so steps stay ≤ 3.3/|λ|; use a smaller --alpha (initialization scale), a shorter --t-end, "
        + "or a larger budget (\(remedy))"
    } else if grew {
      let which = u >= v ? "‖U‖_F" : "‖V‖_F"
      detail = "the flow grew: at t = \(t) ‖U‖_F = \(u), ‖V‖_F = \(v) (start \(u0), \(v0); balanced scale √‖X‖_F = "
        + "\(target.frobeniusNorm.squareRoot())), \(which) grew most and the step size fell to \(abs(h)); "
        + "use a smaller --alpha (initialization scale) or a shorter --t-end, or a larger budget (\(remedy))"
    } else {
      detail = "the flow stayed bounded (at t = \(t) ‖U‖_F = \(u), ‖V‖_F = \(v)) but the step size collapsed to \(abs(h)): "
        + "fast dynamics for this tolerance; use a smaller --alpha, a shorter --t-end, looser --rtol/--atol, or a larger budget (\(remedy))"
    }
    return .diagnosed(error, detail: detail)
  }

  /// ``integrateFlow(perturbation:tEnd:options:)`` that hands each accepted step's
  /// interpolant to `body` as soon as it is computed and keeps none of them, so memory
  /// stays at one step however long the integration (no dense output, no step states).
  ///
  /// `body` receives the step's ``DenseSegment`` and, after the last step, the final
  /// state (`nil` before). Errors thrown by `body` end the integration and pass through.
  public func integrateFlowStepwise(
    perturbation: any Perturbation = ZeroPerturbation(), tEnd: Double, options: IntegratorOptions,
    body: (DenseSegment, _ finalState: [Double]?) throws -> Void
  ) throws -> ODESolution {
    var o = options
    o.recordDenseOutput = false
    o.recordSteps = false
    o.recordLastSegment = true
    try validateFlowRun(tEnd: tEnd, options: o)
    var solver = try DormandPrince(system: FlowField(problem: self, perturbation: perturbation), t0: 0, y0: initialState,
                                   tEnd: tEnd, options: o)
    while true {
      let advanced: Bool
      do {
        advanced = try solver.step()
      } catch let error as IntegrationError {
        throw diagnose(error, t: solver.t, y: solver.y, h: solver.stepSize, options: o)
      }
      guard advanced, let segment = solver.lastSegment else { break }
      try body(segment, solver.isFinished ? solver.y : nil)
    }
    return solver.solution
  }

  /// ``integrateFlow(perturbation:tEnd:options:)`` and its dense output.
  public func integrateFlowDense(perturbation: any Perturbation = ZeroPerturbation(), tEnd: Double, options: IntegratorOptions) throws -> (ODESolution, DenseOutput) {
    var o = options
    o.recordDenseOutput = true
    let solution = try integrateFlow(perturbation: perturbation, tEnd: tEnd, options: o)
    guard let dense = solution.dense else { throw ProblemError.invalidValue("the integrator returned no dense output") }
    return (solution, dense)
  }
}

/// Takes a type's metadata as an argument, so the runtime must instantiate it (not inlined, so
/// the optimizer cannot drop the request).
@inline(never)
private func requireMetadata(_ type: Any.Type) {}
