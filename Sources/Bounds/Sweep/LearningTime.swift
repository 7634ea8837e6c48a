import Flow

/// Learning and convergence times measured on a trajectory's dense output.
///
/// A *crossing time* is the first time `t` at which a scalar function of the
/// state `f(t)` reaches a level (from below for ``Direction/rising``, from above
/// for ``Direction/falling``). It is located on the sampled trajectory (the
/// first sample past the level) and then refined by bisection on the
/// integrator's dense output between that sample and the previous one, so it
/// is accurate to the interpolant, not to the sample spacing.
///
/// Typical uses (theory.md §3 L9–L10, §4):
/// - ``singularValueTime(_:index:reaching:)``: the first time `σ_i(W(t))`
///   reaches a level, e.g. `½σ_i` (the i-th direction is "learned");
/// - ``convergenceTime(_:relativeResidual:)``: the first time
///   `‖R(t)‖_F / ‖X‖_F ≤ τ`.
public enum LearningTime {
  /// Which way the function crosses the level.
  public enum Direction: Sendable {
    /// `f(t) ≥ level` (starting below).
    case rising
    /// `f(t) ≤ level` (starting above).
    case falling
  }

  /// The first time `f(state(t))` reaches `level` in `direction`, or `nil` if
  /// it never does on `[0, T]`.
  ///
  /// If the level is already reached at `t = 0`, returns 0. Between the last
  /// sample before the crossing and the first one past it, bisects on the
  /// dense output until the bracket is below `timeTolerance · T` (default 1e-12).
  public static func firstTime(
    on trajectory: Trajectory, reaching level: Double, _ direction: Direction,
    timeTolerance: Double = 1e-12, of f: (FlowState) throws -> Double
  ) throws -> Double? {
    func reached(_ value: Double) -> Bool { direction == .rising ? value >= level : value <= level }
    guard let index = try trajectory.samples.firstIndex(where: { reached(try f($0.state)) }) else { return nil }
    if index == 0 { return trajectory.samples[0].t }
    guard let dense = trajectory.solution.dense else { return trajectory.samples[index].t }
    var lo = trajectory.samples[index - 1].t
    var hi = trajectory.samples[index].t
    let problem = trajectory.problem
    var y = [Double](repeating: 0, count: problem.stateDimension)
    let tolerance = timeTolerance * trajectory.tEnd
    while hi - lo > tolerance {
      let mid = 0.5 * (lo + hi)
      if mid <= lo || mid >= hi { break }
      dense.evaluate(mid, into: &y)
      let state = try FlowState(t: mid, target: problem.target, k: problem.k, y: y)
      if reached(try f(state)) { hi = mid } else { lo = mid }
    }
    return hi
  }

  /// `σ_i(W(t))`, `W = UVᵀ`, `i` counted from 1 (0 when `i` exceeds the rank bound `k`).
  public static func singularValue(_ i: Int, of state: FlowState) throws -> Double {
    precondition(i >= 1, "singular values are counted from 1")
    let s = try LowRankMatrix(left: state.u, right: state.v).singularValues()
    return i <= s.count ? s[i - 1] : 0
  }

  /// The first time `σ_i(W(t)) ≥ level` (`i` from 1), or `nil`.
  public static func singularValueTime(_ trajectory: Trajectory, index i: Int, reaching level: Double) throws -> Double? {
    try firstTime(on: trajectory, reaching: level, .rising) { try singularValue(i, of: $0) }
  }

  /// The first time `‖R(t)‖_F / ‖X‖_F ≤ tau`, or `nil`.
  ///
  /// For `E ≡ 0` the loss is non-increasing (L2), so this is also the time
  /// after which the residual stays below `tau`.
  public static func convergenceTime(_ trajectory: Trajectory, relativeResidual tau: Double) throws -> Double? {
    let scale = trajectory.problem.target.frobeniusNorm
    return try firstTime(on: trajectory, reaching: tau, .falling) { $0.residualNorms.frobenius / scale }
  }
}
