/// Where a plot's legend goes.
public enum LegendPlacement: Sendable, Hashable {
  /// The first inside corner (top-right, top-left, bottom-right, bottom-left)
  /// where the legend covers no data, line label or band caption; otherwise
  /// outside, to the right of the plot area.
  case automatic
  /// Always outside, to the right of the plot area.
  case outside
  /// In the given corner of the plot area, whatever it covers.
  case inside(Corner)
  /// No legend.
  case hidden

  /// A corner of the plot area.
  public enum Corner: Sendable, Hashable, CaseIterable {
    /// Top right.
    case topRight
    /// Top left.
    case topLeft
    /// Bottom right.
    case bottomRight
    /// Bottom left.
    case bottomLeft
  }
}
