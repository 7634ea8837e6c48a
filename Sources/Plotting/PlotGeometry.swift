/// A piece of text placed in pixel space, with its estimated bounding box.
struct PlacedText {
  /// Anchor point (baseline).
  let x: Double, y: Double
  /// SVG `text-anchor`.
  let anchor: String
  /// Whether the text reads upward (rotated by −90°).
  let rotated: Bool
  /// The raw (unescaped) text.
  let text: String
  /// Estimated extent, for overlap tests.
  let box: PlotRect
}

/// Everything of a plot mapped to pixels for one plot area.
struct PlotGeometry {
  /// Per series: the visible polyline pieces.
  var pieces: [[[PixelPoint]]] = []
  /// Per series: the points that get a marker (or a dot, for isolated points).
  var markers: [[PixelPoint]] = []
  /// Reference lines inside the area: line, the fixed pixel coordinate, label.
  var lines: [(line: ReferenceLine, position: Double, label: PlacedText?)] = []
  /// Shaded bands clipped to the area, with captions.
  var bands: [(rect: PlotRect, caption: PlacedText?)] = []

  /// Maps the prepared plot onto `area` with the resolved axes.
  init(plot: LinePlot, prepared: PreparedPlot, area: PlotRect, x: ResolvedAxis, y: ResolvedAxis) {
    func pixel(_ p: (x: Double, y: Double)) -> PixelPoint? {
      guard let fx = x.fraction(of: p.x), let fy = y.fraction(of: p.y) else { return nil }
      return PixelPoint(x: area.x + fx * area.width, y: area.maxY - fy * area.height)
    }
    for s in prepared.series {
      var seriesPieces: [[PixelPoint]] = []
      var seriesMarkers: [PixelPoint] = []
      for run in s.runs {
        let points = run.compactMap(pixel)
        if s.series.line != .none { seriesPieces += SegmentClipping.clip(polyline: points, to: area) }
        if s.series.marker != .none || points.count == 1 || s.series.line == .none {
          seriesMarkers += points.filter { area.contains($0.x, $0.y, tolerance: 0.5) }
        }
      }
      pieces.append(seriesPieces)
      markers.append(seriesMarkers)
    }
    placeBands(plot.shadedIntervals, area: area, x: x)
    placeLines(plot.referenceLines, area: area, x: x, y: y)
  }

  /// Clips the bands to the area and places their captions at the top left.
  private mutating func placeBands(_ intervals: [ShadedInterval], area: PlotRect, x: ResolvedAxis) {
    let font = PlotStyle.annotationFont
    for band in intervals where !band.lower.isNaN && !band.upper.isNaN {
      func edge(_ v: Double) -> Double {
        if let f = x.fraction(of: v) { return Swift.min(Swift.max(area.x + f * area.width, area.x), area.maxX) }
        return v > 0 ? area.maxX : area.x  // −∞, or non-positive on a log axis: left edge
      }
      let x0 = edge(band.lower), x1 = edge(band.upper)
      guard x1 - x0 > 0 else { continue }
      let rect = PlotRect(x: x0, y: area.y, width: x1 - x0, height: area.height)
      var caption: PlacedText?
      if !band.label.isEmpty {
        let w = TextMetrics.width(band.label, size: font)
        let tx = x0 + 4, ty = area.y + 4 + font
        caption = PlacedText(
          x: tx, y: ty, anchor: "start", rotated: false, text: band.label,
          box: PlotRect(x: tx, y: ty - font, width: w, height: font + 3))
      }
      bands.append((rect, caption))
    }
  }

  /// Places the reference lines and their labels: vertical labels read upward
  /// beside the line from the top (from the bottom if that would collide with
  /// the previous label), horizontal labels sit above the line at the right.
  private mutating func placeLines(_ referenceLines: [ReferenceLine], area: PlotRect, x: ResolvedAxis, y: ResolvedAxis) {
    let font = PlotStyle.annotationFont
    var previousTopLabel: PlotRect?
    let vertical = referenceLines.enumerated().compactMap { (i, line) -> (Int, ReferenceLine, Double)? in
      guard line.orientation == .vertical, let f = x.fraction(of: line.value) else { return nil }
      let px = area.x + f * area.width
      return area.contains(px, area.y, tolerance: 0.01) ? (i, line, px) : nil
    }.sorted { ($0.2, $0.0) < ($1.2, $1.0) }
    for (_, line, px) in vertical {
      guard !line.label.isEmpty else {
        lines.append((line, px, nil))
        continue
      }
      let length = Swift.min(TextMetrics.width(line.label, size: font), area.height - 12)
      let onLeft = px + 4 + font > area.maxX
      let baseline = onLeft ? px - 4 : px + 3 + font * 0.8
      let boxX = baseline - font * 0.8
      var box = PlotRect(x: boxX, y: area.y + 6, width: font + 1, height: length)
      var label = PlacedText(x: baseline, y: area.y + 6, anchor: "end", rotated: true, text: line.label, box: box)
      if let previous = previousTopLabel, previous.intersects(box) {
        box = PlotRect(x: boxX, y: area.maxY - 6 - length, width: font + 1, height: length)
        label = PlacedText(x: baseline, y: area.maxY - 6, anchor: "start", rotated: true, text: line.label, box: box)
      } else {
        previousTopLabel = box
      }
      lines.append((line, px, label))
    }
    for line in referenceLines where line.orientation == .horizontal {
      guard let f = y.fraction(of: line.value) else { continue }
      let py = area.maxY - f * area.height
      guard area.contains(area.x, py, tolerance: 0.01) else { continue }
      guard !line.label.isEmpty else {
        lines.append((line, py, nil))
        continue
      }
      // First of: right above, left above, right below, left below, that hides no data.
      let w = TextMetrics.width(line.label, size: font)
      var candidates: [PlacedText] = []
      for below in [false, true] {
        let ty = below ? py + 3 + font : py - 4
        guard ty - font >= area.y, ty + 3 <= area.maxY else { continue }
        let box = { (x: Double) in PlotRect(x: x, y: ty - font, width: w, height: font + 3) }
        candidates.append(PlacedText(x: area.maxX - 4, y: ty, anchor: "end", rotated: false, text: line.label, box: box(area.maxX - 4 - w)))
        candidates.append(PlacedText(x: area.x + 4, y: ty, anchor: "start", rotated: false, text: line.label, box: box(area.x + 4)))
      }
      let fallback = PlacedText(
        x: area.maxX - 4, y: py - 4, anchor: "end", rotated: false, text: line.label,
        box: PlotRect(x: area.maxX - 4 - w, y: py - 4 - font, width: w, height: font + 3))
      lines.append((line, py, candidates.first { dataHits($0.box) == 0 } ?? candidates.first ?? fallback))
    }
  }

  /// How many series segments and markers cross `rect`.
  func dataHits(_ rect: PlotRect) -> Int {
    var count = 0
    for series in pieces {
      for piece in series {
        for i in piece.indices.dropFirst() where SegmentClipping.clip(piece[i - 1], piece[i], to: rect) != nil {
          count += 1
        }
      }
    }
    for series in markers { count += series.filter { rect.contains($0.x, $0.y) }.count }
    return count
  }

  /// How much a legend at `rect` would hide: segments and markers crossing
  /// it, reference lines through it, and labels it overlaps.
  func coverage(of rect: PlotRect) -> Int {
    let r = PlotRect(x: rect.x - 3, y: rect.y - 3, width: rect.width + 6, height: rect.height + 6)
    var count = dataHits(r)
    for (line, position, label) in lines {
      switch line.orientation {
      case .vertical: if position >= r.x && position <= r.maxX { count += 1 }
      case .horizontal: if position >= r.y && position <= r.maxY { count += 1 }
      }
      if let label, label.box.intersects(r) { count += 1 }
    }
    for band in bands { if let caption = band.caption, caption.box.intersects(r) { count += 1 } }
    return count
  }
}
