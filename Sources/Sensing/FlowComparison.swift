import Flow
import Foundation

/// The gap between gradient descent and the sensing flow from the same start
/// (C3 of theory.md §8): `max_j ‖U_jV_jᵀ − W(jη)‖_F`, `W = UVᵀ` along the PGF
/// with the ``SensingPerturbation`` of the same operator and measurements.
public struct FlowGapResult: Sendable {
  /// Step size `η`.
  public let eta: Double
  /// Steps `K` (the flow runs to `T = Kη`).
  public let steps: Int
  /// `max_j ‖U_jV_jᵀ − W(jη)‖_F`.
  public let maxGap: Double
  /// The step `j` where the maximum is attained.
  public let maxGapStep: Int
  /// `‖U_KV_Kᵀ − W(Kη)‖_F`.
  public let finalGap: Double
  /// The gradient-descent run (final iterate, imbalance defect, …).
  public let descent: GradientDescentResult
  /// The flow's integrator statistics.
  public let flowStatistics: IntegratorStatistics
  /// The flow's relative error `‖W(T) − X‖_F/‖X‖_F`.
  public let flowRelativeError: Double
}

/// Integrator settings of the reference flow: rtol 1e-10, atol 1e-14,
/// dense output on, steps not kept, budget 10⁶ steps.
public func sensingFlowOptions() -> IntegratorOptions {
  var o = IntegratorOptions()
  o.relativeTolerance = 1e-10
  o.absoluteTolerance = 1e-14
  o.recordDenseOutput = true
  o.recordSteps = false
  o.maxSteps = 1_000_000
  return o
}

/// `‖U₁V₁ᵀ − U₂V₂ᵀ‖_F` without forming either product: the Frobenius norm of
/// `[U₁ U₂] diag(I, −I) [V₁ V₂]ᵀ` from its singular values (thin QRs plus a
/// `2k × 2k` SVD, `O((n1 + n2)k²)`); accurate to `~u·‖U‖‖V‖` absolutely,
/// unlike the Gram-trace formula which loses half the digits to cancellation.
public func factoredDistance(u1: Matrix, v1: Matrix, u2: Matrix, v2: Matrix) throws -> Double {
  let k1 = u1.columns, k2 = u2.columns
  let core = Matrix.diagonal(Array(repeating: 1.0, count: k1) + Array(repeating: -1.0, count: k2))
  let m = LowRankMatrix(left: u1.appendingColumns(u2), core: core, right: v1.appendingColumns(v2))
  return MatrixNorms(singularValues: try m.singularValues()).frobenius
}

/// C3's measurement: gradient descent with step `eta` for `steps` steps
/// (full batch) and the sensing flow integrated with Dormand–Prince 5(4)
/// (``sensingFlowOptions()`` unless `flowOptions` is given) from the same
/// `(U(0), V(0))` to `T = steps·eta`, compared at every step through the
/// flow's dense output. Deterministic: no randomness beyond the problem's.
///
/// - Throws: ``SensingError`` for bad `eta`/`steps` or divergence, integration errors.
public func gdFlowGap(_ problem: SensingProblem, eta: Double, steps: Int, flowOptions: IntegratorOptions? = nil) throws -> FlowGapResult {
  try gdFlowGap(problem, options: GradientDescentOptions(eta: eta, steps: steps), flowOptions: flowOptions)
}

/// ``gdFlowGap(_:eta:steps:flowOptions:)`` for any gradient-descent settings
/// (mini-batch runs are compared with the flow of the problem's full operator).
public func gdFlowGap(_ problem: SensingProblem, options: GradientDescentOptions, flowOptions: IntegratorOptions? = nil) throws -> FlowGapResult {
  let eta = options.eta, steps = options.steps
  let descent = try GradientDescent(problem: problem, options: options)
  guard steps >= 1 else { throw SensingError.invalidValue("comparing with the flow needs at least 1 step (got \(steps))") }
  let p = problem.problem
  let field = FlowField(problem: p, perturbation: SensingPerturbation(problem))
  let tEnd = Double(steps) * eta
  let solution = try integrate(field, from: 0, to: tEnd, y0: p.initialState, options: flowOptions ?? sensingFlowOptions())
  guard let dense = solution.dense else { throw SensingError.invalidValue("the flow options must record dense output") }
  let n1 = p.n1, n2 = p.n2, k = p.k
  var yt = [Double](repeating: 0, count: (n1 + n2) * k)
  var ut = Matrix(rows: n1, columns: k), vt = Matrix(rows: n2, columns: k)
  var maxGap = 0.0, maxStep = 0, finalGap = 0.0
  let result = try descent.run { j, u, v in
    let t = min(Double(j) * eta, dense.endTime)
    dense.evaluate(t, into: &yt)
    ut.elements.withUnsafeMutableBufferPointer { d in for i in 0..<(n1 * k) { d[i] = yt[i] } }
    vt.elements.withUnsafeMutableBufferPointer { d in for i in 0..<(n2 * k) { d[i] = yt[n1 * k + i] } }
    let gap = try factoredDistance(u1: u, v1: v, u2: ut, v2: vt)
    if j == 0 || gap > maxGap {
      maxGap = gap
      maxStep = j
    }
    if j == steps { finalGap = gap }
  }
  let final = try FlowState(t: solution.finalTime, target: p.target, k: k, y: solution.finalState)
  return FlowGapResult(
    eta: eta, steps: steps, maxGap: maxGap, maxGapStep: maxStep, finalGap: finalGap, descent: result,
    flowStatistics: solution.statistics, flowRelativeError: final.residualNorms.frobenius / p.target.frobeniusNorm)
}

/// C3's observed order from halving: with `T = steps·eta` fixed, the gaps at
/// `η` and `η/2` (`2·steps` steps) and `log₂(gap(η)/gap(η/2))` (≈ 1 for order one).
public func gdFlowOrder(_ problem: SensingProblem, eta: Double, steps: Int) throws -> (gap: Double, halfGap: Double, order: Double) {
  let a = try gdFlowGap(problem, eta: eta, steps: steps)
  let b = try gdFlowGap(problem, eta: eta / 2, steps: 2 * steps)
  return (a.maxGap, b.maxGap, Foundation.log2(a.maxGap / b.maxGap))
}

