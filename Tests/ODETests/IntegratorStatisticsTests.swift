import Foundation
import Testing
@testable import ODE
import Flow

/// NFCN bookkeeping checked by counting calls (the Fortran's count is checked
/// against the scipy fixtures in DOPRI5ParityTests).
@Suite("Integrator statistics")
struct IntegratorStatisticsTests {
  @Test("evaluations = 2 + 6·attempted with HINIT, 1 + 6·attempted with a user h0",
        arguments: [nil, 1e-3] as [Double?])
  func countCalls(initialStep: Double?) throws {
    let counting = ODETestProblems.Counting(inner: ODETestProblems.vanDerPol(mu: 1))
    var solver = try DormandPrince(system: counting, t0: 0, y0: [2, 0], tEnd: 20,
                                   options: IntegratorOptions(initialStep: initialStep))
    let sol = try solver.run()
    let s = sol.statistics
    #expect(s.evaluations == solver.system.calls)
    #expect(s.evaluations == (initialStep == nil ? 2 : 1) + 6 * s.attemptedSteps)
    #expect(s.attemptedSteps == s.acceptedSteps + s.allRejectedSteps)
    #expect(s.rejectedSteps <= s.allRejectedSteps && s.rejectedSteps > 0)
    #expect(sol.times.count == s.acceptedSteps + 1)
  }

  @Test("recording switches")
  func recording() throws {
    let options = IntegratorOptions(recordDenseOutput: false, recordSteps: false)
    let sol = try integrate(ODETestProblems.vanDerPol(mu: 1), from: 0, to: 20, y0: [2, 0], options: options)
    #expect(sol.dense == nil)
    #expect(sol.times == [0, 20] && sol.states.count == 2 && sol.states.last == sol.y)
  }
}
