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
    placeLabels(plot, area: area, x: x, y: y)
  }

  /// The label boxes placed so far (vertical, then horizontal line labels, then band captions).
  private var placedBoxes: [PlotRect] {
    lines.compactMap { $0.label?.box } + bands.compactMap { $0.caption?.box }
  }

  /// How many placed labels `box` overlaps (with a 2-pixel gap).
  private func textHits(_ box: PlotRect) -> Int {
    let r = PlotRect(x: box.x - 2, y: box.y - 2, width: box.width + 4, height: box.height + 4)
    return placedBoxes.filter { $0.intersects(r) }.count
  }

  /// How many reference lines placed so far cross `box`.
  private func lineHits(_ box: PlotRect) -> Int {
    lines.filter { line, position, _ in
      switch line.orientation {
      case .vertical: return position > box.x && position < box.maxX
      case .horizontal: return position > box.y && position < box.maxY
      }
    }.count
  }

  /// The first candidate that overlaps no label and hides no data or line; else the
  /// first that overlaps no label (fewest data hits); else the one with the
  /// fewest overlaps. Candidates must lie inside `area`.
  private func best(_ candidates: [PlacedText], area: PlotRect) -> PlacedText? {
    let inside = candidates.filter {
      $0.box.x >= area.x - 0.01 && $0.box.maxX <= area.maxX + 0.01 && $0.box.y >= area.y - 0.01 && $0.box.maxY <= area.maxY + 0.01
    }
    let pool = inside.isEmpty ? candidates : inside
    let scored = pool.map { (text: $0, labels: textHits($0.box), data: dataHits($0.box) + lineHits($0.box)) }
    if let clear = scored.first(where: { $0.labels == 0 && $0.data == 0 }) { return clear.text }
    if let clear = scored.filter({ $0.labels == 0 }).min(by: { $0.data < $1.data }) { return clear.text }
    return scored.min { ($0.labels, $0.data) < ($1.labels, $1.data) }?.text
  }

  /// Places the reference lines and their labels, then the band captions,
  /// each label where it overlaps no earlier one: vertical labels read upward
  /// beside their line from the top (else from the bottom); horizontal labels
  /// sit above or below their line, at the right or left end or next to a
  /// vertical label, preferring spots that hide no data.
  private mutating func placeLabels(_ plot: LinePlot, area: PlotRect, x: ResolvedAxis, y: ResolvedAxis) {
    let font = PlotStyle.annotationFont
    let vertical = plot.referenceLines.enumerated().compactMap { (i, line) -> (Int, ReferenceLine, Double)? in
      guard line.orientation == .vertical, let f = x.fraction(of: line.value) else { return nil }
      let px = area.x + f * area.width
      return area.contains(px, area.y, tolerance: 0.01) ? (i, line, px) : nil
    }.sorted { ($0.2, $0.0) < ($1.2, $1.0) }
    for (_, line, px) in vertical {
      guard !line.label.isEmpty else {
        lines.append((line, px, nil))
        continue
      }
      let text = TextMetrics.shortened(line.label, size: font, toFit: area.height - 12)
      // Right of the line (left of it at the right edge), top then bottom; then the other side.
      let right = px + 3 + TextMetrics.ascent * font, left = px - 3 - TextMetrics.descent * font
      let sides = px + 4 + font > area.maxX ? [left] : px - 4 - font < area.x ? [right] : [right, left]
      let baseline = sides[0]
      let ends = sides.flatMap { x in
        [
          PlacedText.upward(text, x: x, y: area.y + 6, size: font, anchor: "end", role: .lineLabel),
          PlacedText.upward(text, x: x, y: area.maxY - 6, size: font, anchor: "start", role: .lineLabel),
        ]
      }
      let top = ends[0]
      var label = ends.first { textHits($0.box) == 0 }
      if label == nil {
        // Both ends taken: shortened into the longest free stretch of its column.
        let column = PlotRect(x: top.box.x - 2, y: area.y, width: top.box.width + 4, height: area.height)
        let taken = placedBoxes.filter { $0.intersects(column) }.map { ($0.y, $0.maxY) }.sorted { $0 < $1 }
        var gaps: [(Double, Double)] = []
        var from = area.y + 2
        for (y0, y1) in taken {
          if y0 > from { gaps.append((from, y0)) }
          from = Swift.max(from, y1)
        }
        if area.maxY - 2 > from { gaps.append((from, area.maxY - 2)) }
        if let gap = gaps.max(by: { $0.1 - $0.0 < $1.1 - $1.0 }) {
          let fitted = TextMetrics.shortened(line.label, size: font, toFit: gap.1 - gap.0 - 8)
          let candidate = PlacedText.upward(fitted, x: baseline, y: gap.0 + 4, size: font, anchor: "end", role: .lineLabel)
          if textHits(candidate.box) == 0 { label = candidate }
        }
      }
      lines.append((line, px, label ?? top))
    }
    let verticalBoxes = lines.compactMap { $0.label?.box }
    for line in plot.referenceLines where line.orientation == .horizontal {
      guard let f = y.fraction(of: line.value) else { continue }
      let py = area.maxY - f * area.height
      guard area.contains(area.x, py, tolerance: 0.01) else { continue }
      guard !line.label.isEmpty else {
        lines.append((line, py, nil))
        continue
      }
      let text = TextMetrics.shortened(line.label, size: font, toFit: area.width - 8)
      var candidates: [PlacedText] = []
      for below in [false, true] {
        let ty = below ? py + 3 + TextMetrics.ascent * font : py - 3 - TextMetrics.descent * font
        func at(_ x: Double, _ anchor: String) -> PlacedText {
          PlacedText.horizontal(text, x: x, y: ty, size: font, anchor: anchor, role: .lineLabel)
        }
        candidates.append(at(area.maxX - 4, "end"))
        candidates.append(at(area.x + 4, "start"))
        for box in verticalBoxes.reversed() {
          candidates.append(at(box.x - 3, "end"))
          candidates.append(at(box.maxX + 3, "start"))
        }
      }
      lines.append((line, py, best(candidates, area: area)))
    }
    for band in plot.shadedIntervals where !band.lower.isNaN && !band.upper.isNaN {
      func edge(_ v: Double) -> Double {
        if let f = x.fraction(of: v) { return Swift.min(Swift.max(area.x + f * area.width, area.x), area.maxX) }
        return v > 0 ? area.maxX : area.x  // −∞, or non-positive on a log axis: left edge
      }
      let x0 = edge(band.lower), x1 = edge(band.upper)
      guard x1 - x0 > 0 else { continue }
      let rect = PlotRect(x: x0, y: area.y, width: x1 - x0, height: area.height)
      guard !band.label.isEmpty else {
        bands.append((rect, nil))
        continue
      }
      let text = TextMetrics.shortened(band.label, size: font, toFit: area.width - 8)
      let left = Swift.min(x0 + 4, area.maxX - 4 - TextMetrics.width(text, size: font))
      func at(_ baseline: Double) -> PlacedText {
        PlacedText.horizontal(text, x: left, y: baseline, size: font, anchor: "start", role: .bandCaption)
      }
      // Top of the band; below any label it would cover there; bottom of the band.
      var candidates = [at(area.y + 4 + TextMetrics.ascent * font)]
      let blocking = placedBoxes.filter { $0.intersects(candidates[0].box) }.map(\.maxY).max()
      if let blocking { candidates.append(at(blocking + 4 + TextMetrics.ascent * font)) }
      candidates.append(at(area.maxY - 4 - TextMetrics.descent * font))
      bands.append((rect, best(candidates, area: area)))
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
