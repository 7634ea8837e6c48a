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
  /// Integrates the PGF `U̇ = (X − UVᵀ + E)V`, `V̇ = (X − UVᵀ + E)ᵀU` from
  /// `(U(0), V(0))` over `[0, tEnd]` with Dormand–Prince 5(4) (the factored
  /// right-hand side ``FlowField``).
  ///
  /// - Throws: ``ProblemError/invalidValue(_:)`` for a non-finite or
  ///   non-positive `tEnd` or tolerance, and the integrator's
  ///   ``IntegrationError`` (step budget, step-size underflow, …).
  public func integrateFlow(perturbation: any Perturbation = ZeroPerturbation(), tEnd: Double, options: IntegratorOptions) throws -> ODESolution {
    guard tEnd.isFinite, tEnd > 0 else {
      throw ProblemError.invalidValue("final time must be finite and > 0 (got \(tEnd)); e.g. --t-end 40")
    }
    guard options.relativeTolerance.isFinite, options.relativeTolerance > 0 else {
      throw ProblemError.invalidValue("relative tolerance must be finite and > 0 (got \(options.relativeTolerance)); e.g. --rtol 1e-8")
    }
    guard options.absoluteTolerance.isFinite, options.absoluteTolerance > 0 else {
      throw ProblemError.invalidValue("absolute tolerance must be finite and > 0 (got \(options.absoluteTolerance)); e.g. --atol 1e-12")
    }
    return try integrate(FlowField(problem: self, perturbation: perturbation), from: 0, to: tEnd, y0: initialState, options: options)
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
