/// The arithmetic the PGF right-hand side needs: a commutative ring with exact
/// double constants.
///
/// The right-hand side `U̇ = (X − UVᵀ + E)V`, `V̇ = (X − UVᵀ + E)ᵀU` is a cubic
/// polynomial in the entries of `U`, `V`, so one generic implementation
/// (``PGFVectorField/evaluate(u:v:)``) runs on `Double` (a point evaluation),
/// ``Interval`` (a rigorous range), ``IntervalPolynomial`` (a Taylor model in
/// the step's normalized time) and ``TapeVariable`` (recording the operations
/// once for the Taylor-coefficient recursion of ``TaylorTape``).
public protocol FlowScalar {
  /// `a + b`.
  static func + (a: Self, b: Self) -> Self
  /// `a − b`.
  static func - (a: Self, b: Self) -> Self
  /// `a · b`.
  static func * (a: Self, b: Self) -> Self
  /// `c · a` for an exact double constant `c` (for rigorous types, the exact
  /// product enclosed).
  func scaled(by c: Double) -> Self
  /// The constant `c` (an exact real number).
  init(constant c: Double)
}

extension Double: FlowScalar {
  /// `c · self` rounded to nearest.
  public func scaled(by c: Double) -> Double { c * self }
  /// `c`.
  public init(constant c: Double) { self = c }
}

extension Interval: FlowScalar {
  /// `c · self`, outward rounded.
  public func scaled(by c: Double) -> Interval { c * self }
  /// `[c, c]`.
  public init(constant c: Double) { self.init(c) }
}
