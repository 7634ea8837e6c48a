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

  /// Writes `f(t, y)` straight into `dimension` doubles at `dydt` and returns `true`, or
  /// returns `false` without writing when the system has no such form (the default);
  /// the integrator then calls ``evaluate(_:_:into:)``. Lets the integrator keep its stage
  /// derivatives in one flat buffer without a copy per evaluation. Must give the same
  /// values as ``evaluate(_:_:into:)`` and throw the same errors.
  ///
  /// - Parameters:
  ///   - t: Time (independent variable), in the problem's time units.
  ///   - y: State, `dimension` components.
  ///   - dydt: Output derivative, `dimension` writable doubles, not overlapping `y`.
  mutating func evaluate(_ t: Double, _ y: [Double], intoRaw dydt: UnsafeMutablePointer<Double>) throws -> Bool
}

extension ODESystem {
  /// No raw form: returns `false` (the integrator uses ``evaluate(_:_:into:)``).
  public mutating func evaluate(_ t: Double, _ y: [Double], intoRaw dydt: UnsafeMutablePointer<Double>) throws
    -> Bool
  {
    false
  }
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
  try evaluateUnchecked(&system, t, y, into: &dydt, evaluations: &evaluations)
  let n = dydt.count
  let finite = dydt.withUnsafeBufferPointer { d in
    n == 0 ? true : StageCombination.copyFinite(count: n, d.baseAddress!, into: nil, kernel: .preferred)
  }
  if !finite {
    throw IntegrationError.nonFiniteDerivative(t: t)
  }
}

/// `evaluateChecked` without the finiteness test (the caller makes it): calls
/// `system.evaluate`, counts the call, maps thrown errors to ``IntegrationError`` and
/// rejects a resized derivative.
@inline(__always)
func evaluateUnchecked<S: ODESystem>(
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
}

/// The raw form of `system.evaluate` (``ODESystem/evaluate(_:_:intoRaw:)``) with the error
/// mapping of `evaluateUnchecked`; counts the call when the system has that form.
@inline(__always)
func evaluateRaw<S: ODESystem>(
  _ system: inout S, _ t: Double, _ y: [Double], into dydt: UnsafeMutablePointer<Double>,
  evaluations: inout Int
) throws -> Bool {
  let done: Bool
  do {
    done = try system.evaluate(t, y, intoRaw: dydt)
  } catch let error as IntegrationError {
    throw error
  } catch {
    throw IntegrationError.systemFailure(String(describing: error))
  }
  if done { evaluations += 1 }
  return done
}
