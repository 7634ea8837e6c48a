// C versions of the Dormand–Prince integrator's per-component passes (ODE's
// `StageKernels`), x86-64 only: one source compiled twice, for the x86-64 baseline
// (SSE2) and, per function, for AVX2, so the default (portable) build can use
// 256-bit registers where the CPU has them. Every output is computed with exactly
// the operations, in exactly the order, of the Swift reference (multiplies and adds
// rounded separately: no FMA, no contraction), so results are bit-identical to it.
#ifndef CRUNGEKUTTA_H
#define CRUNGEKUTTA_H

#include <stddef.h>

#if defined(__x86_64__)

#ifdef __cplusplus
extern "C" {
#endif

/// Whether the CPU (and OS) support AVX2, asked of `__builtin_cpu_supports` (a read of a
/// global after the first call).
int pgf_rk_has_avx2(void);

/// Stage row: `out[i] = y[i] + (h·w[0])·k[0][i]` for one term, otherwise
/// `out[i] = y[i] + h·(w[0]·k[0][i] + w[1]·k[1][i] + …)` summed left to right
/// (`y[i] + h·0` for no terms). `out` may not overlap `y` or any `k[j]`. Baseline code.
void pgf_rk_combine_baseline(ptrdiff_t n, const double *_Nonnull y, double h, const double *_Nullable w,
                             const double *_Nonnull const *_Nullable k, ptrdiff_t terms,
                             double *_Nonnull out);
/// As `pgf_rk_combine_baseline`, compiled for AVX2: call only when `pgf_rk_has_avx2()` is non-zero.
void pgf_rk_combine_avx2(ptrdiff_t n, const double *_Nonnull y, double h, const double *_Nullable w,
                         const double *_Nonnull const *_Nullable k, ptrdiff_t terms, double *_Nonnull out);

/// Error / dense row: `out[i] = (w[0]·k[0][i] + w[1]·k[1][i] + …)·h` left to right
/// (`0·h` for no terms). Baseline code.
void pgf_rk_weighted_sum_baseline(ptrdiff_t n, double h, const double *_Nullable w,
                                  const double *_Nonnull const *_Nullable k, ptrdiff_t terms,
                                  double *_Nonnull out);
/// As `pgf_rk_weighted_sum_baseline`, compiled for AVX2.
void pgf_rk_weighted_sum_avx2(ptrdiff_t n, double h, const double *_Nullable w,
                              const double *_Nonnull const *_Nullable k, ptrdiff_t terms,
                              double *_Nonnull out);

/// dopri5.f's squared error sum `Σ_i (e_i / (atol_i + rtol·m_i))²` in component order,
/// `m_i = |yn_i| ≥ |y_i| ? |yn_i| : |y_i|` (Swift's `max(|y_i|, |yn_i|)`). Baseline code.
double pgf_rk_error_sum_baseline(ptrdiff_t n, const double *_Nonnull e, const double *_Nonnull y,
                                 const double *_Nonnull yn, const double *_Nonnull atol, double rtol);
/// As `pgf_rk_error_sum_baseline`, compiled for AVX2.
double pgf_rk_error_sum_avx2(ptrdiff_t n, const double *_Nonnull e, const double *_Nonnull y,
                             const double *_Nonnull yn, const double *_Nonnull atol, double rtol);

/// Copies `src` to `dst` (when `dst` is non-null; they may not overlap) and returns 1
/// when every `src[i]` is finite, 0 otherwise. Baseline code.
int pgf_rk_copy_finite_baseline(ptrdiff_t n, const double *_Nonnull src, double *_Nullable dst);
/// As `pgf_rk_copy_finite_baseline`, compiled for AVX2.
int pgf_rk_copy_finite_avx2(ptrdiff_t n, const double *_Nonnull src, double *_Nullable dst);

#ifdef __cplusplus
}
#endif

#endif  // __x86_64__

#endif  // CRUNGEKUTTA_H
