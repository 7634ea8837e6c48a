/// A symbol drawn at each data point of a series.
public enum Marker: Sendable, Hashable, CaseIterable {
  /// No symbol.
  case none
  /// A filled circle.
  case circle
  /// A filled square.
  case square
  /// A filled upward triangle.
  case triangle
  /// A filled diamond.
  case diamond
  /// An open cross (×).
  case cross
}
