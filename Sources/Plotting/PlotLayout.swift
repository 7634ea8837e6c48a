/// Where the parts of a rendered ``LinePlot`` went: the geometry behind its
/// SVG, exposed so callers and tests can check placement.
public struct PlotLayout: Sendable, Hashable {
  /// The region the plot was drawn into (the whole canvas, or one panel).
  public let frame: PlotRect
  /// The data region inside the axes.
  public let plotArea: PlotRect
  /// The resolved x axis (range and ticks).
  public let x: ResolvedAxis
  /// The resolved y axis (range and ticks).
  public let y: ResolvedAxis
  /// The legend box, if a legend is drawn.
  public let legend: PlotRect?
  /// Whether the legend sits outside the plot area (to its right).
  public let legendIsOutside: Bool
  /// Every text drawn (the legend as one box), with estimated extents.
  public let texts: [PlotText]

  /// The pixel position of the data point `(x, y)`, or `nil` if it cannot be
  /// placed (non-finite, or non-positive on a log axis). Positions outside
  /// the axis ranges fall outside ``plotArea``.
  public func pixel(x: Double, y: Double) -> (x: Double, y: Double)? {
    guard let fx = self.x.fraction(of: x), let fy = self.y.fraction(of: y) else { return nil }
    return (plotArea.x + fx * plotArea.width, plotArea.maxY - fy * plotArea.height)
  }
}
