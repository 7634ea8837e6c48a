/// A two-dimensional line plot rendered to a standalone, deterministic SVG.
///
/// Series get distinct colours from ``Palette/okabeIto`` in order. Axes pick
/// "nice" ranges and ticks automatically (see ``Axis``). The output is
/// byte-identical for identical input: coordinates have two decimals, text
/// is XML-escaped, and NaN or infinite values never reach the markup.
///
/// ```swift
/// var plot = LinePlot(title: "‖N_U(t)‖_F", xAxis: Axis(label: "t"),
///                     yAxis: Axis(label: "norm", scale: .log))
/// plot.series = [Series("value", xs: ts, ys: values),
///                Series("bound", xs: ts, ys: bounds, line: .dashed)]
/// let svg = plot.svg()
/// ```
public struct LinePlot: Sendable, Hashable {
  /// The title above the plot (may be empty).
  public var title: String
  /// The horizontal axis.
  public var xAxis: Axis
  /// The vertical axis.
  public var yAxis: Axis
  /// The data series, drawn in order (later ones on top).
  public var series: [Series]
  /// Labelled vertical and horizontal lines (bounds, thresholds). Their
  /// values count towards the automatic axis ranges.
  public var referenceLines: [ReferenceLine]
  /// Shaded x-intervals, drawn beneath everything else.
  public var shadedIntervals: [ShadedInterval]
  /// Where the legend goes.
  public var legend: LegendPlacement

  /// A plot; everything but the axes can also be set afterwards.
  public init(
    title: String = "", xAxis: Axis = Axis(), yAxis: Axis = Axis(), series: [Series] = [],
    referenceLines: [ReferenceLine] = [], shadedIntervals: [ShadedInterval] = [],
    legend: LegendPlacement = .automatic
  ) {
    self.title = title
    self.xAxis = xAxis
    self.yAxis = yAxis
    self.series = series
    self.referenceLines = referenceLines
    self.shadedIntervals = shadedIntervals
    self.legend = legend
  }

  /// The points that cannot be drawn (NaN/inf, non-positive on a log axis, unpaired).
  public var omitted: OmittedPoints { prepare().omitted }

  /// The layout the plot gets on a `width × height` canvas.
  public func layout(width: Double = 640, height: Double = 400) -> PlotLayout {
    let frame = PlotRect(x: 0, y: 0, width: width, height: height)
    return arrange(in: frame, prepared: prepare(), forcedLeft: nil, forcedRight: nil, extraX: []).layout
  }

  /// The plot as a standalone SVG document of `width × height` pixels.
  public func svg(width: Double = 640, height: Double = 400) -> String {
    let frame = PlotRect(x: 0, y: 0, width: width, height: height)
    var writer = SVGWriter()
    writer.raw(SVGDocument.header(width: width, height: height))
    draw(into: &writer, frame: frame, prepared: prepare(), forcedLeft: nil, forcedRight: nil, extraX: [], id: "p0")
    writer.raw(SVGDocument.footer)
    return writer.markup
  }
}
