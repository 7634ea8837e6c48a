/// The fixed sizes and colours of the plot style (pixels, SVG colours).
enum PlotStyle {
  /// Tick label font size.
  static let tickFont = 11.0
  /// Axis title font size.
  static let axisFont = 12.5
  /// Plot title font size.
  static let titleFont = 14.0
  /// Legend font size.
  static let legendFont = 11.0
  /// Reference line and band caption font size.
  static let annotationFont = 10.5
  /// Note (omitted points) font size.
  static let noteFont = 10.0
  /// Series line width.
  static let seriesWidth = 1.8
  /// Major and minor tick lengths.
  static let majorTick = 5.0, minorTick = 3.0
  /// Frame and tick colour.
  static let axisColor = "#333333"
  /// Grid line colour.
  static let gridColor = "#E3E3E3"
  /// Reference line colour.
  static let referenceColor = "#444444"
  /// Band fill colour and opacity.
  static let bandColor = "#009E73", bandOpacity = "0.10"
  /// Legend row height and sample line length.
  static let legendRow = 16.0, legendSample = 28.0, legendPadding = 7.0
  /// Smallest right margin (room for the last x tick label).
  static let minRightMargin = 24.0
  /// Gap between the plot area and an outside legend.
  static let outsideGap = 12.0
  /// White outline behind text drawn over data.
  static let halo = " stroke=\"#FFFFFF\" stroke-width=\"3.00\" stroke-linejoin=\"round\" paint-order=\"stroke\""
}
