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
    return try stateDistance(to: dense, mappingTime: tau)
  }

  /// `‖Z(tᵢ) − y(τ(tᵢ))‖_F` at every sample, `y` a dense output of a flow of
  /// the same shape (see ``ScenarioContext/reference(problem:perturbation:tEnd:refined:)``).
  public func stateDistance(to dense: DenseOutput, mappingTime tau: (Double) -> Double = { $0 }) throws -> [Double] {
    guard dense.dimension == problem.stateDimension else {
      throw ProblemError.dimensionMismatch("stateDistance: a state of \(dense.dimension) entries, expected \(problem.stateDimension)")
    }
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

extension ScenarioContext {
  /// The smallest relative tolerance a reference solution is integrated at (1e-14).
  public static let referenceToleranceFloor = 1e-14

  /// A reference solution (dense output only, no samples) of another flow, for
  /// identities of the form `Z(t) = Z'(τ(t))` (L9, L10), integrated one
  /// refinement level *tighter* than the trajectory it is compared with:
  /// `rtol · refinement` for the base trajectory and `rtol · refinement²` for the
  /// refined one (floored at ``referenceToleranceFloor``; atol scaled alike).
  ///
  /// Why not the same tolerance: the compared flows are the same ODE written
  /// two ways, so at equal tolerances the two integrations often take the same
  /// steps and their difference is accumulated round-off on one trajectory and
  /// true integration error on the other — the rtol-shrink rule then fails (or
  /// passes) by luck. A tighter reference makes the defect the compared
  /// trajectory's own integration error, which shrinks with its rtol.
  public func reference(problem: Problem, perturbation: any Perturbation = ZeroPerturbation(), tEnd: Double? = nil, refined: Bool) throws -> DenseOutput {
    let c = checkCase
    let f = refined ? c.refinement * c.refinement : c.refinement
    let rtol = max(c.relativeTolerance * f, Self.referenceToleranceFloor)
    let options = IntegratorOptions.flow(
      relativeTolerance: rtol, absoluteTolerance: c.absoluteTolerance * rtol / c.relativeTolerance, maxSteps: 1_000_000, steps: false)
    return try problem.integrateFlowDense(perturbation: perturbation, tEnd: tEnd ?? c.tEnd, options: options).1
  }
}
