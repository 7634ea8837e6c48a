/// Result of one fixed-size Dormand–Prince step (for convergence studies).
public struct FixedStepResult: Sendable {
  /// Propagated solution (order 5).
  public let y: [Double]
  /// Embedded solution (order 4), `y − errorEstimate`.
  public let yEmbedded: [Double]
  /// Local error estimate `h·Σ e_j k_j` (difference of the two solutions).
  public let errorEstimate: [Double]
  /// The step's 4th-order continuous extension.
  public let interpolant: DenseSegment
  /// Right-hand-side evaluations used (7: no FSAL reuse across calls).
  public let evaluations: Int
}

extension DormandPrince {
  /// Takes one step of size `h` (signed, time units) from `(t, y)` with no
  /// error control, through the same generic step routine as the adaptive driver.
  ///
  /// - Throws: ``IntegrationError/invalidStep(name:value:)`` for a zero or
  ///   non-finite `h`, size/finiteness errors, or errors from the system.
  public static func fixedStep(_ system: inout System, t: Double, y: [Double], h: Double) throws
    -> FixedStepResult
  {
    let n = system.dimension
    guard y.count == n else { throw IntegrationError.dimensionMismatch(expected: n, found: y.count) }
    guard h.isFinite && h != 0 else { throw IntegrationError.invalidStep(name: "h", value: h) }
    guard y.allSatisfy(\.isFinite) else { throw IntegrationError.nonFiniteInitialState }
    let tableau = ButcherTableau.dormandPrince54
    var ws = RungeKuttaWorkspace(stages: tableau.stageCount, dimension: n)
    var evaluations = 0
    try ws.evaluateStage(0, &system, t: t, y: y, evaluations: &evaluations)
    try tableau.advance(&system, t: t, y: y, h: h, workspace: &ws, evaluations: &evaluations)
    let embedded = zip(ws.yNew, ws.error).map { $0 - $1 }
    let segment = DenseSegment(tStart: t, h: h, tEnd: t + h,
                               coefficients: tableau.denseCoefficients(y: y, yNew: ws.yNew, h: h, workspace: ws))
    return FixedStepResult(y: ws.yNew, yEmbedded: embedded, errorEstimate: ws.error, interpolant: segment,
                           evaluations: evaluations)
  }
}
