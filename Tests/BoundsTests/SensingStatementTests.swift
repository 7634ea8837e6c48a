import Bounds
import Flow
import Foundation
import Sensing
import Testing

/// The sensing statements' verdict logic on tiny cases, each with a planted
/// wrong variant (negative control) that the same check must reject.
///
/// Oracles: the L1-GD identity (the `η²` term is exact; without it the change
/// of `D` is first order in `η`·(step), far above round-off); forward Euler is
/// first order (C3: order 1 in `[0.8, 1.25]`, so a claimed order 2 must fail);
/// linear interpolation (C4's 50 % point); exact power laws (C5); the balanced
/// limit `‖Z‖ = √(2σ₁) > √σ₁` (C8 with factor 1 must fail).
@Suite("Sensing statements")
struct SensingStatementTests {
  static func results(_ s: some ExperimentStatement, _ budget: SweepPlan.ExperimentBudget = .quick) throws -> [String: JSONValue] {
    var out: [String: JSONValue] = [:]
    for u in s.experimentUnits(budget: budget) {
      #expect(u.key.hasPrefix(s.id + ":"))
      out[u.key] = try u.compute()
    }
    return out
  }

  @Test("L1-GD: the identity holds at the round-off floor, the conservation variant is rejected")
  func l1GD() throws {
    let c = SensingCase(n1: 7, n2: 5, k: 3, r: 2, m: 60)
    let problem = try SensingProblem.generate(c.spec)
    let options = GradientDescentOptions(eta: 0.25, steps: 40)
    let run = try GradientDescent(problem: problem, options: options).run()
    let wrong = try L1GDImbalance.conservationDefectRelative(problem, options: options)
    #expect(L1GDImbalance.verdict(relativeDefects: [run.imbalanceDefectRelative]).holds)
    #expect(!L1GDImbalance.verdict(relativeDefects: [wrong]).holds)
    #expect(wrong > 1e6 * max(run.imbalanceDefectRelative, 1))
    let page = try L1GDImbalance().experimentPage(try Self.results(L1GDImbalance()))
    #expect(page.verdict == "holds")
    #expect(page.sections.joined().contains("rejected on 2 of 2 runs"))
  }

  @Test("C3: order 1 on one small case; the order-2 variant is rejected")
  func c3() throws {
    let problem = try SensingProblem.generate(SensingCase(n1: 6, n2: 5, k: 2, r: 2, m: 60).spec)
    let g1 = try gdFlowGap(problem, eta: 0.2, steps: 40).maxGap
    let g2 = try gdFlowGap(problem, eta: 0.1, steps: 80).maxGap
    let orders = C3GradientDescentFollowsFlow.orders(gaps: [g1, g2])
    #expect(C3GradientDescentFollowsFlow().verdict(orders: orders).holds)
    #expect(!C3GradientDescentFollowsFlow(claimedOrder: 2).verdict(orders: orders).holds)
    // A planted second-order sequence is rejected by the order-1 claim.
    #expect(!C3GradientDescentFollowsFlow().verdict(orders: C3GradientDescentFollowsFlow.orders(gaps: [1, 0.25, 0.0625])).holds)
  }

  @Test("C4: 50 % point, c₇ calibration, noise slope 1 and the slope-2 variant")
  func c4() throws {
    #expect(abs((C4Recovery.halfPoint(xs: [1, 2, 3], probabilities: [0, 0.25, 0.75]) ?? 0) - 2.5) < 1e-12)
    #expect(C4Recovery.halfPoint(xs: [1, 2], probabilities: [0, 0.4]) == nil)
    #expect(C4Recovery.calibrateC7(grid: [2, 3, 5], successFractions: [[0, 1, 1], [0.5, 0.5, 1]]) == 5)
    // Noise: error ∝ σ_ξ on one small problem (recovery to the noise level).
    var spec = SensingCase(n1: 8, n2: 6, k: 2, r: 1, alpha: 1e-4, m: 70).spec
    let levels = [1e-3, 1e-2]
    let errors = try levels.map { sigma in
      spec.noise = sigma
      return try SensingExperiments.finalRelativeError(spec)
    }
    let slope = logLogSlope(x: levels, y: errors)
    #expect(C4Recovery().noiseVerdict(slope: slope))
    #expect(!C4Recovery(claimedNoiseSlope: 2).noiseVerdict(slope: slope))
    // Recovery at 5r(n1+n2) and failure below dof on one small case.
    let c = SensingCase(n1: 8, n2: 6, k: 2, r: 1, m: 0)
    #expect(try recoverySuccess(c.spec, m: 70, trials: 2, seed: 1).probability == 1)
    #expect(try recoverySuccess(c.spec, m: 10, trials: 2, seed: 1).errors.allSatisfy { $0 > C4Recovery.belowDof.largeError })
  }

  static func floorResults(_ id: String, exponents: [Double]) -> [String: JSONValue] {
    var out: [String: JSONValue] = [:]
    for (i, p) in exponents.enumerated() {
      let a0 = [1e-1, 1e-2, 1e-3]
      out["\(id):\(i)"] = .object([
        ("case", .string("synthetic \(i)")), ("a0", .array(a0.map { .number($0) })), ("errors", .array(a0.map { .number(0.5 * pow($0, p)) })),
        ("steps", .array([.number(1), .number(1), .number(1)])), ("sigmaR", .number(1)),
      ])
    }
    return out
  }

  @Test("C5: exact a₀^{4/3} data holds, a₀¹ data is rejected")
  func c5() throws {
    let s = C5ErrorFloor()
    #expect(try s.experimentPage(Self.floorResults(s.id, exponents: [4.0 / 3, 4.0 / 3])).verdict == "holds")
    #expect(try s.experimentPage(Self.floorResults(s.id, exponents: [4.0 / 3, 1])).verdict.hasPrefix("VIOLATED"))
    let steep = C5ErrorFloor(provedExponent: 2)
    #expect(try steep.experimentPage(Self.floorResults(steep.id, exponents: [4.0 / 3, 4.0 / 3])).verdict.hasPrefix("VIOLATED"))
  }

  @Test("C8: the norm bound holds on one small run; factor 1 (below the balanced √2) is rejected")
  func c8() throws {
    let problem = try SensingProblem.generate(SensingCase(n1: 5, n2: 4, k: 2, r: 1, m: 40).spec)
    let run = try C8NormBound.maxNorm(problem)
    let sigma1 = problem.problem.target.sigmaMax
    #expect(run.relativeError < 1e-2)
    func results(_ s: C8NormBound) -> [String: JSONValue] {
      ["\(s.id):0": .object([
        ("case", .string("5×4 k=2 r=1")), ("maxNorm", .number(run.maxNorm)), ("bound", .number(s.factor * sigma1.squareRoot())),
        ("a0", .number(run.a0)), ("a0Max", .number(1)), ("relativeError", .number(run.relativeError)),
      ])]
    }
    #expect(try C8NormBound().experimentPage(results(C8NormBound())).verdict == "holds")
    let wrong = C8NormBound(factor: 1)
    #expect(try wrong.experimentPage(results(wrong)).verdict.hasPrefix("VIOLATED"))
  }

  @Test("C6: linear synthetic data holds; quadratic growth and the slope-0.5 variant are rejected")
  func c6() throws {
    func results(_ id: String, power: Double) -> [String: JSONValue] {
      var out: [String: JSONValue] = [:]
      for (i, kappa) in [1.0, 2.0].enumerated() {
        let xi = [1e-3, 1e-2, 1e-1]
        out["\(id):\(i)"] = .object([
          ("case", .string("synthetic κ=\(kappa)")), ("kappa", .number(kappa)), ("levels", .array(xi.map { .number($0) })),
          ("xi", .array(xi.map { .number($0) })), ("errors", .array(xi.map { .number(0.3 * kappa * pow($0, power) / pow(1e-1, power - 1)) })),
        ])
      }
      return out
    }
    let s = C6PerturbationGrowth()
    #expect(try s.experimentPage(results(s.id, power: 1)).verdict == "holds")
    #expect(try s.experimentPage(results(s.id, power: 2)).verdict.hasPrefix("VIOLATED"))
    let wrong = C6PerturbationGrowth(maxSlope: 0.5)
    #expect(try wrong.experimentPage(results(wrong.id, power: 1)).verdict.hasPrefix("VIOLATED"))
  }

  @Test("C7: K ∝ L holds, K ∝ L² and the a₀-independent variant are rejected; one small run reaches 1e-2")
  func c7() throws {
    func results(_ id: String, power: Double) -> [String: JSONValue] {
      var out: [String: JSONValue] = [:]
      for i in 0..<2 {
        let ls = [20.0, 40, 80].map { $0 * Double(i + 1) }
        out["\(id):\(i)"] = .object([
          ("case", .string("synthetic \(i)")), ("L", .array(ls.map { .number($0) })), ("steps", .array(ls.map { .number(2 * pow($0, power)) })),
        ])
      }
      return out
    }
    let s = C7StepCount()
    #expect(try s.experimentPage(results(s.id, power: 1)).verdict == "holds")
    #expect(try s.experimentPage(results(s.id, power: 2)).verdict.hasPrefix("VIOLATED"))
    let wrong = C7StepCount(claimedExponent: 0)
    #expect(try wrong.experimentPage(results(wrong.id, power: 1)).verdict.hasPrefix("VIOLATED"))
    let problem = try SensingProblem.generate(SensingCase(n1: 6, n2: 5, k: 2, r: 1, m: 60).spec)
    let reach = try C7StepCount.stepsToReach(problem, eta: 0.25, maxSteps: 400)
    #expect(reach.steps != nil)
  }

  @Test("C9: b* ∝ r(n1+n2)κ holds; b* ∝ (r(n1+n2))² and the κ^0.5 variant are rejected")
  func c9() throws {
    func results(_ id: String, rnPower: Double) -> [String: JSONValue] {
      var out: [String: JSONValue] = [:]
      let rows: [(String, Double, Double)] = [("shape", 10, 1), ("shape", 20, 1), ("shape", 40, 1), ("kappa", 20, 1), ("kappa", 20, 2), ("kappa", 20, 4)]
      for (i, row) in rows.enumerated() {
        out["\(id):\(i)"] = .object([
          ("case", .string("synthetic \(i)")), ("group", .string(row.0)), ("rn", .number(row.1)), ("kappa", .number(row.2)),
          ("fresh", .number(0.5 * pow(row.1, rnPower) * row.2)), ("pool", .string("nan")), ("upper", .integer(1000)),
        ])
      }
      return out
    }
    let s = C9BatchSize()
    #expect(try s.experimentPage(results(s.id, rnPower: 1)).verdict == "holds")
    #expect(try s.experimentPage(results(s.id, rnPower: 2)).verdict.hasPrefix("VIOLATED"))
    let wrong = C9BatchSize(kappaExponent: 0.5)
    #expect(try wrong.experimentPage(results(wrong.id, rnPower: 1)).verdict.hasPrefix("VIOLATED"))
  }
}
