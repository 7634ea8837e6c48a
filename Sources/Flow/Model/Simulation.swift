import Foundation

/// One integration of the PGF from a problem's `(U(0), V(0))` to `tEnd`, and
/// the summary the CLI prints.
public struct Simulation: Sendable {
  /// The problem.
  public let problem: Problem
  /// The perturbation.
  public let perturbation: any Perturbation
  /// Final time `T` (default 40).
  public var tEnd: Double
  /// Integrator settings (defaults: rtol 1e-8, atol 1e-12).
  public var options: IntegratorOptions

  /// A simulation; validates `tEnd > 0` and the tolerances.
  public init(problem: Problem, perturbation: any Perturbation = ZeroPerturbation(), tEnd: Double = 40, options: IntegratorOptions = Simulation.defaultOptions) throws {
    guard tEnd.isFinite, tEnd > 0 else {
      throw ProblemError.invalidValue("final time must be finite and > 0 (got \(tEnd)); e.g. --t-end 40")
    }
    self.problem = problem
    self.perturbation = perturbation
    self.tEnd = tEnd
    self.options = options
  }

  /// rtol 1e-8, atol 1e-12, step budget 100 000, accepted steps kept, no dense output.
  public static var defaultOptions: IntegratorOptions {
    .flow(denseOutput: false)
  }

  /// Integrates with Dormand–Prince 5(4) and summarizes the final state.
  public func run() throws -> SimulationResult {
    Problem.prepareFlowIntegration()  // the runtime's one-time costs stay outside the clock
    let clock = ContinuousClock()
    let start = clock.now
    let solution = try problem.integrateFlow(perturbation: perturbation, tEnd: tEnd, options: options)
    let elapsed = start.duration(to: clock.now)
    let initial = try FlowState(t: 0, target: problem.target, u: problem.u0, v: problem.v0)
    let final = try FlowState(t: solution.finalTime, target: problem.target, k: problem.k, y: solution.finalState)
    return SimulationResult(solution: solution, initial: initial, final: final, perturbationName: perturbation.name,
      integrationSeconds: elapsed.seconds)
  }
}

/// What a simulation produced.
public struct SimulationResult: Sendable {
  /// The integrator's output (accepted steps, statistics).
  public let solution: ODESolution
  /// The state at `t = 0`.
  public let initial: FlowState
  /// The state at the final time.
  public let final: FlowState
  /// The perturbation's name.
  public let perturbationName: String
  /// Wall-clock seconds spent in the integration alone (``Problem/integrateFlow(perturbation:tEnd:options:)``),
  /// measured with `ContinuousClock`; excludes problem set-up, the final summaries and the
  /// runtime's one-time costs (``Problem/prepareFlowIntegration()``).
  public let integrationSeconds: Double

  /// `‖R(T)‖_F`.
  public var residualFrobenius: Double { final.residualNorms.frobenius }
  /// `‖R(T)‖`.
  public var residualSpectral: Double { final.residualNorms.spectral }
  /// `‖R(T)‖_F/‖X‖_F`.
  public var relativeResidual: Double { residualFrobenius / final.target.frobeniusNorm }
  /// `‖D(T) − D(0)‖_F`, the integration error in the conserved imbalance (L1).
  public var imbalanceDrift: Double { (final.imbalance - initial.imbalance).frobeniusNorm }
  /// `‖D(0)‖_F`.
  public var initialImbalance: Double { initial.imbalance.frobeniusNorm }
}

extension Duration {
  /// The duration in seconds.
  var seconds: Double {
    let c = components
    return Double(c.seconds) + Double(c.attoseconds) * 1e-18
  }
}
