import Bounds
import ClientStatements
import Foundation
import Testing

@Suite("Client statements")
struct ClientStatementsTests {
  @Test("‖N_U‖_F never grows without a perturbation", arguments: [1, 2] as [UInt64])
  func noiseNeverGrows(seed: UInt64) {
    let result = FalsificationSearch(NoiseNeverGrows(), seed: seed).run()
    #expect(!result.foundCounterexample, "\(result.report)")
  }

  @Test("P1 holds under the client's pulse family")
  func productBound() throws {
    let problem = try ProblemSpec(n1: 6, n2: 5, k: 3, r: 2, kappa: 2, alpha: 0.1, seed: 4).problem()
    let spec = try PerturbationSpec(parsing: "pulse:0.3", families: Catalogue.client.families)
    let verdict = try ProductBound().check(Scenario(problem: problem, perturbation: spec, tEnd: 10))
    #expect(verdict.holds == true && verdict.hypothesisHolds == nil)
  }
}
