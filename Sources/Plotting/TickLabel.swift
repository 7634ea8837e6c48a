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

  /// The text as drawn with `notation`, without markup: a true minus sign
  /// with superscripts, and for powers the base and the exponent apart.
  func drawnParts(_ notation: TickNotation) -> (base: String, exponent: String?) {
    func minus(_ s: String) -> String { s.hasPrefix("-") ? "\u{2212}" + s.dropFirst() : s }
    switch (self, notation) {
    case (.number(let s), .superscript): return (minus(s), nil)
    case (.number, .eNotation), (.power, .eNotation): return (plainText, nil)
    case (.power(let m, let e), .superscript):
      return ((m.map { minus($0) + "\u{00D7}" } ?? "") + "10", NumberFormat.typographicInteger(e))
    }
  }

  /// Estimated rendered width in pixels at font size `size` (exponents at
  /// ``superscriptScale`` of it).
  func width(_ notation: TickNotation, size: Double) -> Double {
    let parts = drawnParts(notation)
    return TextMetrics.width(parts.base, size: size)
      + (parts.exponent.map { TextMetrics.width($0, size: Self.superscriptScale * size) } ?? 0)
  }

  /// How far above the baseline the label reaches, in pixels at font size
  /// `size` (a raised exponent reaches higher than plain digits).
  func ascent(_ notation: TickNotation, size: Double) -> Double {
    drawnParts(notation).exponent == nil
      ? TextMetrics.ascent * size : Self.superscriptRise * size + TextMetrics.ascent * Self.superscriptScale * size
  }

  /// Font size of an exponent relative to the label's.
  static let superscriptScale = 0.74
  /// How far an exponent's baseline is raised, relative to the font size.
  static let superscriptRise = 0.42
}
