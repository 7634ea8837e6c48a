import Flow

/// Allocation-free SIMD kernels of the built-in operators (raw pointers,
/// unaligned `SIMD4<Double>` loads, several accumulators).
enum SensingKernels {
  typealias P = UnsafePointer<Double>
  typealias MP = UnsafeMutablePointer<Double>

  @inline(__always) static func load(_ p: P, _ j: Int) -> SIMD4<Double> {
    UnsafeRawPointer(p + j).loadUnaligned(as: SIMD4<Double>.self)
  }

  @inline(__always) static func store(_ v: SIMD4<Double>, _ p: MP, _ j: Int) {
    UnsafeMutableRawPointer(p + j).storeBytes(of: v, as: SIMD4<Double>.self)
  }

  /// `⟨x, y⟩` over `n` entries.
  @inline(__always) static func dot(_ n: Int, _ x: P, _ y: P) -> Double {
    var s0 = SIMD4<Double>(), s1 = SIMD4<Double>()
    var j = 0
    while j &+ 8 <= n {
      s0 += load(x, j) * load(y, j)
      s1 += load(x, j &+ 4) * load(y, j &+ 4)
      j &+= 8
    }
    var s = (s0 + s1).sum()
    while j < n {
      s += x[j] * y[j]
      j &+= 1
    }
    return s
  }

  /// `(⟨x0, w⟩, ⟨x1, w⟩, ⟨x2, w⟩, ⟨x3, w⟩)`: four dot products sharing the loads of `w`.
  @inline(__always) static func dot4(_ n: Int, _ x0: P, _ x1: P, _ x2: P, _ x3: P, _ w: P) -> SIMD4<Double> {
    var s0 = SIMD4<Double>(), s1 = SIMD4<Double>(), s2 = SIMD4<Double>(), s3 = SIMD4<Double>()
    var j = 0
    while j &+ 4 <= n {
      let wv = load(w, j)
      s0 += load(x0, j) * wv
      s1 += load(x1, j) * wv
      s2 += load(x2, j) * wv
      s3 += load(x3, j) * wv
      j &+= 4
    }
    var r = SIMD4<Double>(s0.sum(), s1.sum(), s2.sum(), s3.sum())
    while j < n {
      r += SIMD4(x0[j], x1[j], x2[j], x3[j]) * w[j]
      j &+= 1
    }
    return r
  }

  /// `(⟨w0, x⟩, ⟨w1, x⟩, ⟨w2, x⟩, ⟨w3, x⟩)`: four dot products sharing the loads of `x`.
  @inline(__always) static func dot4Shared(_ n: Int, _ x: P, _ w0: P, _ w1: P, _ w2: P, _ w3: P) -> SIMD4<Double> {
    dot4(n, w0, w1, w2, w3, x)
  }

  /// `y += a x` over `n` entries.
  @inline(__always) static func axpy(_ n: Int, _ a: Double, _ x: P, _ y: MP) {
    let av = SIMD4<Double>(repeating: a)
    var j = 0
    while j &+ 4 <= n {
      store(load(UnsafePointer(y), j) + av * load(x, j), y, j)
      j &+= 4
    }
    while j < n {
      y[j] += a * x[j]
      j &+= 1
    }
  }

  /// `y += Σ_t a[t] x_t` for four vectors `x_t`, one pass over `y`.
  @inline(__always) static func axpy4(_ n: Int, _ a: SIMD4<Double>, _ x0: P, _ x1: P, _ x2: P, _ x3: P, _ y: MP) {
    let a0 = SIMD4<Double>(repeating: a[0]), a1 = SIMD4<Double>(repeating: a[1])
    let a2 = SIMD4<Double>(repeating: a[2]), a3 = SIMD4<Double>(repeating: a[3])
    var j = 0
    while j &+ 4 <= n {
      var acc = load(UnsafePointer(y), j)
      acc += a0 * load(x0, j)
      acc += a1 * load(x1, j)
      acc += a2 * load(x2, j)
      acc += a3 * load(x3, j)
      store(acc, y, j)
      j &+= 4
    }
    while j < n {
      y[j] += a[0] * x0[j] + a[1] * x1[j] + a[2] * x2[j] + a[3] * x3[j]
      j &+= 1
    }
  }

  /// `y_t += a[t] x` for four vectors `y_t`, sharing the loads of `x`.
  @inline(__always) static func axpy4Shared(_ n: Int, _ a: SIMD4<Double>, _ x: P, _ y0: MP, _ y1: MP, _ y2: MP, _ y3: MP) {
    let a0 = SIMD4<Double>(repeating: a[0]), a1 = SIMD4<Double>(repeating: a[1])
    let a2 = SIMD4<Double>(repeating: a[2]), a3 = SIMD4<Double>(repeating: a[3])
    var j = 0
    while j &+ 4 <= n {
      let xv = load(x, j)
      store(load(UnsafePointer(y0), j) + a0 * xv, y0, j)
      store(load(UnsafePointer(y1), j) + a1 * xv, y1, j)
      store(load(UnsafePointer(y2), j) + a2 * xv, y2, j)
      store(load(UnsafePointer(y3), j) + a3 * xv, y3, j)
      j &+= 4
    }
    while j < n {
      let xj = x[j]
      y0[j] += a[0] * xj
      y1[j] += a[1] * xj
      y2[j] += a[2] * xj
      y3[j] += a[3] * xj
      j &+= 1
    }
  }

  /// `dst (columns × rows) ← srcᵀ` for a row-major `rows × columns` source.
  static func transpose(_ src: Matrix, into dst: inout Matrix) {
    SensingWorkspace.shape(&dst, src.columns, src.rows)
    let r = src.rows, c = src.columns
    src.elements.withUnsafeBufferPointer { s in
      dst.elements.withUnsafeMutableBufferPointer { d in
        for i in 0..<r {
          for j in 0..<c { d[j &* r &+ i] = s[i &* c &+ j] }
        }
      }
    }
  }
}
