import Foundation

/// A seeded, portable pseudo-random generator: xoshiro256** seeded by SplitMix64.
///
/// The same seed gives the same stream on every run and every platform: the
/// state update uses only 64-bit integer arithmetic. Gaussian draws
/// (``nextGaussian()``) use the Box–Muller transform with `log`, `sqrt`,
/// `cos` and `sin` from the platform's libm, so they are bit-reproducible on a
/// given platform and agree across platforms to within libm's last-bit rounding.
///
/// Streams for independent purposes (target, initialization, perturbation) are
/// derived with ``init(seed:stream:)`` so that changing one does not shift
/// the others.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
  private var s: (UInt64, UInt64, UInt64, UInt64)
  private var spareGaussian: Double?

  /// A generator for `seed`. Equal seeds give equal streams.
  public init(seed: UInt64) {
    var sm = seed
    s = (Self.splitMix(&sm), Self.splitMix(&sm), Self.splitMix(&sm), Self.splitMix(&sm))
    if s == (0, 0, 0, 0) { s.0 = 0x9E37_79B9_7F4A_7C15 }
    spareGaussian = nil
  }

  /// A generator for the named sub-stream `stream` of `seed`.
  ///
  /// The stream name is hashed with FNV-1a (stable across runs, unlike
  /// `Hasher`), so `init(seed: 7, stream: "init")` is the same everywhere.
  public init(seed: UInt64, stream: String) {
    var h: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in stream.utf8 {
      h ^= UInt64(byte)
      h = h &* 0x100_0000_01B3
    }
    var sm = seed ^ h
    self.init(seed: Self.splitMix(&sm))
  }

  private static func splitMix(_ x: inout UInt64) -> UInt64 {
    x = x &+ 0x9E37_79B9_7F4A_7C15
    var z = x
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  @inline(__always) private static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 {
    (x << k) | (x >> (64 - k))
  }

  /// The next 64 random bits (xoshiro256**).
  public mutating func next() -> UInt64 {
    let result = Self.rotl(s.1 &* 5, 7) &* 9
    let t = s.1 << 17
    s.2 ^= s.0
    s.3 ^= s.1
    s.1 ^= s.2
    s.0 ^= s.3
    s.2 ^= t
    s.3 = Self.rotl(s.3, 45)
    return result
  }

  /// A uniform double in the open interval (0, 1), from the top 53 bits.
  public mutating func nextUniform() -> Double {
    (Double(next() >> 11) + 0.5) * 0x1p-53
  }

  /// A standard normal draw N(0, 1) (Box–Muller; the second value of each
  /// pair is kept for the next call).
  public mutating func nextGaussian() -> Double {
    if let g = spareGaussian {
      spareGaussian = nil
      return g
    }
    let u1 = nextUniform()
    let u2 = nextUniform()
    let radius = (-2 * Foundation.log(u1)).squareRoot()
    let angle = 2 * Double.pi * u2
    spareGaussian = radius * Foundation.sin(angle)
    return radius * Foundation.cos(angle)
  }

  /// A `rows × columns` matrix with iid `N(0, scale²)` entries, filled row by row.
  public mutating func gaussianMatrix(rows: Int, columns: Int, scale: Double = 1) -> Matrix {
    var m = Matrix(rows: rows, columns: columns)
    for i in 0..<(rows * columns) { m.elements[i] = scale * nextGaussian() }
    return m
  }
}
