import Flow
import Foundation
import Testing
@testable import Sensing

@Suite("Sensing experiments (phase-2 measurements)")
struct ExperimentTests {
  static let spec = SensingSpec(problem: ProblemSpec(n1: 8, n2: 6, k: 2, r: 2, kappa: 2, alpha: 1e-2, seed: 1))

  @Test("recoverySuccess: probability 1 at m = 5r(n1+n2), 0 below dof; deterministic per seed")
  func recovery() throws {
    let good = try recoverySuccess(Self.spec, m: 140, trials: 2, seed: 3)
    #expect(good.probability == 1, "\(good.errors)")
    let bad = try recoverySuccess(Self.spec, m: 20, trials: 2, seed: 3)
    #expect(bad.probability == 0 && bad.errors.allSatisfy { $0 > 0.1 }, "\(bad.errors)")
    #expect(try recoverySuccess(Self.spec, m: 20, trials: 2, seed: 3).errors == bad.errors)
    #expect(try recoverySuccess(Self.spec, m: 20, trials: 2, seed: 4).errors != bad.errors)
  }

  @Test("smallestRecoveringBatch: the answer passes and b − 1 was evaluated and failed")
  func batchBisection() throws {
    let search = try smallestRecoveringBatch(Self.spec, lower: 4, upper: 120, fresh: true, trials: 1, seed: 2)
    let b = try #require(search.batchSize)
    #expect(b >= 4 && b <= 120)
    #expect(search.evaluations.contains { $0.batchSize == b && $0.fraction == 1 })
    if b > 4 { #expect(search.evaluations.contains { $0.batchSize == b - 1 && $0.fraction < 1 }) }
    #expect(search.evaluations.count <= 9)
  }

  @Test("errorFloor: one point per α with a₀ decreasing, errors decreasing, slope fitted")
  func floor() throws {
    var spec = Self.spec
    spec.measurements = 140
    spec.problem.k = 3
    let (points, slope) = try errorFloor(spec, alphas: [1e-2, 1e-3])
    #expect(points.count == 2 && points[0].a0 > points[1].a0)
    #expect(points[0].spectralError > points[1].spectralError)
    let expected = Foundation.log(points[0].spectralError / points[1].spectralError) / Foundation.log(points[0].a0 / points[1].a0)
    #expect(abs(slope - expected) <= 1e-12)
  }
}
