/// How powers of ten are written in tick labels.
public enum TickNotation: Sendable, Hashable {
  /// `10⁻⁶`, `2.5×10⁻⁶`: a raised exponent in an SVG `<tspan>`.
  case superscript
  /// `1e-06`, `2.5e-06`: plain ASCII, `printf` style.
  case eNotation
}
