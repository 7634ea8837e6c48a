// The implementations behind `TallSkinny.transposeProduct` and `TallSkinny.product`
// and the run-time choice among them. All of them sum every entry in the same order
// with separately rounded multiplies and adds, so they give bit-identical results;
// they differ only in speed. The default (portable) build compiles Swift to the
// x86-64 baseline (two doubles per SSE register); the C kernel's AVX2 instance uses
// four per register where the CPU has AVX2, and its AVX-512 instance eight where the
// CPU has AVX-512F, without unsafe build flags.

#if arch(x86_64)
  import CTallSkinny
#endif

extension TallSkinny {
  /// An implementation of the tall-skinny kernels; all give bit-identical results.
  public enum Kernel: Sendable, CaseIterable, CustomStringConvertible {
    /// The Swift kernel: the reference, on every architecture.
    case swift
    /// The C kernel compiled for the x86-64 baseline (SSE2); x86-64 only.
    case cBaseline
    /// The C kernel compiled for AVX2; x86-64 CPUs with AVX2 only.
    case cAVX2
    /// The C kernel compiled for AVX-512F (4 × 16 register tiles); x86-64 CPUs with
    /// AVX-512F (and an OS that saves its registers) only.
    case cAVX512

    /// Whether this machine can run the kernel.
    public var isAvailable: Bool {
      switch self {
      case .swift: return true
      #if arch(x86_64)
        case .cBaseline: return true
        case .cAVX2: return Self.cpuHasAVX2
        case .cAVX512: return Self.cpuHasAVX512
      #else
        case .cBaseline, .cAVX2, .cAVX512: return false
      #endif
      }
    }

    #if arch(x86_64)
      /// The CPU-feature answers, asked once (every kernel call checks its kernel's availability).
      private static let cpuHasAVX2 = pgf_ts_has_avx2() != 0
      private static let cpuHasAVX512 = pgf_ts_has_avx512() != 0
    #endif

    /// The kernel the default entry points run: the widest available C instance
    /// (``cAVX512``, then ``cAVX2``), else ``swift``.
    public static let preferred: Kernel =
      Kernel.cAVX512.isAvailable ? .cAVX512 : Kernel.cAVX2.isAvailable ? .cAVX2 : .swift

    /// `swift`, `c-baseline`, `c-avx2` or `c-avx512`.
    public var description: String {
      switch self {
      case .swift: return "swift"
      case .cBaseline: return "c-baseline"
      case .cAVX2: return "c-avx2"
      case .cAVX512: return "c-avx512"
      }
    }
  }

  /// ``transposeProduct(rows:a1:m1:a2:m2:y:k:into:)`` run by `kernel`, which must be
  /// available (``Kernel/isAvailable``).
  public static func transposeProduct(
    rows n: Int, a1: UnsafePointer<Double>, m1: Int, a2: UnsafePointer<Double>?, m2: Int,
    y: UnsafePointer<Double>, k: Int, into c: UnsafeMutablePointer<Double>, kernel: Kernel
  ) {
    switch kernel {
    case .swift: swiftTransposeProduct(rows: n, a1: a1, m1: m1, a2: a2, m2: m2, y: y, k: k, into: c)
    #if arch(x86_64)
      case .cBaseline: pgf_ts_transpose_product_baseline(n, a1, m1, a2, m2, y, k, c)
      case .cAVX2:
        precondition(kernel.isAvailable, "TallSkinny: the AVX2 kernel needs a CPU with AVX2")
        pgf_ts_transpose_product_avx2(n, a1, m1, a2, m2, y, k, c)
      case .cAVX512:
        precondition(kernel.isAvailable, "TallSkinny: the AVX-512 kernel needs a CPU with AVX-512F")
        pgf_ts_transpose_product_avx512(n, a1, m1, a2, m2, y, k, c)
    #else
      case .cBaseline, .cAVX2, .cAVX512: preconditionFailure("TallSkinny: the C kernels exist on x86-64 only")
    #endif
    }
  }

  /// ``product(rows:a1:c1:m1:a2:c2:m2:k:into:)`` run by `kernel`, which must be
  /// available (``Kernel/isAvailable``).
  public static func product(
    rows n: Int, a1: UnsafePointer<Double>, c1: UnsafePointer<Double>, m1: Int,
    a2: UnsafePointer<Double>?, c2: UnsafePointer<Double>?, m2: Int, k: Int,
    into d: UnsafeMutablePointer<Double>, kernel: Kernel
  ) {
    switch kernel {
    case .swift: swiftProduct(rows: n, a1: a1, c1: c1, m1: m1, a2: a2, c2: c2, m2: m2, k: k, into: d)
    #if arch(x86_64)
      case .cBaseline: pgf_ts_product_baseline(n, a1, c1, m1, a2, c2, m2, k, d)
      case .cAVX2:
        precondition(kernel.isAvailable, "TallSkinny: the AVX2 kernel needs a CPU with AVX2")
        pgf_ts_product_avx2(n, a1, c1, m1, a2, c2, m2, k, d)
      case .cAVX512:
        precondition(kernel.isAvailable, "TallSkinny: the AVX-512 kernel needs a CPU with AVX-512F")
        pgf_ts_product_avx512(n, a1, c1, m1, a2, c2, m2, k, d)
    #else
      case .cBaseline, .cAVX2, .cAVX512: preconditionFailure("TallSkinny: the C kernels exist on x86-64 only")
    #endif
    }
  }
}
