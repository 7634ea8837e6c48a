import Foundation
import Testing
@testable import ODE
import Flow

/// The DOPRI5 continuous extension has order 4: its local error inside a step is
/// O(h⁵) (one order below the step's O(h⁶) local error). It is not propagated, so
/// with fixed steps the maximal interior error over [0, T] is O(h⁵) as well — the
/// same order as the 5th-order global error at the nodes.
@Suite("Dense output")
struct DenseOutputTests {
  static let system = ConvergenceTests.logistic
  static func exact(_ t: Double) -> Double { ConvergenceTests.logisticExact(t) }
  static let thetas = stride(from: 0.05, to: 1.0, by: 0.05).map { $0 }

  /// Local errors of one step from the exact y(t0): (max interior, endpoint).
  static func localErrors(h: Double) throws -> (interior: Double, endpoint: Double) {
    var s = system
    let t0 = 0.3
    let r = try DormandPrince<ClosureSystem>.fixedStep(&s, t: t0, y: [Self.exact(t0)], h: h)
    let interior = thetas.map { abs(r.interpolant(t0 + $0 * h)[0] - Self.exact(t0 + $0 * h)) }.max()!
    return (interior, abs(r.y[0] - Self.exact(t0 + h)))
  }

  @Test("local interpolation error is O(h^5), step error O(h^6)")
  func localOrder() throws {
    let e = try [0.2, 0.1, 0.05, 0.025].map { try Self.localErrors(h: $0) }
    let interior = ConvergenceTests.observedOrders(e.map(\.interior))
    let endpoint = ConvergenceTests.observedOrders(e.map(\.endpoint))
    print("dense local orders interior \(interior) endpoint \(endpoint)")
    for p in interior { #expect(p >= 4.6 && p <= 5.4) }
    // The step error converges at least one order faster than the interpolant.
    for (p, q) in zip(endpoint, interior) { #expect(p >= 5.6 && p <= 6.6 && p >= q + 0.8) }
  }

  /// Max interior error over [0, T] with `steps` fixed steps.
  static func globalInteriorError(steps: Int, T: Double) throws -> Double {
    var s = system
    var y = [0.1]
    let h = T / Double(steps)
    var worst = 0.0
    for i in 0..<steps {
      let t = Double(i) * h
      let r = try DormandPrince<ClosureSystem>.fixedStep(&s, t: t, y: y, h: h)
      for theta in thetas {
        worst = max(worst, abs(r.interpolant(t + theta * h)[0] - Self.exact(t + theta * h)))
      }
      y = r.y
    }
    return worst
  }

  @Test("global max interior error with fixed steps is O(h^5)")
  func globalOrder() throws {
    let errors = try [8, 16, 32, 64].map { try Self.globalInteriorError(steps: $0, T: 1) }
    let orders = ConvergenceTests.observedOrders(errors)
    print("dense global interior errors \(errors) orders \(orders)")
    for p in orders { #expect(p >= 4.5 && p <= 5.5) }
  }

  @Test("interpolant reproduces every accepted step exactly")
  func endpointsExact() throws {
    let sol = try integrate(ODETestProblems.vanDerPol(mu: 1), from: 0, to: 20, y0: [2, 0])
    let dense = try #require(sol.dense)
    #expect(dense.segmentCount == sol.times.count - 1)
    for (t, y) in zip(sol.times, sol.states) { #expect(dense(t) == y) }
    // Each segment's own end point (θ = 1) agrees with the next state to rounding.
    for i in 0..<dense.segmentCount {
      let seg = dense.segment(i)
      let end = seg(seg.tStart + seg.h)
      for j in end.indices {
        // θ = ((tStart + h) − tStart)/h and c0 + c1 = y + (y1 − y) each round once more.
        #expect(abs(end[j] - sol.states[i + 1][j]) <= 1e-14 * max(1, abs(sol.states[i + 1][j])))
      }
    }
  }

  @Test("adaptive dense output is accurate between steps")
  func adaptiveAccuracy() throws {
    let options = IntegratorOptions(relativeTolerance: 1e-10, absoluteTolerance: 1e-12)
    let sol = try integrate(Self.system, from: 0, to: 10, y0: [0.1], options: options)
    let dense = try #require(sol.dense)
    let worst = stride(from: 0.0, through: 10.0, by: 0.01).map { abs(dense($0)[0] - Self.exact($0)) }.max()!
    #expect(worst < 1e-9)
    #expect(dense.range == 0...10)
  }

  @Test("backward dense output and range errors")
  func backwardAndRange() throws {
    let osc = ClosureSystem(dimension: 2) { _, y, dy in dy[0] = y[1]; dy[1] = -y[0] }
    let options = IntegratorOptions(relativeTolerance: 1e-10, absoluteTolerance: 1e-12)
    let sol = try integrate(osc, from: 0, to: -6, y0: [1, 0], options: options)
    let dense = try #require(sol.dense)
    #expect(dense.range == -6...0)
    for t in stride(from: -6.0, through: 0, by: 0.37) {
      let y = dense(t)
      #expect(abs(y[0] - cos(t)) < 1e-8 && abs(y[1] + sin(t)) < 1e-8)
    }
    #expect(throws: IntegrationError.outsideDenseOutputRange(t: 0.5, lower: -6, upper: 0)) {
      try dense.value(at: 0.5)
    }
  }
}
