/// Deterministic decimal formatting of `Double`s, independent of locale and
/// of the platform's `printf`.
///
/// Every number is rounded to a fixed count of decimals by integer
/// arithmetic, so identical inputs always give identical strings.
enum NumberFormat {
  /// `x` with exactly `decimals` digits after the point (`0 ≤ decimals ≤ 9`).
  ///
  /// Rounds half away from zero. Never prints `-0`. Non-finite input and
  /// magnitudes beyond `10¹⁵ / 10^decimals` are clamped to the largest
  /// representable magnitude of that sign (`0` for NaN); callers are
  /// expected not to pass them.
  static func fixed(_ x: Double, decimals: Int) -> String {
    let d = Swift.max(0, Swift.min(9, decimals))
    let scale = PlotMath.pow10(d)
    let limit = 1e15
    var magnitude = x.isNaN ? 0 : Swift.abs(x) * scale
    if !(magnitude < limit) { magnitude = limit - 1 }
    let n = Int64(magnitude.rounded(.toNearestOrAwayFromZero))
    var digits = String(n)
    if d > 0 {
      if digits.count <= d { digits = String(repeating: "0", count: d + 1 - digits.count) + digits }
      digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -d))
    }
    return (x < 0 && n != 0) ? "-" + digits : digits
  }

  /// A pixel coordinate: two decimals.
  static func coordinate(_ x: Double) -> String { fixed(x, decimals: 2) }

  /// `e`-notation exponent in `printf` style: sign and at least two digits
  /// (`-6` → `"e-06"`, `1` → `"e+01"`).
  static func exponentSuffix(_ e: Int) -> String {
    let digits = String(Swift.abs(e))
    return "e" + (e < 0 ? "-" : "+") + (digits.count < 2 ? "0" + digits : digits)
  }

  /// An integer with a true minus sign (U+2212) for superscripts: `-6` → `"−6"`.
  static func typographicInteger(_ e: Int) -> String {
    e < 0 ? "\u{2212}" + String(-e) : String(e)
  }
}
