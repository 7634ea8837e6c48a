/// A piece of text placed in pixel space, with its estimated bounding box:
/// the one description both the layout checks and the drawing use.
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
  /// What the text is (sets its style).
  let role: PlotText.Role
  /// Font size.
  let size: Double
  /// Ready-made markup (tick labels with raised exponents); `nil` means the escaped ``text``.
  var markup: String? = nil

  /// A horizontal line of text, its box from ``TextMetrics``.
  static func horizontal(_ text: String, x: Double, y: Double, size: Double, anchor: String, role: PlotText.Role, bold: Bool = false)
    -> PlacedText
  {
    let w = TextMetrics.width(text, size: size, bold: bold)
    return PlacedText(
      x: x, y: y, anchor: anchor, rotated: false, text: text, box: TextMetrics.box(x: x, y: y, width: w, size: size, anchor: anchor),
      role: role, size: size)
  }

  /// A line of text reading upward, its box from ``TextMetrics``.
  static func upward(_ text: String, x: Double, y: Double, size: Double, anchor: String, role: PlotText.Role) -> PlacedText {
    let w = TextMetrics.width(text, size: size)
    return PlacedText(
      x: x, y: y, anchor: anchor, rotated: true, text: text, box: TextMetrics.rotatedBox(x: x, y: y, width: w, size: size, anchor: anchor),
      role: role, size: size)
  }

  /// The public description.
  var plotText: PlotText { PlotText(role: role, text: text, box: box) }
}
