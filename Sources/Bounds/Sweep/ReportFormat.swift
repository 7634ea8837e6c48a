import Foundation

/// Deterministic number formatting for reports: every number in a generated
/// file goes through here, so two runs give byte-identical files.
public enum ReportFormat {
  /// `x` with `digits` significant digits (default 3), in `%g` style; `∞`/`NaN` spelled out.
  public static func significant(_ x: Double, digits: Int = 3) -> String {
    if x.isNaN { return "NaN" }
    if x.isInfinite { return x > 0 ? "∞" : "−∞" }
    if x == 0 { return "0" }
    return String(format: "%.\(digits)g", x)
  }

  /// A short exact-enough form for parameters (`0.01`, `2`, `1e-03`): up to 6 significant digits.
  public static func compact(_ x: Double) -> String { significant(x, digits: 6) }

  /// The shortest decimal that parses back to exactly `x` (Swift's
  /// round-trip description), written without a trailing `.0` for integers
  /// below 2⁵³ (`2`, `0.0039215686`, `1e-05`): for flags and parameters that
  /// must reproduce a run bit for bit.
  public static func exact(_ x: Double) -> String {
    if x.isFinite, x == x.rounded(), abs(x) < 9_007_199_254_740_992, !(x == 0 && x.sign == .minus) { return String(Int64(x)) }
    return "\(x)"
  }
}
