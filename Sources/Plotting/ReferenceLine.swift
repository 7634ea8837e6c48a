/// A labelled straight line across the whole plot area at a fixed x or y,
/// such as a bound or a threshold.
public struct ReferenceLine: Sendable, Hashable {
  /// Which coordinate is fixed.
  public enum Orientation: Sendable, Hashable {
    /// A vertical line at a fixed x.
    case vertical
    /// A horizontal line at a fixed y.
    case horizontal
  }

  /// Vertical or horizontal.
  public var orientation: Orientation
  /// The fixed coordinate (x for vertical, y for horizontal lines).
  public var value: Double
  /// The text drawn along the line (may be empty).
  public var label: String
  /// The stroke pattern.
  public var line: LineStyle

  /// A reference line; see also ``vertical(at:label:line:)`` and ``horizontal(at:label:line:)``.
  public init(orientation: Orientation, value: Double, label: String, line: LineStyle = .dashed) {
    self.orientation = orientation
    self.value = value
    self.label = label
    self.line = line
  }

  /// A vertical line at `x`.
  public static func vertical(at x: Double, label: String, line: LineStyle = .dashed) -> ReferenceLine {
    ReferenceLine(orientation: .vertical, value: x, label: label, line: line)
  }

  /// A horizontal line at `y`.
  public static func horizontal(at y: Double, label: String, line: LineStyle = .dashed) -> ReferenceLine {
    ReferenceLine(orientation: .horizontal, value: y, label: label, line: line)
  }
}
