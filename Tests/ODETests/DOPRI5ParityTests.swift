import Foundation
import Testing
@testable import ODE
import Flow

/// Step-for-step parity with Hairer's Fortran DOPRI5 (via scipy.integrate.ode),
/// fixtures from scripts/gen_dopri5_fixtures.py.
@Suite("DOPRI5 parity with the Fortran")
struct DOPRI5ParityTests {
  static let names = ["vanderpol", "lotkavolterra_hmax", "lotkavolterra_backward", "arenstorf", "gradientflow"]

  @Test("accepted steps, states and counters match the Fortran", arguments: names)
  func parity(name: String) throws {
    let fx = try DOPRI5Fixture.load(name)
    let p = fx.parameters
    switch fx.problem {
    case "vanderpol": try check(fx, ODETestProblems.vanDerPol(mu: p[0]))
    case "lotkavolterra": try check(fx, ODETestProblems.lotkaVolterra(p[0], p[1], p[2], p[3]))
    case "arenstorf": try check(fx, ODETestProblems.arenstorf(mu: p[0]))
    case "gradientflow":
      let n1 = Int(p[0]), n2 = Int(p[1]), k = Int(p[2])
      try check(fx, ODETestProblems.GradientFlow(n1: n1, n2: n2, k: k, x: Array(p[3...])))
    default: Issue.record("unknown problem \(fx.problem)")
    }
  }

  static func flowProblem(_ fx: DOPRI5Fixture) throws -> Problem {
    let p = fx.parameters
    let n1 = Int(p[0]), n2 = Int(p[1]), k = Int(p[2])
    return try Problem(
      x: Matrix(rows: n1, columns: n2, elements: Array(p[3...])),
      u0: Matrix(rows: n1, columns: k, elements: Array(fx.y0[0..<(n1 * k)])),
      v0: Matrix(rows: n2, columns: k, elements: Array(fx.y0[(n1 * k)...])))
  }

  @Test("the package's FlowField, dense path, reproduces the Fortran flow trajectory step for step")
  func flowFieldDenseParity() throws {
    let fx = try DOPRI5Fixture.load("gradientflow")
    try check(fx, FlowField(problem: try Self.flowProblem(fx), evaluation: .dense))
  }

  /// The factored right-hand side equals the dense one only up to rounding
  /// (~1e-16 relative). The embedded error estimate is a cancellation: it is
  /// ~atol in size and built from O(1) stages, so a rounding change of 1e-16 in
  /// f moves `err` by up to ~1e-6 relative and each new h by 0.17× that. Step
  /// times therefore agree to ~1e-8, not to the last bit; the step sequence
  /// (counts of accepted and rejected steps) must be identical.
  @Test("the package's FlowField, factored path, follows the Fortran step sequence up to rounding")
  func flowFieldFactoredParity() throws {
    let fx = try DOPRI5Fixture.load("gradientflow")
    let options = IntegratorOptions(relativeTolerance: fx.relativeTolerance, absoluteTolerance: fx.absoluteTolerance ?? 1e-9)
    let sol = try integrate(FlowField(problem: try Self.flowProblem(fx)), from: fx.t0, to: fx.tEnd, y0: fx.y0, options: options)
    #expect(sol.statistics.acceptedSteps == fx.naccpt)
    #expect(sol.statistics.rejectedSteps == fx.nrejct)
    let maxTimeDiff = zip(sol.times, fx.times).map { abs($0 - $1) / abs($1) }.filter(\.isFinite).max() ?? 0
    #expect(maxTimeDiff <= 1e-7)
    let scale = fx.finalState.map(abs).max()!
    #expect(zip(sol.y, fx.finalState).map { abs($0 - $1) }.max()! <= 1e-9 * scale)
  }

  private func check<S: ODESystem>(_ fx: DOPRI5Fixture, _ system: S) throws {
    let options = IntegratorOptions(
      relativeTolerance: fx.relativeTolerance, absoluteTolerance: fx.absoluteTolerance ?? 1e-9,
      initialStep: fx.initialStep, maxStep: fx.maxStep, maxSteps: 1_000_000)
    let sol = try integrate(system, from: fx.t0, to: fx.tEnd, y0: fx.y0, options: options)

    #expect(sol.status == .completed)
    #expect(sol.times.count == fx.times.count)
    #expect(sol.statistics.acceptedSteps == fx.naccpt)
    #expect(sol.statistics.rejectedSteps == fx.nrejct)
    #expect(sol.statistics.attemptedSteps == fx.nstep)
    // The Fortran adds 2 to NFCN even when HINIT is skipped (user h0).
    #expect(sol.statistics.evaluations == fx.nfev - (fx.initialStep == nil ? 0 : 1))
    #expect(sol.statistics.evaluations == 2 + 6 * sol.statistics.attemptedSteps - (fx.initialStep == nil ? 0 : 1))

    var maxTimeDiff = 0.0
    for (ts, tf) in zip(sol.times, fx.times) {
      let scale = max(abs(tf), Double.leastNormalMagnitude)
      maxTimeDiff = max(maxTimeDiff, abs(ts - tf) / scale)
    }
    #expect(maxTimeDiff <= 1e-10)

    func relDiff(_ a: [Double], _ b: [Double]) -> Double {
      let scale = max(b.map(abs).max() ?? 0, Double.leastNormalMagnitude)
      return zip(a, b).map { abs($0 - $1) }.max()! / scale
    }
    var maxStateDiff = 0.0
    for (index, expected) in zip(fx.stateIndices, fx.states) where index < sol.states.count {
      maxStateDiff = max(maxStateDiff, relDiff(sol.states[index], expected))
    }
    let finalDiff = relDiff(sol.y, fx.finalState)
    #expect(maxStateDiff <= 1e-9)
    #expect(finalDiff <= 1e-9)
    #expect(abs(sol.t - fx.finalT) <= 1e-10 * abs(fx.finalT))
    print("parity \(fx.name): steps \(sol.statistics.acceptedSteps)/\(fx.naccpt) "
      + "rejected \(sol.statistics.rejectedSteps)/\(fx.nrejct) nfev \(sol.statistics.evaluations)/\(fx.nfev) "
      + "max rel dt \(maxTimeDiff) max rel dy \(maxStateDiff) final \(finalDiff)")
  }
}

extension DOPRI5ParityTests {
  /// Negative control: the parity oracle is sensitive to the controller. Without
  /// Lund stabilisation (β = 0) the step sequence departs from the Fortran's.
  @Test("parity oracle detects a changed controller")
  func parityIsSensitive() throws {
    let fx = try DOPRI5Fixture.load("vanderpol")
    let options = IntegratorOptions(relativeTolerance: fx.relativeTolerance,
                                    absoluteTolerance: fx.absoluteTolerance ?? 1e-9, beta: 0)
    let sol = try integrate(ODETestProblems.vanDerPol(mu: 1), from: fx.t0, to: fx.tEnd, y0: fx.y0, options: options)
    let maxDiff = zip(sol.times, fx.times).map { abs($0 - $1) }.max() ?? 0
    #expect(sol.times.count != fx.times.count || maxDiff > 1e-6)
  }

  /// Stepping manually with `step()` reproduces `run()` and the Fortran's step times.
  @Test("step() reproduces run() step by step")
  func manualStepping() throws {
    let fx = try DOPRI5Fixture.load("arenstorf")
    let options = IntegratorOptions(relativeTolerance: fx.relativeTolerance,
                                    absoluteTolerance: fx.absoluteTolerance ?? 1e-9, recordDenseOutput: false)
    var solver = try DormandPrince(system: ODETestProblems.arenstorf(mu: fx.parameters[0]), t0: fx.t0,
                                   y0: fx.y0, tEnd: fx.tEnd, options: options)
    var times = [solver.t]
    while try solver.step() {
      times.append(solver.t)
      #expect(solver.lastSegment == nil)  // neither dense output nor events requested
    }
    #expect(solver.isFinished)
    #expect(try solver.step() == false)
    #expect(times == fx.times.enumerated().map { $0.offset == fx.times.count - 1 ? fx.tEnd : $0.element })
  }
}
