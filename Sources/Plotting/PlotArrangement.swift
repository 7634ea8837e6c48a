/// A plot fitted into a frame: the public layout, the pixel geometry, and
/// the margins chosen (for aligning panels).
struct PlotArrangement {
  /// The public summary.
  let layout: PlotLayout
  /// Everything mapped to pixels.
  let geometry: PlotGeometry
  /// Left margin (frame edge to plot area).
  let left: Double
  /// Right margin (plot area to frame edge).
  let right: Double
}

extension LinePlot {
  /// The series that appear in the legend (non-empty names), in order.
  func legendEntries(_ prepared: PreparedPlot) -> [PreparedSeries] {
    prepared.series.filter { !$0.series.name.isEmpty }
  }

  /// The legend's size, or `nil` when there is no legend.
  func legendSize(_ prepared: PreparedPlot) -> (width: Double, height: Double)? {
    let entries = legendEntries(prepared)
    if entries.isEmpty || legend == .hidden { return nil }
    let text = entries.map { TextMetrics.width($0.series.name, size: PlotStyle.legendFont) }.max() ?? 0
    let pad = PlotStyle.legendPadding
    return (2 * pad + PlotStyle.legendSample + 6 + text, 2 * pad + Double(entries.count) * PlotStyle.legendRow - 4)
  }

  /// Top, bottom: fixed by which texts are present.
  func verticalMargins(_ prepared: PreparedPlot) -> (top: Double, bottom: Double) {
    let top = title.isEmpty ? 12.0 : 34.0
    var bottom = PlotStyle.majorTick + 6 + PlotStyle.tickFont + 6
    if !xAxis.label.isEmpty { bottom += PlotStyle.axisFont + 6 }
    if prepared.omitted.note != nil { bottom += PlotStyle.noteFont + 5 }
    return (top, bottom + 4)
  }

  /// Fits the plot into `frame`.
  /// - Parameters:
  ///   - forcedLeft: a left margin imposed by a panel figure (else from the tick labels).
  ///   - forcedRight: a right margin imposed by a panel figure (else from the legend).
  ///   - extraX: further x values the x axis must cover (shared panel axes).
  func arrange(
    in frame: PlotRect, prepared: PreparedPlot, forcedLeft: Double?, forcedRight: Double?, extraX: [Double]
  ) -> PlotArrangement {
    let (top, bottom) = verticalMargins(prepared)
    let height = Swift.max(10, frame.height - top - bottom)
    let yTarget = Swift.max(2, Int(height / (yAxis.scale == .log ? 22 : 45)))
    let y = yAxis.resolve(prepared.yValues, targetTickCount: yTarget, padding: 0.03)
    let labelWidth = y.labelledTicks.compactMap { $0.label?.widthInEms(y.notation) }.max() ?? 1
    var naturalLeft = 8 + labelWidth * PlotStyle.tickFont + PlotStyle.majorTick + 4
    if !yAxis.label.isEmpty { naturalLeft += PlotStyle.axisFont + 6 }
    let left = forcedLeft ?? naturalLeft
    let legendSize = legendSize(prepared)
    let outsideRight = (legendSize?.width ?? 0) + PlotStyle.outsideGap + 8

    func attempt(right: Double) -> (PlotRect, ResolvedAxis, PlotGeometry) {
      let width = Swift.max(10, frame.width - left - right)
      let area = PlotRect(x: frame.x + left, y: frame.y + top, width: width, height: height)
      let xTarget = Swift.max(2, Int(width / (xAxis.scale == .log ? 50 : 75)))
      let x = xAxis.resolve(prepared.xValues + extraX, targetTickCount: xTarget)
      return (area, x, PlotGeometry(plot: self, prepared: prepared, area: area, x: x, y: y))
    }
    func corner(_ c: LegendPlacement.Corner, _ area: PlotRect, _ size: (width: Double, height: Double)) -> PlotRect {
      let inset = 8.0
      let lx = c == .topLeft || c == .bottomLeft ? area.x + inset : area.maxX - inset - size.width
      let ly = c == .topLeft || c == .topRight ? area.y + inset : area.maxY - inset - size.height
      return PlotRect(x: lx, y: ly, width: size.width, height: size.height)
    }
    func finish(_ a: (PlotRect, ResolvedAxis, PlotGeometry), right: Double, legend: PlotRect?, outside: Bool) -> PlotArrangement {
      let layout = PlotLayout(frame: frame, plotArea: a.0, x: a.1, y: y, legend: legend, legendIsOutside: outside)
      return PlotArrangement(layout: layout, geometry: a.2, left: left, right: right)
    }
    func outside(_ a: (PlotRect, ResolvedAxis, PlotGeometry), right: Double, _ size: (width: Double, height: Double)) -> PlotArrangement {
      let rect = PlotRect(x: a.0.maxX + PlotStyle.outsideGap, y: a.0.y, width: size.width, height: size.height)
      return finish(a, right: right, legend: rect, outside: true)
    }

    let baseRight = forcedRight ?? PlotStyle.minRightMargin
    guard let size = legendSize else { return finish(attempt(right: baseRight), right: baseRight, legend: nil, outside: false) }
    switch legend {
    case .hidden:
      return finish(attempt(right: baseRight), right: baseRight, legend: nil, outside: false)
    case .inside(let c):
      let a = attempt(right: baseRight)
      return finish(a, right: baseRight, legend: corner(c, a.0, size), outside: false)
    case .outside:
      let right = forcedRight ?? Swift.max(baseRight, outsideRight)
      return outside(attempt(right: right), right: right, size)
    case .automatic:
      let a = attempt(right: baseRight)
      let scored = LegendPlacement.Corner.allCases.map { c -> (PlotRect, Int) in
        let rect = corner(c, a.0, size)
        return (rect, a.2.coverage(of: rect))
      }
      if let free = scored.first(where: { $0.1 == 0 }) {
        return finish(a, right: baseRight, legend: free.0, outside: false)
      }
      if forcedRight == nil {
        let right = Swift.max(baseRight, outsideRight)
        return outside(attempt(right: right), right: right, size)
      }
      if baseRight >= outsideRight { return outside(a, right: baseRight, size) }
      let best = scored.min { $0.1 < $1.1 } ?? scored[0]
      return finish(a, right: baseRight, legend: best.0, outside: false)
    }
  }
}
