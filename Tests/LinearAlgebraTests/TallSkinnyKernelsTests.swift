import Foundation
import Testing

import LinearAlgebra

/// The C kernels (baseline, AVX2 and AVX-512 instances) against the Swift kernel, bit for
/// bit, on shapes with every remainder of the 4 × 4 tiles (rows, `m1`, `m2`, `k` mod 4), the
/// 64-row chunks, `k = 1…9` and the widths that reach the 4 × 16 tiles and their
/// remainders (`k` = 12, 16, 17, 20, 23, 24, 33), `m1 + m2` up to 37, `n` up to 300, the Gram case `a2 == y`,
/// inputs with signed zeros, and output buffers pre-filled with different garbage (so an
/// entry one kernel fails to write cannot agree by accident).
@Suite("Tall-skinny kernels: C, AVX2 and AVX-512 bit-identical to Swift")
struct TallSkinnyKernelsTests {
  /// Column counts `k`: every remainder of the 4- and 8-wide tiles, and the 16-wide ones.
  static let widths = Array(1...9) + [12, 16, 17, 20, 23, 24, 33]

  static let rows = [1, 3, 4, 5, 64, 67, 300]
  static let firstWidths = [0, 1, 3, 5, 30]
  static let secondWidths = [0, 2, 4, 7]

  /// Gaussian entries with every fifth one a signed zero.
  static func entries(_ count: Int, _ rng: inout LinAlgTestRNG) -> [Double] {
    (0..<count).map { i in i % 5 == 3 ? (i % 2 == 0 ? 0.0 : -0.0) : rng.gaussian() }
  }

  /// Indices (and the two bit patterns) where `got` and `want` differ.
  static func mismatches(_ got: [Double], _ want: [Double]) -> [(Int, UInt64, UInt64)] {
    zip(got, want).enumerated().compactMap { i, pair in
      pair.0.bitPattern == pair.1.bitPattern ? nil : (i, pair.0.bitPattern, pair.1.bitPattern)
    }
  }

  /// `[A₁ A₂]ᵀY` (and the Gram form `[A₁ Y]ᵀY`) and `A₁C₁ + A₂C₂` by `kernel` and by Swift.
  static func compare(_ kernel: TallSkinny.Kernel, k: Int) {
    var rng = LinAlgTestRNG(seed: UInt64(9_000 + k))
    var cases = 0
    for n in rows {
      for m1 in firstWidths {
        for m2 in secondWidths {
          let a1 = entries(n * m1, &rng), a2 = entries(n * m2, &rng), y = entries(n * k, &rng)
          let c1 = entries(m1 * k, &rng), c2 = entries(m2 * k, &rng)
          let label = "\(kernel) n=\(n) m1=\(m1) m2=\(m2) k=\(k)"
          // Transposed product, general second panel.
          let tWant = transpose(.swift, n, a1, m1, a2, m2, y, k, gram: false, fill: 12345)
          let tGot = transpose(kernel, n, a1, m1, a2, m2, y, k, gram: false, fill: .nan)
          #expect(mismatches(tGot, tWant).isEmpty, "[A₁ A₂]ᵀY differs: \(label) \(mismatches(tGot, tWant).prefix(3))")
          // Gram form: a2 == y, m2 == k.
          let gWant = transpose(.swift, n, a1, m1, y, k, y, k, gram: true, fill: 12345)
          let gGot = transpose(kernel, n, a1, m1, y, k, y, k, gram: true, fill: .nan)
          #expect(mismatches(gGot, gWant).isEmpty, "[A₁ Y]ᵀY differs: \(label) \(mismatches(gGot, gWant).prefix(3))")
          // Product.
          let pWant = product(.swift, n, a1, c1, m1, a2, c2, m2, k, fill: 12345)
          let pGot = product(kernel, n, a1, c1, m1, a2, c2, m2, k, fill: .nan)
          #expect(mismatches(pGot, pWant).isEmpty, "A₁C₁ + A₂C₂ differs: \(label) \(mismatches(pGot, pWant).prefix(3))")
          cases += 1
        }
      }
    }
    #expect(cases == rows.count * firstWidths.count * secondWidths.count)
  }

  static func transpose(
    _ kernel: TallSkinny.Kernel, _ n: Int, _ a1: [Double], _ m1: Int, _ a2: [Double], _ m2: Int,
    _ y: [Double], _ k: Int, gram: Bool, fill: Double
  ) -> [Double] {
    var c = [Double](repeating: fill, count: (m1 + m2) * k)
    let a1 = a1.isEmpty ? [0] : a1, a2 = a2.isEmpty ? [0] : a2
    a1.withUnsafeBufferPointer { a1b in
      a2.withUnsafeBufferPointer { a2b in
        y.withUnsafeBufferPointer { yb in
          c.withUnsafeMutableBufferPointer { cb in
            guard let cp = cb.baseAddress else { return }
            let yp = yb.baseAddress!
            TallSkinny.transposeProduct(rows: n, a1: a1b.baseAddress!, m1: m1, a2: gram ? yp : a2b.baseAddress, m2: m2,
                                        y: yp, k: k, into: cp, kernel: kernel)
          }
        }
      }
    }
    return c
  }

  static func product(
    _ kernel: TallSkinny.Kernel, _ n: Int, _ a1: [Double], _ c1: [Double], _ m1: Int, _ a2: [Double],
    _ c2: [Double], _ m2: Int, _ k: Int, fill: Double
  ) -> [Double] {
    var d = [Double](repeating: fill, count: n * k)
    let a1 = a1.isEmpty ? [0] : a1, c1 = c1.isEmpty ? [0] : c1
    let a2 = a2.isEmpty ? [0] : a2, c2 = c2.isEmpty ? [0] : c2
    a1.withUnsafeBufferPointer { a1b in
      c1.withUnsafeBufferPointer { c1b in
        a2.withUnsafeBufferPointer { a2b in
          c2.withUnsafeBufferPointer { c2b in
            d.withUnsafeMutableBufferPointer { db in
              TallSkinny.product(rows: n, a1: a1b.baseAddress!, c1: c1b.baseAddress!, m1: m1, a2: a2b.baseAddress,
                                 c2: c2b.baseAddress, m2: m2, k: k, into: db.baseAddress!, kernel: kernel)
            }
          }
        }
      }
    }
    return d
  }

  @Test("The AVX2 instance equals the Swift kernel bit for bit", .enabled(if: TallSkinny.Kernel.cAVX2.isAvailable),
        arguments: widths)
  func avx2(k: Int) { Self.compare(.cAVX2, k: k) }

  @Test("The AVX-512 instance equals the Swift kernel bit for bit",
        .enabled(if: TallSkinny.Kernel.cAVX512.isAvailable), arguments: widths)
  func avx512(k: Int) { Self.compare(.cAVX512, k: k) }

  @Test("The baseline C instance equals the Swift kernel bit for bit", .enabled(if: TallSkinny.Kernel.cBaseline.isAvailable),
        arguments: widths)
  func baseline(k: Int) { Self.compare(.cBaseline, k: k) }

  @Test("The default kernel is the AVX-512 instance where /proc/cpuinfo lists avx512f, else the AVX2 one where it lists avx2",
        .enabled(if: FileManager.default.fileExists(atPath: "/proc/cpuinfo")))
  func preferredFollowsTheCPU() throws {
    let cpuinfo = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
    let flags = cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") }.map { $0.split(separator: " ") } ?? []
    #if arch(x86_64)
      let want: TallSkinny.Kernel =
        flags.contains("avx512f") ? .cAVX512 : flags.contains("avx2") ? .cAVX2 : .swift
      #expect(TallSkinny.Kernel.preferred == want)
    #else
      #expect(TallSkinny.Kernel.preferred == .swift)
    #endif
    #expect(TallSkinny.Kernel.preferred.isAvailable)
  }
}
