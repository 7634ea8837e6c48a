import Bounds
import Flow
import Foundation
import Testing

@Suite("Identities")
struct IdentityTests {
  @Test("L1 and L7 hold on every case", arguments: Cases.shapes, Cases.perturbations)
  func identities(shape: Cases.Shape, perturbation: String) throws {
    for seed in Cases.seeds {
      let context = CheckContext(try Cases.make(shape, perturbation, seed: seed))
      for lemma: any Lemma in [L1Imbalance(), L7ResidualDecomposition()] {
        let v = try lemma.check(context)
        #expect(v.holds, "\(v.lemma) on \(v.caseLabel): defect \(-v.worstSlack) at t=\(v.at), parts \(v.parts.map { ($0.name, $0.shrinkRatio ?? 0, $0.integrationBudget) })")
      }
    }
  }
}
