extension LinePlot {
  /// Draws the plot into `frame`; `id` must be unique within the document.
  /// Returns the arrangement used.
  @discardableResult
  func draw(
    into w: inout SVGWriter, frame: PlotRect, prepared: PreparedPlot, forcedLeft: Double?, forcedRight: Double?,
    extraX: [Double], id: String
  ) -> PlotArrangement {
    let arrangement = arrange(in: frame, prepared: prepared, forcedLeft: forcedLeft, forcedRight: forcedRight, extraX: extraX)
    let layout = arrangement.layout, g = arrangement.geometry
    let area = layout.plotArea
    w.raw("<g id=\"\(id)\">")

    // Bands, grid, reference lines, data.
    for band in g.bands {
      w.rect(band.rect, fill: PlotStyle.bandColor, extra: " fill-opacity=\"\(PlotStyle.bandOpacity)\"")
    }
    drawGrid(into: &w, layout)
    for (line, position, _) in g.lines {
      switch line.orientation {
      case .vertical:
        w.line(position, area.y, position, area.maxY, stroke: PlotStyle.referenceColor, width: 1.2, style: line.line)
      case .horizontal:
        w.line(area.x, position, area.maxX, position, stroke: PlotStyle.referenceColor, width: 1.2, style: line.line)
      }
    }
    for (index, s) in prepared.series.enumerated() {
      for piece in g.pieces[index] {
        w.polyline(piece, stroke: s.color, width: PlotStyle.seriesWidth, style: s.series.line)
      }
      if !g.markers[index].isEmpty {
        // Without a marker style, isolated points (and marker-less, line-less series) get dots.
        let marker = s.series.marker == .none ? Marker.circle : s.series.marker
        w.raw("<g fill=\"\(s.color)\">")
        for p in g.markers[index] { w.marker(marker, at: p, color: s.color) }
        w.raw("</g>")
      }
    }

    // Frame, ticks, then every text, the legend last.
    w.rect(area, fill: "none", extra: " stroke=\"\(PlotStyle.axisColor)\" stroke-width=\"1.00\"")
    drawTicks(into: &w, layout)
    for t in arrangement.texts { drawText(t, into: &w) }
    if let box = layout.legend { drawLegend(into: &w, box: box, entries: legendEntries(prepared)) }
    w.raw("</g>")
    return arrangement
  }

  /// Light grid lines at the major ticks strictly inside the area.
  private func drawGrid(into w: inout SVGWriter, _ layout: PlotLayout) {
    let area = layout.plotArea
    for tick in layout.x.ticks where tick.isMajor {
      guard let f = layout.x.fraction(of: tick.value), f > 1e-6, f < 1 - 1e-6 else { continue }
      let px = area.x + f * area.width
      w.line(px, area.y, px, area.maxY, stroke: PlotStyle.gridColor, width: 1)
    }
    for tick in layout.y.ticks where tick.isMajor {
      guard let f = layout.y.fraction(of: tick.value), f > 1e-6, f < 1 - 1e-6 else { continue }
      let py = area.maxY - f * area.height
      w.line(area.x, py, area.maxX, py, stroke: PlotStyle.gridColor, width: 1)
    }
  }

  /// Tick marks outside the bottom and left edges (their labels are texts of the arrangement).
  private func drawTicks(into w: inout SVGWriter, _ layout: PlotLayout) {
    let area = layout.plotArea
    for tick in layout.x.ticks {
      guard let f = layout.x.fraction(of: tick.value), f >= -1e-9, f <= 1 + 1e-9 else { continue }
      let px = area.x + f * area.width
      let length = tick.isMajor ? PlotStyle.majorTick : PlotStyle.minorTick
      w.line(px, area.maxY, px, area.maxY + length, stroke: PlotStyle.axisColor, width: 1)
    }
    for tick in layout.y.ticks {
      guard let f = layout.y.fraction(of: tick.value), f >= -1e-9, f <= 1 + 1e-9 else { continue }
      let py = area.maxY - f * area.height
      let length = tick.isMajor ? PlotStyle.majorTick : PlotStyle.minorTick
      w.line(area.x - length, py, area.x, py, stroke: PlotStyle.axisColor, width: 1)
    }
  }

  /// One placed text in the style of its role (line labels and band
  /// captions with a white halo, since they sit over data).
  private func drawText(_ t: PlacedText, into w: inout SVGWriter) {
    let rotation = t.rotated ? " transform=\"rotate(-90 \(SVGWriter.n(t.x)) \(SVGWriter.n(t.y)))\"" : ""
    let content = t.markup ?? XMLText.escape(t.text)
    switch t.role {
    case .title:
      w.text(t.x, t.y, content: content, size: t.size, anchor: t.anchor, fill: "#111111", extra: " font-weight=\"bold\"" + rotation)
    case .axisLabel, .tickLabel, .legend:
      w.text(t.x, t.y, content: content, size: t.size, anchor: t.anchor, extra: rotation)
    case .lineLabel:
      w.text(t.x, t.y, content: content, size: t.size, anchor: t.anchor, fill: PlotStyle.referenceColor, extra: PlotStyle.halo + rotation)
    case .bandCaption:
      w.text(t.x, t.y, content: content, size: t.size, anchor: t.anchor, fill: "#1F5E4A", extra: PlotStyle.halo + rotation)
    case .note:
      w.text(t.x, t.y, content: content, size: t.size, anchor: t.anchor, fill: "#666666", extra: " font-style=\"italic\"" + rotation)
    }
  }

  /// The legend: a framed box with a line/marker sample and the name per series.
  private func drawLegend(into w: inout SVGWriter, box: PlotRect, entries: [PreparedSeries]) {
    w.rect(box, fill: "#FFFFFF", extra: " fill-opacity=\"0.92\" stroke=\"#BBBBBB\" stroke-width=\"1.00\"")
    let pad = PlotStyle.legendPadding
    for (row, entry) in entries.enumerated() {
      let cy = box.y + pad + PlotStyle.legendRow * (Double(row) + 0.5) - 2
      let x0 = box.x + pad, x1 = x0 + PlotStyle.legendSample
      // A series drawn only as isolated points shows a dot, not a line.
      let onlyDots = entry.runs.allSatisfy { $0.count < 2 }
      if entry.series.line != .none && !onlyDots {
        w.line(x0, cy, x1, cy, stroke: entry.color, width: PlotStyle.seriesWidth, style: entry.series.line)
      }
      let marker = (entry.series.line == .none || onlyDots) && entry.series.marker == .none ? Marker.circle : entry.series.marker
      if marker != .none {
        w.raw("<g fill=\"\(entry.color)\">")
        w.marker(marker, at: PixelPoint(x: (x0 + x1) / 2, y: cy), color: entry.color)
        w.raw("</g>")
      }
      w.text(x1 + 6, cy + PlotStyle.legendFont * 0.36, content: XMLText.escape(entry.series.name), size: PlotStyle.legendFont)
    }
  }
}
