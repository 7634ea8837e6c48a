import Flow

/// Register-tiled kernels of ``RankOneMeasurementOperator``'s fused pass.
///
/// A block of up to ``blockRows`` measurements is processed at a time:
/// `P = A_blk · U` and `Q = B_blk · V` (rows `a_iᵀU`, `b_iᵀV`), then the
/// residuals, then `ĜV += A_blkᵀ · (s∘Q)` and `ĜᵀU += B_blkᵀ · (s∘P)`,
/// while the block's rows are still in cache. Factors are padded to a
/// multiple of 4 columns; micro-tiles are 4 rows × (4·W) columns
/// (`W = 1…3` `SIMD4` accumulators per row), each `U` load feeding 4 FMAs.
enum RankOneKernels {
  typealias P = UnsafePointer<Double>
  typealias MP = UnsafeMutablePointer<Double>

  /// Measurements per block (two blocks of 1000-wide rows fit in L2).
  static let blockRows = 32

  /// Largest micro-tile width `W` (`SIMD4` accumulators per row). With AVX
  /// code generation (`-target-cpu haswell` or later, see docs/sensing-performance.md)
  /// 4×12 tiles (12 ymm accumulators) are fastest; the portable x86-64 baseline
  /// has only SSE2 (a `SIMD4<Double>` takes two xmm registers), where 4×4 tiles
  /// avoid register spills.
  #if PGF_WIDE_TILES
    static let maxWidth = 3
  #else
    static let maxWidth = 1
  #endif

  @inline(__always) static func load(_ p: P) -> SIMD4<Double> { UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Double>.self) }
  @inline(__always) static func store(_ v: SIMD4<Double>, _ p: MP) { UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD4<Double>.self) }

  /// `out[t, c0 ..< c0+4W] = Σ_p rows[t][p] · f[p, c0 ..< c0+4W]` for the 4 rows
  /// `rows[0…3]` (length `n`), `f` row-major `n × kp`, `out` rows of stride `kp`.
  @inline(__always)
  static func project4(_ w: Int, n: Int, kp: Int, c0: Int, _ r0: P, _ r1: P, _ r2: P, _ r3: P, _ f: P, _ o0: MP, _ o1: MP, _ o2: MP, _ o3: MP) {
    var a00 = SIMD4<Double>(), a01 = SIMD4<Double>(), a02 = SIMD4<Double>()
    var a10 = SIMD4<Double>(), a11 = SIMD4<Double>(), a12 = SIMD4<Double>()
    var a20 = SIMD4<Double>(), a21 = SIMD4<Double>(), a22 = SIMD4<Double>()
    var a30 = SIMD4<Double>(), a31 = SIMD4<Double>(), a32 = SIMD4<Double>()
    var fp = f + c0
    switch w {
    case 3:
      for p in 0..<n {
        let u0 = load(fp), u1 = load(fp + 4), u2 = load(fp + 8)
        let b0 = SIMD4(repeating: r0[p]), b1 = SIMD4(repeating: r1[p]), b2 = SIMD4(repeating: r2[p]), b3 = SIMD4(repeating: r3[p])
        a00 += b0 * u0; a01 += b0 * u1; a02 += b0 * u2
        a10 += b1 * u0; a11 += b1 * u1; a12 += b1 * u2
        a20 += b2 * u0; a21 += b2 * u1; a22 += b2 * u2
        a30 += b3 * u0; a31 += b3 * u1; a32 += b3 * u2
        fp += kp
      }
    case 2:
      for p in 0..<n {
        let u0 = load(fp), u1 = load(fp + 4)
        let b0 = SIMD4(repeating: r0[p]), b1 = SIMD4(repeating: r1[p]), b2 = SIMD4(repeating: r2[p]), b3 = SIMD4(repeating: r3[p])
        a00 += b0 * u0; a01 += b0 * u1
        a10 += b1 * u0; a11 += b1 * u1
        a20 += b2 * u0; a21 += b2 * u1
        a30 += b3 * u0; a31 += b3 * u1
        fp += kp
      }
    default:
      for p in 0..<n {
        let u0 = load(fp)
        a00 += SIMD4(repeating: r0[p]) * u0
        a10 += SIMD4(repeating: r1[p]) * u0
        a20 += SIMD4(repeating: r2[p]) * u0
        a30 += SIMD4(repeating: r3[p]) * u0
        fp += kp
      }
    }
    store(a00, o0 + c0); store(a10, o1 + c0); store(a20, o2 + c0); store(a30, o3 + c0)
    if w >= 2 { store(a01, o0 + c0 + 4); store(a11, o1 + c0 + 4); store(a21, o2 + c0 + 4); store(a31, o3 + c0 + 4) }
    if w >= 3 { store(a02, o0 + c0 + 8); store(a12, o1 + c0 + 8); store(a22, o2 + c0 + 8); store(a32, o3 + c0 + 8) }
  }

  /// `out[i, :] = rows[i]ᵀ F` for the block's rows (pointers `rows[0..<count]`),
  /// `F` row-major `n × kp`, `out` row-major `count × kp`.
  static func project(_ rows: UnsafePointer<P>, count: Int, n: Int, kp: Int, f: P, out: MP) {
    var t = 0
    while t < count {
      // Groups of 4 rows; a short last group repeats its last row (results discarded).
      let g = min(4, count - t)
      let r0 = rows[t], r1 = rows[t + min(1, g - 1)], r2 = rows[t + min(2, g - 1)], r3 = rows[t + min(3, g - 1)]
      withUnsafeTemporaryAllocation(of: Double.self, capacity: 4 * kp) { scratch in
        let s = scratch.baseAddress!
        let o0 = g == 4 ? out + t * kp : s, o1 = g == 4 ? out + (t + 1) * kp : s + kp
        let o2 = g == 4 ? out + (t + 2) * kp : s + 2 * kp, o3 = g == 4 ? out + (t + 3) * kp : s + 3 * kp
        var c0 = 0
        while c0 < kp {
          let w = min(maxWidth, (kp - c0) / 4)
          project4(w, n: n, kp: kp, c0: c0, r0, r1, r2, r3, f, o0, o1, o2, o3)
          c0 += 4 * w
        }
        if g < 4 {
          for q in 0..<g { for c in 0..<kp { out[(t + q) * kp + c] = s[q * kp + c] } }
        }
      }
      t += 4
    }
  }

  /// `acc[p, :] += Σ_i rows[i][p] · coef[i, :]` for `p < n` (`acc` row-major
  /// `n × kp`, `coef` row-major `count × kp`): tiles of 4 consecutive `p`.
  static func scatter(_ rows: UnsafePointer<P>, count: Int, n: Int, kp: Int, coef: P, acc: MP) {
    var p = 0
    while p + 4 <= n {
      var c0 = 0
      while c0 < kp {
        let w = min(maxWidth, (kp - c0) / 4)
        scatter4(w, rows, count: count, p: p, kp: kp, c0: c0, coef: coef, acc: acc)
        c0 += 4 * w
      }
      p += 4
    }
    while p < n {
      for i in 0..<count {
        let a = rows[i][p]
        for c in 0..<kp { acc[p * kp + c] += a * coef[i * kp + c] }
      }
      p += 1
    }
  }

  @inline(__always)
  static func scatter4(_ w: Int, _ rows: UnsafePointer<P>, count: Int, p: Int, kp: Int, c0: Int, coef: P, acc: MP) {
    let g0 = acc + p * kp + c0, g1 = g0 + kp, g2 = g1 + kp, g3 = g2 + kp
    var a00 = load(g0), a10 = load(g1), a20 = load(g2), a30 = load(g3)
    var a01 = SIMD4<Double>(), a11 = SIMD4<Double>(), a21 = SIMD4<Double>(), a31 = SIMD4<Double>()
    var a02 = SIMD4<Double>(), a12 = SIMD4<Double>(), a22 = SIMD4<Double>(), a32 = SIMD4<Double>()
    if w >= 2 { a01 = load(g0 + 4); a11 = load(g1 + 4); a21 = load(g2 + 4); a31 = load(g3 + 4) }
    if w >= 3 { a02 = load(g0 + 8); a12 = load(g1 + 8); a22 = load(g2 + 8); a32 = load(g3 + 8) }
    var cp = coef + c0
    switch w {
    case 3:
      for i in 0..<count {
        let r = rows[i] + p
        let c0v = load(cp), c1v = load(cp + 4), c2v = load(cp + 8)
        let b0 = SIMD4(repeating: r[0]), b1 = SIMD4(repeating: r[1]), b2 = SIMD4(repeating: r[2]), b3 = SIMD4(repeating: r[3])
        a00 += b0 * c0v; a01 += b0 * c1v; a02 += b0 * c2v
        a10 += b1 * c0v; a11 += b1 * c1v; a12 += b1 * c2v
        a20 += b2 * c0v; a21 += b2 * c1v; a22 += b2 * c2v
        a30 += b3 * c0v; a31 += b3 * c1v; a32 += b3 * c2v
        cp += kp
      }
    case 2:
      for i in 0..<count {
        let r = rows[i] + p
        let c0v = load(cp), c1v = load(cp + 4)
        let b0 = SIMD4(repeating: r[0]), b1 = SIMD4(repeating: r[1]), b2 = SIMD4(repeating: r[2]), b3 = SIMD4(repeating: r[3])
        a00 += b0 * c0v; a01 += b0 * c1v
        a10 += b1 * c0v; a11 += b1 * c1v
        a20 += b2 * c0v; a21 += b2 * c1v
        a30 += b3 * c0v; a31 += b3 * c1v
        cp += kp
      }
    default:
      for i in 0..<count {
        let r = rows[i] + p
        let c0v = load(cp)
        a00 += SIMD4(repeating: r[0]) * c0v
        a10 += SIMD4(repeating: r[1]) * c0v
        a20 += SIMD4(repeating: r[2]) * c0v
        a30 += SIMD4(repeating: r[3]) * c0v
        cp += kp
      }
    }
    store(a00, g0); store(a10, g1); store(a20, g2); store(a30, g3)
    if w >= 2 { store(a01, g0 + 4); store(a11, g1 + 4); store(a21, g2 + 4); store(a31, g3 + 4) }
    if w >= 3 { store(a02, g0 + 8); store(a12, g1 + 8); store(a22, g2 + 8); store(a32, g3 + 8) }
  }
}
