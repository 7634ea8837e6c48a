import Flow
import Foundation
import Testing
@testable import Validated

/// Outward rounding, tested where round-to-nearest is wrong. Oracles are exact
/// integer arithmetic: every double used here is an integer multiple of a
/// power of two, so the exact real result is an integer multiple of that power
/// of two and can be computed in `Int128`.
@Suite("Interval arithmetic")
struct IntervalArithmeticTests {
  /// `floor(x·2^s)` and `ceil(x·2^s)` as exact integers (scaling by 2^s is exact).
  static func scaledFloor(_ x: Double, _ s: Int) -> Int128 { Int128(exactly: (x * Double(sign: .plus, exponent: s, significand: 1)).rounded(.down))! }
  static func scaledCeil(_ x: Double, _ s: Int) -> Int128 { Int128(exactly: (x * Double(sign: .plus, exponent: s, significand: 1)).rounded(.up))! }
  /// Whether the exact rational `n / 2^s` lies in `i`.
  static func contains(_ i: Interval, numerator n: Int128, shift s: Int) -> Bool {
    scaledFloor(i.lo, s) <= n && n <= scaledCeil(i.hi, s)
  }

  @Test("0.1 + 0.2: the exact sum of the two doubles is not a double, and is enclosed")
  func pointOneTwo() {
    // 0.1 = 3602879701896397·2^-55, 0.2 = 3602879701896397·2^-54 (exactly, as doubles).
    #expect(0.1 == Double(3602879701896397) / Double(sign: .plus, exponent: 55, significand: 1))
    let exact: Int128 = 3602879701896397 + 2 * 3602879701896397  // in units of 2^-55
    let rn = 0.1 + 0.2  // 0.30000000000000004: round-to-nearest is not the exact sum
    #expect(Int128(exactly: rn * Double(sign: .plus, exponent: 55, significand: 1))! != exact)
    let s = Interval(0.1) + Interval(0.2)
    #expect(Self.contains(s, numerator: exact, shift: 55))
    #expect(s.width <= 3 * rn.ulp)
    // The decimal reals 0.1 and 0.2 themselves: enclosures of the decimals, then the sum contains 3/10.
    let d = Interval(containingDecimal: 0.1) + Interval(containingDecimal: 0.2)
    // 3/10 lies in d ⇔ 10·lo ≤ 3 ≤ 10·hi; check with exact scaled integers: lo·2^60·10 ≤ 3·2^60.
    let three: Int128 = 3 << 60
    #expect(Self.scaledFloor(d.lo, 60) * 10 <= three && three <= Self.scaledCeil(d.hi, 60) * 10)
  }

  @Test("1/3·3 and cancellation: (1e16 + 1) − 1e16 contains 1 although round-to-nearest gives 0 (1e16+1 is exact only as an interval)")
  func cancellation() {
    let third = Interval.one / Interval(3)
    #expect((third * Interval(3)).contains(1))
    #expect(third.lo < third.hi)  // 1/3 is not a double: the enclosure must be a proper interval
    let big = 1e16
    #expect((big + 1) - big == 0)  // round-to-nearest loses the 1
    let c = (Interval(big) + Interval.one) - Interval(big)
    #expect(c.contains(1))
    // Ten additions of 0.1 (the double): exact sum 10·3602879701896397·2^-55 ≠ 1 and ≠ the RN sum.
    var s = Interval.zero
    var rn = 0.0
    for _ in 0..<10 { s += Interval(0.1); rn += 0.1 }
    let exact: Int128 = 10 * 3602879701896397
    #expect(rn != 1.0)
    #expect(Self.contains(s, numerator: exact, shift: 55))
  }

  @Test("Random dot products of dyadic numbers: the exact value (Int128) is always enclosed; round-to-nearest often misses it")
  func randomDyadicDotProducts() {
    var rng = SeededGenerator(seed: 11, stream: "interval-test")
    var rnWrong = 0
    for _ in 0..<300 {
      // Entries m·2^-20 with |m| < 2^40: products are multiples of 2^-40, sums exact in Int128.
      let n = 8
      let xs = (0..<n).map { _ in Int64(bitPattern: rng.next()) >> 24 }
      let ys = (0..<n).map { _ in Int64(bitPattern: rng.next()) >> 24 }
      let scale = Double(sign: .plus, exponent: -20, significand: 1)
      var acc = Interval.zero
      var rn = 0.0
      var exact: Int128 = 0
      for i in 0..<n {
        let x = Double(xs[i]) * scale, y = Double(ys[i]) * scale  // exact: |m| < 2^40 < 2^53
        acc += Interval(x) * Interval(y)
        rn += x * y
        exact += Int128(xs[i]) * Int128(ys[i])
      }
      #expect(Self.contains(acc, numerator: exact, shift: 40), "exact \(exact)·2^-40 not in \(acc)")
      if Int128(exactly: (rn * Double(sign: .plus, exponent: 40, significand: 1)).rounded()) != exact { rnWrong += 1 }
    }
    #expect(rnWrong > 100, "the test must exercise inexact cases (round-to-nearest wrong in \(rnWrong)/300)")
  }

  @Test("Squares, square roots, division by intervals containing 0, power")
  func otherOperations() {
    #expect(Interval(-2, 3).squared == Interval(0, Interval(-2, 3).squared.hi) && Interval(-2, 3).squared.hi >= 9)
    let r2 = Interval(2).squareRoot
    #expect(r2.lo < r2.hi && (r2 * r2).contains(2))
    #expect((Interval.one / Interval(-1, 1)) == .entire)
    let p = Interval(-1.5, 0.5).power(3)
    #expect(p.contains(-3.375) && p.contains(0.125))
    #expect(Interval(3).divided(by: 7).contains(Interval(3).divided(by: 7).mid))
  }

  @Test("exp encloses e, e^{-1}, and satisfies e^a·e^{-a} ∋ 1 and monotonicity")
  func exponential() {
    // e = 2.71828182845904523536…; the double d = 2.718281828459045 (0x4005BF0A8B145769) is below e
    // and d⁺ = nextUp(d) above it, so containing [d, d⁺] means containing e.
    let d = 2.718281828459045
    #expect(d.bitPattern == 0x4005_BF0A_8B14_5769)
    let e1 = Interval.exp(.one)
    #expect(e1.lo <= d && e1.hi >= d.nextUp)
    #expect(e1.width < 1e-13)
    for x in [-30.0, -1.0, -1e-10, 1e-300, 0.3, 5.0, 40.0, 300.0] {
      let a = Interval.exp(Interval(x)), b = Interval.exp(Interval(-x))
      #expect((a * b).contains(1), "e^x·e^-x at x = \(x)")
      #expect(a.contains(Foundation.exp(x)) || Swift.abs(Foundation.exp(x) - a.mid) <= 4 * a.mid.ulp, "libm sanity at x = \(x)")
      // Relative width grows like 2^m ulp with the 2^m squarings of the argument reduction.
      #expect(a.width <= 1e-10 * a.hi)
    }
    #expect(Interval.exp(Interval(1, 2)).lo <= e1.lo && Interval.exp(Interval(1, 2)).hi >= Interval.exp(Interval(2)).hi)
  }

  @Test("Eigenvalue bounds contain the exact eigenvalues of [[a,b],[b,c]] (closed form) and of a box")
  func eigenvalueBounds() throws {
    for (a, b, c) in [(2.0, 1.0, 2.0), (1e-4, 3e-5, 2e-5), (1.0, 1e-9, 1.0 + 1e-9), (-3.0, 0.7, 5.0)] {
      let m = IntervalMatrix(try Matrix(rowsOf: [[a, b], [b, c]]))
      let bounds = try SymmetricEigenvalueBounds(m)
      // λ = (a+c)/2 ∓ √(((a−c)/2)² + b²), in interval arithmetic.
      let h = (Interval(a) + Interval(c)).divided(by: 2)
      let rad = (((Interval(a) - Interval(c)).divided(by: 2)).squared + Interval(b).squared).squareRoot
      #expect(bounds.minimum.intersection(h - rad) != nil, "λ_min of \(a),\(b),\(c)")
      #expect(bounds.maximum.intersection(h + rad) != nil, "λ_max of \(a),\(b),\(c)")
      #expect(bounds.minimum.width <= 1e-12 * Swift.max(1, Swift.abs(a) + Swift.abs(c)))
    }
    // A box: every member [[2, t],[t, 2]] with t ∈ [0.9, 1.1] has λ_min = 2 − t ∈ [0.9, 1.1].
    var box = IntervalMatrix(try Matrix(rowsOf: [[2, 1], [1, 2]]))
    box[0, 1] = Interval(0.9, 1.1)
    box[1, 0] = Interval(0.9, 1.1)
    let bb = try SymmetricEigenvalueBounds(box)
    #expect(bb.minimum.lo <= 0.9 && bb.minimum.hi >= 1.1 - 1e-12)
    let norm = try IntervalMatrix(try Matrix(rowsOf: [[3, 0], [4, 0]])).spectralNormBounds()
    #expect(norm.contains(5))
  }
}
