import Foundation
import Testing
@testable import ODE

/// A stiffness fixture from scripts/gen_dopri5_fixtures.py: where Hairer's Fortran
/// DOPRI5 stops (IDID = −4) or completes with its stiffness test active.
struct StiffnessFixture: Decodable {
  let name: String
  let parameters: [Double]
  let t0: Double
  let tEnd: Double
  let y0: [Double]
  let relativeTolerance: Double
  let absoluteTolerance: Double
  let stiffnessCheckInterval: Int
  let idid: Int
  let times: [Double]
  let finalT: Double
  let finalState: [Double]
  let nfev: Int
  let nstep: Int
  let naccpt: Int
  let nrejct: Int

  static func load(_ name: String) throws -> StiffnessFixture { try loadIntegratorFixture(name) }
}

/// Hairer's stiffness test (h·λ > 3.25 on 15 consecutive tested steps, reset after
/// 6 non-stiff ones) against the Fortran, step for step.
@Suite("DOPRI5 stiffness detection")
struct StiffnessTests {
  @Test("stops where the Fortran returns IDID = −4, or completes where it does",
        arguments: ["vanderpol_stiff", "vanderpol_stiff_every1", "vanderpol30_every1"])
  func parity(name: String) throws {
    let fx = try StiffnessFixture.load(name)
    let options = IntegratorOptions(relativeTolerance: fx.relativeTolerance, absoluteTolerance: fx.absoluteTolerance,
                                    maxSteps: 1_000_000, stiffnessCheckInterval: fx.stiffnessCheckInterval,
                                    recordDenseOutput: false)
    var solver = try DormandPrince(system: ODETestProblems.vanDerPol(mu: fx.parameters[0]), t0: fx.t0,
                                   y0: fx.y0, tEnd: fx.tEnd, options: options)
    var times = [solver.t]
    var thrown: IntegrationError?
    do {
      while try solver.step() { times.append(solver.t) }
    } catch let error as IntegrationError {
      thrown = error
    }
    if fx.idid == -4 {
      guard case let .probablyStiff(t, _, hLambda, accepted)? = thrown else {
        Issue.record("expected probablyStiff, got \(String(describing: thrown))")
        return
      }
      #expect(accepted == fx.naccpt)
      #expect(t == fx.finalT)
      #expect(hLambda > 3.25)
      #expect(solver.t == fx.finalT)
      #expect(solver.y == fx.finalState)
      #expect(times == fx.times)
      #expect(thrown!.description.contains("implicit"))
    } else {
      #expect(thrown == nil)
      #expect(solver.isFinished)
      #expect(times.count == fx.times.count)
      #expect(zip(times, fx.times).allSatisfy { abs($0 - $1) <= 1e-12 * max(1, abs($1)) })
    }
    #expect(solver.statistics.acceptedSteps == fx.naccpt)
    #expect(solver.statistics.attemptedSteps == fx.nstep)
    #expect(solver.statistics.rejectedSteps == fx.nrejct)
    #expect(solver.statistics.evaluations == fx.nfev)
  }

  @Test("with the test disabled the stiff problem runs past the Fortran's stop")
  func disabled() throws {
    let fx = try StiffnessFixture.load("vanderpol_stiff")
    let options = IntegratorOptions(relativeTolerance: fx.relativeTolerance, absoluteTolerance: fx.absoluteTolerance,
                                    stiffnessCheckInterval: nil, recordDenseOutput: false, recordSteps: false)
    let sol = try integrate(ODETestProblems.vanDerPol(mu: 1000), from: 0, to: 2 * fx.finalT, y0: fx.y0, options: options)
    #expect(sol.status == .completed)
    #expect(sol.statistics.acceptedSteps > fx.naccpt)
  }
}

/// DOPRI5's tolerance rules: pure absolute or pure relative control, never neither.
@Suite("Tolerances and dimension as in DOPRI5")
struct ToleranceRuleTests {
  static let decay = ClosureSystem(dimension: 1) { _, y, dy in dy[0] = -y[0] }

  @Test("pure absolute control (rtol = 0) integrates y' = −y to within the tolerance")
  func pureAbsolute() throws {
    let sol = try integrate(Self.decay, from: 0, to: 2, y0: [1], options: IntegratorOptions(relativeTolerance: 0, absoluteTolerance: 1e-9))
    #expect(abs(sol.y[0] - exp(-2)) < 1e-7)
  }

  @Test("pure relative control (atol = 0), also with a component that starts at 0")
  func pureRelative() throws {
    let sol = try integrate(Self.decay, from: 0, to: 2, y0: [1], options: IntegratorOptions(relativeTolerance: 1e-9, absoluteTolerance: 0))
    #expect(abs(sol.y[0] - exp(-2)) < 1e-7 * exp(-2))
    // y = (sin t, cos t) from (0, 1): the first component's weight starts at 0.
    let rotation = ClosureSystem(dimension: 2) { _, y, dy in dy[0] = y[1]; dy[1] = -y[0] }
    let r = try integrate(rotation, from: 0, to: 1, y0: [0, 1], options: IntegratorOptions(relativeTolerance: 1e-9, absoluteTolerance: 0))
    #expect(abs(r.y[0] - sin(1)) < 1e-7 && abs(r.y[1] - cos(1)) < 1e-7)
  }

  @Test("both tolerances 0 are refused, naming the component for vector tolerances")
  func bothZero() {
    #expect(throws: IntegrationError.zeroTolerances(component: nil)) {
      try integrate(Self.decay, from: 0, to: 1, y0: [1], options: IntegratorOptions(relativeTolerance: 0, absoluteTolerance: 0))
    }
    let two = ClosureSystem(dimension: 2) { _, y, dy in dy[0] = -y[0]; dy[1] = -y[1] }
    #expect(throws: IntegrationError.zeroTolerances(component: 1)) {
      try integrate(two, from: 0, to: 1, y0: [1, 1], options: IntegratorOptions(relativeTolerance: 0, absoluteTolerances: [1e-9, 0]))
    }
    #expect(IntegrationError.zeroTolerances(component: nil).description.contains("--rtol"))
  }

  @Test("dimension 0 is refused with a one-line message")
  func emptySystem() {
    let empty = ClosureSystem(dimension: 0) { _, _, _ in }
    #expect(throws: IntegrationError.emptySystem) { try integrate(empty, from: 0, to: 1, y0: []) }
    #expect(!IntegrationError.emptySystem.description.contains("\n"))
  }
}
