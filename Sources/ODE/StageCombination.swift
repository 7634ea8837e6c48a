#if arch(x86_64)
  import CRungeKutta
#endif

/// An implementation of the integrator's per-component passes (``StageCombination``);
/// all give bit-identical results and differ only in speed.
///
/// The default (portable) build compiles Swift for the x86-64 baseline (two doubles per
/// SSE register); the C instance compiled for AVX2 (Sources/CRungeKutta) uses four per
/// register where the CPU has AVX2, chosen at run time, without unsafe build flags.
enum StageKernel: Sendable, CaseIterable, CustomStringConvertible {
  /// The Swift loops: the reference, on every architecture.
  case swift
  /// The C kernels compiled for the x86-64 baseline (SSE2); x86-64 only.
  case cBaseline
  /// The C kernels compiled for AVX2; x86-64 CPUs with AVX2 only.
  case cAVX2

  /// Whether this machine can run the kernel.
  var isAvailable: Bool {
    switch self {
    case .swift: return true
    #if arch(x86_64)
      case .cBaseline: return true
      case .cAVX2: return pgf_rk_has_avx2() != 0
    #else
      case .cBaseline, .cAVX2: return false
    #endif
    }
  }

  /// The kernel the integrator runs: ``cAVX2`` where available, else ``swift``.
  static let preferred: StageKernel = StageKernel.cAVX2.isAvailable ? .cAVX2 : .swift

  /// `swift`, `c-baseline` or `c-avx2`.
  var description: String {
    switch self {
    case .swift: return "swift"
    case .cBaseline: return "c-baseline"
    case .cAVX2: return "c-avx2"
    }
  }
}

/// Fused, allocation-free linear combinations of Runge–Kutta stage derivatives, the
/// weighted error sum and the finiteness test, over raw buffers.
///
/// Each combination is one pass: the weighted sum of up to six stages is written out as
/// a single expression per component (vectorised across components), so no per-term
/// loop and no bounds checks remain on the hot path. The operation order is dopri5.f's:
/// a single-term row is `y + (h·w)·k`, otherwise `y + h·(w₀k₀ + w₁k₁ + …)` summed left to
/// right; the error and dense rows are `(w₀k₀ + w₁k₁ + …)·h`; the error sum adds the
/// squared weighted components in component order. The C kernels (``StageKernel``)
/// perform exactly these operations in this order, so every kernel gives the same bits.
enum StageCombination {
  /// `out = y + h·Σ_j w[j]·k[j]` over `terms` terms (`out` must not overlap `y` or `k`).
  static func combine(
    count n: Int, y: UnsafePointer<Double>, h: Double, weights w: UnsafePointer<Double>,
    stages k: UnsafePointer<UnsafePointer<Double>>, terms: Int, into o: UnsafeMutablePointer<Double>,
    kernel: StageKernel
  ) {
    if n == 0 { return }
    switch kernel {
    case .swift: swiftCombine(n, y, h, w, k, terms, o)
    #if arch(x86_64)
      case .cBaseline: pgf_rk_combine_baseline(n, y, h, w, k, terms, o)
      case .cAVX2: pgf_rk_combine_avx2(n, y, h, w, k, terms, o)
    #else
      case .cBaseline, .cAVX2: preconditionFailure("StageCombination: the C kernels exist on x86-64 only")
    #endif
    }
  }

  /// `out = (Σ_j w[j]·k[j])·h` over `terms` terms.
  static func weightedSum(
    count n: Int, h: Double, weights w: UnsafePointer<Double>, stages k: UnsafePointer<UnsafePointer<Double>>,
    terms: Int, into o: UnsafeMutablePointer<Double>, kernel: StageKernel
  ) {
    if n == 0 { return }
    switch kernel {
    case .swift: swiftWeightedSum(n, h, w, k, terms, o)
    #if arch(x86_64)
      case .cBaseline: pgf_rk_weighted_sum_baseline(n, h, w, k, terms, o)
      case .cAVX2: pgf_rk_weighted_sum_avx2(n, h, w, k, terms, o)
    #else
      case .cBaseline, .cAVX2: preconditionFailure("StageCombination: the C kernels exist on x86-64 only")
    #endif
    }
  }

  /// `Σ_i (e_i / (atol_i + rtol·max(|y_i|, |yn_i|)))²` summed in component order (dopri5.f's ERR).
  static func errorSum(
    count n: Int, error e: UnsafePointer<Double>, y: UnsafePointer<Double>, yNew yn: UnsafePointer<Double>,
    atol a: UnsafePointer<Double>, rtol: Double, kernel: StageKernel
  ) -> Double {
    switch kernel {
    case .swift:
      var sum = 0.0
      for i in 0..<n {
        let sk = a[i] + rtol * max(abs(y[i]), abs(yn[i]))
        let q = e[i] / sk
        sum += q * q
      }
      return sum
    #if arch(x86_64)
      case .cBaseline: return pgf_rk_error_sum_baseline(n, e, y, yn, a, rtol)
      case .cAVX2: return pgf_rk_error_sum_avx2(n, e, y, yn, a, rtol)
    #else
      case .cBaseline, .cAVX2: preconditionFailure("StageCombination: the C kernels exist on x86-64 only")
    #endif
    }
  }

  /// Copies `src` to `dst` (unless `nil`; no overlap) and returns whether every entry is finite.
  static func copyFinite(
    count n: Int, _ src: UnsafePointer<Double>, into dst: UnsafeMutablePointer<Double>?, kernel: StageKernel
  ) -> Bool {
    switch kernel {
    case .swift:
      // `v·0` is 0 for finite `v` and NaN for ±∞ or NaN: the sum is NaN exactly when one term is.
      var s = 0.0
      if let dst {
        for i in 0..<n {
          dst[i] = src[i]
          s += src[i] * 0
        }
      } else {
        for i in 0..<n { s += src[i] * 0 }
      }
      return !s.isNaN
    #if arch(x86_64)
      case .cBaseline: return pgf_rk_copy_finite_baseline(n, src, dst) != 0
      case .cAVX2: return pgf_rk_copy_finite_avx2(n, src, dst) != 0
    #else
      case .cBaseline, .cAVX2: preconditionFailure("StageCombination: the C kernels exist on x86-64 only")
    #endif
    }
  }

  /// The Swift stage row (the reference).
  private static func swiftCombine(
    _ n: Int, _ y: UnsafePointer<Double>, _ h: Double, _ w: UnsafePointer<Double>,
    _ p: UnsafePointer<UnsafePointer<Double>>, _ terms: Int, _ o: UnsafeMutablePointer<Double>
  ) {
    switch terms {
    case 0:
      for i in 0..<n { o[i] = y[i] + h * 0 }
    case 1:
      let hw = h * w[0], k0 = p[0]
      for i in 0..<n { o[i] = y[i] + hw * k0[i] }
    case 2:
      let (w0, w1) = (w[0], w[1]), (k0, k1) = (p[0], p[1])
      for i in 0..<n { o[i] = y[i] + h * (w0 * k0[i] + w1 * k1[i]) }
    case 3:
      let (w0, w1, w2) = (w[0], w[1], w[2]), (k0, k1, k2) = (p[0], p[1], p[2])
      for i in 0..<n { o[i] = y[i] + h * (w0 * k0[i] + w1 * k1[i] + w2 * k2[i]) }
    case 4:
      let (w0, w1, w2, w3) = (w[0], w[1], w[2], w[3]), (k0, k1, k2, k3) = (p[0], p[1], p[2], p[3])
      for i in 0..<n { o[i] = y[i] + h * (w0 * k0[i] + w1 * k1[i] + w2 * k2[i] + w3 * k3[i]) }
    case 5:
      let (w0, w1, w2, w3, w4) = (w[0], w[1], w[2], w[3], w[4])
      let (k0, k1, k2, k3, k4) = (p[0], p[1], p[2], p[3], p[4])
      for i in 0..<n {
        o[i] = y[i] + h * (w0 * k0[i] + w1 * k1[i] + w2 * k2[i] + w3 * k3[i] + w4 * k4[i])
      }
    case 6:
      let (w0, w1, w2, w3, w4, w5) = (w[0], w[1], w[2], w[3], w[4], w[5])
      let (k0, k1, k2, k3, k4, k5) = (p[0], p[1], p[2], p[3], p[4], p[5])
      for i in 0..<n {
        o[i] = y[i] + h * (w0 * k0[i] + w1 * k1[i] + w2 * k2[i] + w3 * k3[i] + w4 * k4[i] + w5 * k5[i])
      }
    default:
      for i in 0..<n { o[i] = y[i] + h * sum(w, p, terms, i) }
    }
  }

  /// The Swift weighted row (the reference).
  private static func swiftWeightedSum(
    _ n: Int, _ h: Double, _ w: UnsafePointer<Double>, _ p: UnsafePointer<UnsafePointer<Double>>, _ terms: Int,
    _ o: UnsafeMutablePointer<Double>
  ) {
    if terms == 6 {
      let (w0, w1, w2, w3, w4, w5) = (w[0], w[1], w[2], w[3], w[4], w[5])
      let (k0, k1, k2, k3, k4, k5) = (p[0], p[1], p[2], p[3], p[4], p[5])
      for i in 0..<n {
        o[i] = (w0 * k0[i] + w1 * k1[i] + w2 * k2[i] + w3 * k3[i] + w4 * k4[i] + w5 * k5[i]) * h
      }
    } else {
      for i in 0..<n { o[i] = sum(w, p, terms, i) * h }
    }
  }

  /// `Σ_j w[j]·k[j][i]` left to right (`0` for no terms).
  @inline(__always)
  private static func sum(_ w: UnsafePointer<Double>, _ p: UnsafePointer<UnsafePointer<Double>>, _ terms: Int,
                          _ i: Int) -> Double {
    if terms == 0 { return 0 }
    var acc = w[0] * p[0][i]
    for j in 1..<terms { acc += w[j] * p[j][i] }
    return acc
  }
}
