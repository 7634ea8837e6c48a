/// Integrates `y' = f(t, y)` from `(t0, y0)` to `tEnd` with ``DormandPrince``.
///
/// - Parameters:
///   - system: The right-hand side.
///   - t0: Initial time.
///   - tEnd: Final time; may be smaller than `t0` (backward integration).
///   - y0: Initial state, `system.dimension` components.
///   - options: Tolerances and controller settings (defaults: rtol 1e-6, atol 1e-9).
///   - events: Event functions to locate (default none).
/// - Returns: Accepted steps, dense output, events, statistics and status.
/// - Throws: ``IntegrationError``.
public func integrate<S: ODESystem>(
  _ system: S, from t0: Double, to tEnd: Double, y0: [Double],
  options: IntegratorOptions = .init(), events: [Event] = []
) throws -> ODESolution {
  var solver = try DormandPrince(system: system, t0: t0, y0: y0, tEnd: tEnd, options: options, events: events)
  return try solver.run()
}
