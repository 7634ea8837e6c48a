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
}
