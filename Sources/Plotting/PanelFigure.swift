/// Several ``LinePlot``s stacked vertically in one SVG, with their plot
/// areas aligned (common left and right margins), for example "final error
/// vs size" above "convergence time vs size".
public struct PanelFigure: Sendable, Hashable {
  /// The panels, top to bottom.
  public var panels: [LinePlot]
  /// Whether panels whose x axes have the same scale share one x range (the
  /// union of their data), so equal x values line up vertically.
  public var sharesXRange: Bool

  /// A figure of `panels`, top to bottom.
  public init(panels: [LinePlot], sharesXRange: Bool = true) {
    self.panels = panels
    self.sharesXRange = sharesXRange
  }

  /// The panels' layouts on a `width × height` canvas, each panel taking an
  /// equal share of the height.
  public func layouts(width: Double = 640, height: Double = 720) -> [PlotLayout] {
    arrangements(width: width, height: height).map(\.arrangement.layout)
  }

  /// The figure as a standalone SVG document of `width × height` pixels.
  public func svg(width: Double = 640, height: Double = 720) -> String {
    var writer = SVGWriter()
    writer.raw(SVGDocument.header(width: width, height: height))
    for (index, item) in arrangements(width: width, height: height).enumerated() {
      panels[index].draw(
        into: &writer, frame: item.arrangement.layout.frame, prepared: item.prepared, forcedLeft: item.arrangement.left,
        forcedRight: item.arrangement.right, extraX: item.extraX, id: "p\(index)")
    }
    writer.raw(SVGDocument.footer)
    return writer.markup
  }

  /// Arranges every panel with the common margins and shared x values.
  private func arrangements(width: Double, height: Double) -> [(arrangement: PlotArrangement, prepared: PreparedPlot, extraX: [Double])] {
    guard !panels.isEmpty else { return [] }
    let panelHeight = height / Double(panels.count)
    let prepared = panels.map { $0.prepare() }
    let frames = panels.indices.map { PlotRect(x: 0, y: Double($0) * panelHeight, width: width, height: panelHeight) }
    let extra = panels.indices.map { i -> [Double] in
      guard sharesXRange else { return [] }
      return panels.indices.filter { $0 != i && panels[$0].xAxis.scale == panels[i].xAxis.scale }
        .flatMap { prepared[$0].xValues }
    }
    let natural = panels.indices.map {
      panels[$0].arrange(in: frames[$0], prepared: prepared[$0], forcedLeft: nil, forcedRight: nil, extraX: extra[$0])
    }
    let left = natural.map(\.left).max() ?? 0
    let right = natural.map(\.right).max() ?? 0
    return panels.indices.map {
      let a = panels[$0].arrange(in: frames[$0], prepared: prepared[$0], forcedLeft: left, forcedRight: right, extraX: extra[$0])
      return (a, prepared[$0], extra[$0])
    }
  }
}
