import Flow
import Foundation
import Testing
@testable import Sensing

@Suite("Sensing flow and the GD-to-flow gap")
struct SensingFlowTests {
  @Test("the PGF with the sensing family is the gradient flow of f = ½‖𝒜(UVᵀ) − y‖² (central differences)",
        arguments: OperatorKind.allCases)
  func gradientFlow(kind: OperatorKind) throws {
    let sp = try SensingCases.make(n1: 5, n2: 4, k: 2, r: 1, m: 23, kind: kind, noise: 0.1, alpha: 0.4)
    let p = sp.problem
    var field = FlowField(problem: p, perturbation: SensingPerturbation(sp))
    let y0 = p.initialState
    var dydt = [Double](repeating: 0, count: y0.count)
    try field.evaluate(0, y0, into: &dydt)
    func loss(_ y: [Double]) -> Double {
      let u = Matrix(rows: p.n1, columns: p.k, elements: Array(y[0..<(p.n1 * p.k)]))
      let v = Matrix(rows: p.n2, columns: p.k, elements: Array(y[(p.n1 * p.k)...]))
      return 0.5 * zip(sp.measurementOperator.apply(u.timesTransposed(v)), sp.measurements).map { ($0 - $1) * ($0 - $1) }.reduce(0, +)
    }
    let h = 1e-5
    for i in 0..<y0.count {
      var plus = y0, minus = y0
      plus[i] += h
      minus[i] -= h
      let derivative = (loss(plus) - loss(minus)) / (2 * h)
      #expect(abs(-derivative - dydt[i]) <= 1e-7, "component \(i)")
    }
  }

  @Test("the sensing family parses as sensing:M, is seeded, and refuses a non-integer M")
  func family() throws {
    let p = try Problem.generate(ProblemSpec(n1: 6, n2: 5, k: 2, r: 1, kappa: 1, alpha: 0.1, seed: 1))
    let (family, size) = try #require(try SensingFamily.parse("sensing:40"))
    #expect(family.name == "sensing" && size == 40)
    let a = try family.make(problem: p, size: size, seed: 3)
    let b = try family.make(problem: p, size: size, seed: 3)
    let c = try family.make(problem: p, size: size, seed: 4)
    let ctx = PerturbationContext(t: 0, target: p.target, u: p.u0, v: p.v0)
    #expect(try a.products(ctx).ev == b.products(ctx).ev)
    #expect(try a.products(ctx).ev != c.products(ctx).ev)
    #expect(a.name == "sensing:40")
    #expect(try SensingFamily.parse("rotating:0.1") == nil)
    #expect(throws: SensingError.self) { try family.make(problem: p, size: 2.5, seed: 1) }
    #expect(throws: SensingError.self) { try SensingFamily.parse("sensing") }
  }

  @Test("GD follows the sensing flow at order 1 in η (halving η halves the gap)")
  func orderOne() throws {
    let sp = try SensingCases.make(n1: 6, n2: 5, k: 2, r: 2, m: 60, alpha: 0.1, seed: 3)
    let (gap, half, order) = try gdFlowOrder(sp, eta: 0.1, steps: 60)
    #expect(gap > 0 && half > 0)
    #expect(order > 0.8 && order < 1.25, "gaps \(gap), \(half): observed order \(order)")
  }

  @Test("the factored distance ‖U₁V₁ᵀ − U₂V₂ᵀ‖_F equals the dense one")
  func factoredDistance() throws {
    var rng = SeededGenerator(seed: 8)
    let u1 = rng.gaussianMatrix(rows: 7, columns: 3), v1 = rng.gaussianMatrix(rows: 5, columns: 3)
    let u2 = rng.gaussianMatrix(rows: 7, columns: 3), v2 = rng.gaussianMatrix(rows: 5, columns: 3)
    let dense = (u1.timesTransposed(v1) - u2.timesTransposed(v2)).frobeniusNorm
    #expect(abs(try Sensing.factoredDistance(u1: u1, v1: v1, u2: u2, v2: v2) - dense) <= 1e-12 * dense)
  }
}
