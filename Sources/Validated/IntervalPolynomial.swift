/// A polynomial `p(θ) = Σ cᵢ θⁱ` in the normalized time `θ ∈ [0, 1]` of one
/// step, with interval coefficients: a Taylor model of a quantity over the step.
///
/// Products are exact polynomial products (no truncation), each coefficient
/// outward rounded, so evaluating any polynomial expression of the state on the
/// step's Taylor model (``ValidatedStep/model``) gives a polynomial enclosing
/// the expression for every `θ` in the step. This keeps the dependency between
/// the state's entries that an evaluation on a box would lose.
public struct IntervalPolynomial: Sendable, Hashable, FlowScalar {
  /// Coefficients `c₀, c₁, …` (never empty).
  public var coefficients: [Interval]

  /// The polynomial with the given coefficients (an empty list means 0).
  public init(_ coefficients: [Interval]) { self.coefficients = coefficients.isEmpty ? [.zero] : coefficients }

  /// The constant `c`.
  public init(constant c: Double) { self.init([Interval(c)]) }

  /// The constant interval `c`.
  public init(interval c: Interval) { self.init([c]) }

  /// Degree (number of coefficients − 1).
  public var degree: Int { coefficients.count - 1 }

  /// Sum.
  public static func + (a: IntervalPolynomial, b: IntervalPolynomial) -> IntervalPolynomial {
    var c = a.coefficients.count >= b.coefficients.count ? a.coefficients : b.coefficients
    let other = a.coefficients.count >= b.coefficients.count ? b.coefficients : a.coefficients
    for i in 0..<other.count { c[i] = c[i] + other[i] }
    return IntervalPolynomial(c)
  }

  /// Difference.
  public static func - (a: IntervalPolynomial, b: IntervalPolynomial) -> IntervalPolynomial { a + b.scaled(by: -1) }

  /// Exact polynomial product (outward-rounded coefficients).
  public static func * (a: IntervalPolynomial, b: IntervalPolynomial) -> IntervalPolynomial {
    var c = Array(repeating: Interval.zero, count: a.coefficients.count + b.coefficients.count - 1)
    for (i, x) in a.coefficients.enumerated() {
      if x == .zero { continue }
      for (j, y) in b.coefficients.enumerated() { c[i + j] += x * y }
    }
    return IntervalPolynomial(c)
  }

  /// `c · p`.
  public func scaled(by c: Double) -> IntervalPolynomial { IntervalPolynomial(coefficients.map { c * $0 }) }

  /// `c · p` for an interval constant.
  public func scaled(byInterval c: Interval) -> IntervalPolynomial { IntervalPolynomial(coefficients.map { c * $0 }) }

  /// An interval containing `{p(θ) : θ ∈ t}` for `t ⊆ [0, ∞)`: `Σ cᵢ·tⁱ` with
  /// `tⁱ = [aⁱ, bⁱ]` (monotone on `[0, ∞)`).
  public func range(over t: Interval) -> Interval {
    precondition(t.lo >= 0, "range(over:) needs a non-negative time interval")
    return range(powers: Self.powers(of: t, upTo: degree))
  }

  /// `[tⁱ]` for `i = 0 … n` (`t ⊆ [0, ∞)`), to share between many ``range(powers:)`` calls.
  public static func powers(of t: Interval, upTo n: Int) -> [Interval] {
    precondition(t.lo >= 0, "powers(of:) needs a non-negative time interval")
    var p = [Interval.one]
    for _ in 0..<max(n, 0) { p.append(p.last! * t) }  // monotone: products of non-negative intervals
    return p
  }

  /// `Σ cᵢ·powers[i]` (needs `powers.count > degree`).
  public func range(powers p: [Interval]) -> Interval {
    precondition(p.count > degree, "range(powers:) needs powers up to the degree")
    var s = coefficients[0]
    for i in 1..<coefficients.count where coefficients[i] != .zero { s += coefficients[i] * p[i] }
    return s
  }
}
