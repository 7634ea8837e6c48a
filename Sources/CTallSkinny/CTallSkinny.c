// The tall-skinny kernels in C: one body (clang vector extensions, 4 × 4 register
// tiles; 4 × 8 in the AVX2 instance where they fit; 4 × 16, then 4 × 8, in the
// AVX-512 instance) instantiated for the x86-64 baseline, for AVX2 and for AVX-512F.
// The loop structure and
// every entry's summation order mirror Sources/LinearAlgebra/TallSkinnyProducts.swift
// exactly: the transposed product sums rows chunk by chunk (64 rows, each chunk
// from 0 in row order, chunk totals added to C in chunk order); the product sums the
// first panel's columns, then the second's, from 0 in column order.
//
// Multiply and add must round separately, as in Swift: contraction is off for the
// whole file, and the AVX2 functions target "avx2" only (not "fma"); the AVX-512
// functions target "avx512f", which implies FMA, so the pragma is what keeps every
// multiply and add separately rounded there.
#pragma STDC FP_CONTRACT OFF

#include "CTallSkinny.h"

#if defined(__x86_64__)


typedef double v4d __attribute__((vector_size(32)));
typedef double v2d __attribute__((vector_size(16)));
typedef double v8d __attribute__((vector_size(64)));

#define CHUNK_ROWS 64
#define INLINE static inline __attribute__((always_inline))

// Unaligned loads and stores (memcpy compiles to one vector move).
#define LOAD4(dst, p) __builtin_memcpy(&(dst), (p), sizeof(v4d))
#define STORE4(p, v) __builtin_memcpy((p), &(v), sizeof(v4d))
#define LOAD2(dst, p) __builtin_memcpy(&(dst), (p), sizeof(v2d))
#define STORE2(p, v) __builtin_memcpy((p), &(v), sizeof(v2d))
#define SPLAT4(x) ((v4d){(x), (x), (x), (x)})
#define SPLAT2(x) ((v2d){(x), (x)})
#define LOAD8(dst, p) __builtin_memcpy(&(dst), (p), sizeof(v8d))
#define STORE8(p, v) __builtin_memcpy((p), &(v), sizeof(v8d))
#define SPLAT8(x) ((v8d){(x), (x), (x), (x), (x), (x), (x), (x)})

// Instance levels (the `wide` argument): 0 baseline (4 × 4 tiles), 1 AVX2 (4 × 8
// tiles of two 256-bit halves), 2 AVX-512 (4 × 16 tiles of two 512-bit halves first).
#define WIDE_AVX2 1
#define WIDE_AVX512 2

// C[col.., j..] += S (four consecutive entries).
#define ADDSTORE4(p, s)         \
  do {                          \
    v4d t_;                     \
    LOAD4(t_, (p));             \
    t_ = t_ + (s);              \
    STORE4((p), t_);            \
  } while (0)

// C[col.., j..] += S (eight consecutive entries).
#define ADDSTORE8(p, s)         \
  do {                          \
    v8d t_;                     \
    LOAD8(t_, (p));             \
    t_ = t_ + (s);              \
    STORE8((p), t_);            \
  } while (0)

/// One 4 × (2·H) tile of transpose_chunk at (col, j): two H-wide halves of type VT per row,
/// eight independent chains; each entry summed from 0 over the chunk's rows in row order and
/// added to C once (4 × 8 with 256-bit halves in the AVX2 instance, 4 × 16 with 512-bit ones
/// in the AVX-512 instance).
#define TRANSPOSE_TILE_2H(VT, LOADV, SPLATV, ADDSTOREV, H)                              \
  do {                                                                                  \
    VT s0 = SPLATV(0.0), s1 = s0, s2 = s0, s3 = s0, t0 = s0, t1 = s0, t2 = s0, t3 = s0; \
    const double *yp = y + (p0 * k + j);                                                \
    const double *ap = a + (p0 * m + col);                                              \
    for (ptrdiff_t p = p0; p < p1; ++p) {                                               \
      VT yv, yw;                                                                        \
      LOADV(yv, yp);                                                                    \
      LOADV(yw, yp + H);                                                                \
      const VT b0 = SPLATV(ap[0]), b1 = SPLATV(ap[1]), b2 = SPLATV(ap[2]), b3 = SPLATV(ap[3]); \
      s0 = s0 + b0 * yv;                                                                \
      t0 = t0 + b0 * yw;                                                                \
      s1 = s1 + b1 * yv;                                                                \
      t1 = t1 + b1 * yw;                                                                \
      s2 = s2 + b2 * yv;                                                                \
      t2 = t2 + b2 * yw;                                                                \
      s3 = s3 + b3 * yv;                                                                \
      t3 = t3 + b3 * yw;                                                                \
      yp += k;                                                                          \
      ap += m;                                                                          \
    }                                                                                   \
    ADDSTOREV(c + (col * k + j), s0);                                                   \
    ADDSTOREV(c + (col * k + j + H), t0);                                               \
    ADDSTOREV(c + ((col + 1) * k + j), s1);                                             \
    ADDSTOREV(c + ((col + 1) * k + j + H), t1);                                         \
    ADDSTOREV(c + ((col + 2) * k + j), s2);                                             \
    ADDSTOREV(c + ((col + 2) * k + j + H), t2);                                         \
    ADDSTOREV(c + ((col + 3) * k + j), s3);                                             \
    ADDSTOREV(c + ((col + 3) * k + j + H), t3);                                         \
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
    if (wide >= WIDE_AVX512) {
      // Exactly 20 columns left (k = 20, the flow's usual width): one 4 × 20 tile, twelve
      // chains, instead of a 4 × 16 tile and a latency-bound 4 × 4 one.
      if (k4 - j == 20) {
        v8d s0 = SPLAT8(0.0), s1 = s0, s2 = s0, s3 = s0, t0 = s0, t1 = s0, t2 = s0, t3 = s0;
        v4d u0 = {0, 0, 0, 0}, u1 = u0, u2 = u0, u3 = u0;
        const double *yp = y + (p0 * k + j);
        const double *ap = a + (p0 * m + col);
        for (ptrdiff_t p = p0; p < p1; ++p) {
          v8d yv, yw;
          v4d yx;
          LOAD8(yv, yp);
          LOAD8(yw, yp + 8);
          LOAD4(yx, yp + 16);
          const v8d b0 = SPLAT8(ap[0]), b1 = SPLAT8(ap[1]), b2 = SPLAT8(ap[2]), b3 = SPLAT8(ap[3]);
          const v4d c0 = SPLAT4(ap[0]), c1 = SPLAT4(ap[1]), c2 = SPLAT4(ap[2]), c3 = SPLAT4(ap[3]);
          s0 = s0 + b0 * yv;
          t0 = t0 + b0 * yw;
          u0 = u0 + c0 * yx;
          s1 = s1 + b1 * yv;
          t1 = t1 + b1 * yw;
          u1 = u1 + c1 * yx;
          s2 = s2 + b2 * yv;
          t2 = t2 + b2 * yw;
          u2 = u2 + c2 * yx;
          s3 = s3 + b3 * yv;
          t3 = t3 + b3 * yw;
          u3 = u3 + c3 * yx;
          yp += k;
          ap += m;
        }
        ADDSTORE8(c + (col * k + j), s0);
        ADDSTORE8(c + (col * k + j + 8), t0);
        ADDSTORE4(c + (col * k + j + 16), u0);
        ADDSTORE8(c + ((col + 1) * k + j), s1);
        ADDSTORE8(c + ((col + 1) * k + j + 8), t1);
        ADDSTORE4(c + ((col + 1) * k + j + 16), u1);
        ADDSTORE8(c + ((col + 2) * k + j), s2);
        ADDSTORE8(c + ((col + 2) * k + j + 8), t2);
        ADDSTORE4(c + ((col + 2) * k + j + 16), u2);
        ADDSTORE8(c + ((col + 3) * k + j), s3);
        ADDSTORE8(c + ((col + 3) * k + j + 8), t3);
        ADDSTORE4(c + ((col + 3) * k + j + 16), u3);
        j += 20;
      }
      for (; j + 16 <= k4; j += 16) TRANSPOSE_TILE_2H(v8d, LOAD8, SPLAT8, ADDSTORE8, 8);
    }
    if (wide >= WIDE_AVX2) {
      for (; j + 8 <= k4; j += 8) TRANSPOSE_TILE_2H(v4d, LOAD4, SPLAT4, ADDSTORE4, 4);
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
    ptrdiff_t j = 0;
    if (wide >= WIDE_AVX2) {
      // Four independent 4-entry chains (16 columns) per pass instead of one.
      for (; j + 16 <= k4; j += 16) {
        v4d s0 = {0, 0, 0, 0}, s1 = s0, s2 = s0, s3 = s0;
        const double *yp = y + (p0 * k + j);
        const double *ap = a + (p0 * m + col);
        for (ptrdiff_t p = p0; p < p1; ++p) {
          v4d y0, y1, y2, y3;
          LOAD4(y0, yp);
          LOAD4(y1, yp + 4);
          LOAD4(y2, yp + 8);
          LOAD4(y3, yp + 12);
          const v4d b = SPLAT4(*ap);
          s0 = s0 + b * y0;
          s1 = s1 + b * y1;
          s2 = s2 + b * y2;
          s3 = s3 + b * y3;
          yp += k;
          ap += m;
        }
        ADDSTORE4(c + (col * k + j), s0);
        ADDSTORE4(c + (col * k + j + 4), s1);
        ADDSTORE4(c + (col * k + j + 8), s2);
        ADDSTORE4(c + (col * k + j + 12), s3);
      }
    }
    for (; j < k4; j += 4) {
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

/// Accumulates rows i..<i+4, columns j..<j+2·H of A C in two H-wide halves of type VT per
/// row (the AVX2 instance's 4 × 8 tile, H = 4; the AVX-512 instance's 4 × 16, H = 8): per entry
/// the same sum, in the same order, as PRODUCT_TILE.
#define PRODUCT_TILE_2H(a, cc, m, VT, LOADV, SPLATV, H) \
  do {                                           \
    const double *r0_ = (a) + i * (m);           \
    const double *cp_ = (cc) + j;                \
    const ptrdiff_t d1_ = (m), d2_ = 2 * (m), d3_ = 3 * (m); \
    for (ptrdiff_t q_ = 0; q_ < (m); ++q_) {     \
      VT cv_, cw_;                               \
      LOADV(cv_, cp_);                           \
      LOADV(cw_, cp_ + H);                       \
      const VT b0_ = SPLATV(r0_[0]), b1_ = SPLATV(r0_[d1_]); \
      const VT b2_ = SPLATV(r0_[d2_]), b3_ = SPLATV(r0_[d3_]); \
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

/// Writes the 4 × 2·H tile accumulated by PRODUCT_TILE_2H to D.
#define STORE_TILE_2H(STOREV, H)                 \
  do {                                           \
    STOREV(d + i * k + j, s0);                   \
    STOREV(d + i * k + j + H, t0);               \
    STOREV(d + (i + 1) * k + j, s1);             \
    STOREV(d + (i + 1) * k + j + H, t1);         \
    STOREV(d + (i + 2) * k + j, s2);             \
    STOREV(d + (i + 2) * k + j + H, t2);         \
    STOREV(d + (i + 3) * k + j, s3);             \
    STOREV(d + (i + 3) * k + j + H, t3);         \
  } while (0)

/// Accumulates rows i..<i+4, columns j..<j+20 of A C (the AVX-512 instance's 4 × 20
/// tile for k = 20: two 512-bit and one 256-bit accumulator per row; per entry the same
/// sum, in the same order, as PRODUCT_TILE).
#define PRODUCT_TILE20(a, cc, m)                 \
  do {                                           \
    const double *r0_ = (a) + i * (m);           \
    const double *cp_ = (cc) + j;                \
    const ptrdiff_t d1_ = (m), d2_ = 2 * (m), d3_ = 3 * (m); \
    for (ptrdiff_t q_ = 0; q_ < (m); ++q_) {     \
      v8d cv_, cw_;                              \
      v4d cx_;                                   \
      LOAD8(cv_, cp_);                           \
      LOAD8(cw_, cp_ + 8);                       \
      LOAD4(cx_, cp_ + 16);                      \
      const double e0_ = r0_[0], e1_ = r0_[d1_], e2_ = r0_[d2_], e3_ = r0_[d3_]; \
      const v8d b0_ = SPLAT8(e0_), b1_ = SPLAT8(e1_), b2_ = SPLAT8(e2_), b3_ = SPLAT8(e3_); \
      s0 = s0 + b0_ * cv_;                       \
      t0 = t0 + b0_ * cw_;                       \
      u0 = u0 + SPLAT4(e0_) * cx_;               \
      s1 = s1 + b1_ * cv_;                       \
      t1 = t1 + b1_ * cw_;                       \
      u1 = u1 + SPLAT4(e1_) * cx_;               \
      s2 = s2 + b2_ * cv_;                       \
      t2 = t2 + b2_ * cw_;                       \
      u2 = u2 + SPLAT4(e2_) * cx_;               \
      s3 = s3 + b3_ * cv_;                       \
      t3 = t3 + b3_ * cw_;                       \
      u3 = u3 + SPLAT4(e3_) * cx_;               \
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
    if (wide >= WIDE_AVX512) {
      if (k4 == 20) {
        v8d s0 = SPLAT8(0.0), s1 = s0, s2 = s0, s3 = s0, t0 = s0, t1 = s0, t2 = s0, t3 = s0;
        v4d u0 = {0, 0, 0, 0}, u1 = u0, u2 = u0, u3 = u0;
        PRODUCT_TILE20(a1, c1, m1);
        PRODUCT_TILE20(a2, c2, m2);
        STORE8(d + i * k + j, s0);
        STORE8(d + i * k + j + 8, t0);
        STORE4(d + i * k + j + 16, u0);
        STORE8(d + (i + 1) * k + j, s1);
        STORE8(d + (i + 1) * k + j + 8, t1);
        STORE4(d + (i + 1) * k + j + 16, u1);
        STORE8(d + (i + 2) * k + j, s2);
        STORE8(d + (i + 2) * k + j + 8, t2);
        STORE4(d + (i + 2) * k + j + 16, u2);
        STORE8(d + (i + 3) * k + j, s3);
        STORE8(d + (i + 3) * k + j + 8, t3);
        STORE4(d + (i + 3) * k + j + 16, u3);
        j = 20;
      }
      for (; j + 16 <= k4; j += 16) {
        v8d s0 = SPLAT8(0.0), s1 = s0, s2 = s0, s3 = s0, t0 = s0, t1 = s0, t2 = s0, t3 = s0;
        PRODUCT_TILE_2H(a1, c1, m1, v8d, LOAD8, SPLAT8, 8);
        PRODUCT_TILE_2H(a2, c2, m2, v8d, LOAD8, SPLAT8, 8);
        STORE_TILE_2H(STORE8, 8);
      }
    }
    if (wide >= WIDE_AVX2) {
      for (; j + 8 <= k4; j += 8) {
        v4d s0 = SPLAT4(0.0), s1 = s0, s2 = s0, s3 = s0, t0 = s0, t1 = s0, t2 = s0, t3 = s0;
        PRODUCT_TILE_2H(a1, c1, m1, v4d, LOAD4, SPLAT4, 4);
        PRODUCT_TILE_2H(a2, c2, m2, v4d, LOAD4, SPLAT4, 4);
        STORE_TILE_2H(STORE4, 4);
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
  transpose_product(n, a1, m1, a2, m2, y, k, c, WIDE_AVX2);
}

void pgf_ts_product_baseline(ptrdiff_t n, const double *a1, const double *c1, ptrdiff_t m1,
                             const double *a2, const double *c2, ptrdiff_t m2, ptrdiff_t k, double *d) {
  product(n, a1, c1, m1, a2, c2, m2, k, d, 0);
}

__attribute__((target("avx2"))) void pgf_ts_product_avx2(ptrdiff_t n, const double *a1, const double *c1,
                                                         ptrdiff_t m1, const double *a2, const double *c2,
                                                         ptrdiff_t m2, ptrdiff_t k, double *d) {
  product(n, a1, c1, m1, a2, c2, m2, k, d, WIDE_AVX2);
}

__attribute__((target("avx512f"))) void pgf_ts_transpose_product_avx512(ptrdiff_t n, const double *a1,
                                                                        ptrdiff_t m1, const double *a2,
                                                                        ptrdiff_t m2, const double *y,
                                                                        ptrdiff_t k, double *c) {
  transpose_product(n, a1, m1, a2, m2, y, k, c, WIDE_AVX512);
}

__attribute__((target("avx512f"))) void pgf_ts_product_avx512(ptrdiff_t n, const double *a1,
                                                              const double *c1, ptrdiff_t m1,
                                                              const double *a2, const double *c2,
                                                              ptrdiff_t m2, ptrdiff_t k, double *d) {
  product(n, a1, c1, m1, a2, c2, m2, k, d, WIDE_AVX512);
}

int pgf_ts_has_avx2(void) {
  // No cache needed: after the first `__builtin_cpu_init` this reads a global.
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") ? 1 : 0;
}

int pgf_ts_has_avx512(void) {
  // No cache needed: after the first `__builtin_cpu_init` both calls read a global.
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f") ? 1 : 0;
}

#endif  // __x86_64__
