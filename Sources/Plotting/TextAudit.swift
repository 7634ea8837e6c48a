/// A check of a rendered figure's texts against each other and the canvas,
/// on their estimated boxes (``PlotLayout/texts``): the guard against
/// overprinted labels and clipped titles.
public enum TextAudit {
  /// One problem: two texts that overlap, or one that leaves the canvas.
  public struct Problem: Sendable, Hashable, CustomStringConvertible {
    /// The texts involved (one or two).
    public let texts: [PlotText]
    /// `"overlap"` or `"outside the canvas"`.
    public let kind: String

    /// E.g. `overlap: lineLabel "bound (s = 1)" and bandCaption "hypothesis holds"`.
    public var description: String {
      kind + ": " + texts.map { "\($0.role.rawValue) \"\($0.text)\"" }.joined(separator: " and ")
    }
  }

  /// Every pair of texts of `layouts` (all panels together) whose boxes
  /// overlap with positive area, and every text whose box is not inside
  /// `canvas` (half a pixel of tolerance).
  public static func problems(_ layouts: [PlotLayout], canvas: PlotRect) -> [Problem] {
    let texts = layouts.flatMap(\.texts)
    var out: [Problem] = []
    for t in texts {
      let b = t.box
      if b.x < canvas.x - 0.5 || b.y < canvas.y - 0.5 || b.maxX > canvas.maxX + 0.5 || b.maxY > canvas.maxY + 0.5 {
        out.append(Problem(texts: [t], kind: "outside the canvas"))
      }
    }
    for i in texts.indices {
      for j in texts.indices where j > i && texts[i].box.intersects(texts[j].box) {
        out.append(Problem(texts: [texts[i], texts[j]], kind: "overlap"))
      }
    }
    return out
  }
}
