import Foundation
import Flow

/// The three quantities the claims C1, C2 speak about, at one time `t`.
public struct ClaimPoint: Sendable, Equatable {
  /// Time `t`.
  public let t: Double
  /// `‖R(t)‖_F`.
  public let residualFrobenius: Double
  /// `‖R(t)‖` (spectral).
  public let residualSpectral: Double
  /// `σ_r(W(t))`, the r-th singular value of `W = UVᵀ` (0 when `k < r`).
  public let productSigmaR: Double
  /// `‖E(t, U(t), V(t))‖` (spectral) of the perturbation the point was scanned
  /// under (0 when none was given): what the hypotheses `H_rel`, `H_abs` bound.
  public let perturbationNorm: Double

  /// The point of a state, with `‖E‖` of `perturbation` there (0 when `nil`).
  public init(_ state: FlowState, perturbation: (any Perturbation)? = nil) throws {
    t = state.t
    if let e = perturbation, !e.isZero {
      perturbationNorm = try e.spectralNorm(PerturbationContext(t: state.t, target: state.target, u: state.u, v: state.v))
    } else {
      perturbationNorm = 0
    }
    let norms = state.residualNorms
    residualFrobenius = norms.frobenius
    residualSpectral = norms.spectral
    let r = state.target.rank
    if state.k >= r {
      let s = try LowRankMatrix(left: state.u, right: state.v).singularValues()
      productSigmaR = s[r - 1]
    } else {
      productSigmaR = 0
    }
  }
}

/// A cheap PGF run for sweeps and bisection: one Dormand–Prince integration
/// with dense output, scanned at every accepted step and on a uniform grid for
/// `‖R‖_F`, `‖R‖` and `σ_r(W)` — no quadrature panels, no perturbation
/// products (what the lemma-style ``Trajectory`` computes is not needed here)
/// except `‖E‖` at every scan point, so the claims' hypotheses are evaluated on
/// the scan (``hypothesis(_:statement:bound:)``), never assumed.
///
/// ``settlingTime(_:)`` is the convergence time of a predicate: the last time
/// on `[0, T]` at which it fails, located by bisection on the dense output
/// between the two scan points that bracket the last failure.
public struct ClaimScan: Sendable {
  /// The problem.
  public let problem: Problem
  /// The perturbation integrated.
  public let perturbation: any Perturbation
  /// The horizon `T`.
  public let tEnd: Double
  /// The scan points (accepted steps ∪ uniform grid), increasing in `t`.
  public let points: [ClaimPoint]
  /// The integrator's dense output.
  public let dense: DenseOutput
  /// Right-hand-side evaluations used.
  public let evaluations: Int

  /// Sweep tolerances: rtol 1e-8, atol 1e-12 (the lemma-style base tolerances).
  public static let defaultRelativeTolerance = 1e-8
  /// See ``defaultRelativeTolerance``.
  public static let defaultAbsoluteTolerance = 1e-12

  /// Integrates `problem` under `perturbation` to `tEnd` and scans it.
  public init(
    problem: Problem, perturbation: any Perturbation, tEnd: Double, gridIntervals: Int = 200,
    relativeTolerance: Double = ClaimScan.defaultRelativeTolerance,
    absoluteTolerance: Double = ClaimScan.defaultAbsoluteTolerance
  ) throws {
    let (solution, dense) = try problem.integrateFlowDense(
      perturbation: perturbation, tEnd: tEnd,
      options: .flow(relativeTolerance: relativeTolerance, absoluteTolerance: absoluteTolerance, maxSteps: 200_000))
    let merged = Trajectory.breakpoints(steps: solution.times, tEnd: tEnd, gridIntervals: max(gridIntervals, 1))
    var y = [Double](repeating: 0, count: problem.stateDimension)
    var points: [ClaimPoint] = []
    points.reserveCapacity(merged.count)
    for t in merged {
      dense.evaluate(t, into: &y)
      points.append(try ClaimPoint(FlowState(t: t, target: problem.target, k: problem.k, y: y), perturbation: perturbation))
    }
    self.problem = problem
    self.perturbation = perturbation
    self.tEnd = tEnd
    self.points = points
    self.dense = dense
    self.evaluations = solution.statistics.evaluations
  }

  /// The point at time `t` (from the dense output).
  public func point(at t: Double) throws -> ClaimPoint {
    try ClaimPoint(FlowState(t: t, target: problem.target, k: problem.k, y: dense(t)), perturbation: perturbation)
  }

  /// A hypothesis `‖E(t)‖ ≤ bound(point)` evaluated at every scan point, with
  /// the tolerance of ``Hypothesis`` (rounding in the norms only): the worst
  /// margin `bound − ‖E‖` and where it occurred.
  public func hypothesis(_ name: String, statement: String, bound: (ClaimPoint) -> Double) -> HypothesisResult {
    var worstMargin = Double.infinity
    var at = 0.0
    var holds = true
    for p in points {
      let b = bound(p)
      let m = b - p.perturbationNorm
      if m < worstMargin {
        worstMargin = m
        at = p.t
      }
      if m < -Hypothesis.normTolerance * max(b, p.perturbationNorm, Double.leastNormalMagnitude) { holds = false }
    }
    return HypothesisResult(name: name, statement: statement, holds: holds, worstMargin: worstMargin, at: at)
  }

  /// `H_rel(δ)` on the scan: `‖E(t)‖ ≤ δ‖R(t)‖_F` at every scan point.
  public func relativeHypothesis(_ delta: Double) -> HypothesisResult {
    hypothesis("H_rel(\(delta))", statement: "‖E(t)‖ ≤ \(delta)·‖R(t)‖_F at every scan point") { delta * $0.residualFrobenius }
  }

  /// `H_abs(ε)` on the scan: `‖E(t)‖ ≤ ε` at every scan point.
  public func absoluteHypothesis(_ epsilon: Double) -> HypothesisResult {
    hypothesis("H_abs(\(epsilon))", statement: "‖E(t)‖ ≤ \(epsilon) at every scan point") { _ in epsilon }
  }

  /// The final point (at `T`).
  public var final: ClaimPoint { points[points.count - 1] }

  /// The settling time of `holds`: `0` if it holds at every scan point, `nil`
  /// if it fails at `T` (not settled within the horizon), otherwise the last
  /// failure time, bracketed between the last failing scan point and the next
  /// one and refined by 40 bisection steps on the dense output (so to
  /// `2⁻⁴⁰` of the bracket; the returned time is the bracket's upper end, at
  /// which `holds` is true).
  public func settlingTime(_ holds: (ClaimPoint) -> Bool) throws -> Double? {
    guard let last = points.lastIndex(where: { !holds($0) }) else { return 0 }
    if last == points.count - 1 { return nil }
    var lo = points[last].t, hi = points[last + 1].t
    for _ in 0..<40 {
      let mid = 0.5 * (lo + hi)
      if holds(try point(at: mid)) { hi = mid } else { lo = mid }
    }
    return hi
  }
}
