/// Which zero crossings of an event function count.
public enum EventDirection: Sendable, Equatable {
  /// `g` goes from negative to non-negative.
  case rising
  /// `g` goes from positive to non-positive.
  case falling
  /// Either of the above.
  case either
}

/// A scalar event function `g(t, y)` whose zero crossings are located on the
/// dense interpolant after each accepted step.
public struct Event: Sendable {
  /// Name reported in ``EventOccurrence/name``.
  public let name: String
  /// Crossings to report. Default ``EventDirection/either``.
  public let direction: EventDirection
  /// Stop the integration at the first reported crossing. Default `false`.
  public let terminal: Bool
  /// The event function.
  public let g: @Sendable (Double, [Double]) -> Double

  /// Creates an event.
  ///
  /// - Parameters:
  ///   - name: Label for reports.
  ///   - direction: Crossings to report (default `.either`).
  ///   - terminal: Whether the integration stops at the crossing (default `false`).
  ///   - g: Event function of `(t, y)`; a crossing is a sign change between two
  ///     accepted steps. Two crossings inside one step cancel and are missed:
  ///     bound the step with ``IntegratorOptions/maxStep`` below their separation.
  public init(name: String, direction: EventDirection = .either, terminal: Bool = false,
              _ g: @escaping @Sendable (Double, [Double]) -> Double) {
    self.name = name
    self.direction = direction
    self.terminal = terminal
    self.g = g
  }
}

/// A located zero crossing of an ``Event``.
public struct EventOccurrence: Sendable, Equatable {
  /// The event's name.
  public let name: String
  /// Index of the event in the `events` array passed to the integrator.
  public let index: Int
  /// Crossing time (root of `g` on the interpolant, to ≈ machine precision).
  public let t: Double
  /// Interpolated state at `t`.
  public let y: [Double]
  /// ``EventDirection/rising`` or ``EventDirection/falling`` (never `.either`).
  public let direction: EventDirection

  /// Creates an occurrence record.
  public init(name: String, index: Int, t: Double, y: [Double], direction: EventDirection) {
    self.name = name
    self.index = index
    self.t = t
    self.y = y
    self.direction = direction
  }
}
