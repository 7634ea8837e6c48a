import Flow
import Foundation
import Testing
@testable import Validated

/// Oracles from theory.md §6: the scalar balanced PGF (`n1 = n2 = k = r = 1`,
/// `u0 = v0`, `E = 0`) has `w = uv` logistic,
/// `w(t) = σ/(1 + (σ/w₀ − 1)e^{−2σt})`; the aligned matrix case
/// (`U(0) = ΦA₀`, `V(0) = ΨA₀`, `A₀` diagonal) decouples into r such modes.
/// The closed form is itself evaluated in interval arithmetic (rigorous exp),
/// so "contains" is a statement about real numbers.
@Suite("Validated enclosures contain closed forms")
struct ClosedFormEnclosureTests {
  /// The closed form enclosed at time `t` (an interval of times is allowed).
  static func logistic(sigma: Double, w0: Interval, t: Interval) -> Interval {
    let s = Interval(sigma)
    let e = Interval.exp(Interval(-2 * sigma) * t)
    return s / (Interval.one + (s / w0 - .one) * e)
  }

  static func scalarField(sigma: Double) throws -> PGFVectorField {
    let target = try Target(phi: Matrix.identity(1), sigma: [sigma], psi: Matrix.identity(1))
    return PGFVectorField(target: target, k: 1, e: nil)
  }

  @Test("Scalar logistic: every step's endpoint and whole-step enclosure contains w(t)")
  func scalarLogistic() throws {
    let sigma = 1.5, u0 = 0.05
    let field = try Self.scalarField(sigma: sigma)
    var options = ValidatedOptions()
    options.order = 10
    let steps = try ValidatedIntegrator(field: field, options: options).integrate(from: [u0, u0], to: 6)
    let w0 = Interval(u0) * Interval(u0)
    #expect(steps.count > 5)
    for s in steps {
      let wEnd = s.endpoint[0] * s.endpoint[1]
      let exact = Self.logistic(sigma: sigma, w0: w0, t: Interval(s.t1))
      #expect(wEnd.intersection(exact) != nil, "endpoint t=\(s.t1): \(wEnd) vs \(exact)")
      #expect(wEnd.width < 1e-9)
      // Over the whole step: the model's product range contains the closed form at sampled interior times.
      for theta in [0.25, 0.5, 0.75] {
        let tt = Interval(s.t0) + Interval(theta) * s.h
        let wm = s.model[0].range(over: Interval(theta)) * s.model[1].range(over: Interval(theta))
        #expect(wm.intersection(Self.logistic(sigma: sigma, w0: w0, t: tt)) != nil)
      }
      let wWhole = s.whole[0] * s.whole[1]
      #expect(wWhole.contains(Self.logistic(sigma: sigma, w0: w0, t: Interval(s.t0)).mid))
    }
  }
}
