/// The text of a tick label, kept structured so it can be drawn with a
/// raised exponent or written out plainly.
public enum TickLabel: Sendable, Hashable {
  /// A plain decimal such as `"0.25"` or `"-3"`.
  case number(String)
  /// `mantissa × 10^exponent`; a `nil` mantissa means a bare power `10^exponent`.
  case power(mantissa: String?, exponent: Int)

  /// The label in ASCII `e`-notation (`"1e-06"`, `"2.5e+03"`, `"0.25"`).
  public var plainText: String {
    switch self {
    case .number(let s): return s
    case .power(let m, let e): return (m ?? "1") + NumberFormat.exponentSuffix(e)
    }
  }

  /// Approximate rendered width in ems (for margin and overlap estimates).
  func widthInEms(_ notation: TickNotation) -> Double {
    let digit = 0.62
    switch (self, notation) {
    case (.number(let s), _): return Double(s.count) * digit
    case (.power, .eNotation): return Double(plainText.count) * digit
    case (.power(let m, let e), .superscript):
      let base = (m.map { Double($0.count) * digit + 0.85 } ?? 0) + 2 * digit
      return base + Double(NumberFormat.typographicInteger(e).count) * digit * 0.72
    }
  }
}
