#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The few elementary helpers the plotting code needs, kept in one place so
/// the other files need no platform imports.
enum PlotMath {
  /// Magnitudes handled by the axes; values beyond are clamped when ranges
  /// are computed so spans and exponents stay finite.
  static let largest = 1e300
  /// Smallest positive value a log axis reaches (`10⁻³⁰⁰`).
  static let smallestPositive = 1e-300

  /// `log₁₀ x` (the C library's `log10`).
  static func log10(_ x: Double) -> Double {
    #if canImport(Glibc)
    return Glibc.log10(x)
    #elseif canImport(Musl)
    return Musl.log10(x)
    #else
    return Darwin.log10(x)
    #endif
  }

  /// `10ˣ` for a real `x` (the C library's `pow`).
  static func exp10(_ x: Double) -> Double {
    #if canImport(Glibc)
    return Glibc.pow(10, x)
    #elseif canImport(Musl)
    return Musl.pow(10, x)
    #else
    return Darwin.pow(10, x)
    #endif
  }

  /// `10ᵏ` for an integer `k` with `|k| ≤ 308`: exact products for `k ≥ 0`
  /// (exact up to `k = 22`), the reciprocal of the exact-as-possible power otherwise.
  static func pow10(_ k: Int) -> Double {
    let n = Swift.min(Swift.abs(k), 308)
    var p = 1.0
    for _ in 0..<n { p *= 10 }
    return k >= 0 ? p : 1 / p
  }

  /// The integer part of a finite `Double` if it fits comfortably in `Int`
  /// (never traps).
  static func int(_ x: Double) -> Int? {
    guard x.isFinite, Swift.abs(x) < 9.0e15 else { return nil }
    return Int(x)
  }
}
