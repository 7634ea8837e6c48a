/// How a series or reference line is stroked.
public enum LineStyle: Sendable, Hashable {
  /// A continuous line.
  case solid
  /// Long dashes.
  case dashed
  /// Round dots.
  case dotted
  /// Alternating dashes and dots.
  case dashDot
  /// No line (markers only).
  case none

  /// The SVG attributes for the stroke pattern (empty for solid and none).
  var dashAttributes: String {
    switch self {
    case .solid, .none: return ""
    case .dashed: return " stroke-dasharray=\"7 4\""
    case .dotted: return " stroke-dasharray=\"0.5 3.5\" stroke-linecap=\"round\""
    case .dashDot: return " stroke-dasharray=\"7 3 0.5 3\" stroke-linecap=\"round\""
    }
  }
}
