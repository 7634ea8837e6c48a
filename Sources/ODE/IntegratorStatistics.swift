/// Work counters of an integration.
public struct IntegratorStatistics: Sendable, Equatable {
  /// Calls of the right-hand side actually made (initial derivative, HINIT's
  /// Euler probe when used, 6 per attempted step). With HINIT this equals
  /// DOPRI5's NFCN = 2 + 6·NSTEP; with a user `initialStep` it is one less
  /// (the Fortran counts 2 regardless).
  public var evaluations: Int = 0
  /// Accepted steps (DOPRI5's NACCPT).
  public var acceptedSteps: Int = 0
  /// Rejected steps counted as DOPRI5 does (NREJCT): only after the first acceptance.
  public var rejectedSteps: Int = 0
  /// Attempted steps (DOPRI5's NSTEP), including rejections before the first acceptance.
  public var attemptedSteps: Int = 0

  /// All rejected attempts, including those before the first acceptance.
  public var allRejectedSteps: Int { attemptedSteps - acceptedSteps }

  /// Creates counters (all zero by default).
  public init(evaluations: Int = 0, acceptedSteps: Int = 0, rejectedSteps: Int = 0, attemptedSteps: Int = 0) {
    self.evaluations = evaluations
    self.acceptedSteps = acceptedSteps
    self.rejectedSteps = rejectedSteps
    self.attemptedSteps = attemptedSteps
  }
}
