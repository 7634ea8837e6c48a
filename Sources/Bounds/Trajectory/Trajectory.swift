import Flow

/// A solved PGF trajectory on `[0, T]` with the derived quantities of every
/// sample computed once.
///
/// Samples sit on *quadrature panels*: the breakpoints are the union of the
/// integrator's accepted step times and a uniform grid of `gridIntervals`
/// intervals; each panel lies inside one step, where the dense output is a
/// polynomial, and carries the 9 Chebyshev–Lobatto nodes of
/// ``ChebyshevRule`` (neighbouring panels share their endpoint). Pointwise
/// predicates are evaluated at every sample — so at every accepted step, every
/// grid point and every quadrature node; integrals and comparison equations
/// use the same samples (see ``cumulativeIntegral(_:)`` and
/// ``solveComparison(a:b:initial:)``).
public struct Trajectory: Sendable {
  /// The problem.
  public let problem: Problem
  /// The perturbation.
  public let perturbation: any Perturbation
  /// Final time `T`.
  public let tEnd: Double
  /// Integrator settings used.
  public let options: IntegratorOptions
  /// The integrator's output (accepted steps, dense output, statistics).
  public let solution: ODESolution
  /// All samples, in increasing `t`.
  public let samples: [Sample]
  /// Number of panels; panel `p` spans samples `8p … 8p + 8`.
  public let panelCount: Int

  /// Default number of uniform grid intervals (64).
  public static let defaultGridIntervals = 64

  /// How the samples are kept.
  public let storage: TrajectoryStorage

  /// Integrates the PGF for `problem` under `perturbation` to `tEnd` and samples it.
  ///
  /// - Parameters:
  ///   - relativeTolerance: rtol (default 1e-8); `absoluteTolerance`: atol (default 1e-12).
  ///   - gridIntervals: uniform grid intervals added to the step breakpoints (default 64).
  ///   - storage: ``TrajectoryStorage/full`` keeps the dense output and every sample's
  ///     matrices; ``TrajectoryStorage/compact`` samples while the integrator steps and keeps
  ///     compacted samples only (the same sample times and the same bits for what they keep);
  ///     ``TrajectoryStorage/automatic`` (default) picks by ``TrajectoryStorage/compactStateLimit``.
  ///   - threads: threads that make a compact trajectory's samples (default
  ///     ``ThreadCount/automatic``; results do not depend on it).
  ///   - quantities: the costlier per-sample quantities a compact trajectory computes (default
  ///     ``SampleQuantities/all``; a full trajectory always computes all of them). What is
  ///     computed has the same bits for every set.
  /// - Throws: ``IntegrationError`` (budget, underflow, non-finite) or errors of the perturbation.
  public init(
    problem: Problem, perturbation: any Perturbation = ZeroPerturbation(), tEnd: Double,
    relativeTolerance: Double = 1e-8, absoluteTolerance: Double = 1e-12,
    gridIntervals: Int = Trajectory.defaultGridIntervals, maxSteps: Int = 100_000,
    storage: TrajectoryStorage = .automatic, threads: Int = ThreadCount.automatic,
    quantities: SampleQuantities = .all
  ) throws {
    guard tEnd.isFinite, tEnd > 0 else { throw ProblemError.invalidValue("final time must be finite and > 0 (got \(tEnd))") }
    guard gridIntervals >= 1 else { throw ProblemError.invalidValue("grid intervals must be ≥ 1 (got \(gridIntervals))") }
    let options = IntegratorOptions.flow(relativeTolerance: relativeTolerance, absoluteTolerance: absoluteTolerance, maxSteps: maxSteps)
    let resolved = storage.resolved(for: problem)
    let solution: ODESolution
    let samples: [Sample]
    let panelCount: Int
    if resolved == .compact {
      var sampler = StreamingSampler(problem: problem, perturbation: perturbation, tEnd: tEnd, gridIntervals: gridIntervals,
                                     threads: threads, quantities: quantities)
      solution = try problem.integrateFlowStepwise(perturbation: perturbation, tEnd: tEnd, options: options) { segment, final in
        try sampler.add(segment, finalState: final)
      }
      samples = sampler.samples
      panelCount = sampler.panelCount
    } else {
      let dense: DenseOutput
      (solution, dense) = try problem.integrateFlowDense(perturbation: perturbation, tEnd: tEnd, options: options)
      let merged = Self.breakpoints(steps: solution.times, tEnd: tEnd, gridIntervals: gridIntervals)
      var all: [Sample] = []
      all.reserveCapacity((merged.count - 1) * ChebyshevRule.order + 1)
      var y = [Double](repeating: 0, count: problem.stateDimension)
      for p in 0..<(merged.count - 1) {
        for t in Self.sampleTimes(panel: p, merged[p], merged[p + 1]) {
          dense.evaluate(t, into: &y)
          all.append(try Self.sample(problem: problem, perturbation: perturbation, t: t, y: y))
        }
      }
      samples = all
      panelCount = merged.count - 1
    }
    self.problem = problem
    self.perturbation = perturbation
    self.tEnd = tEnd
    self.options = options
    self.solution = solution
    self.samples = samples
    self.panelCount = panelCount
    self.storage = resolved
  }

  /// The sample times of panel `p` on `[a, b]`: its 9 Chebyshev–Lobatto nodes, without the
  /// left end after the first panel (shared with the previous one).
  static func sampleTimes(panel p: Int, _ a: Double, _ b: Double) -> [Double] {
    let rule = ChebyshevRule.shared
    let n = ChebyshevRule.order
    return ((p == 0 ? 0 : 1)...n).map { j in j == 0 ? a : (j == n ? b : 0.5 * (b - a) * rule.nodes[j] + 0.5 * (b + a)) }
  }

  /// The sample at time `t` of the flat state `y`.
  static func sample(problem: Problem, perturbation: any Perturbation, t: Double, y: [Double]) throws -> Sample {
    let split = problem.n1 * problem.k
    return try Sample(
      t: t, target: problem.target,
      u: Matrix(rows: problem.n1, columns: problem.k, elements: Array(y[0..<split])),
      v: Matrix(rows: problem.n2, columns: problem.k, elements: Array(y[split...])),
      perturbation: perturbation)
  }

  /// The accepted step times ∪ a uniform grid of `gridIntervals` intervals on
  /// `[0, tEnd]`, sorted; a grid point within `1e-12·tEnd` of a step time is
  /// merged into it, and the last breakpoint is exactly `tEnd`.
  public static func breakpoints(steps: [Double], tEnd: Double, gridIntervals: Int) -> [Double] {
    var breaks = steps
    for i in 1..<max(gridIntervals, 1) { breaks.append(tEnd * Double(i) / Double(gridIntervals)) }
    breaks.sort()
    var merged: [Double] = []
    for b in breaks where merged.isEmpty || b - merged.last! > 1e-12 * tEnd { merged.append(b) }
    if merged.last! < tEnd { merged.append(tEnd) } else { merged[merged.count - 1] = tEnd }
    return merged
  }

  /// The compacted sample at time `t` of the flat state `y`, with `quantities` computed.
  static func compactSample(
    problem: Problem, perturbation: any Perturbation, t: Double, y: [Double], quantities: SampleQuantities
  ) throws -> Sample {
    let split = problem.n1 * problem.k
    return try Sample.compact(
      t: t, target: problem.target,
      u: Matrix(rows: problem.n1, columns: problem.k, elements: Array(y[0..<split])),
      v: Matrix(rows: problem.n2, columns: problem.k, elements: Array(y[split...])),
      perturbation: perturbation, quantities: quantities)
  }

  /// The costlier per-sample quantities computed (``SampleQuantities/all`` for a full trajectory).
  public var quantities: SampleQuantities { samples.first?.quantities ?? .all }

  /// Sample times.
  public var times: [Double] { samples.map(\.t) }

  /// The sample indices of panel `p` (9 of them; endpoints shared with neighbours).
  public func panel(_ p: Int) -> ClosedRange<Int> { (p * ChebyshevRule.order)...((p + 1) * ChebyshevRule.order) }

  /// `f` at every sample.
  public func values(_ f: (Sample) throws -> Double) rethrows -> [Double] { try samples.map(f) }

  /// `F(t) = ∫₀ᵗ f(s) ds` at every sample, with a running error estimate.
  ///
  /// On each panel the fine and the nested coarse Clenshaw–Curtis rules are
  /// applied; the error estimate at a sample is the sum over the completed
  /// panels of `|fine − coarse|` plus the current panel's.
  public func cumulativeIntegral(_ f: [Double]) -> CumulativeIntegral {
    precondition(f.count == samples.count, "cumulativeIntegral: \(f.count) values for \(samples.count) samples")
    let rule = ChebyshevRule.shared
    let n = ChebyshevRule.order
    var value = [Double](repeating: 0, count: f.count)
    var error = [Double](repeating: 0, count: f.count)
    var total = 0.0, totalError = 0.0
    for p in 0..<panelCount {
      let base = p * n
      let h = samples[base + n].t - samples[base].t
      let fineEnd = Self.apply(rule.fine[n], f, base: base, stride: 1)
      let coarseEnd = Self.apply(rule.coarse[n / 2], f, base: base, stride: 2)
      let panelError = 0.5 * h * abs(fineEnd - coarseEnd)
      for j in 1...n {
        value[base + j] = total + 0.5 * h * Self.apply(rule.fine[j], f, base: base, stride: 1)
        error[base + j] = totalError + panelError
      }
      total = value[base + n]
      totalError += panelError
    }
    return CumulativeIntegral(times: times, values: value, errors: error)
  }

  /// The solution of the comparison equation `y' = a(t) y + b(t)`, `y(0) = initial`,
  /// at every sample:
  ///
  ///     y(t) = e^{∫₀ᵗ a} y(0) + ∫₀ᵗ e^{∫ₛᵗ a} b(s) ds.
  ///
  /// This is the right-hand side of every Gronwall-type bound (L3–L6, L8):
  /// for an upper bound pass the decay rate as a negative `a`; for the lower
  /// bound of L6 pass `b = −h`. On each panel the integrating factor is formed
  /// from the fine cumulative integral of `a`, and the panel is solved again
  /// with the coarse rule; their difference, propagated by `e^{∫a}`, is the
  /// error estimate.
  public func solveComparison(a: [Double], b: [Double], initial: Double) -> CumulativeIntegral {
    precondition(a.count == samples.count && b.count == samples.count, "solveComparison: one value of a and b per sample")
    let rule = ChebyshevRule.shared
    let n = ChebyshevRule.order
    var value = [Double](repeating: 0, count: a.count)
    var error = [Double](repeating: 0, count: a.count)
    value[0] = initial
    var start = initial, startError = 0.0
    for p in 0..<panelCount {
      let base = p * n
      let h = samples[base + n].t - samples[base].t
      func solve(_ matrix: [[Double]], stride: Int) -> (ends: [Double], growth: [Double]) {
        let m = n / stride
        let ai = (0...m).map { 0.5 * h * Self.apply(matrix[$0], a, base: base, stride: stride) }
        let g = (0...m).map { exp(-ai[$0]) * b[base + $0 * stride] }
        let gi = (0...m).map { j in 0.5 * h * (0...m).reduce(0.0) { $0 + matrix[j][$1] * g[$1] } }
        return ((0...m).map { exp(ai[$0]) * (start + gi[$0]) }, ai.map(exp))
      }
      let fine = solve(rule.fine, stride: 1)
      let coarse = solve(rule.coarse, stride: 2)
      let panelError = abs(fine.ends[n] - coarse.ends[n / 2])
      for j in 1...n {
        value[base + j] = fine.ends[j]
        error[base + j] = startError * fine.growth[j] + panelError
      }
      start = fine.ends[n]
      startError = error[base + n]
    }
    return CumulativeIntegral(times: times, values: value, errors: error)
  }

  private static func apply(_ row: [Double], _ f: [Double], base: Int, stride: Int) -> Double {
    var s = 0.0
    for m in 0..<row.count { s += row[m] * f[base + m * stride] }
    return s
  }
}

/// Values of a cumulative quantity (an integral or a comparison solution) at
/// every sample of a trajectory, with an error estimate at each.
public struct CumulativeIntegral: Sendable {
  /// Sample times.
  public let times: [Double]
  /// Values at the samples.
  public let values: [Double]
  /// Quadrature error estimates at the samples (non-negative).
  public let errors: [Double]
  /// The value at the final time.
  public var final: Double { values.last ?? 0 }
}

import Foundation
