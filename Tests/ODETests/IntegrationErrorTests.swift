import Foundation
import Testing
@testable import ODE
import Flow

@Suite("Integration errors")
struct IntegrationErrorTests {
  static let decay = ClosureSystem(dimension: 1) { _, y, dy in dy[0] = -y[0] }

  @Test("negative relative tolerance")
  func negativeRtol() {
    let options = IntegratorOptions(relativeTolerance: -1e-3)
    #expect(throws: IntegrationError.invalidTolerance(name: "relative tolerance", value: -1e-3)) {
      try integrate(Self.decay, from: 0, to: 1, y0: [1], options: options)
    }
    let message = IntegrationError.invalidTolerance(name: "relative tolerance", value: -1e-3).description
    #expect(message.contains("relative tolerance must be finite and ≥ 0") && message.contains("--rtol"))
  }

  @Test("zero, NaN and wrong-size absolute tolerances")
  func badAtol() {
    #expect(throws: IntegrationError.invalidTolerance(name: "absolute tolerance", value: -1)) {
      try integrate(Self.decay, from: 0, to: 1, y0: [1], options: IntegratorOptions(absoluteTolerance: -1))
    }
    #expect(throws: IntegrationError.self) {
      try integrate(Self.decay, from: 0, to: 1, y0: [1], options: IntegratorOptions(relativeTolerance: .nan))
    }
    #expect(throws: IntegrationError.dimensionMismatch(expected: 1, found: 2)) {
      try integrate(Self.decay, from: 0, to: 1, y0: [1], options: IntegratorOptions(absoluteTolerances: [1, 1]))
    }
  }

  @Test("NaN initial state, wrong dimension, empty time span")
  func badInputs() {
    #expect(throws: IntegrationError.nonFiniteInitialState) {
      try integrate(Self.decay, from: 0, to: 1, y0: [.nan])
    }
    #expect(throws: IntegrationError.dimensionMismatch(expected: 1, found: 2)) {
      try integrate(Self.decay, from: 0, to: 1, y0: [1, 2])
    }
    #expect(throws: IntegrationError.invalidTimeSpan(t0: 1, tEnd: 1)) {
      try integrate(Self.decay, from: 1, to: 1, y0: [1])
    }
    #expect(throws: IntegrationError.invalidStep(name: "maxStep", value: -1)) {
      try integrate(Self.decay, from: 0, to: 1, y0: [1], options: IntegratorOptions(maxStep: -1))
    }
  }

  @Test("NaN appearing in a stage")
  func nanDerivative() {
    let poisoned = ClosureSystem(dimension: 1) { t, y, dy in dy[0] = t > 0.5 ? .nan : -y[0] }
    do {
      _ = try integrate(poisoned, from: 0, to: 1, y0: [1])
      Issue.record("expected nonFiniteDerivative")
    } catch let IntegrationError.nonFiniteDerivative(t) {
      #expect(t > 0.5 && t <= 1)
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test("step budget exhausted")
  func budget() {
    let options = IntegratorOptions(maxSteps: 5)
    do {
      var solver = try DormandPrince(system: ODETestProblems.vanDerPol(mu: 1), t0: 0, y0: [2, 0], tEnd: 20,
                                     options: options)
      do {
        _ = try solver.run()
        Issue.record("expected stepBudgetExhausted")
      } catch let IntegrationError.stepBudgetExhausted(t, maxSteps) {
        #expect(maxSteps == 5 && t > 0 && t < 20)
        #expect(solver.statistics.attemptedSteps == 5)
        #expect(IntegrationError.stepBudgetExhausted(t: t, maxSteps: 5).description.contains("raise maxSteps"))
      }
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test("step-size underflow at the blow-up of y' = y²")
  func underflow() {
    let blowUp = ClosureSystem(dimension: 1) { _, y, dy in dy[0] = y[0] * y[0] }
    do {
      _ = try integrate(blowUp, from: 0, to: 2, y0: [1])
      Issue.record("expected stepSizeUnderflow")
    } catch let IntegrationError.stepSizeUnderflow(t, h) {
      #expect(abs(t - 1) < 1e-3)  // y = 1/(1 − t) blows up at t = 1
      #expect(0.1 * abs(h) <= abs(t) * 2.3e-16)
      #expect(IntegrationError.stepSizeUnderflow(t: t, h: h).description.contains("loosen the tolerances"))
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  struct Failing: ODESystem {
    struct Boom: Error {}
    var dimension: Int { 1 }
    func evaluate(_ t: Double, _ y: [Double], into dydt: inout [Double]) throws { throw Boom() }
  }

  @Test("errors thrown by the system are wrapped")
  func systemFailure() {
    #expect(throws: IntegrationError.systemFailure("Boom()")) {
      try integrate(Failing(), from: 0, to: 1, y0: [1])
    }
  }
}
