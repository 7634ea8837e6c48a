import Flow
import Foundation
import Testing

/// The reference solutions of theory.md §6, integrated with the package's
/// Dormand–Prince and compared with closed forms.
@Suite("Closed forms (theory.md §6)")
struct ClosedFormTests {
  static var tight: IntegratorOptions {
    var o = IntegratorOptions()
    o.relativeTolerance = 1e-11
    o.absoluteTolerance = 1e-14
    o.recordDenseOutput = false
    return o
  }

  /// `w(t) = σ / (1 + (σ/w₀ − 1)e^{−2σt})`.
  static func logistic(sigma: Double, w0: Double, t: Double) -> Double {
    sigma / (1 + (sigma / w0 - 1) * exp(-2 * sigma * t))
  }

  static func scalarProblem(sigma: Double, u0: Double, v0: Double) throws -> Problem {
    try Problem(
      x: Matrix(rows: 1, columns: 1, elements: [sigma]),
      u0: Matrix(rows: 1, columns: 1, elements: [u0]),
      v0: Matrix(rows: 1, columns: 1, elements: [v0]))
  }

  @Test("scalar balanced flow is logistic", arguments: [(1.0, 1e-3), (2.5, 0.1), (0.3, 1e-2)], [0.5, 3.0, 12.0])
  func scalarBalanced(case c: (Double, Double), t: Double) throws {
    let (sigma, u0) = c
    let problem = try Self.scalarProblem(sigma: sigma, u0: u0, v0: u0)
    let solution = try integrate(FlowField(problem: problem), from: 0, to: t, y0: problem.initialState, options: Self.tight)
    let w = solution.finalState[0] * solution.finalState[1]
    let exact = Self.logistic(sigma: sigma, w0: u0 * u0, t: t)
    #expect(abs(w - exact) <= 1e-8 * exact, "w(\(t)) = \(w), exact \(exact)")
  }

  /// `t(w) = ∫_{w₀}^{w} dv / ((σ − v)√(d² + 4v²))` by composite Gauss–Legendre
  /// on a log-spaced grid (the integrand varies over decades near w₀ and σ).
  static func timeToReach(_ w: Double, from w0: Double, sigma: Double, d: Double) -> Double {
    let nodes = [-0.906179845938664, -0.538469310105683, 0, 0.538469310105683, 0.906179845938664]
    let weights = [0.236926885056189, 0.478628670499366, 0.568888888888889, 0.478628670499366, 0.236926885056189]
    // Substitute v = σ − (σ − w₀)e^{−s}: dv = (σ − v) ds, so the integrand is 1/√(d² + 4v²) in s.
    let s1 = log((sigma - w0) / (sigma - w))
    let panels = 4000
    let h = s1 / Double(panels)
    var total = 0.0
    for p in 0..<panels {
      let mid = (Double(p) + 0.5) * h
      for (x, wt) in zip(nodes, weights) {
        let s = mid + 0.5 * h * x
        let v = sigma - (sigma - w0) * exp(-s)
        total += 0.5 * h * wt / (d * d + 4 * v * v).squareRoot()
      }
    }
    return total
  }

  @Test("scalar flow with imbalance d = u² − v² solves ẇ = (σ − w)√(d² + 4w²)", arguments: [(1.0, 0.3, 0.1), (2.0, 0.05, 0.2), (0.5, 0.02, 0.01)])
  func scalarImbalanced(case c: (Double, Double, Double)) throws {
    let (sigma, u0, v0) = c
    let problem = try Self.scalarProblem(sigma: sigma, u0: u0, v0: v0)
    let tEnd = 4 / sigma
    let solution = try integrate(FlowField(problem: problem), from: 0, to: tEnd, y0: problem.initialState, options: Self.tight)
    let (u, v) = (solution.finalState[0], solution.finalState[1])
    let d = u0 * u0 - v0 * v0
    #expect(abs((u * u - v * v) - d) <= 1e-12, "imbalance not conserved")
    let reached = Self.timeToReach(u * v, from: u0 * v0, sigma: sigma, d: d)
    #expect(abs(reached - tEnd) <= 1e-7 * tEnd, "t(w(T)) = \(reached), T = \(tEnd)")
  }

  @Test("aligned matrix initialization decouples into logistic modes", arguments: [(8, 6, 3), (5, 9, 2)])
  func alignedModes(shape: (Int, Int, Int)) throws {
    let (n1, n2, r) = shape
    let sigma = (0..<r).map { 2.0 / Double($0 + 1) }
    var rng = SeededGenerator(seed: 11)
    let phi = rng.gaussianMatrix(rows: n1, columns: r).orthonormalColumns()
    let psi = rng.gaussianMatrix(rows: n2, columns: r).orthonormalColumns()
    let target = try Target(phi: phi, sigma: sigma, psi: psi)
    let a0 = (0..<r).map { 1e-2 * Double($0 + 1) }  // diagonal A₀ (k = r)
    let u0 = phi * Matrix.diagonal(a0)
    let v0 = psi * Matrix.diagonal(a0)
    let problem = try Problem(target: target, u0: u0, v0: v0)
    for t in [1.0, 4.0, 9.0] {
      let solution = try integrate(FlowField(problem: problem), from: 0, to: t, y0: problem.initialState, options: Self.tight)
      let state = try FlowState(t: t, target: target, k: r, y: solution.finalState)
      var expected = Matrix(rows: n1, columns: n2)
      for i in 0..<r {
        let w = Self.logistic(sigma: sigma[i], w0: a0[i] * a0[i], t: t)
        for p in 0..<n1 { for q in 0..<n2 { expected[p, q] += w * phi[p, i] * psi[q, i] } }
      }
      #expect(TestProblems.maxDifference(state.product(), expected) <= 1e-8, "t = \(t)")
    }
  }

  @Test("a constant E gives the gradient flow with target X + E", arguments: [0.05, 0.3])
  func constantPerturbation(size: Double) throws {
    let problem = try TestProblems.make(n1: 10, n2: 7, k: 3, r: 2, alpha: 0.05)
    let fixed = try FixedPerturbation(size: size, n1: problem.n1, n2: problem.n2, seed: 9)
    let shifted = try Problem(x: problem.x + fixed.e, u0: problem.u0, v0: problem.v0)
    let tEnd = 6.0
    let perturbed = try integrate(FlowField(problem: problem, perturbation: fixed), from: 0, to: tEnd, y0: problem.initialState, options: Self.tight)
    let plain = try integrate(FlowField(problem: shifted), from: 0, to: tEnd, y0: shifted.initialState, options: Self.tight)
    let scale = plain.finalState.map(abs).max()!
    #expect(TestProblems.maxDifference(perturbed.finalState, plain.finalState) <= 1e-8 * scale)
  }
}
