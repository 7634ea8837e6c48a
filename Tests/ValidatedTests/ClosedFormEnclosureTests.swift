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

extension ClosedFormEnclosureTests {
  /// An aligned 3×3 problem with exactly orthonormal (signed permutation) bases,
  /// r = k = 2: modes `w_i = (ΦᵀU)_ii (ΨᵀV)_ii` are logistic with `σ_i`, the
  /// off-diagonal parts of `ΦᵀU`, `ΨᵀV` and the noise parts stay 0.
  @Test("Aligned matrix case: every step's endpoint enclosure contains both logistic modes")
  func alignedMatrix() throws {
    let phi = try Matrix(rowsOf: [[0, -1], [1, 0], [0, 0]])  // columns e2, −e1: exactly orthonormal
    let psi = try Matrix(rowsOf: [[0, 1], [0, 0], [1, 0]])  // columns e3, e1
    let sigma = [2.0, 0.75]
    let target = try Target(phi: phi, sigma: sigma, psi: psi)
    let a0 = [0.03, 0.01]
    let u0 = phi * Matrix.diagonal(a0), v0 = psi * Matrix.diagonal(a0)  // exact (signed permutations)
    let field = PGFVectorField(target: target, k: 2, e: nil)
    var o = ValidatedOptions()
    o.order = 8
    o.tolerance = 1e-10
    let steps = try ValidatedIntegrator(field: field, options: o).integrate(from: u0.elements + v0.elements, to: 2)
    for s in steps {
      let u = IntervalMatrix(rows: 3, columns: 2, elements: Array(s.endpoint[0..<6]))
      let v = IntervalMatrix(rows: 3, columns: 2, elements: Array(s.endpoint[6...]))
      let a = IntervalMatrix(phi).transposed * u, b = IntervalMatrix(psi).transposed * v
      for i in 0..<2 {
        let w = a[i, i] * b[i, i]
        let exact = Self.logistic(sigma: sigma[i], w0: Interval(a0[i]).squared, t: Interval(s.t1))
        #expect(w.intersection(exact) != nil, "mode \(i) at t = \(s.t1): \(w) vs \(exact)")
        #expect(a[i, 1 - i].contains(0) && b[i, 1 - i].contains(0))
      }
    }
    #expect(steps.last!.endpointWidth < 1e-8)
  }

  /// The endpoint width at T = 2 of the scalar logistic with a fixed step.
  static func width(order: Int, step: Double) throws -> Double {
    var o = ValidatedOptions()
    o.order = order
    o.fixedStep = step
    let steps = try ValidatedIntegrator(field: try scalarField(sigma: 1), options: o).integrate(from: [0.2, 0.2], to: 2)
    return steps.last!.endpointWidth
  }

  /// Theory: the remainder term `ỹ_{p+1}(Ỹ)` is the range of the (p+1)-th
  /// Taylor coefficient over the a-priori box `Ỹ` (width `~h|f|`); its midpoint
  /// is absorbed into the next point `ŷ`, so what accumulates is its *width*,
  /// `O(h^{p+2})` per step, `O(h^{p+1})` over a fixed time. Halving h must
  /// divide the final width by ~`2^{p+1}` (until the rounding floor), and at
  /// fixed `h` a higher order must give a smaller width.
  @Test("Widths shrink with the order p and the step size h as h^(p+1)")
  func widthScaling() throws {
    for p in [3, 5] {
      let w1 = try Self.width(order: p, step: 0.1), w2 = try Self.width(order: p, step: 0.05)
      let ratio = w1 / w2
      let expected = pow(2.0, Double(p + 1))
      #expect(ratio > expected / 2.5 && ratio < expected * 2.5, "p = \(p): width ratio \(ratio) for h → h/2, theory 2^(p+1) = \(expected)")
    }
    let wp = try [2, 4, 6, 8].map { try Self.width(order: $0, step: 0.1) }
    #expect(zip(wp, wp.dropFirst()).allSatisfy { $0 > 10 * $1 }, "widths by order \(wp)")
  }

  /// Two different enclosure methods (Lohner's QR representation and plain
  /// mean-value boxes) enclose the same exact solution, so their step-end boxes
  /// must overlap in every component. (On this gradient flow the Jacobian is
  /// symmetric, so there is little wrapping for Lohner's method to remove: its
  /// widths are within a small factor of the plain method's.)
  @Test("Lohner's method and plain boxes enclose the same solution (their enclosures overlap)")
  func lohnerVersusBoxes() throws {
    let problem = try Problem.generate(ProblemSpec(n1: 3, n2: 2, k: 2, r: 1, kappa: 1, alpha: 0.05, seed: 3))
    let field = PGFVectorField(target: problem.target, k: 2, e: nil)
    var o = ValidatedOptions()
    o.fixedStep = 0.1
    o.order = 6
    let lohner = try ValidatedIntegrator(field: field, options: o).integrate(from: problem.initialState, to: 0.6)
    o.lohner = false
    let boxes = try ValidatedIntegrator(field: field, options: o).integrate(from: problem.initialState, to: 0.6)
    var byTime: [Double: [Interval]] = [:]
    for s in boxes { byTime[s.t1] = s.endpoint }
    var compared = 0
    for s in lohner {
      guard let other = byTime[s.t1] else { continue }
      compared += 1
      #expect(zip(s.endpoint, other).allSatisfy { $0.intersection($1) != nil }, "disjoint enclosures at t = \(s.t1)")
    }
    #expect(compared >= 3)
    #expect(lohner.last!.endpointWidth < 1e-6 && boxes.last!.endpointWidth < 1e-6)
  }
}
