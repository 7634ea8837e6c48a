/// One named data series of a ``LinePlot``: points `(xs[i], ys[i])` joined in
/// the given order.
///
/// Points with a non-finite coordinate, or a non-positive one on a log axis,
/// are not drawn; they break the line (a gap) and are counted in
/// ``LinePlot/omitted``. If `xs` and `ys` differ in length the extra values
/// are ignored (and counted as unpaired).
public struct Series: Sendable, Hashable {
  /// The legend entry; an empty name keeps the series out of the legend.
  public var name: String
  /// The x coordinates.
  public var xs: [Double]
  /// The y coordinates.
  public var ys: [Double]
  /// The stroke pattern of the joining line.
  public var line: LineStyle
  /// The symbol drawn at each point.
  public var marker: Marker
  /// A fixed palette slot (see ``Palette``); `nil` takes the series' position in the plot.
  public var colorIndex: Int?

  /// A series named `name` through the points `(xs[i], ys[i])`.
  public init(
    _ name: String, xs: [Double], ys: [Double], line: LineStyle = .solid, marker: Marker = .none,
    colorIndex: Int? = nil
  ) {
    self.name = name
    self.xs = xs
    self.ys = ys
    self.line = line
    self.marker = marker
    self.colorIndex = colorIndex
  }
}
