import Flow

/// Makes a compact ``Trajectory``'s samples while the integrator steps: the same
/// breakpoints as ``Trajectory/breakpoints(steps:tEnd:gridIntervals:)`` (merged online,
/// as the step times arrive in order), the same sample times and the same
/// interpolation as the dense output, so each sample has the bits a full trajectory's
/// would have; only the few latest step interpolants are held.
struct StreamingSampler {
  let problem: Problem
  let perturbation: any Perturbation
  let tEnd: Double
  let threads: Int
  let quantities: SampleQuantities
  private let grid: [Double]
  private let mergeTolerance: Double
  private var gridIndex = 0
  private var merged: [Double] = [0]
  private var segments: [DenseSegment] = []
  private var finalState: [Double]?
  private var nextPanel = 0
  /// The compacted samples made so far, in increasing `t`.
  private(set) var samples: [Sample] = []

  /// Number of panels sampled so far (all of them once the last step was added).
  var panelCount: Int { nextPanel }

  init(problem: Problem, perturbation: any Perturbation, tEnd: Double, gridIntervals: Int, threads: Int, quantities: SampleQuantities) {
    self.problem = problem
    self.quantities = quantities
    self.perturbation = perturbation
    self.tEnd = tEnd
    self.threads = threads
    grid = (1..<max(gridIntervals, 1)).map { tEnd * Double($0) / Double(gridIntervals) }
    mergeTolerance = 1e-12 * tEnd
  }

  /// Adds the next accepted step (`finalState` after the last one) and samples every
  /// panel whose breakpoints are now final.
  mutating func add(_ segment: DenseSegment, finalState final: [Double]?) throws {
    segments.append(segment)
    let tau = segment.tEnd
    while gridIndex < grid.count && grid[gridIndex] < tau {
      feed(grid[gridIndex])
      gridIndex += 1
    }
    feed(tau)
    if let final {
      while gridIndex < grid.count {
        feed(grid[gridIndex])
        gridIndex += 1
      }
      if merged.last! < tEnd { merged.append(tEnd) } else { merged[merged.count - 1] = tEnd }
      finalState = final
      try samplePanels(endingBy: merged.count - 1)
    } else {
      // The last breakpoint may still move (the final one becomes exactly tEnd).
      try samplePanels(endingBy: merged.count - 2)
    }
  }

  private mutating func feed(_ b: Double) {
    if b - merged.last! > mergeTolerance { merged.append(b) }
  }

  /// Samples panels `nextPanel ..< last` (panel `p` spans breakpoints `p`, `p + 1`).
  private mutating func samplePanels(endingBy last: Int) throws {
    guard last > nextPanel else { return }
    var panelTimes: [Double] = []
    for p in nextPanel..<last { panelTimes += Trajectory.sampleTimes(panel: p, merged[p], merged[p + 1]) }
    let times = panelTimes
    let segments = self.segments, final = finalState, tEnd = self.tEnd
    let problem = self.problem, perturbation = self.perturbation, quantities = self.quantities
    samples += try ThreadCount.map(times.count, threads: threads) { i in
      let t = times[i]
      let y: [Double]
      if t == tEnd, let final {
        y = final
      } else {
        // The step containing t: the last one starting at or before t (as DenseOutput).
        var s = segments.count - 1
        while s > 0 && segments[s].tStart > t { s -= 1 }
        precondition(segments[s].tStart <= t, "StreamingSampler: no retained step covers t = \(t)")
        y = segments[s](t)
      }
      return try Trajectory.compactSample(problem: problem, perturbation: perturbation, t: t, y: y, quantities: quantities)
    }
    nextPanel = last
    // Later queries are ≥ merged[nextPanel]: a step whose successor starts by then is not needed.
    while self.segments.count >= 2 && self.segments[1].tStart <= merged[nextPanel] { self.segments.removeFirst() }
  }
}
