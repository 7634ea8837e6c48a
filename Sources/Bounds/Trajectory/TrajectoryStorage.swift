import Flow

/// How a ``Trajectory`` keeps its samples.
public enum TrajectoryStorage: Sendable, Equatable {
  /// The dense output of every step and every sample with its `n`-row matrices
  /// (`U`, `V`, `N_U`, `N_V`, `RV`, `RᵀU`, `EV`, `EᵀU`): memory grows like
  /// `(n1 + n2)·k·(samples + steps)`.
  case full
  /// Samples made while the integrator steps and kept compacted
  /// (``Sample/compacted()``); no dense output and no step states: memory is one step
  /// plus `O(k² + rk)` per sample. Only statements with
  /// ``Statement/measuresCompactSamples`` can be checked on it.
  case compact
  /// ``compact`` when `(n1 + n2)·k >` ``compactStateLimit``, else ``full``.
  case automatic

  /// Largest state dimension `(n1 + n2)·k` kept ``full`` by ``automatic`` (40 000: a full
  /// sample then holds ≤ 1.3 MB, a thousand samples ≤ 1.3 GB).
  public static let compactStateLimit = 40_000

  /// ``full`` or ``compact`` for `problem`.
  public func resolved(for problem: Problem) -> TrajectoryStorage {
    switch self {
    case .full, .compact: return self
    case .automatic: return problem.stateDimension > Self.compactStateLimit ? .compact : .full
    }
  }
}
