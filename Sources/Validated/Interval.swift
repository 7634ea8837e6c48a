/// A closed real interval `[lo, hi]` with outward-rounded arithmetic: the result
/// of every operation contains the exact real result for all reals in the operands.
///
/// ## Why this is sound without control of the rounding mode
/// Swift offers no way to switch the IEEE 754 rounding direction, so every
/// operation is evaluated in the default mode, round-to-nearest-even. In that
/// mode a correctly rounded basic operation (`+`, `−`, `×`, `÷`, `√`; IEEE 754
/// requires these to be correctly rounded, and Swift lowers them to the
/// hardware instructions) returns a double `f` with `|f − x| ≤ ½ ulp` of the
/// exact result `x`, including in the subnormal range (uniform spacing there);
/// hence `f.nextDown ≤ x ≤ f.nextUp`. Every lower bound computed here is
/// therefore moved one step down with `nextDown`, every upper bound one step up
/// with `nextUp` (both exact operations), unless the operation is exact by
/// construction (a zero operand). On overflow the rounded result is `±∞`, and
/// `(+∞).nextDown` is the largest finite double, still a valid lower bound.
/// A NaN bound (e.g. `∞ − ∞`) is replaced by the corresponding infinity, so the
/// result is at worst the whole line. No libm function is used by any operation
/// of this type; ``exp(_:)`` is implemented from `+ − × ÷` alone.
///
/// The price is at most one ulp of extra width per bound and operation.
public struct Interval: Sendable, Hashable, CustomStringConvertible {
  /// Lower bound.
  public let lo: Double
  /// Upper bound (`≥ lo`).
  public let hi: Double

  /// The interval `[lo, hi]`.
  ///
  /// - Precondition: `lo ≤ hi` (NaN bounds are widened to `∓∞`).
  @inlinable
  public init(_ lo: Double, _ hi: Double) {
    let l = lo.isNaN ? -Double.infinity : lo
    let h = hi.isNaN ? Double.infinity : hi
    precondition(l <= h, "Interval lower bound \(l) exceeds upper bound \(h)")
    self.lo = l
    self.hi = h
  }

  /// The point interval `[x, x]` (a double is an exact real number).
  @inlinable
  public init(_ x: Double) { self.init(x, x) }

  /// An interval certainly containing the real number written as `x` in decimal
  /// when `x` is the correctly rounded double of that decimal: `[x⁻, x⁺]`.
  ///
  /// Use for decimal constants such as `0.1`, which no double equals.
  public init(containingDecimal x: Double) { self.init(x.nextDown, x.nextUp) }

  /// The smallest interval holding both `a` and `b` (their hull).
  public init(hull a: Interval, _ b: Interval) { self.init(Swift.min(a.lo, b.lo), Swift.max(a.hi, b.hi)) }

  /// `[0, 0]`.
  public static let zero = Interval(0)
  /// `[1, 1]`.
  public static let one = Interval(1)
  /// `[0, 1]`, the range of the normalized time `θ` in a step.
  public static let unit = Interval(0, 1)
  /// The whole real line.
  public static let entire = Interval(-.infinity, .infinity)

  /// Midpoint (a double in `[lo, hi]`, not necessarily the exact midpoint).
  @inlinable public var mid: Double {
    if lo == hi { return lo }
    if !lo.isFinite || !hi.isFinite { return lo.isFinite ? lo : (hi.isFinite ? hi : 0) }
    let m = 0.5 * lo + 0.5 * hi
    return Swift.min(Swift.max(m, lo), hi)
  }

  /// An upper bound on the width `hi − lo`.
  @inlinable public var width: Double { (hi - lo).nextUp }

  /// An upper bound on the radius `(hi − lo)/2`.
  @inlinable public var radius: Double { width * 0.5 }

  /// The magnitude `max(|lo|, |hi|)`, the largest absolute value in the interval.
  @inlinable public var magnitude: Double { Swift.max(Swift.abs(lo), Swift.abs(hi)) }

  /// The mignitude `min |x|` over the interval (0 if it contains 0).
  @inlinable public var mignitude: Double { contains(0) ? 0 : Swift.min(Swift.abs(lo), Swift.abs(hi)) }

  /// Whether `x ∈ [lo, hi]`.
  @inlinable public func contains(_ x: Double) -> Bool { lo <= x && x <= hi }

  /// Whether `other ⊆ self`.
  @inlinable public func contains(_ other: Interval) -> Bool { lo <= other.lo && other.hi <= hi }

  /// The intersection, or `nil` when it is empty.
  public func intersection(_ other: Interval) -> Interval? {
    let l = Swift.max(lo, other.lo), h = Swift.min(hi, other.hi)
    return l <= h ? Interval(l, h) : nil
  }

  /// `[lo, hi]`.
  public var description: String { "[\(lo), \(hi)]" }

  // MARK: rounding helpers

  @usableFromInline static func down(_ x: Double) -> Double { x.isNaN ? -.infinity : x.nextDown }
  @usableFromInline static func up(_ x: Double) -> Double { x.isNaN ? .infinity : x.nextUp }

  /// Lower bound of the exact product `a·b` (0 exactly when an operand is 0).
  @usableFromInline static func mulDown(_ a: Double, _ b: Double) -> Double {
    if a == 0 || b == 0 { return 0 }
    return down(a * b)
  }
  /// Upper bound of the exact product `a·b`.
  @usableFromInline static func mulUp(_ a: Double, _ b: Double) -> Double {
    if a == 0 || b == 0 { return 0 }
    return up(a * b)
  }

  // MARK: arithmetic

  /// `a + b`, outward rounded.
  @inlinable public static func + (a: Interval, b: Interval) -> Interval {
    Interval(b.lo == 0 ? a.lo : (a.lo == 0 ? b.lo : down(a.lo + b.lo)),
             b.hi == 0 ? a.hi : (a.hi == 0 ? b.hi : up(a.hi + b.hi)))
  }

  /// `a − b`, outward rounded.
  @inlinable public static func - (a: Interval, b: Interval) -> Interval { a + (-b) }

  /// `−a` (exact).
  @inlinable public static prefix func - (a: Interval) -> Interval { Interval(-a.hi, -a.lo) }

  /// `a · b`, outward rounded (all four bound products; zero operands are exact).
  @inlinable public static func * (a: Interval, b: Interval) -> Interval {
    if a.lo >= 0 && b.lo >= 0 { return Interval(mulDown(a.lo, b.lo), mulUp(a.hi, b.hi)) }
    let l = Swift.min(Swift.min(mulDown(a.lo, b.lo), mulDown(a.lo, b.hi)), Swift.min(mulDown(a.hi, b.lo), mulDown(a.hi, b.hi)))
    let h = Swift.max(Swift.max(mulUp(a.lo, b.lo), mulUp(a.lo, b.hi)), Swift.max(mulUp(a.hi, b.lo), mulUp(a.hi, b.hi)))
    return Interval(l, h)
  }

  /// `c · a` for an exact double `c`, outward rounded.
  @inlinable public static func * (c: Double, a: Interval) -> Interval {
    if c == 0 { return .zero }
    if c == 1 { return a }
    if c == -1 { return -a }
    return c > 0 ? Interval(mulDown(c, a.lo), mulUp(c, a.hi)) : Interval(mulDown(c, a.hi), mulUp(c, a.lo))
  }

  /// `a / b`, outward rounded; the whole line when `0 ∈ b`.
  public static func / (a: Interval, b: Interval) -> Interval {
    if b.contains(0) { return .entire }
    func q(_ x: Double, _ y: Double) -> (Double, Double) {
      if x == 0 { return (0, 0) }
      let v = x / y
      return (down(v), up(v))
    }
    let c = [q(a.lo, b.lo), q(a.lo, b.hi), q(a.hi, b.lo), q(a.hi, b.hi)]
    return Interval(c.map(\.0).min()!, c.map(\.1).max()!)
  }

  /// `a / n` for a positive integer `n`, outward rounded.
  public func divided(by n: Int) -> Interval {
    precondition(n > 0, "divided(by:) needs n > 0")
    if n == 1 { return self }
    let d = Double(n)  // exact for n < 2^53
    return Interval(lo == 0 ? 0 : Interval.down(lo / d), hi == 0 ? 0 : Interval.up(hi / d))
  }

  /// `{x² : x ∈ a}` (tighter than `a·a`: never negative).
  public var squared: Interval {
    if lo >= 0 { return Interval(Interval.mulDown(lo, lo), Interval.mulUp(hi, hi)) }
    if hi <= 0 { return Interval(Interval.mulDown(hi, hi), Interval.mulUp(lo, lo)) }
    return Interval(0, Interval.mulUp(magnitude, magnitude))
  }

  /// `{√x : x ∈ a, x ≥ 0}` (negative parts are clipped to 0). IEEE 754 requires
  /// `squareRoot()` to be correctly rounded, so one ulp outward is sound.
  public var squareRoot: Interval {
    let l = lo <= 0 ? 0 : Swift.max(0, lo.squareRoot().nextDown)
    let h = hi <= 0 ? 0 : (hi == .infinity ? .infinity : hi.squareRoot().nextUp)
    return Interval(l, h)
  }

  /// `[|x| : x ∈ a]`.
  public var abs: Interval { Interval(mignitude, magnitude) }

  /// `{xⁿ : x ∈ a}` for `n ≥ 0` (by repeated outward-rounded products; exact range
  /// shape for even `n` on intervals containing 0 is kept by using ``squared``).
  public func power(_ n: Int) -> Interval {
    precondition(n >= 0, "power needs n ≥ 0")
    if n == 0 { return .one }
    if n == 1 { return self }
    if lo >= 0 {  // monotone on [0, ∞): bound products directly
      var l = lo, h = hi
      var rl = 1.0, rh = 1.0
      for _ in 0..<n { rl = Interval.mulDown(rl, l); rh = Interval.mulUp(rh, h) }
      l = rl; h = rh
      return Interval(l, h)
    }
    let half = power(n / 2).squared
    return n % 2 == 0 ? half : half * self
  }

  /// The pointwise maximum `{max(x, y)}` (exact).
  public static func maximum(_ a: Interval, _ b: Interval) -> Interval { Interval(Swift.max(a.lo, b.lo), Swift.max(a.hi, b.hi)) }
  /// The pointwise minimum `{min(x, y)}` (exact).
  public static func minimum(_ a: Interval, _ b: Interval) -> Interval { Interval(Swift.min(a.lo, b.lo), Swift.min(a.hi, b.hi)) }

  /// `a + b` in place.
  @inlinable public static func += (a: inout Interval, b: Interval) { a = a + b }
  /// `a − b` in place.
  @inlinable public static func -= (a: inout Interval, b: Interval) { a = a - b }
}
