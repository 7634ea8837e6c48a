/// Accumulates SVG markup with fixed-precision coordinates.
///
/// Text passed as `content:` must already be escaped markup (see
/// ``XMLText``); everything else is numbers and fixed attribute strings.
struct SVGWriter {
  /// The markup so far, one element per line.
  private(set) var markup = ""

  /// Formats a pixel coordinate.
  static func n(_ x: Double) -> String { NumberFormat.coordinate(x) }

  /// Appends raw markup (must be well formed).
  mutating func raw(_ s: String) {
    markup += s
    markup += "\n"
  }

  /// A straight line.
  mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width: Double, style: LineStyle = .solid) {
    raw(
      "<line x1=\"\(Self.n(x1))\" y1=\"\(Self.n(y1))\" x2=\"\(Self.n(x2))\" y2=\"\(Self.n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(Self.n(width))\"\(style.dashAttributes)/>"
    )
  }

  /// A rectangle; `extra` is appended verbatim inside the tag.
  mutating func rect(_ r: PlotRect, fill: String, extra: String = "") {
    raw(
      "<rect x=\"\(Self.n(r.x))\" y=\"\(Self.n(r.y))\" width=\"\(Self.n(r.width))\" height=\"\(Self.n(r.height))\" fill=\"\(fill)\"\(extra)/>"
    )
  }

  /// An open polyline through `points`.
  mutating func polyline(_ points: [PixelPoint], stroke: String, width: Double, style: LineStyle) {
    let coordinates = points.map { Self.n($0.x) + "," + Self.n($0.y) }.joined(separator: " ")
    raw(
      "<polyline points=\"\(coordinates)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(Self.n(width))\" stroke-linejoin=\"round\"\(style.dashAttributes)/>"
    )
  }

  /// A text element at `(x, y)` (baseline); `extra` is appended verbatim inside the tag.
  mutating func text(_ x: Double, _ y: Double, content: String, size: Double, anchor: String = "start", fill: String = "#222", extra: String = "") {
    raw(
      "<text x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" font-size=\"\(Self.n(size))\" text-anchor=\"\(anchor)\" fill=\"\(fill)\"\(extra)>\(content)</text>"
    )
  }

  /// A marker symbol centred at `p` (inside a group that sets its colour).
  mutating func marker(_ marker: Marker, at p: PixelPoint, color: String) {
    let x = p.x, y = p.y
    switch marker {
    case .none: return
    case .circle:
      raw("<circle cx=\"\(Self.n(x))\" cy=\"\(Self.n(y))\" r=\"3.00\"/>")
    case .square:
      raw("<rect x=\"\(Self.n(x - 3))\" y=\"\(Self.n(y - 3))\" width=\"6.00\" height=\"6.00\"/>")
    case .triangle:
      raw("<polygon points=\"\(Self.n(x)),\(Self.n(y - 3.8)) \(Self.n(x + 3.6)),\(Self.n(y + 2.8)) \(Self.n(x - 3.6)),\(Self.n(y + 2.8))\"/>")
    case .diamond:
      raw("<polygon points=\"\(Self.n(x)),\(Self.n(y - 4)) \(Self.n(x + 4)),\(Self.n(y)) \(Self.n(x)),\(Self.n(y + 4)) \(Self.n(x - 4)),\(Self.n(y))\"/>")
    case .cross:
      raw(
        "<path d=\"M\(Self.n(x - 3)),\(Self.n(y - 3))L\(Self.n(x + 3)),\(Self.n(y + 3))M\(Self.n(x - 3)),\(Self.n(y + 3))L\(Self.n(x + 3)),\(Self.n(y - 3))\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.50\"/>"
      )
    }
  }

  /// The markup of a tick label at font size `size` (see ``TickLabel/drawnParts(_:)``).
  static func tickLabel(_ label: TickLabel, notation: TickNotation, size: Double) -> String {
    let parts = label.drawnParts(notation)
    guard let exponent = parts.exponent else { return XMLText.escape(parts.base) }
    return XMLText.escape(parts.base) + "<tspan dy=\"\(n(-TickLabel.superscriptRise * size))\" font-size=\"\(n(TickLabel.superscriptScale * size))\">"
      + exponent + "</tspan>"
  }
}
