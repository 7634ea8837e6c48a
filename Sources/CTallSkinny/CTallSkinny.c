// The tall-skinny kernels in C: one body (clang vector extensions, 4 × 4 register
// tiles; 4 × 8 in the AVX2 instance where they fit) instantiated for the x86-64
// baseline and for AVX2. The loop structure and
// every entry's summation order mirror Sources/LinearAlgebra/TallSkinnyProducts.swift
// exactly: the transposed product sums rows chunk by chunk (64 rows, each chunk
// from 0 in row order, chunk totals added to C in chunk order); the product sums the
// first panel's columns, then the second's, from 0 in column order.
//
// Multiply and add must round separately, as in Swift: contraction is off for the
// whole file, and the AVX2 functions target "avx2" only (not "fma").
#pragma STDC FP_CONTRACT OFF

#include "CTallSkinny.h"

#if defined(__x86_64__)

#include <stdatomic.h>

typedef double v4d __attribute__((vector_size(32)));
typedef double v2d __attribute__((vector_size(16)));

#define CHUNK_ROWS 64
#define INLINE static inline __attribute__((always_inline))

// Unaligned loads and stores (memcpy compiles to one vector move).
#define LOAD4(dst, p) __builtin_memcpy(&(dst), (p), sizeof(v4d))
#define STORE4(p, v) __builtin_memcpy((p), &(v), sizeof(v4d))
#define LOAD2(dst, p) __builtin_memcpy(&(dst), (p), sizeof(v2d))
#define STORE2(p, v) __builtin_memcpy((p), &(v), sizeof(v2d))
#define SPLAT4(x) ((v4d){(x), (x), (x), (x)})
#define SPLAT2(x) ((v2d){(x), (x)})

// C[col.., j..] += S (four consecutive entries).
#define ADDSTORE4(p, s)         \
  do {                          \
    v4d t_;                     \
    LOAD4(t_, (p));             \
    t_ = t_ + (s);              \
    STORE4((p), t_);            \
  } while (0)

/// C += A[p0..<p1, :]^T Y[p0..<p1, :]; with upper_only, 4 × 4 tiles entirely below the
/// diagonal are skipped (TallSkinny.transposeChunk).
///
/// With `wide` (the AVX2 instance) the tiles are 4 × 8 where they fit: eight independent
/// accumulator chains hide the add latency. Every entry is still summed from 0 over the
/// chunk's rows in row order and added to C once, so the tile shape does not change a bit.
INLINE void transpose_chunk(ptrdiff_t p0, ptrdiff_t p1, const double *a, ptrdiff_t m,
                            const double *y, ptrdiff_t k, double *c, int upper_only, int wide) {
  const ptrdiff_t k4 = k & ~(ptrdiff_t)3;
  ptrdiff_t col = 0;
  for (; col + 4 <= m; col += 4) {
    ptrdiff_t j = upper_only ? col : 0;
    if (wide) {
      for (; j + 8 <= k4; j += 8) {
        v4d s0 = {0, 0, 0, 0}, s1 = s0, s2 = s0, s3 = s0, t0 = s0, t1 = s0, t2 = s0, t3 = s0;
        const double *yp = y + (p0 * k + j);
        const double *ap = a + (p0 * m + col);
        for (ptrdiff_t p = p0; p < p1; ++p) {
          v4d yv, yw;
          LOAD4(yv, yp);
          LOAD4(yw, yp + 4);
          const v4d b0 = SPLAT4(ap[0]), b1 = SPLAT4(ap[1]), b2 = SPLAT4(ap[2]), b3 = SPLAT4(ap[3]);
          s0 = s0 + b0 * yv;
          t0 = t0 + b0 * yw;
          s1 = s1 + b1 * yv;
          t1 = t1 + b1 * yw;
          s2 = s2 + b2 * yv;
          t2 = t2 + b2 * yw;
          s3 = s3 + b3 * yv;
          t3 = t3 + b3 * yw;
          yp += k;
          ap += m;
        }
        ADDSTORE4(c + (col * k + j), s0);
        ADDSTORE4(c + (col * k + j + 4), t0);
        ADDSTORE4(c + ((col + 1) * k + j), s1);
        ADDSTORE4(c + ((col + 1) * k + j + 4), t1);
        ADDSTORE4(c + ((col + 2) * k + j), s2);
        ADDSTORE4(c + ((col + 2) * k + j + 4), t2);
        ADDSTORE4(c + ((col + 3) * k + j), s3);
        ADDSTORE4(c + ((col + 3) * k + j + 4), t3);
      }
    }
    for (; j < k4; j += 4) {
      v4d s0 = {0, 0, 0, 0}, s1 = s0, s2 = s0, s3 = s0;
      const double *yp = y + (p0 * k + j);
      const double *ap = a + (p0 * m + col);
      for (ptrdiff_t p = p0; p < p1; ++p) {
        v4d yv;
        LOAD4(yv, yp);
        s0 = s0 + SPLAT4(ap[0]) * yv;
        s1 = s1 + SPLAT4(ap[1]) * yv;
        s2 = s2 + SPLAT4(ap[2]) * yv;
        s3 = s3 + SPLAT4(ap[3]) * yv;
        yp += k;
        ap += m;
      }
      ADDSTORE4(c + (col * k + j), s0);
      ADDSTORE4(c + ((col + 1) * k + j), s1);
      ADDSTORE4(c + ((col + 2) * k + j), s2);
      ADDSTORE4(c + ((col + 3) * k + j), s3);
    }
  }
  for (; col < m; ++col) {
    for (ptrdiff_t j = 0; j < k4; j += 4) {
      v4d s = {0, 0, 0, 0};
      const double *yp = y + (p0 * k + j);
      const double *ap = a + (p0 * m + col);
      for (ptrdiff_t p = p0; p < p1; ++p) {
        v4d yv;
        LOAD4(yv, yp);
        s = s + SPLAT4(*ap) * yv;
        yp += k;
        ap += m;
      }
      ADDSTORE4(c + (col * k + j), s);
    }
  }
  if (k4 < k) {
    for (col = 0; col < m; ++col) {
      ptrdiff_t j = k4;
      while (j < k) {
        const double *yp = y + (p0 * k + j);
        const double *ap = a + (p0 * m + col);
        if (j + 2 <= k) {
          v2d s2 = {0, 0};
          for (ptrdiff_t p = p0; p < p1; ++p) {
            v2d yv;
            LOAD2(yv, yp);
            s2 = s2 + SPLAT2(*ap) * yv;
            yp += k;
            ap += m;
          }
          c[col * k + j] += s2[0];
          c[col * k + j + 1] += s2[1];
          j += 2;
        } else {
          double s1 = 0;
          for (ptrdiff_t p = p0; p < p1; ++p) {
            s1 = s1 + *ap * *yp;
            yp += k;
            ap += m;
          }
          c[col * k + j] += s1;
          j += 1;
        }
      }
    }
  }
}

/// TallSkinny.transposeProduct.
INLINE void transpose_product(ptrdiff_t n, const double *a1, ptrdiff_t m1, const double *a2,
                              ptrdiff_t m2, const double *y, ptrdiff_t k, double *c, int wide) {
  for (ptrdiff_t i = 0; i < (m1 + m2) * k; ++i) c[i] = 0;
  if (n == 0 || k == 0) return;
  const int gram = a2 == y && m2 == k;
  for (ptrdiff_t p0 = 0; p0 < n;) {
    const ptrdiff_t p1 = p0 + CHUNK_ROWS < n ? p0 + CHUNK_ROWS : n;
    transpose_chunk(p0, p1, a1, m1, y, k, c, 0, wide);
    if (a2 && m2 > 0) transpose_chunk(p0, p1, a2, m2, y, k, c + m1 * k, gram, wide);
    p0 = p1;
  }
  if (gram) {
    double *g = c + m1 * k;
    for (ptrdiff_t i = 1; i < k; ++i)
      for (ptrdiff_t j = 0; j < i; ++j) g[i * k + j] = g[j * k + i];
  }
}

/// Accumulates rows i..<i+4, columns j..<j+4 of A C (TallSkinny.productTile).
#define PRODUCT_TILE(a, cc, m)                   \
  do {                                           \
    const double *r0_ = (a) + i * (m);           \
    const double *cp_ = (cc) + j;                \
    const ptrdiff_t d1_ = (m), d2_ = 2 * (m), d3_ = 3 * (m); \
    for (ptrdiff_t q_ = 0; q_ < (m); ++q_) {     \
      v4d cv_;                                   \
      LOAD4(cv_, cp_);                           \
      s0 = s0 + SPLAT4(r0_[0]) * cv_;            \
      s1 = s1 + SPLAT4(r0_[d1_]) * cv_;          \
      s2 = s2 + SPLAT4(r0_[d2_]) * cv_;          \
      s3 = s3 + SPLAT4(r0_[d3_]) * cv_;          \
      r0_ += 1;                                  \
      cp_ += k;                                  \
    }                                            \
  } while (0)

/// Accumulates rows i..<i+4, columns j..<j+8 of A C (the AVX2 instance's 4 × 8 tile:
/// per entry the same sum, in the same order, as PRODUCT_TILE).
#define PRODUCT_TILE8(a, cc, m)                  \
  do {                                           \
    const double *r0_ = (a) + i * (m);           \
    const double *cp_ = (cc) + j;                \
    const ptrdiff_t d1_ = (m), d2_ = 2 * (m), d3_ = 3 * (m); \
    for (ptrdiff_t q_ = 0; q_ < (m); ++q_) {     \
      v4d cv_, cw_;                              \
      LOAD4(cv_, cp_);                           \
      LOAD4(cw_, cp_ + 4);                       \
      const v4d b0_ = SPLAT4(r0_[0]), b1_ = SPLAT4(r0_[d1_]); \
      const v4d b2_ = SPLAT4(r0_[d2_]), b3_ = SPLAT4(r0_[d3_]); \
      s0 = s0 + b0_ * cv_;                       \
      t0 = t0 + b0_ * cw_;                       \
      s1 = s1 + b1_ * cv_;                       \
      t1 = t1 + b1_ * cw_;                       \
      s2 = s2 + b2_ * cv_;                       \
      t2 = t2 + b2_ * cw_;                       \
      s3 = s3 + b3_ * cv_;                       \
      t3 = t3 + b3_ * cw_;                       \
      r0_ += 1;                                  \
      cp_ += k;                                  \
    }                                            \
  } while (0)

/// Columns j0..<k of row i of A1 C1 + A2 C2: pairs, then a last single column
/// (TallSkinny.productScalarColumns).
INLINE void product_scalar_columns(ptrdiff_t i, ptrdiff_t j0, const double *a1, const double *c1,
                                   ptrdiff_t m1, const double *a2, const double *c2, ptrdiff_t m2,
                                   ptrdiff_t k, double *d) {
  if (j0 >= k) return;
  const double *row1 = a1 + i * m1, *row2 = a2 + i * m2;
  double *out = d + i * k;
  ptrdiff_t j = j0;
  for (; j + 2 <= k; j += 2) {
    v2d s = {0, 0}, cv;
    const double *cp = c1 + j;
    for (ptrdiff_t q = 0; q < m1; ++q) {
      LOAD2(cv, cp);
      s = s + SPLAT2(row1[q]) * cv;
      cp += k;
    }
    cp = c2 + j;
    for (ptrdiff_t q = 0; q < m2; ++q) {
      LOAD2(cv, cp);
      s = s + SPLAT2(row2[q]) * cv;
      cp += k;
    }
    STORE2(out + j, s);
  }
  if (j < k) {
    double s = 0;
    const double *cp = c1 + j;
    for (ptrdiff_t q = 0; q < m1; ++q) {
      s = s + row1[q] * *cp;
      cp += k;
    }
    cp = c2 + j;
    for (ptrdiff_t q = 0; q < m2; ++q) {
      s = s + row2[q] * *cp;
      cp += k;
    }
    out[j] = s;
  }
}

/// TallSkinny.product.
INLINE void product(ptrdiff_t n, const double *a1, const double *c1, ptrdiff_t m1,
                    const double *a2, const double *c2, ptrdiff_t m2, ptrdiff_t k, double *d, int wide) {
  if (n == 0 || k == 0) return;
  if (!a2 || !c2) m2 = 0;
  if (!a2) a2 = a1;
  if (!c2) c2 = c1;
  const ptrdiff_t k4 = k & ~(ptrdiff_t)3;
  ptrdiff_t i = 0;
  for (; i + 4 <= n; i += 4) {
    ptrdiff_t j = 0;
    if (wide) {
      for (; j + 8 <= k4; j += 8) {
        v4d s0 = {0, 0, 0, 0}, s1 = s0, s2 = s0, s3 = s0, t0 = s0, t1 = s0, t2 = s0, t3 = s0;
        PRODUCT_TILE8(a1, c1, m1);
        PRODUCT_TILE8(a2, c2, m2);
        STORE4(d + i * k + j, s0);
        STORE4(d + i * k + j + 4, t0);
        STORE4(d + (i + 1) * k + j, s1);
        STORE4(d + (i + 1) * k + j + 4, t1);
        STORE4(d + (i + 2) * k + j, s2);
        STORE4(d + (i + 2) * k + j + 4, t2);
        STORE4(d + (i + 3) * k + j, s3);
        STORE4(d + (i + 3) * k + j + 4, t3);
      }
    }
    for (; j < k4; j += 4) {
      v4d s0 = {0, 0, 0, 0}, s1 = s0, s2 = s0, s3 = s0;
      PRODUCT_TILE(a1, c1, m1);
      PRODUCT_TILE(a2, c2, m2);
      STORE4(d + i * k + j, s0);
      STORE4(d + (i + 1) * k + j, s1);
      STORE4(d + (i + 2) * k + j, s2);
      STORE4(d + (i + 3) * k + j, s3);
    }
    for (ptrdiff_t row = i; row < i + 4; ++row)
      product_scalar_columns(row, k4, a1, c1, m1, a2, c2, m2, k, d);
  }
  for (; i < n; ++i) {
    const double *row1 = a1 + i * m1, *row2 = a2 + i * m2;
    for (ptrdiff_t j = 0; j < k4; j += 4) {
      v4d s = {0, 0, 0, 0}, cv;
      const double *cp = c1 + j;
      for (ptrdiff_t q = 0; q < m1; ++q) {
        LOAD4(cv, cp);
        s = s + SPLAT4(row1[q]) * cv;
        cp += k;
      }
      cp = c2 + j;
      for (ptrdiff_t q = 0; q < m2; ++q) {
        LOAD4(cv, cp);
        s = s + SPLAT4(row2[q]) * cv;
        cp += k;
      }
      STORE4(d + (i * k + j), s);
    }
    product_scalar_columns(i, k4, a1, c1, m1, a2, c2, m2, k, d);
  }
}

// MARK: - Instances and dispatch

void pgf_ts_transpose_product_baseline(ptrdiff_t n, const double *a1, ptrdiff_t m1, const double *a2,
                                       ptrdiff_t m2, const double *y, ptrdiff_t k, double *c) {
  transpose_product(n, a1, m1, a2, m2, y, k, c, 0);
}

__attribute__((target("avx2"))) void pgf_ts_transpose_product_avx2(ptrdiff_t n, const double *a1,
                                                                   ptrdiff_t m1, const double *a2,
                                                                   ptrdiff_t m2, const double *y,
                                                                   ptrdiff_t k, double *c) {
  transpose_product(n, a1, m1, a2, m2, y, k, c, 1);
}

void pgf_ts_product_baseline(ptrdiff_t n, const double *a1, const double *c1, ptrdiff_t m1,
                             const double *a2, const double *c2, ptrdiff_t m2, ptrdiff_t k, double *d) {
  product(n, a1, c1, m1, a2, c2, m2, k, d, 0);
}

__attribute__((target("avx2"))) void pgf_ts_product_avx2(ptrdiff_t n, const double *a1, const double *c1,
                                                         ptrdiff_t m1, const double *a2, const double *c2,
                                                         ptrdiff_t m2, ptrdiff_t k, double *d) {
  product(n, a1, c1, m1, a2, c2, m2, k, d, 1);
}

/// -1: not yet queried; 0 / 1: the cached answer (a benign race: every thread
/// computes the same value).
static _Atomic int avx2_state = -1;

int pgf_ts_has_avx2(void) {
  int state = atomic_load_explicit(&avx2_state, memory_order_relaxed);
  if (state < 0) {
    __builtin_cpu_init();
    state = __builtin_cpu_supports("avx2") ? 1 : 0;
    atomic_store_explicit(&avx2_state, state, memory_order_relaxed);
  }
  return state;
}

#endif  // __x86_64__
