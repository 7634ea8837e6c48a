import Flow

extension Trajectory {
  /// `‖Z(tᵢ) − Z'(τ(tᵢ))‖_F` at every sample `tᵢ` of this trajectory, where
  /// `Z = [U; V]` is this trajectory's state and `Z'` is `other`'s dense
  /// output evaluated at the mapped time `τ(tᵢ)` (identity by default; L9 uses
  /// `τ(t) = (1 − δ)t`).
  ///
  /// Mapped times are clamped to `other`'s interval (they may leave it by a
  /// rounding error at the end). Both trajectories must have the same shapes.
  public func stateDistance(to other: Trajectory, mappingTime tau: (Double) -> Double = { $0 }) throws -> [Double] {
    guard other.problem.n1 == problem.n1, other.problem.n2 == problem.n2, other.problem.k == problem.k else {
      throw ProblemError.dimensionMismatch("stateDistance: trajectories of different shapes")
    }
    guard let dense = other.solution.dense else { throw ProblemError.invalidValue("the companion has no dense output") }
    let range = dense.range
    var y = [Double](repeating: 0, count: problem.stateDimension)
    return samples.map { s in
      let t = min(max(tau(s.t), range.lowerBound), range.upperBound)
      dense.evaluate(t, into: &y)
      let n1k = problem.n1 * problem.k
      var sum = 0.0
      for (i, x) in s.state.u.elements.enumerated() {
        let d = x - y[i]
        sum += d * d
      }
      for (i, x) in s.state.v.elements.enumerated() {
        let d = x - y[n1k + i]
        sum += d * d
      }
      return sum.squareRoot()
    }
  }

  /// `‖Z(tᵢ)‖_F = (‖U‖_F² + ‖V‖_F²)^{1/2}` at every sample (the natural scale of a state distance).
  public var stateNorms: [Double] { values { $0.state.zFrobeniusSquared.squareRoot() } }
}
