/// Scratch storage for one explicit Runge–Kutta step (no allocation per step).
struct RungeKuttaWorkspace {
  /// Stage derivatives `k_i`, `stageCount × n`. `k[0]` must hold `f(t, y)` on entry.
  var k: [[Double]]
  /// Scratch stage state; after `advance` of an FSAL tableau it holds the last
  /// non-FSAL stage's argument (DOPRI5's YSTI, read by the stiffness test).
  var yStage: [Double]
  /// Propagated solution `y_{n+1}`.
  var yNew: [Double]
  /// Local error estimate `h·Σ e_j k_j`.
  var error: [Double]

  init(stages: Int, dimension n: Int) {
    k = Array(repeating: Array(repeating: 0, count: n), count: stages)
    yStage = Array(repeating: 0, count: n)
    yNew = Array(repeating: 0, count: n)
    error = Array(repeating: 0, count: n)
  }
}

extension ButcherTableau {
  /// The one step routine: evaluates stages 2…s, the propagated solution
  /// (`ws.yNew`) and the error estimate (`ws.error`). `ws.k[0]` must hold `f(t, y)`.
  /// For an FSAL tableau `ws.k[s-1]` ends up holding `f(t + h, yNew)`.
  ///
  /// Every stage combination goes through ``StageCombination/combine(into:y:h:weights:nonzero:k:)``
  /// (fused, allocation-free loops over raw buffers) in dopri5.f's operation order.
  func advance<S: ODESystem>(
    _ system: inout S, t: Double, y: [Double], h: Double,
    workspace ws: inout RungeKuttaWorkspace, evaluations: inout Int
  ) throws {
    let s = stageCount
    for i in 1..<s {
      let ti = t + c[i] * h
      if isFSAL && i == s - 1 {
        StageCombination.combine(into: &ws.yNew, y: y, h: h, weights: a[i], nonzero: aNonzero[i], k: ws.k)
        try evaluateChecked(&system, ti, ws.yNew, into: &ws.k[i], evaluations: &evaluations)
      } else {
        StageCombination.combine(into: &ws.yStage, y: y, h: h, weights: a[i], nonzero: aNonzero[i], k: ws.k)
        try evaluateChecked(&system, ti, ws.yStage, into: &ws.k[i], evaluations: &evaluations)
      }
    }
    if !isFSAL {
      StageCombination.combine(into: &ws.yNew, y: y, h: h, weights: b, nonzero: bNonzero, k: ws.k)
    }
    StageCombination.weightedSum(into: &ws.error, h: h, weights: e, nonzero: eNonzero, k: ws.k)
  }

  /// Hairer's five dense-output coefficient blocks for the step `y → yNew`
  /// (requires FSAL and `denseWeights`), laid out `[c0 | c1 | c2 | c3 | c4]`,
  /// `n` entries each:
  /// `c0 = y`, `c1 = yNew − y`, `c2 = h·k_1 − c1`, `c3 = −h·k_s + c1 − c2`,
  /// `c4 = h·Σ d_j k_j`.
  func denseCoefficients(y: [Double], yNew: [Double], h: Double, k: [[Double]]) -> [Double] {
    precondition(isFSAL && !denseWeights.isEmpty, "tableau has no continuous extension")
    let n = y.count
    var out = [Double](repeating: 0, count: 5 * n)
    var c4 = [Double](repeating: 0, count: n)
    StageCombination.weightedSum(into: &c4, h: 1, weights: denseWeights, nonzero: denseNonzero, k: k)
    let k1 = k[0], ks = k[stageCount - 1]
    for i in 0..<n {
      let ydiff = yNew[i] - y[i]
      let bspl = h * k1[i] - ydiff
      out[i] = y[i]
      out[n + i] = ydiff
      out[2 * n + i] = bspl
      out[3 * n + i] = -h * ks[i] + ydiff - bspl
      out[4 * n + i] = h * c4[i]
    }
    return out
  }
}
