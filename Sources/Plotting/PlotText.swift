/// One piece of text a plot draws, with its estimated extent (from the
/// advance widths of the plots' first font, rounded up), so that callers and
/// tests can check that no two texts overprint and none leaves the canvas.
public struct PlotText: Sendable, Hashable {
  /// What a text is.
  public enum Role: String, Sendable, Hashable {
    /// A line of the (possibly wrapped) title.
    case title
    /// The x or y axis title.
    case axisLabel
    /// A tick label.
    case tickLabel
    /// The legend (its whole box).
    case legend
    /// A reference line's label.
    case lineLabel
    /// A shaded band's caption.
    case bandCaption
    /// The omitted-points note or the "no data" placeholder.
    case note
  }

  /// What it is.
  public let role: Role
  /// The text as written (for the legend, its entries joined by " / ").
  public let text: String
  /// The estimated bounding box in canvas pixels (y grows downward).
  public let box: PlotRect

  /// A text with its box.
  public init(role: Role, text: String, box: PlotRect) {
    self.role = role
    self.text = text
    self.box = box
  }
}
