// The integrator's per-component passes in C: one body instantiated for the x86-64
// baseline and for AVX2. Every output entry uses exactly the operations of
// Sources/ODE/StageKernels.swift (the Swift reference) in the same order: the stage
// rows `y + (h·w₀)·k₀` / `y + h·(w₀k₀ + w₁k₁ + …)`, the weighted rows
// `(w₀k₀ + w₁k₁ + …)·h`, and the error sum accumulated in component order; only the
// finiteness test, whose answer does not depend on the order, uses several
// accumulators.
//
// Multiply and add must round separately, as in Swift: contraction is off for the
// whole file, and the AVX2 functions target "avx2" only (not "fma").
#pragma STDC FP_CONTRACT OFF

#include "CRungeKutta.h"

#if defined(__x86_64__)

#include <stdint.h>

typedef double v4d __attribute__((vector_size(32)));
typedef int64_t v4i __attribute__((vector_size(32)));

#define INLINE static inline __attribute__((always_inline))
#define LOAD4(dst, p) __builtin_memcpy(&(dst), (p), sizeof(v4d))
#define STORE4(p, v) __builtin_memcpy((p), &(v), sizeof(v4d))
#define SPLAT4(x) ((v4d){(x), (x), (x), (x)})

/// The stage row. Each case is one expression per component (vectorised by the
/// compiler across `i`), parenthesised as in the Swift reference.
INLINE void combine(ptrdiff_t n, const double *y, double h, const double *w, const double *const *k,
                    ptrdiff_t terms, double *out) {
  switch (terms) {
  case 0:
    for (ptrdiff_t i = 0; i < n; ++i) out[i] = y[i] + h * 0.0;
    return;
  case 1: {
    const double hw = h * w[0];
    const double *k0 = k[0];
    for (ptrdiff_t i = 0; i < n; ++i) out[i] = y[i] + hw * k0[i];
    return;
  }
  case 2: {
    const double w0 = w[0], w1 = w[1];
    const double *k0 = k[0], *k1 = k[1];
    for (ptrdiff_t i = 0; i < n; ++i) out[i] = y[i] + h * (w0 * k0[i] + w1 * k1[i]);
    return;
  }
  case 3: {
    const double w0 = w[0], w1 = w[1], w2 = w[2];
    const double *k0 = k[0], *k1 = k[1], *k2 = k[2];
    for (ptrdiff_t i = 0; i < n; ++i) out[i] = y[i] + h * (w0 * k0[i] + w1 * k1[i] + w2 * k2[i]);
    return;
  }
  case 4: {
    const double w0 = w[0], w1 = w[1], w2 = w[2], w3 = w[3];
    const double *k0 = k[0], *k1 = k[1], *k2 = k[2], *k3 = k[3];
    for (ptrdiff_t i = 0; i < n; ++i)
      out[i] = y[i] + h * (w0 * k0[i] + w1 * k1[i] + w2 * k2[i] + w3 * k3[i]);
    return;
  }
  case 5: {
    const double w0 = w[0], w1 = w[1], w2 = w[2], w3 = w[3], w4 = w[4];
    const double *k0 = k[0], *k1 = k[1], *k2 = k[2], *k3 = k[3], *k4 = k[4];
    for (ptrdiff_t i = 0; i < n; ++i)
      out[i] = y[i] + h * (w0 * k0[i] + w1 * k1[i] + w2 * k2[i] + w3 * k3[i] + w4 * k4[i]);
    return;
  }
  case 6: {
    const double w0 = w[0], w1 = w[1], w2 = w[2], w3 = w[3], w4 = w[4], w5 = w[5];
    const double *k0 = k[0], *k1 = k[1], *k2 = k[2], *k3 = k[3], *k4 = k[4], *k5 = k[5];
    for (ptrdiff_t i = 0; i < n; ++i)
      out[i] = y[i] + h * (w0 * k0[i] + w1 * k1[i] + w2 * k2[i] + w3 * k3[i] + w4 * k4[i] + w5 * k5[i]);
    return;
  }
  default:
    for (ptrdiff_t i = 0; i < n; ++i) {
      double acc = w[0] * k[0][i];
      for (ptrdiff_t j = 1; j < terms; ++j) acc = acc + w[j] * k[j][i];
      out[i] = y[i] + h * acc;
    }
    return;
  }
}

/// The weighted row `(Σ_j w_j k_j)·h`.
INLINE void weighted_sum(ptrdiff_t n, double h, const double *w, const double *const *k, ptrdiff_t terms,
                         double *out) {
  switch (terms) {
  case 0:
    for (ptrdiff_t i = 0; i < n; ++i) out[i] = 0.0 * h;
    return;
  case 6: {
    const double w0 = w[0], w1 = w[1], w2 = w[2], w3 = w[3], w4 = w[4], w5 = w[5];
    const double *k0 = k[0], *k1 = k[1], *k2 = k[2], *k3 = k[3], *k4 = k[4], *k5 = k[5];
    for (ptrdiff_t i = 0; i < n; ++i)
      out[i] = (w0 * k0[i] + w1 * k1[i] + w2 * k2[i] + w3 * k3[i] + w4 * k4[i] + w5 * k5[i]) * h;
    return;
  }
  default:
    for (ptrdiff_t i = 0; i < n; ++i) {
      double acc = w[0] * k[0][i];
      for (ptrdiff_t j = 1; j < terms; ++j) acc = acc + w[j] * k[j][i];
      out[i] = acc * h;
    }
    return;
  }
}

/// The squared error sum: four components at a time computed in vector registers,
/// their squares added to the running sum one by one in component order.
INLINE double error_sum(ptrdiff_t n, const double *e, const double *y, const double *yn, const double *atol,
                        double rtol) {
  const v4i absMask = {INT64_MAX, INT64_MAX, INT64_MAX, INT64_MAX};
  const v4d r = SPLAT4(rtol);
  double sum = 0.0;
  ptrdiff_t i = 0;
  for (; i + 4 <= n; i += 4) {
    v4d ev, yv, ynv, av;
    LOAD4(ev, e + i);
    LOAD4(yv, y + i);
    LOAD4(ynv, yn + i);
    LOAD4(av, atol + i);
    const v4i ay = (v4i)yv & absMask, ayn = (v4i)ynv & absMask;
    const v4i pick = (v4i)((v4d)ayn >= (v4d)ay);  // all ones where |yn| ≥ |y|
    const v4d m = (v4d)((ayn & pick) | (ay & ~pick));
    const v4d q = ev / (av + r * m);
    const v4d qq = q * q;
    sum = sum + qq[0];
    sum = sum + qq[1];
    sum = sum + qq[2];
    sum = sum + qq[3];
  }
  for (; i < n; ++i) {
    const double ay = __builtin_fabs(y[i]), ayn = __builtin_fabs(yn[i]);
    const double m = ayn >= ay ? ayn : ay;
    const double q = e[i] / (atol[i] + rtol * m);
    sum = sum + q * q;
  }
  return sum;
}

/// `v·0` is ±0 for finite `v` and NaN otherwise; the sum of such terms is NaN exactly
/// when one is, in any order, so four independent accumulators may be used.
INLINE int copy_finite(ptrdiff_t n, const double *src, double *dst) {
  v4d s0 = SPLAT4(0.0), s1 = s0;
  const v4d zero = SPLAT4(0.0);
  ptrdiff_t i = 0;
  for (; i + 8 <= n; i += 8) {
    v4d a, b;
    LOAD4(a, src + i);
    LOAD4(b, src + i + 4);
    if (dst) {
      STORE4(dst + i, a);
      STORE4(dst + i + 4, b);
    }
    s0 = s0 + a * zero;
    s1 = s1 + b * zero;
  }
  double s = 0.0;
  for (; i < n; ++i) {
    if (dst) dst[i] = src[i];
    s = s + src[i] * 0.0;
  }
  const v4d t = s0 + s1;
  s = s + t[0] + t[1] + t[2] + t[3];
  return s == s;
}

// MARK: - Instances and dispatch

void pgf_rk_combine_baseline(ptrdiff_t n, const double *y, double h, const double *w, const double *const *k,
                             ptrdiff_t terms, double *out) {
  combine(n, y, h, w, k, terms, out);
}

__attribute__((target("avx2"))) void pgf_rk_combine_avx2(ptrdiff_t n, const double *y, double h, const double *w,
                                                         const double *const *k, ptrdiff_t terms, double *out) {
  combine(n, y, h, w, k, terms, out);
}

void pgf_rk_weighted_sum_baseline(ptrdiff_t n, double h, const double *w, const double *const *k, ptrdiff_t terms,
                                  double *out) {
  weighted_sum(n, h, w, k, terms, out);
}

__attribute__((target("avx2"))) void pgf_rk_weighted_sum_avx2(ptrdiff_t n, double h, const double *w,
                                                              const double *const *k, ptrdiff_t terms,
                                                              double *out) {
  weighted_sum(n, h, w, k, terms, out);
}

double pgf_rk_error_sum_baseline(ptrdiff_t n, const double *e, const double *y, const double *yn,
                                 const double *atol, double rtol) {
  return error_sum(n, e, y, yn, atol, rtol);
}

__attribute__((target("avx2"))) double pgf_rk_error_sum_avx2(ptrdiff_t n, const double *e, const double *y,
                                                             const double *yn, const double *atol, double rtol) {
  return error_sum(n, e, y, yn, atol, rtol);
}

int pgf_rk_copy_finite_baseline(ptrdiff_t n, const double *src, double *dst) { return copy_finite(n, src, dst); }

__attribute__((target("avx2"))) int pgf_rk_copy_finite_avx2(ptrdiff_t n, const double *src, double *dst) {
  return copy_finite(n, src, dst);
}

int pgf_rk_has_avx2(void) {
  // No cache needed: after the first `__builtin_cpu_init` this reads a global.
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") ? 1 : 0;
}

#endif  // __x86_64__
