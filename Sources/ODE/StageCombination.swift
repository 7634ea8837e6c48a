/// Fused, allocation-free linear combinations of Runge–Kutta stage derivatives.
///
/// Each combination is one pass over raw buffers: the weighted sum of up to six
/// stages is written out as a single expression per component (vectorised across
/// components by the compiler), so no per-term loop, no nested-array indexing and
/// no bounds checks remain on the hot path. The operation order is dopri5.f's:
/// a single-term row is `y + (h·w)·k`, otherwise `y + h·(w₀k₀ + w₁k₁ + …)` summed
/// left to right; the error and dense rows are `(w₀k₀ + w₁k₁ + …)·h`.
enum StageCombination {
  /// `out = y + h·Σ_j w_j k_j` over the `nonzero` weight indices.
  static func combine(into out: inout [Double], y: [Double], h: Double, weights: [Double], nonzero: [Int],
                      k: [[Double]]) {
    let n = y.count
    if n == 0 { return }
    withTerms(k, nonzero) { p in
      y.withUnsafeBufferPointer { yb in
        out.withUnsafeMutableBufferPointer { ob in
          let y = yb.baseAddress!, o = ob.baseAddress!
          func w(_ j: Int) -> Double { weights[nonzero[j]] }
          switch nonzero.count {
          case 0:
            for i in 0..<n { o[i] = y[i] + h * 0 }
          case 1:
            let hw = h * w(0), k0 = p[0]
            for i in 0..<n { o[i] = y[i] + hw * k0[i] }
          case 2:
            let (w0, w1) = (w(0), w(1)), (k0, k1) = (p[0], p[1])
            for i in 0..<n { o[i] = y[i] + h * (w0 * k0[i] + w1 * k1[i]) }
          case 3:
            let (w0, w1, w2) = (w(0), w(1), w(2)), (k0, k1, k2) = (p[0], p[1], p[2])
            for i in 0..<n { o[i] = y[i] + h * (w0 * k0[i] + w1 * k1[i] + w2 * k2[i]) }
          case 4:
            let (w0, w1, w2, w3) = (w(0), w(1), w(2), w(3)), (k0, k1, k2, k3) = (p[0], p[1], p[2], p[3])
            for i in 0..<n { o[i] = y[i] + h * (w0 * k0[i] + w1 * k1[i] + w2 * k2[i] + w3 * k3[i]) }
          case 5:
            let (w0, w1, w2, w3, w4) = (w(0), w(1), w(2), w(3), w(4))
            let (k0, k1, k2, k3, k4) = (p[0], p[1], p[2], p[3], p[4])
            for i in 0..<n {
              o[i] = y[i] + h * (w0 * k0[i] + w1 * k1[i] + w2 * k2[i] + w3 * k3[i] + w4 * k4[i])
            }
          default:
            for i in 0..<n { o[i] = y[i] + h * sum(p, weights, nonzero, i) }
          }
        }
      }
    }
  }

  /// `out = (Σ_j w_j k_j)·h` over the `nonzero` weight indices.
  static func weightedSum(into out: inout [Double], h: Double, weights: [Double], nonzero: [Int], k: [[Double]]) {
    let n = out.count
    if n == 0 { return }
    withTerms(k, nonzero) { p in
      out.withUnsafeMutableBufferPointer { ob in
        let o = ob.baseAddress!
        if nonzero.count == 6 {
          let (w0, w1, w2) = (weights[nonzero[0]], weights[nonzero[1]], weights[nonzero[2]])
          let (w3, w4, w5) = (weights[nonzero[3]], weights[nonzero[4]], weights[nonzero[5]])
          let (k0, k1, k2, k3, k4, k5) = (p[0], p[1], p[2], p[3], p[4], p[5])
          for i in 0..<n {
            o[i] = (w0 * k0[i] + w1 * k1[i] + w2 * k2[i] + w3 * k3[i] + w4 * k4[i] + w5 * k5[i]) * h
          }
        } else {
          for i in 0..<n { o[i] = sum(p, weights, nonzero, i) * h }
        }
      }
    }
  }

  /// `Σ_j w_j k_j[i]` left to right (`0` for no terms): the general row, any number of terms.
  @inline(__always)
  private static func sum(_ p: UnsafeMutableBufferPointer<UnsafePointer<Double>>, _ weights: [Double],
                          _ nonzero: [Int], _ i: Int) -> Double {
    if nonzero.isEmpty { return 0 }
    var acc = weights[nonzero[0]] * p[0][i]
    for j in 1..<nonzero.count { acc += weights[nonzero[j]] * p[j][i] }
    return acc
  }

  /// Calls `body` with the base addresses of `k[nonzero[0]], k[nonzero[1]], …` in a stack
  /// buffer (no heap allocation). Every `k[j]` must be non-empty.
  private static func withTerms(_ k: [[Double]], _ nonzero: [Int],
                                _ body: (UnsafeMutableBufferPointer<UnsafePointer<Double>>) -> Void) {
    withUnsafeTemporaryAllocation(of: UnsafePointer<Double>.self, capacity: nonzero.count) { p in
      func bind(_ j: Int) {
        if j == nonzero.count { return body(p) }
        k[nonzero[j]].withUnsafeBufferPointer { b in
          p[j] = b.baseAddress!
          bind(j + 1)
        }
      }
      bind(0)
    }
  }
}
