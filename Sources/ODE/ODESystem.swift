/// A right-hand side `y' = f(t, y)` of an ordinary differential equation on flat
/// `[Double]` states.
///
/// Implementations may keep scratch workspaces between calls, hence `evaluate`
/// is `mutating`. The integrator never resizes `dydt`: it is always passed with
/// `dimension` elements and must be overwritten completely.
public protocol ODESystem {
  /// Number of state components `n` (length of `y` and `dydt`).
  var dimension: Int { get }

  /// Writes `f(t, y)` into `dydt` (`dydt.count == dimension`).
  ///
  /// - Parameters:
  ///   - t: Time (independent variable), in the problem's time units.
  ///   - y: State, `dimension` components.
  ///   - dydt: Output derivative, `dimension` components, overwritten.
  /// - Throws: Any error; the integrator wraps it in
  ///   ``IntegrationError/systemFailure(_:)`` (an ``IntegrationError`` is passed through).
  mutating func evaluate(_ t: Double, _ y: [Double], into dydt: inout [Double]) throws
}

/// Adapts a closure `(t, y, &dydt) -> Void` to ``ODESystem``.
public struct ClosureSystem: ODESystem, Sendable {
  /// Number of state components.
  public let dimension: Int
  /// The wrapped right-hand side.
  public let function: @Sendable (Double, [Double], inout [Double]) -> Void

  /// Wraps `f` as a system of `dimension` components.
  ///
  /// - Parameters:
  ///   - dimension: Number of state components `n`.
  ///   - f: Writes `f(t, y)` into its third argument (already sized `n`).
  public init(dimension: Int, _ f: @escaping @Sendable (Double, [Double], inout [Double]) -> Void) {
    self.dimension = dimension
    self.function = f
  }

  /// Calls the wrapped closure.
  public func evaluate(_ t: Double, _ y: [Double], into dydt: inout [Double]) {
    function(t, y, &dydt)
  }
}

/// Calls `system.evaluate`, counts the call, maps thrown errors to
/// ``IntegrationError`` and rejects non-finite or resized derivatives.
@inline(__always)
func evaluateChecked<S: ODESystem>(
  _ system: inout S, _ t: Double, _ y: [Double], into dydt: inout [Double],
  evaluations: inout Int
) throws {
  let n = dydt.count
  do {
    try system.evaluate(t, y, into: &dydt)
  } catch let error as IntegrationError {
    throw error
  } catch {
    throw IntegrationError.systemFailure(String(describing: error))
  }
  evaluations += 1
  guard dydt.count == n else {
    throw IntegrationError.dimensionMismatch(expected: n, found: dydt.count)
  }
  // Branch-free, vectorisable test: `v·0` is 0 for finite `v` and NaN for ±∞ or NaN.
  let probe = dydt.withUnsafeBufferPointer { d in
    var s = 0.0
    for v in d { s += v * 0 }
    return s
  }
  if !probe.isFinite {
    throw IntegrationError.nonFiniteDerivative(t: t)
  }
}
