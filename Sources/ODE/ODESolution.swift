/// How an integration ended.
public enum IntegrationStatus: Sendable, Equatable {
  /// Reached `tEnd`.
  case completed
  /// Stopped at a terminal event's crossing.
  case terminatedByEvent(EventOccurrence)
}

/// Result of ``DormandPrince/run()`` or ``integrate(_:from:to:y0:options:events:)``.
public struct ODESolution: Sendable {
  /// Accepted step times, starting with `t0` (only `t0` and the final time when
  /// ``IntegratorOptions/recordSteps`` is off). After a terminal event the last
  /// entry is the event time.
  public let times: [Double]
  /// States at ``times``.
  public let states: [[Double]]
  /// Final time (`tEnd`, or the terminal event time).
  public let t: Double
  /// Final state.
  public let y: [Double]
  /// Piecewise interpolant over `[t0, t]`; `nil` unless ``IntegratorOptions/recordDenseOutput``.
  public let dense: DenseOutput?
  /// Located event crossings in time order (the terminal one, if any, last).
  public let events: [EventOccurrence]
  /// Work counters.
  public let statistics: IntegratorStatistics
  /// How the integration ended.
  public let status: IntegrationStatus

  /// Alias of ``t``.
  public var finalTime: Double { t }
  /// Alias of ``y``.
  public var finalState: [Double] { y }
}
