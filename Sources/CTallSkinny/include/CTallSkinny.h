// C versions of the flow's tall-skinny kernels (`TallSkinny.transposeProduct` and
// `TallSkinny.product` in LinearAlgebra), x86-64 only: one source compiled twice,
// for the x86-64 baseline (SSE2) and, per function, for AVX2 and AVX-512F, so the
// default (portable) build can use 256- and 512-bit registers where the CPU has them. Every output
// entry is summed in exactly the order of the Swift kernel, multiplies and adds
// rounded separately (no FMA, no contraction): results are bit-identical to it.
// Storage is row-major; the shapes and aliasing rules are those of the Swift API.
#ifndef CTALLSKINNY_H
#define CTALLSKINNY_H

#include <stddef.h>

#if defined(__x86_64__)

#ifdef __cplusplus
extern "C" {
#endif

/// Whether the CPU (and OS) support AVX2, asked of `__builtin_cpu_supports` (a read of a
/// global after the first call).
int pgf_ts_has_avx2(void);

/// Whether the CPU (and OS, which must save the 512-bit registers) support AVX-512F;
/// asked of `__builtin_cpu_supports` (a read of a global after the first call).
int pgf_ts_has_avx512(void);

/// `C = [A1 A2]^T Y` (`C` is `(m1 + m2) × k`, overwritten); `a2 == y` with `m2 == k`
/// is the Gram case (upper tiles accumulated, lower triangle mirrored). Baseline code.
void pgf_ts_transpose_product_baseline(ptrdiff_t n, const double *_Nonnull a1, ptrdiff_t m1,
                                       const double *_Nullable a2, ptrdiff_t m2,
                                       const double *_Nonnull y, ptrdiff_t k, double *_Nonnull c);

/// As `pgf_ts_transpose_product_baseline`, compiled for AVX2: call only when
/// `pgf_ts_has_avx2()` is non-zero.
void pgf_ts_transpose_product_avx2(ptrdiff_t n, const double *_Nonnull a1, ptrdiff_t m1,
                                   const double *_Nullable a2, ptrdiff_t m2,
                                   const double *_Nonnull y, ptrdiff_t k, double *_Nonnull c);

/// `D = A1 C1 + A2 C2` (`D` is `n × k`, overwritten, not overlapping the inputs);
/// `a2`, `c2` may be null when `m2 == 0`. Baseline code.
void pgf_ts_product_baseline(ptrdiff_t n, const double *_Nonnull a1, const double *_Nonnull c1,
                             ptrdiff_t m1, const double *_Nullable a2, const double *_Nullable c2,
                             ptrdiff_t m2, ptrdiff_t k, double *_Nonnull d);

/// As `pgf_ts_product_baseline`, compiled for AVX2: call only when
/// `pgf_ts_has_avx2()` is non-zero.
void pgf_ts_product_avx2(ptrdiff_t n, const double *_Nonnull a1, const double *_Nonnull c1,
                         ptrdiff_t m1, const double *_Nullable a2, const double *_Nullable c2,
                         ptrdiff_t m2, ptrdiff_t k, double *_Nonnull d);

/// As `pgf_ts_transpose_product_baseline`, compiled for AVX-512F: call only when
/// `pgf_ts_has_avx512()` is non-zero.
void pgf_ts_transpose_product_avx512(ptrdiff_t n, const double *_Nonnull a1, ptrdiff_t m1,
                                     const double *_Nullable a2, ptrdiff_t m2,
                                     const double *_Nonnull y, ptrdiff_t k, double *_Nonnull c);

/// As `pgf_ts_product_baseline`, compiled for AVX-512F: call only when
/// `pgf_ts_has_avx512()` is non-zero.
void pgf_ts_product_avx512(ptrdiff_t n, const double *_Nonnull a1, const double *_Nonnull c1,
                           ptrdiff_t m1, const double *_Nullable a2, const double *_Nullable c2,
                           ptrdiff_t m2, ptrdiff_t k, double *_Nonnull d);

#ifdef __cplusplus
}
#endif

#endif  // __x86_64__

#endif  // CTALLSKINNY_H
