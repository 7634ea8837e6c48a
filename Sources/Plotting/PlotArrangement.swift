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
  /// Every text but the legend's entries, in drawing order.
  let texts: [PlacedText]
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

  /// The title's lines on a frame `width` pixels wide: wrapped at spaces,
  /// at most three lines, the last shortened with "…" if needed.
  func titleLines(width: Double) -> [String] {
    title.isEmpty ? [] : TextMetrics.wrapped(title, size: PlotStyle.titleFont, bold: true, toFit: width - 16, maxLines: 3)
  }

  /// Top, bottom: fixed by which texts are present (and how many title lines).
  func verticalMargins(_ prepared: PreparedPlot, titleLines: Int) -> (top: Double, bottom: Double) {
    let top = titleLines == 0 ? 12.0 : 34.0 + Double(titleLines - 1) * TextMetrics.lineSpacing * PlotStyle.titleFont
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
    let titleLines = titleLines(width: frame.width)
    let (top, bottom) = verticalMargins(prepared, titleLines: titleLines.count)
    let height = Swift.max(10, frame.height - top - bottom)
    let yTarget = Swift.max(2, Int(height / (yAxis.scale == .log ? 22 : 45)))
    let y = yAxis.resolve(prepared.yValues, targetTickCount: yTarget, padding: 0.03)
    let labelWidth = y.labelledTicks.compactMap { $0.label?.width(y.notation, size: PlotStyle.tickFont) }.max() ?? PlotStyle.tickFont
    var naturalLeft = 8 + labelWidth + PlotStyle.majorTick + 4
    if !yAxis.label.isEmpty { naturalLeft += PlotStyle.axisFont + 6 }
    let left = forcedLeft ?? naturalLeft
    let legendSize = legendSize(prepared)
    let outsideRight = (legendSize?.width ?? 0) + PlotStyle.outsideGap + 8

    // The plot area for a right margin, with its x axis (ticks thinned until
    // their labels keep apart) and geometry; a natural margin grows until
    // the last x tick label stays inside the frame.
    func attempt(right: Double) -> (PlotRect, ResolvedAxis, PlotGeometry, right: Double) {
      var right = right
      for pass in 0..<4 {
        let width = Swift.max(10, frame.width - left - right)
        let area = PlotRect(x: frame.x + left, y: frame.y + top, width: width, height: height)
        var xTarget = Swift.max(2, Int(width / (xAxis.scale == .log ? 50 : 75)))
        var x = xAxis.resolve(prepared.xValues + extraX, targetTickCount: xTarget)
        while xTarget > 2 && Self.crowded(tickLabels(x: x, area: area)) {
          xTarget -= 1
          x = xAxis.resolve(prepared.xValues + extraX, targetTickCount: xTarget)
        }
        // Still crowded with two or three ticks: label only every k-th one.
        if Self.crowded(tickLabels(x: x, area: area)) {
          var every = 2
          while every < x.labelledTicks.count && Self.crowded(tickLabels(x: x.keepingEveryLabel(every), area: area)) { every += 1 }
          x = x.keepingEveryLabel(every)
        }
        let overhang = (tickLabels(x: x, area: area).last?.box.maxX ?? 0) - (frame.maxX - 4)
        if overhang <= 0.01 || forcedRight != nil || pass == 3 {
          return (area, x, PlotGeometry(plot: self, prepared: prepared, area: area, x: x, y: y), right)
        }
        right += overhang
      }
      preconditionFailure("unreachable")
    }
    func corner(_ c: LegendPlacement.Corner, _ area: PlotRect, _ size: (width: Double, height: Double)) -> PlotRect {
      let inset = 8.0
      let lx = c == .topLeft || c == .bottomLeft ? area.x + inset : area.maxX - inset - size.width
      let ly = c == .topLeft || c == .topRight ? area.y + inset : area.maxY - inset - size.height
      return PlotRect(x: lx, y: ly, width: size.width, height: size.height)
    }
    func finish(_ a: (PlotRect, ResolvedAxis, PlotGeometry, right: Double), legend: PlotRect?, outside: Bool) -> PlotArrangement {
      let texts = placeTexts(frame: frame, area: a.0, x: a.1, y: y, geometry: a.2, titleLines: titleLines, prepared: prepared)
      var all = texts.map(\.plotText)
      if let legend {
        all.append(PlotText(role: .legend, text: legendEntries(prepared).map(\.series.name).joined(separator: " / "), box: legend))
      }
      let layout = PlotLayout(frame: frame, plotArea: a.0, x: a.1, y: y, legend: legend, legendIsOutside: outside, texts: all)
      return PlotArrangement(layout: layout, geometry: a.2, left: left, right: a.right, texts: texts)
    }
    func outside(_ a: (PlotRect, ResolvedAxis, PlotGeometry, right: Double), _ size: (width: Double, height: Double)) -> PlotArrangement {
      let rect = PlotRect(x: a.0.maxX + PlotStyle.outsideGap, y: a.0.y, width: size.width, height: size.height)
      return finish(a, legend: rect, outside: true)
    }

    let baseRight = forcedRight ?? PlotStyle.minRightMargin
    guard let size = legendSize else { return finish(attempt(right: baseRight), legend: nil, outside: false) }
    switch legend {
    case .hidden:
      return finish(attempt(right: baseRight), legend: nil, outside: false)
    case .inside(let c):
      let a = attempt(right: baseRight)
      return finish(a, legend: corner(c, a.0, size), outside: false)
    case .outside:
      let right = forcedRight ?? Swift.max(baseRight, outsideRight)
      return outside(attempt(right: right), size)
    case .automatic:
      let a = attempt(right: baseRight)
      let scored = LegendPlacement.Corner.allCases.map { c -> (PlotRect, Int) in
        let rect = corner(c, a.0, size)
        return (rect, a.2.coverage(of: rect))
      }
      if let free = scored.first(where: { $0.1 == 0 }) {
        return finish(a, legend: free.0, outside: false)
      }
      if forcedRight == nil {
        let right = Swift.max(a.right, outsideRight)
        return outside(attempt(right: right), size)
      }
      if baseRight >= outsideRight { return outside(a, size) }
      let best = scored.min { $0.1 < $1.1 } ?? scored[0]
      return finish(a, legend: best.0, outside: false)
    }
  }
}

extension LinePlot {
  /// The tick labels of both axes (x first), placed outside the bottom and left edges.
  func tickLabels(x: ResolvedAxis? = nil, y: ResolvedAxis? = nil, area: PlotRect) -> [PlacedText] {
    let font = PlotStyle.tickFont
    var out: [PlacedText] = []
    func place(_ label: TickLabel, notation: TickNotation, at px: Double, _ py: Double, anchor: String) {
      let w = label.width(notation, size: font)
      let left = anchor == "middle" ? px - w / 2 : px - w
      let top = py - label.ascent(notation, size: font)
      out.append(
        PlacedText(
          x: px, y: py, anchor: anchor, rotated: false, text: label.plainText,
          box: PlotRect(x: left, y: top, width: w, height: py + TextMetrics.descent * font - top), role: .tickLabel, size: font,
          markup: SVGWriter.tickLabel(label, notation: notation, size: font)))
    }
    if let x {
      for tick in x.ticks {
        guard let label = tick.label, let f = x.fraction(of: tick.value), f >= -1e-9, f <= 1 + 1e-9 else { continue }
        place(label, notation: x.notation, at: area.x + f * area.width, area.maxY + PlotStyle.majorTick + 4 + font, anchor: "middle")
      }
    }
    if let y {
      for tick in y.ticks {
        guard let label = tick.label, let f = y.fraction(of: tick.value), f >= -1e-9, f <= 1 + 1e-9 else { continue }
        let py = area.maxY - f * area.height
        place(label, notation: y.notation, at: area.x - PlotStyle.majorTick - 3, py + font * 0.36, anchor: "end")
      }
    }
    return out
  }

  /// Whether two consecutive labels come closer than 4 pixels.
  static func crowded(_ labels: [PlacedText]) -> Bool {
    zip(labels, labels.dropFirst()).contains { a, b in
      PlotRect(x: a.box.x - 2, y: a.box.y, width: a.box.width + 4, height: a.box.height).intersects(b.box)
    }
  }

  /// Every text of the plot except the legend's entries, in drawing order:
  /// tick labels, line labels and band captions, title, axis titles, note.
  /// Long axis titles and notes are shortened with "…" to fit.
  func placeTexts(
    frame: PlotRect, area: PlotRect, x: ResolvedAxis, y: ResolvedAxis, geometry g: PlotGeometry, titleLines: [String],
    prepared: PreparedPlot
  ) -> [PlacedText] {
    var out = tickLabels(x: x, y: y, area: area)
    out += g.bands.compactMap(\.caption)
    out += g.lines.compactMap(\.label)
    if prepared.isEmpty {
      out.append(.horizontal("no data", x: area.x + area.width / 2, y: area.y + area.height / 2, size: PlotStyle.axisFont, anchor: "middle", role: .note))
    }
    let titleFont = PlotStyle.titleFont
    for (i, line) in titleLines.enumerated() {
      let w = TextMetrics.width(line, size: titleFont, bold: true)
      // Centred over the plot area, moved inward if that would leave the frame.
      let cx = Swift.min(Swift.max(area.x + area.width / 2, frame.x + 8 + w / 2), frame.maxX - 8 - w / 2)
      out.append(.horizontal(line, x: cx, y: frame.y + 22 + Double(i) * TextMetrics.lineSpacing * titleFont, size: titleFont, anchor: "middle", role: .title, bold: true))
    }
    var bottom = area.maxY + PlotStyle.majorTick + 6 + PlotStyle.tickFont
    if !xAxis.label.isEmpty {
      bottom += PlotStyle.axisFont + 6
      let text = TextMetrics.shortened(xAxis.label, size: PlotStyle.axisFont, toFit: frame.width - 16)
      let w = TextMetrics.width(text, size: PlotStyle.axisFont)
      let cx = Swift.min(Swift.max(area.x + area.width / 2, frame.x + 8 + w / 2), frame.maxX - 8 - w / 2)
      out.append(.horizontal(text, x: cx, y: bottom, size: PlotStyle.axisFont, anchor: "middle", role: .axisLabel))
    }
    if !yAxis.label.isEmpty {
      let text = TextMetrics.shortened(yAxis.label, size: PlotStyle.axisFont, toFit: area.height)
      out.append(.upward(text, x: frame.x + 8 + PlotStyle.axisFont * 0.8, y: area.y + area.height / 2, size: PlotStyle.axisFont, anchor: "middle", role: .axisLabel))
    }
    if let note = prepared.omitted.note {
      let text = TextMetrics.shortened(note, size: PlotStyle.noteFont, toFit: area.width)
      out.append(.horizontal(text, x: area.maxX, y: bottom + PlotStyle.noteFont + 5, size: PlotStyle.noteFont, anchor: "end", role: .note))
    }
    return out
  }
}
