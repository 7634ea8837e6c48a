// Matrix–matrix and matrix–vector products.
//
// All kernels work on raw buffers obtained with `withUnsafe(Mutable)BufferPointer`
// and vectorise the innermost loop with `SIMD8<Double>` (unaligned loads and
// stores). Row-major storage dictates the loop orders:
//
// * `C ← op(A)·B` (op = identity or transpose) uses the i-p-j order: for each
//   row `i` of `C` and each `p`, `C[i, :] += op(A)[i, p] · B[p, :]`, so the
//   inner loop streams one row of `B` and one row of `C`.
// * `C ← op(A)·Bᵀ` is a table of dot products of rows: `C[i, j] = ⟨op(A)[i, :], B[j, :]⟩`.
//
// The `p` and `j` ranges of the i-p-j kernel are blocked so that the active
// panel of `B` (at most `kBlock × jBlock` doubles) stays in cache while every
// row of `C` passes over it.

/// Low-level, allocation-free kernels shared by the dense linear-algebra code.
enum DenseKernels {
  /// Rows of `B` in one cache panel of the i-p-j kernel.
  static let kBlock = 64
  /// Columns of `B` in one cache panel of the i-p-j kernel (64 × 512 doubles = 256 KiB).
  static let jBlock = 512

  /// `y[0..<n] += a · x[0..<n]` (BLAS `axpy`) on contiguous storage.
  @inline(__always)
  static func axpy(_ n: Int, _ a: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>) {
    let xr = UnsafeRawPointer(x)
    let yr = UnsafeMutableRawPointer(y)
    let av = SIMD8<Double>(repeating: a)
    var j = 0
    while j &+ 8 <= n {
      let offset = j &* MemoryLayout<Double>.stride
      let xv = xr.loadUnaligned(fromByteOffset: offset, as: SIMD8<Double>.self)
      let yv = yr.loadUnaligned(fromByteOffset: offset, as: SIMD8<Double>.self)
      yr.storeBytes(of: yv + av * xv, toByteOffset: offset, as: SIMD8<Double>.self)
      j &+= 8
    }
    while j < n {
      y[j] += a * x[j]
      j &+= 1
    }
  }

  /// `⟨x[0..<n], y[0..<n]⟩` on contiguous storage (two SIMD4 accumulators).
  @inline(__always)
  static func dot(_ n: Int, _ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>) -> Double {
    let xr = UnsafeRawPointer(x)
    let yr = UnsafeRawPointer(y)
    var s0 = SIMD4<Double>()
    var s1 = SIMD4<Double>()
    var j = 0
    while j &+ 8 <= n {
      let offset = j &* MemoryLayout<Double>.stride
      s0 += xr.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self)
        * yr.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self)
      s1 += xr.loadUnaligned(fromByteOffset: offset &+ 32, as: SIMD4<Double>.self)
        * yr.loadUnaligned(fromByteOffset: offset &+ 32, as: SIMD4<Double>.self)
      j &+= 8
    }
    var s = (s0 + s1).sum()
    while j < n {
      s += x[j] * y[j]
      j &+= 1
    }
    return s
  }

  /// `x[0..<n] *= a` on contiguous storage; `a == 0` writes exact zeros (NaN-safe).
  @inline(__always)
  static func scale(_ n: Int, _ a: Double, _ x: UnsafeMutablePointer<Double>) {
    if a == 0 {
      x.update(repeating: 0, count: n)
    } else if a != 1 {
      for j in 0..<n { x[j] *= a }
    }
  }

  /// Rotates two contiguous vectors in place:
  /// `x ← c·x − s·y`, `y ← s·x + c·y` (the plane rotation of Jacobi methods).
  @inline(__always)
  static func rotate(
    _ n: Int, _ x: UnsafeMutablePointer<Double>, _ y: UnsafeMutablePointer<Double>, c: Double, s: Double
  ) {
    let xr = UnsafeMutableRawPointer(x)
    let yr = UnsafeMutableRawPointer(y)
    let cv = SIMD4<Double>(repeating: c)
    let sv = SIMD4<Double>(repeating: s)
    var j = 0
    while j &+ 4 <= n {
      let offset = j &* MemoryLayout<Double>.stride
      let xv = xr.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self)
      let yv = yr.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self)
      xr.storeBytes(of: cv * xv - sv * yv, toByteOffset: offset, as: SIMD4<Double>.self)
      yr.storeBytes(of: sv * xv + cv * yv, toByteOffset: offset, as: SIMD4<Double>.self)
      j &+= 4
    }
    while j < n {
      let xj = x[j]
      let yj = y[j]
      x[j] = c * xj - s * yj
      y[j] = s * xj + c * yj
      j &+= 1
    }
  }

  /// Euclidean norm `(Σ xᵢ²)^{1/2}` of `x[0], x[stride], …` (`n` entries),
  /// without spurious overflow or underflow: a plain sum of squares is used
  /// when it is safely inside the normal range, otherwise the vector is
  /// rescaled by its largest magnitude. NaN propagates.
  static func norm2(_ n: Int, _ x: UnsafePointer<Double>, stride: Int = 1) -> Double {
    var s = 0.0
    var k = 0
    for _ in 0..<n {
      s += x[k] * x[k]
      k &+= stride
    }
    if s.isNaN { return .nan }
    if s.isFinite && s >= Double.leastNormalMagnitude / Double.ulpOfOne { return s.squareRoot() }
    var big = 0.0
    k = 0
    for _ in 0..<n {
      big = Swift.max(big, abs(x[k]))
      k &+= stride
    }
    if big == 0 { return 0 }
    if big.isInfinite { return .infinity }
    let inv = 1 / big
    var t = 0.0
    k = 0
    if inv.isFinite {
      for _ in 0..<n {
        let y = x[k] * inv
        t += y * y
        k &+= stride
      }
    } else {
      // `big` is subnormal: divide instead of multiplying by an infinite reciprocal.
      for _ in 0..<n {
        let y = x[k] / big
        t += y * y
        k &+= stride
      }
    }
    return big * t.squareRoot()
  }

  /// Rows per chunk of ``gramUpper(rows:columns:a:g:)`` (the chunk's rows stay in L1/L2
  /// while every tile passes over them).
  static let gramChunkRows = 128

  /// The upper triangle (`j ≥ i`) of `G = AᵀA` for a row-major `m × n` matrix `A`, into the
  /// row-major `n × n` buffer `g` (its strict lower triangle is left zero). Each `G[i, j]`
  /// is `Σ_p A[p, i]·A[p, j]` summed in increasing `p` from `+0`, rows with `A[p, i] = 0`
  /// skipped, no fused multiply–add: the same bits as accumulating `G[i, i…] += A[p, i]·A[p, i…]`
  /// row after row. Tiles of 4 × 4 entries are held in `SIMD4` accumulators (loaded from and
  /// stored back to `g` between chunks of ``gramChunkRows`` rows, which does not round).
  static func gramUpper(rows m: Int, columns n: Int, a: UnsafePointer<Double>, g: UnsafeMutablePointer<Double>) {
    g.update(repeating: 0, count: n &* n)
    var p0 = 0
    while p0 < m {
      let p1 = Swift.min(p0 &+ gramChunkRows, m)
      var i0 = 0
      while i0 < n {
        let wi = Swift.min(4, n &- i0)
        var j0 = i0
        while j0 < n {
          let wj = Swift.min(4, n &- j0)
          if wi == 4 && wj == 4 {
            gramTile(p0, p1, n: n, i0: i0, j0: j0, a: a, g: g)
          } else {
            // Edge tile: the same order, scalar.
            for ii in 0..<wi {
              let i = i0 &+ ii
              for jj in 0..<wj {
                let j = j0 &+ jj
                if j < i { continue }
                var s = g[i &* n &+ j]
                var p = p0
                while p < p1 {
                  let x = a[p &* n &+ i]
                  if x != 0 { s += x * a[p &* n &+ j] }
                  p &+= 1
                }
                g[i &* n &+ j] = s
              }
            }
          }
          j0 &+= 4
        }
        i0 &+= 4
      }
      p0 = p1
    }
  }

  /// One full 4 × 4 tile of ``gramUpper(rows:columns:a:g:)`` over rows `p0..<p1`. On the
  /// diagonal tile the entries below the diagonal are accumulated but not stored.
  @inline(__always)
  static func gramTile(
    _ p0: Int, _ p1: Int, n: Int, i0: Int, j0: Int, a: UnsafePointer<Double>, g: UnsafeMutablePointer<Double>
  ) {
    func load(_ q: UnsafePointer<Double>) -> SIMD4<Double> { SIMD4(q[0], q[1], q[2], q[3]) }
    var c0 = load(g + (i0 &* n &+ j0))
    var c1 = load(g + ((i0 &+ 1) &* n &+ j0))
    var c2 = load(g + ((i0 &+ 2) &* n &+ j0))
    var c3 = load(g + ((i0 &+ 3) &* n &+ j0))
    var p = p0
    while p < p1 {
      let row = a + p &* n
      let b = load(row + j0)
      let x0 = row[i0], x1 = row[i0 &+ 1], x2 = row[i0 &+ 2], x3 = row[i0 &+ 3]
      if x0 != 0 { c0 += x0 * b }
      if x1 != 0 { c1 += x1 * b }
      if x2 != 0 { c2 += x2 * b }
      if x3 != 0 { c3 += x3 * b }
      p &+= 1
    }
    let first = i0 == j0 ? 0 : -3  // on the diagonal tile, row ii keeps lanes jj ≥ ii
    func store(_ c: SIMD4<Double>, _ ii: Int) {
      let out = g + ((i0 &+ ii) &* n &+ j0)
      for jj in Swift.max(0, first &+ ii)..<4 { out[jj] = c[jj] }
    }
    store(c0, 0)
    store(c1, 1)
    store(c2, 2)
    store(c3, 3)
  }

  /// `C ← α·op(A)·B + β·C` with the i-p-j loop order (`B` not transposed).
  ///
  /// `op(A)[i, p]` is read at `a[i·aRowStride + p·aColStride]`, so the same
  /// kernel serves `A` (strides `(k, 1)`) and `Aᵀ` (strides `(1, m)`).
  static func gemmIPJ(
    m: Int, n: Int, k: Int, alpha: Double,
    a: UnsafePointer<Double>, aRowStride: Int, aColStride: Int,
    b: UnsafePointer<Double>, c: UnsafeMutablePointer<Double>
  ) {
    var p0 = 0
    while p0 < k {
      let p1 = Swift.min(p0 + kBlock, k)
      var j0 = 0
      while j0 < n {
        let width = Swift.min(jBlock, n - j0)
        for i in 0..<m {
          let cRow = c + (i &* n &+ j0)
          let aRow = a + i &* aRowStride
          for p in p0..<p1 {
            let aip = alpha * aRow[p &* aColStride]
            if aip != 0 { axpy(width, aip, b + (p &* n &+ j0), cRow) }
          }
        }
        j0 += width
      }
      p0 = p1
    }
  }
}

extension Matrix {
  /// The matrix product `AB` (`m × k` times `k × n` gives `m × n`).
  ///
  /// - Precondition: `a.columns == b.rows`.
  public static func * (a: Matrix, b: Matrix) -> Matrix {
    var c = Matrix(rows: a.rows, columns: b.columns)
    multiply(a, b, into: &c)
    return c
  }

  /// `AᵀB` without forming `Aᵀ` (`A` is `k × m`, `B` is `k × n`, result `m × n`).
  ///
  /// - Precondition: `rows == b.rows`.
  public func transposedTimes(_ b: Matrix) -> Matrix {
    var c = Matrix(rows: columns, columns: b.columns)
    Matrix.multiply(self, transposingA: true, b, into: &c)
    return c
  }

  /// `ABᵀ` without forming `Bᵀ` (`A` is `m × k`, `B` is `n × k`, result `m × n`).
  ///
  /// - Precondition: `columns == b.columns`.
  public func timesTransposed(_ b: Matrix) -> Matrix {
    var c = Matrix(rows: rows, columns: b.rows)
    Matrix.multiply(self, b, transposingB: true, into: &c)
    return c
  }

  /// The general product `C ← α·op(A)·op(B) + β·C` in place (BLAS `gemm`),
  /// where `op(X)` is `X` or `Xᵀ` according to `transposingA` / `transposingB`.
  ///
  /// Defaults: no transposes, `α = 1`, `β = 0`. When `β == 0` the previous
  /// contents of `c` are never read (NaN or ∞ in `c` do not propagate); when
  /// `α == 0` the product is not evaluated. No memory is allocated unless `c`
  /// shares its storage with another value (copy-on-write).
  ///
  /// - Precondition: `op(A)` is `m × k`, `op(B)` is `k × n`, and `c` is already `m × n`.
  public static func multiply(
    _ a: Matrix, transposingA: Bool = false, _ b: Matrix, transposingB: Bool = false,
    alpha: Double = 1, beta: Double = 0, into c: inout Matrix
  ) {
    let m = transposingA ? a.columns : a.rows
    let k = transposingA ? a.rows : a.columns
    let kb = transposingB ? b.columns : b.rows
    let n = transposingB ? b.rows : b.columns
    precondition(
      k == kb,
      "Matrix.multiply: op(A) is \(m)×\(k) (A is \(a.rows)×\(a.columns)\(transposingA ? ", transposed" : "")) "
        + "but op(B) is \(kb)×\(n) (B is \(b.rows)×\(b.columns)\(transposingB ? ", transposed" : ""))")
    precondition(
      c.rows == m && c.columns == n,
      "Matrix.multiply: C is \(c.rows)×\(c.columns) but op(A)·op(B) is \(m)×\(n) "
        + "(A is \(a.rows)×\(a.columns), B is \(b.rows)×\(b.columns))")
    if m == 0 || n == 0 { return }

    c.elements.withUnsafeMutableBufferPointer { cBuf in
      let cp = cBuf.baseAddress!
      // C ← β·C (exact zeros when β == 0, ignoring the old contents).
      DenseKernels.scale(m * n, beta, cp)
      if alpha == 0 || k == 0 { return }
      a.elements.withUnsafeBufferPointer { aBuf in
        b.elements.withUnsafeBufferPointer { bBuf in
          let ap = aBuf.baseAddress!
          let bp = bBuf.baseAddress!
          switch (transposingA, transposingB) {
          case (false, false):
            DenseKernels.gemmIPJ(
              m: m, n: n, k: k, alpha: alpha, a: ap, aRowStride: k, aColStride: 1, b: bp, c: cp)
          case (true, false):
            DenseKernels.gemmIPJ(
              m: m, n: n, k: k, alpha: alpha, a: ap, aRowStride: 1, aColStride: m, b: bp, c: cp)
          case (false, true):
            for i in 0..<m {
              let aRow = ap + i &* k
              let cRow = cp + i &* n
              for j in 0..<n {
                cRow[j] += alpha * DenseKernels.dot(k, aRow, bp + j &* k)
              }
            }
          case (true, true):
            // C = AᵀBᵀ: C[i, j] = Σ_p A[p, i]·B[j, p]. Rare; the p-loop streams row j of B.
            for i in 0..<m {
              let cRow = cp + i &* n
              for j in 0..<n {
                let bRow = bp + j &* k
                var s = 0.0
                for p in 0..<k { s += ap[p &* m &+ i] * bRow[p] }
                cRow[j] += alpha * s
              }
            }
          }
        }
      }
    }
  }

  /// The matrix–vector product `Ax` (length `rows`).
  ///
  /// - Precondition: `x.count == columns`.
  public func times(_ x: [Double]) -> [Double] {
    precondition(x.count == columns, "Matrix.times: \(rows)×\(columns) matrix times a vector of length \(x.count)")
    var y = [Double](repeating: 0, count: rows)
    if columns == 0 { return y }
    elements.withUnsafeBufferPointer { aBuf in
      x.withUnsafeBufferPointer { xBuf in
        for i in 0..<rows {
          y[i] = DenseKernels.dot(columns, aBuf.baseAddress! + i &* columns, xBuf.baseAddress!)
        }
      }
    }
    return y
  }

  /// The transposed matrix–vector product `Aᵀx = Σᵢ xᵢ·A[i, :]` (length `columns`),
  /// without forming `Aᵀ`.
  ///
  /// - Precondition: `x.count == rows`.
  public func transposedTimes(_ x: [Double]) -> [Double] {
    precondition(x.count == rows, "Matrix.transposedTimes: (\(rows)×\(columns))ᵀ times a vector of length \(x.count)")
    var y = [Double](repeating: 0, count: columns)
    if columns == 0 { return y }
    elements.withUnsafeBufferPointer { aBuf in
      y.withUnsafeMutableBufferPointer { yBuf in
        for i in 0..<rows where x[i] != 0 {
          DenseKernels.axpy(columns, x[i], aBuf.baseAddress! + i &* columns, yBuf.baseAddress!)
        }
      }
    }
    return y
  }

  /// The Gram matrix `AᵀA` (`columns × columns`, symmetric positive semidefinite).
  ///
  /// Only the upper triangle is accumulated; the lower triangle is mirrored, so the result
  /// is exactly symmetric. Each entry `G[i, j] = Σ_p A[p, i]·A[p, j]` is summed in row order
  /// `p = 0, 1, …` from `+0`, skipping the rows with `A[p, i] = 0`, every multiply and add
  /// rounded separately — the order of a row-by-row accumulation; the work runs on 4 × 4
  /// register tiles of `G` over chunks of rows (``DenseKernels/gramUpper(rows:columns:a:g:)``).
  public var gram: Matrix {
    let n = columns
    var g = Matrix(rows: n, columns: n)
    if n == 0 { return g }
    elements.withUnsafeBufferPointer { aBuf in
      g.elements.withUnsafeMutableBufferPointer { gBuf in
        let gp = gBuf.baseAddress!
        DenseKernels.gramUpper(rows: rows, columns: n, a: aBuf.baseAddress!, g: gp)
        for i in 0..<n {
          for j in (i + 1)..<n { gp[j &* n &+ i] = gp[i &* n &+ j] }
        }
      }
    }
    return g
  }
}
