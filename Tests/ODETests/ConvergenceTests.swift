import Foundation
import Testing
@testable import ODE
import Flow

/// Fixed-step convergence orders by step halving (global error at T).
@Suite("Fixed-step convergence")
struct ConvergenceTests {
  /// y' = −y², y(0) = 1  ⇒  y(t) = 1/(1 + t).
  static let riccati = ClosureSystem(dimension: 1) { _, y, dy in dy[0] = -y[0] * y[0] }
  static func exact(_ t: Double) -> Double { 1 / (1 + t) }

  /// Logistic equation y' = y(1 − y), y(0) = 0.1  ⇒  y(t) = 1/(1 + 9e^{−t}).
  static let logistic = ClosureSystem(dimension: 1) { _, y, dy in dy[0] = y[0] * (1 - y[0]) }
  static func logisticExact(_ t: Double) -> Double { 1 / (1 + 9 * exp(-t)) }

  /// Global error at T of `steps` fixed steps on the logistic equation, propagating
  /// the 5th-order or the embedded 4th-order solution.
  static func globalError(steps: Int, T: Double, embedded: Bool) throws -> Double {
    var system = logistic
    var y = [0.1]
    let h = T / Double(steps)
    for i in 0..<steps {
      let r = try DormandPrince<ClosureSystem>.fixedStep(&system, t: Double(i) * h, y: y, h: h)
      y = embedded ? r.yEmbedded : r.y
    }
    return abs(y[0] - logisticExact(T))
  }

  static func observedOrders(_ errors: [Double]) -> [Double] {
    zip(errors, errors.dropFirst()).map { log2($0 / $1) }
  }

  @Test("5th-order solution converges with order ≈ 5")
  func fifthOrder() throws {
    let errors = try [8, 16, 32, 64].map { try Self.globalError(steps: $0, T: 1, embedded: false) }
    let orders = Self.observedOrders(errors)
    print("order-5 errors \(errors) orders \(orders)")
    for p in orders { #expect(p >= 4.6 && p <= 5.4) }
  }

  @Test("embedded 4th-order solution converges with order ≈ 4")
  func fourthOrder() throws {
    let errors = try [8, 16, 32, 64].map { try Self.globalError(steps: $0, T: 1, embedded: true) }
    let orders = Self.observedOrders(errors)
    print("order-4 errors \(errors) orders \(orders)")
    for p in orders { #expect(p >= 3.6 && p <= 4.4) }
  }

  @Test("tableau satisfies the quadrature order conditions")
  func tableauConditions() {
    let tab = ButcherTableau.dormandPrince54
    for (i, row) in tab.a.enumerated() {
      #expect(abs(row.reduce(0, +) - tab.c[i]) < 1e-14)
    }
    func quadrature(_ w: [Double], _ q: Int) -> Double {
      zip(w, tab.c).map { $0 * pow($1, Double(q)) }.reduce(0, +)
    }
    for q in 0..<5 { #expect(abs(quadrature(tab.b, q) - 1 / Double(q + 1)) < 1e-14) }
    for q in 0..<4 { #expect(abs(quadrature(tab.bHat, q) - 1 / Double(q + 1)) < 1e-14) }
    #expect(abs(quadrature(tab.bHat, 4) - 0.2) > 1e-6)  // embedded is only order 4
    #expect(tab.stageCount == 7 && tab.isFSAL && tab.order == 5 && tab.embeddedOrder == 4)
  }
}
