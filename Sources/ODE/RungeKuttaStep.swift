/// Scratch storage for one explicit Runge–Kutta step (no allocation per step).
///
/// The stage derivatives live in one flat buffer, `stageCount` blocks of `n`; stage `j`
/// is block `slot[j]` (the FSAL hand-over swaps two slots instead of copying). A system
/// with a raw form (``ODESystem/evaluate(_:_:intoRaw:)``) writes straight into the block;
/// otherwise the right-hand side writes into ``derivative``, which
/// ``evaluateStage(_:_:t:y:evaluations:)`` copies into the block in the same pass as the
/// finiteness test.
struct RungeKuttaWorkspace {
  /// Number of state components `n`.
  let n: Int
  /// Stage derivatives, flat: stage `j` is `stages[slot[j]·n ..< (slot[j] + 1)·n]`.
  var stages: [Double]
  /// Block of each stage in ``stages`` (a permutation of `0..<stageCount`).
  var slot: [Int]
  /// The right-hand side's output buffer (`n` entries).
  var derivative: [Double]
  /// Scratch stage state; after `advance` of an FSAL tableau it holds the last
  /// non-FSAL stage's argument (DOPRI5's YSTI, read by the stiffness test).
  var yStage: [Double]
  /// Propagated solution `y_{n+1}`.
  var yNew: [Double]
  /// Local error estimate `h·Σ e_j k_j`.
  var error: [Double]
  /// The per-component kernels in use (``StageKernel/preferred``).
  let kernel: StageKernel

  init(stages s: Int, dimension n: Int, kernel: StageKernel = .preferred) {
    self.n = n
    stages = Array(repeating: 0, count: s * n)
    slot = Array(0..<s)
    derivative = Array(repeating: 0, count: n)
    yStage = derivative
    yNew = derivative
    error = derivative
    self.kernel = kernel
  }

  /// Stage `j`'s derivative as a new array (off the hot path).
  func stage(_ j: Int) -> [Double] {
    let start = slot[j] * n
    return Array(stages[start..<(start + n)])
  }

  /// Evaluates `f(t, y)` into stage `j` (see `evaluateChecked`: counts the call, maps
  /// errors, rejects a resized or non-finite derivative).
  mutating func evaluateStage<S: ODESystem>(_ j: Int, _ system: inout S, t: Double, y: [Double],
                                            evaluations: inout Int) throws {
    let n = self.n, start = slot[j] * n, kernel = self.kernel
    if n > 0 {
      // The system's raw form writes straight into the stage block (no copy).
      let written = try stages.withUnsafeMutableBufferPointer { dst in
        try evaluateRaw(&system, t, y, into: dst.baseAddress! + start, evaluations: &evaluations)
      }
      if written {
        let finite = stages.withUnsafeBufferPointer { k in
          StageCombination.copyFinite(count: n, k.baseAddress! + start, into: nil, kernel: kernel)
        }
        if !finite { throw IntegrationError.nonFiniteDerivative(t: t) }
        return
      }
    }
    try evaluateUnchecked(&system, t, y, into: &derivative, evaluations: &evaluations)
    let finite = derivative.withUnsafeBufferPointer { src in
      stages.withUnsafeMutableBufferPointer { dst in
        n == 0 ? true : StageCombination.copyFinite(count: n, src.baseAddress!, into: dst.baseAddress! + start,
                                                    kernel: kernel)
      }
    }
    if !finite { throw IntegrationError.nonFiniteDerivative(t: t) }
  }
}

/// Which workspace vector a stage row is written to.
enum StageRowOutput {
  /// ``RungeKuttaWorkspace/yStage``.
  case yStage
  /// ``RungeKuttaWorkspace/yNew``.
  case yNew
}

extension RungeKuttaWorkspace {
  /// Calls `body` with row `r`'s weights, the base addresses of its stages (stack buffer,
  /// no allocation) and its number of terms. `n` must be > 0. Static, with the stage
  /// buffers passed in, so a caller can write another workspace vector meanwhile.
  @inline(__always)
  private static func withRow<R>(
    _ tableau: ButcherTableau, _ r: Int, stages: [Double], slot: [Int], n: Int,
    _ body: (UnsafePointer<Double>, UnsafePointer<UnsafePointer<Double>>, Int) -> R
  ) -> R {
    let start = tableau.rowStart[r], count = tableau.rowStart[r + 1] - start
    return tableau.rowStages.withUnsafeBufferPointer { idx in
      tableau.rowWeights.withUnsafeBufferPointer { wb in
        stages.withUnsafeBufferPointer { sb in
          slot.withUnsafeBufferPointer { slots in
            withUnsafeTemporaryAllocation(of: UnsafePointer<Double>.self, capacity: max(count, 1)) { p in
              let base = sb.baseAddress!
              for j in 0..<count { p[j] = base + slots[idx[start + j]] * n }
              return body(wb.baseAddress! + start, UnsafePointer(p.baseAddress!), count)
            }
          }
        }
      }
    }
  }

  /// `out = y + h·Σ_j w_rj k_j` over row `r`'s nonzero weights (``StageCombination``).
  private static func combineRow(
    _ tableau: ButcherTableau, _ r: Int, y: [Double], h: Double, stages: [Double], slot: [Int], n: Int,
    kernel: StageKernel, into out: inout [Double]
  ) {
    withRow(tableau, r, stages: stages, slot: slot, n: n) { w, p, terms in
      y.withUnsafeBufferPointer { yb in
        out.withUnsafeMutableBufferPointer { ob in
          StageCombination.combine(count: n, y: yb.baseAddress!, h: h, weights: w, stages: p, terms: terms,
                                   into: ob.baseAddress!, kernel: kernel)
        }
      }
    }
  }

  /// `out = (Σ_j w_rj k_j)·h` over row `r`'s nonzero weights (``StageCombination``).
  private static func weightedRow(
    _ tableau: ButcherTableau, _ r: Int, h: Double, stages: [Double], slot: [Int], n: Int,
    kernel: StageKernel, into out: inout [Double]
  ) {
    withRow(tableau, r, stages: stages, slot: slot, n: n) { w, p, terms in
      out.withUnsafeMutableBufferPointer { ob in
        StageCombination.weightedSum(count: n, h: h, weights: w, stages: p, terms: terms, into: ob.baseAddress!,
                                     kernel: kernel)
      }
    }
  }

  /// Row `r` of `tableau`'s flat coefficient tables (`0..<s` the rows of `a`, `s` the
  /// weights `b`, `s + 1` the error weights `e`, `s + 2` the dense weights):
  /// `output = y + h·Σ_j w_rj k_j` over the row's nonzero weights.
  mutating func combine(_ tableau: ButcherTableau, row r: Int, y: [Double], h: Double, into output: StageRowOutput) {
    if n == 0 { return }
    switch output {
    case .yStage:
      Self.combineRow(tableau, r, y: y, h: h, stages: stages, slot: slot, n: n, kernel: kernel, into: &yStage)
    case .yNew:
      Self.combineRow(tableau, r, y: y, h: h, stages: stages, slot: slot, n: n, kernel: kernel, into: &yNew)
    }
  }

  /// `out = (Σ_j w_rj k_j)·h` over row `r`'s nonzero weights (see ``combine(_:row:y:h:into:)``).
  func weightedRow(_ tableau: ButcherTableau, row r: Int, h: Double, into out: inout [Double]) {
    if n == 0 { return }
    Self.weightedRow(tableau, r, h: h, stages: stages, slot: slot, n: n, kernel: kernel, into: &out)
  }

  /// The error row `error = (Σ_j e_j k_j)·h` into ``error``.
  mutating func errorRow(_ tableau: ButcherTableau, h: Double) {
    if n == 0 { return }
    Self.weightedRow(tableau, tableau.stageCount + 1, h: h, stages: stages, slot: slot, n: n, kernel: kernel,
                     into: &error)
  }
}

extension ButcherTableau {
  /// The one step routine: evaluates stages 2…s, the propagated solution
  /// (`ws.yNew`) and the error estimate (`ws.error`). Stage 0 must hold `f(t, y)`.
  /// For an FSAL tableau stage `s-1` ends up holding `f(t + h, yNew)`.
  ///
  /// Every stage combination goes through ``StageCombination`` (fused, allocation-free
  /// loops over raw buffers) in dopri5.f's operation order.
  func advance<S: ODESystem>(
    _ system: inout S, t: Double, y: [Double], h: Double,
    workspace ws: inout RungeKuttaWorkspace, evaluations: inout Int
  ) throws {
    let s = stageCount
    for i in 1..<s {
      let ti = t + c[i] * h
      if isFSAL && i == s - 1 {
        ws.combine(self, row: i, y: y, h: h, into: .yNew)
        try ws.evaluateStage(i, &system, t: ti, y: ws.yNew, evaluations: &evaluations)
      } else {
        ws.combine(self, row: i, y: y, h: h, into: .yStage)
        try ws.evaluateStage(i, &system, t: ti, y: ws.yStage, evaluations: &evaluations)
      }
    }
    if !isFSAL {
      ws.combine(self, row: s, y: y, h: h, into: .yNew)
    }
    ws.errorRow(self, h: h)
  }

  /// Hairer's five dense-output coefficient blocks for the step `y → yNew`
  /// (requires FSAL and `denseWeights`), laid out `[c0 | c1 | c2 | c3 | c4]`,
  /// `n` entries each:
  /// `c0 = y`, `c1 = yNew − y`, `c2 = h·k_1 − c1`, `c3 = −h·k_s + c1 − c2`,
  /// `c4 = h·Σ d_j k_j`.
  func denseCoefficients(y: [Double], yNew: [Double], h: Double, workspace ws: RungeKuttaWorkspace) -> [Double] {
    precondition(isFSAL && !denseWeights.isEmpty, "tableau has no continuous extension")
    let n = y.count
    var out = [Double](repeating: 0, count: 5 * n)
    if n == 0 { return out }
    var c4 = [Double](repeating: 0, count: n)
    ws.weightedRow(self, row: stageCount + 2, h: 1, into: &c4)
    let first = ws.slot[0] * n, last = ws.slot[stageCount - 1] * n
    ws.stages.withUnsafeBufferPointer { k in
      let k1 = k.baseAddress! + first, ks = k.baseAddress! + last
      out.withUnsafeMutableBufferPointer { o in
        for i in 0..<n {
          let ydiff = yNew[i] - y[i]
          let bspl = h * k1[i] - ydiff
          o[i] = y[i]
          o[n + i] = ydiff
          o[2 * n + i] = bspl
          o[3 * n + i] = -h * ks[i] + ydiff - bspl
          o[4 * n + i] = h * c4[i]
        }
      }
    }
    return out
  }
}
