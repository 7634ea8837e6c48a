// Products for tall-skinny shapes: an `n × m` panel (n large, m small) against an
// `n × k` or `m × k` block with `k` small, as in the gradient flow's right-hand side
// (`[Φ U]ᵀU`, `[Φ U]·[ΣB; −G]`).
//
// Both kernels work on register tiles of 4 rows × 4 columns (`SIMD4<Double>`,
// eight SSE registers of accumulators on the x86-64 baseline), so every loaded
// value of the small operand feeds four rows and every broadcast feeds four
// columns; accumulation runs in registers and each output tile is stored once.
// The transposed product walks the long dimension in chunks of `chunkRows`
// rows so the active rows of both panels stay in L1 while every tile passes over
// them: the long operands are read from memory once.
//
// Summation order (fixed, independent of alignment): the transposed product
// sums over rows chunk by chunk (within a chunk in row order, then chunk totals in
// chunk order); the product sums the first panel's columns, then the second's,
// in column order.
//
// These Swift kernels are the reference and the portable fallback. The public entry
// points run ``TallSkinny/Kernel/preferred``: on x86-64 with AVX2, the C copy of the
// same loops (Sources/CTallSkinny) compiled for AVX2 and chosen at run time, which
// keeps the order above and rounds every multiply and add separately (no FMA), so
// its results are bit-identical (TallSkinnyKernels.swift).

/// Raw-buffer kernels for the flow's tall-skinny products (row-major storage).
public enum TallSkinny {
  /// Rows of the long dimension per cache chunk in ``transposeProduct(rows:a1:m1:a2:m2:y:k:into:)``.
  static let chunkRows = 64

  /// `C = [A₁ A₂]ᵀ Y`: `A₁` is `n × m1`, `A₂` is `n × m2`, `Y` is `n × k`; `C` is
  /// `(m1 + m2) × k` (rows `0..<m1` are `A₁ᵀY`, the rest `A₂ᵀY`) and is overwritten.
  /// `a2` may be `nil` when `m2 == 0`. When `a2 == y` (and `m2 == k`) the second block is
  /// the Gram matrix `YᵀY`: only the 4 × 4 tiles on and above the diagonal are
  /// accumulated and the strict lower triangle is mirrored from the upper one, so the
  /// block is exactly symmetric and costs about `(k + 4)/(2k)` of the full product.
  ///
  /// Runs ``Kernel/preferred`` (the C kernel's AVX2 instance where the CPU has AVX2);
  /// every kernel gives bit-identical results.
  public static func transposeProduct(
    rows n: Int, a1: UnsafePointer<Double>, m1: Int, a2: UnsafePointer<Double>?, m2: Int,
    y: UnsafePointer<Double>, k: Int, into c: UnsafeMutablePointer<Double>
  ) {
    transposeProduct(rows: n, a1: a1, m1: m1, a2: a2, m2: m2, y: y, k: k, into: c, kernel: .preferred)
  }

  /// ``transposeProduct(rows:a1:m1:a2:m2:y:k:into:)`` in Swift (``Kernel/swift``).
  static func swiftTransposeProduct(
    rows n: Int, a1: UnsafePointer<Double>, m1: Int, a2: UnsafePointer<Double>?, m2: Int,
    y: UnsafePointer<Double>, k: Int, into c: UnsafeMutablePointer<Double>
  ) {
    c.update(repeating: 0, count: (m1 + m2) * k)
    if n == 0 || k == 0 { return }
    let gram = a2 == y && m2 == k
    var p0 = 0
    while p0 < n {
      let p1 = Swift.min(p0 + chunkRows, n)
      transposeChunk(p0, p1, a: a1, m: m1, y: y, k: k, c: c, upperOnly: false)
      if let a2, m2 > 0 { transposeChunk(p0, p1, a: a2, m: m2, y: y, k: k, c: c + m1 * k, upperOnly: gram) }
      p0 = p1
    }
    if gram {
      let g = c + m1 * k
      for i in 1..<k {
        for j in 0..<i { g[i * k + j] = g[j * k + i] }
      }
    }
  }

  /// `D = A₁C₁ + A₂C₂`: `A₁` is `n × m1`, `C₁` is `m1 × k`, `A₂` is `n × m2`, `C₂` is
  /// `m2 × k`; `D` is `n × k` and is overwritten (it must not overlap the inputs).
  /// `a2`, `c2` may be `nil` when `m2 == 0`.
  ///
  /// Runs ``Kernel/preferred``; every kernel gives bit-identical results.
  public static func product(
    rows n: Int, a1: UnsafePointer<Double>, c1: UnsafePointer<Double>, m1: Int,
    a2: UnsafePointer<Double>?, c2: UnsafePointer<Double>?, m2: Int, k: Int,
    into d: UnsafeMutablePointer<Double>
  ) {
    product(rows: n, a1: a1, c1: c1, m1: m1, a2: a2, c2: c2, m2: m2, k: k, into: d, kernel: .preferred)
  }

  /// ``product(rows:a1:c1:m1:a2:c2:m2:k:into:)`` in Swift (``Kernel/swift``).
  static func swiftProduct(
    rows n: Int, a1: UnsafePointer<Double>, c1: UnsafePointer<Double>, m1: Int,
    a2: UnsafePointer<Double>?, c2: UnsafePointer<Double>?, m2: Int, k: Int,
    into d: UnsafeMutablePointer<Double>
  ) {
    if n == 0 || k == 0 { return }
    let m2 = (a2 == nil || c2 == nil) ? 0 : m2
    let a2 = a2 ?? a1, c2 = c2 ?? c1
    let k4 = k & ~3
    var i = 0
    while i + 4 <= n {
      var j = 0
      while j < k4 {
        var s0 = SIMD4<Double>(), s1 = s0, s2 = s0, s3 = s0
        productTile(i, j, a: a1, c: c1, m: m1, k: k, &s0, &s1, &s2, &s3)
        productTile(i, j, a: a2, c: c2, m: m2, k: k, &s0, &s1, &s2, &s3)
        store(s0, d + i * k + j)
        store(s1, d + (i + 1) * k + j)
        store(s2, d + (i + 2) * k + j)
        store(s3, d + (i + 3) * k + j)
        j += 4
      }
      for row in i..<(i + 4) { productScalarColumns(row, from: k4, a1, c1, m1, a2, c2, m2, k, d) }
      i += 4
    }
    while i < n {
      let row1 = a1 + i &* m1, row2 = a2 + i &* m2
      var j = 0
      while j < k4 {
        var s = SIMD4<Double>()
        var cp = c1 + j
        for q in 0..<m1 {
          s += SIMD4(repeating: row1[q]) * load(cp)
          cp += k
        }
        cp = c2 + j
        for q in 0..<m2 {
          s += SIMD4(repeating: row2[q]) * load(cp)
          cp += k
        }
        store(s, d + (i &* k &+ j))
        j &+= 4
      }
      productScalarColumns(i, from: k4, a1, c1, m1, a2, c2, m2, k, d)
      i &+= 1
    }
  }

  // MARK: - Micro-kernels

  @inline(__always)
  static func load(_ p: UnsafePointer<Double>) -> SIMD4<Double> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Double>.self)
  }

  @inline(__always)
  static func store(_ v: SIMD4<Double>, _ p: UnsafeMutablePointer<Double>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD4<Double>.self)
  }

  @inline(__always)
  static func addStore(_ v: SIMD4<Double>, _ p: UnsafeMutablePointer<Double>) {
    store(load(p) + v, p)
  }

  /// Accumulates rows `i..<i+4`, columns `j..<j+4` of `A·C` (`A` is `· × m`, `C` is `m × k`).
  /// Pointer increments and wrapping index arithmetic keep the loop free of overflow checks.
  @inline(__always)
  static func productTile(
    _ i: Int, _ j: Int, a: UnsafePointer<Double>, c: UnsafePointer<Double>, m: Int, k: Int,
    _ s0: inout SIMD4<Double>, _ s1: inout SIMD4<Double>, _ s2: inout SIMD4<Double>, _ s3: inout SIMD4<Double>
  ) {
    var r0 = a + i &* m
    let d1 = m, d2 = m &* 2, d3 = m &* 3
    var cp = c + j
    var q = 0
    while q < m {
      let cv = load(cp)
      s0 += SIMD4(repeating: r0[0]) * cv
      s1 += SIMD4(repeating: r0[d1]) * cv
      s2 += SIMD4(repeating: r0[d2]) * cv
      s3 += SIMD4(repeating: r0[d3]) * cv
      r0 += 1
      cp += k
      q &+= 1
    }
  }

  /// Columns `j0..<k` of row `i` of `A₁C₁ + A₂C₂` (the `k mod 4` remainder): pairs of
  /// columns in `SIMD2`, then a last single column; each entry sums in the same order as a tile.
  @inline(__always)
  static func productScalarColumns(
    _ i: Int, from j0: Int, _ a1: UnsafePointer<Double>, _ c1: UnsafePointer<Double>, _ m1: Int,
    _ a2: UnsafePointer<Double>, _ c2: UnsafePointer<Double>, _ m2: Int, _ k: Int,
    _ d: UnsafeMutablePointer<Double>
  ) {
    if j0 >= k { return }
    let row1 = a1 + i &* m1, row2 = a2 + i &* m2
    let out = d + i &* k
    var j = j0
    while j &+ 2 <= k {
      var s = SIMD2<Double>()
      var cp = c1 + j
      for q in 0..<m1 {
        s += SIMD2(repeating: row1[q]) * UnsafeRawPointer(cp).loadUnaligned(as: SIMD2<Double>.self)
        cp += k
      }
      cp = c2 + j
      for q in 0..<m2 {
        s += SIMD2(repeating: row2[q]) * UnsafeRawPointer(cp).loadUnaligned(as: SIMD2<Double>.self)
        cp += k
      }
      UnsafeMutableRawPointer(out + j).storeBytes(of: s, as: SIMD2<Double>.self)
      j &+= 2
    }
    if j < k {
      var s = 0.0
      var cp = c1 + j
      for q in 0..<m1 {
        s += row1[q] * cp.pointee
        cp += k
      }
      cp = c2 + j
      for q in 0..<m2 {
        s += row2[q] * cp.pointee
        cp += k
      }
      out[j] = s
    }
  }

  /// `C += A[p0..<p1, :]ᵀ Y[p0..<p1, :]` (`A` is `· × m`, `Y` is `· × k`, `C` is `m × k`).
  /// With `upperOnly`, 4 × 4 tiles entirely below the diagonal are skipped.
  static func transposeChunk(
    _ p0: Int, _ p1: Int, a: UnsafePointer<Double>, m: Int, y: UnsafePointer<Double>, k: Int,
    c: UnsafeMutablePointer<Double>, upperOnly: Bool
  ) {
    let k4 = k & ~3
    var col = 0
    while col + 4 <= m {
      var j = upperOnly ? col : 0
      while j < k4 {
        var s0 = SIMD4<Double>(), s1 = s0, s2 = s0, s3 = s0
        var yp = y + (p0 &* k &+ j)
        var ap = a + (p0 &* m &+ col)
        var p = p0
        while p < p1 {
          let yv = load(yp)
          s0 += SIMD4(repeating: ap[0]) * yv
          s1 += SIMD4(repeating: ap[1]) * yv
          s2 += SIMD4(repeating: ap[2]) * yv
          s3 += SIMD4(repeating: ap[3]) * yv
          yp += k
          ap += m
          p &+= 1
        }
        addStore(s0, c + (col &* k &+ j))
        addStore(s1, c + ((col &+ 1) &* k &+ j))
        addStore(s2, c + ((col &+ 2) &* k &+ j))
        addStore(s3, c + ((col &+ 3) &* k &+ j))
        j &+= 4
      }
      col &+= 4
    }
    while col < m {
      var j = 0
      while j < k4 {
        var s = SIMD4<Double>()
        var yp = y + (p0 &* k &+ j)
        var ap = a + (p0 &* m &+ col)
        var p = p0
        while p < p1 {
          s += SIMD4(repeating: ap.pointee) * load(yp)
          yp += k
          ap += m
          p &+= 1
        }
        addStore(s, c + (col &* k &+ j))
        j &+= 4
      }
      col &+= 1
    }
    if k4 < k {
      for col in 0..<m {
        var j = k4
        while j < k {
          let pair = j &+ 2 <= k
          var s2 = SIMD2<Double>()
          var s1 = 0.0
          var yp = y + (p0 &* k &+ j)
          var ap = a + (p0 &* m &+ col)
          var p = p0
          if pair {
            while p < p1 {
              s2 += SIMD2(repeating: ap.pointee) * UnsafeRawPointer(yp).loadUnaligned(as: SIMD2<Double>.self)
              yp += k
              ap += m
              p &+= 1
            }
            c[col &* k &+ j] += s2[0]
            c[col &* k &+ j &+ 1] += s2[1]
            j &+= 2
          } else {
            while p < p1 {
              s1 += ap.pointee * yp.pointee
              yp += k
              ap += m
              p &+= 1
            }
            c[col &* k &+ j] += s1
            j &+= 1
          }
        }
      }
    }
  }
}
