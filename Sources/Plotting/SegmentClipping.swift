/// A point in SVG pixel coordinates.
struct PixelPoint: Equatable {
  var x: Double
  var y: Double
}

/// Liang–Barsky clipping of line segments and polylines to a rectangle.
enum SegmentClipping {
  /// The part of segment `a → b` inside `rect`, or `nil` if none.
  ///
  /// An endpoint that is inside is returned unchanged (bit for bit), so
  /// consecutive clipped segments of a polyline join exactly.
  static func clip(_ a: PixelPoint, _ b: PixelPoint, to rect: PlotRect) -> (PixelPoint, PixelPoint)? {
    let dx = b.x - a.x, dy = b.y - a.y
    var t0 = 0.0, t1 = 1.0
    let checks: [(p: Double, q: Double)] = [
      (-dx, a.x - rect.x), (dx, rect.maxX - a.x), (-dy, a.y - rect.y), (dy, rect.maxY - a.y),
    ]
    for (p, q) in checks {
      if p == 0 {
        if q < 0 { return nil }
      } else {
        let r = q / p
        if p < 0 {
          if r > t1 { return nil }
          if r > t0 { t0 = r }
        } else {
          if r < t0 { return nil }
          if r < t1 { t1 = r }
        }
      }
    }
    let start = t0 == 0 ? a : PixelPoint(x: a.x + t0 * dx, y: a.y + t0 * dy)
    let end = t1 == 1 ? b : PixelPoint(x: a.x + t1 * dx, y: a.y + t1 * dy)
    return (clampInside(start, rect), clampInside(end, rect))
  }

  /// The visible pieces of the polyline through `points`, each with at least two points.
  static func clip(polyline points: [PixelPoint], to rect: PlotRect) -> [[PixelPoint]] {
    var pieces: [[PixelPoint]] = []
    var current: [PixelPoint] = []
    for i in points.indices.dropFirst() {
      guard let (c, d) = clip(points[i - 1], points[i], to: rect) else {
        if current.count > 1 { pieces.append(current) }
        current = []
        continue
      }
      if let last = current.last, last == c {
        current.append(d)
      } else {
        if current.count > 1 { pieces.append(current) }
        current = [c, d]
      }
    }
    if current.count > 1 { pieces.append(current) }
    return pieces
  }

  /// Removes rounding excursions of a clipped point just outside `rect`.
  private static func clampInside(_ p: PixelPoint, _ rect: PlotRect) -> PixelPoint {
    PixelPoint(x: Swift.min(Swift.max(p.x, rect.x), rect.maxX), y: Swift.min(Swift.max(p.y, rect.y), rect.maxY))
  }
}
