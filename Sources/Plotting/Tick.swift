/// One tick mark on a resolved axis.
public struct Tick: Sendable, Hashable {
  /// The data value at which the tick sits.
  public let value: Double
  /// The label, or `nil` for an unlabelled (minor) tick.
  public let label: TickLabel?
  /// Whether this is a major tick (long mark, grid line).
  public let isMajor: Bool

  /// A tick at `value`.
  public init(value: Double, label: TickLabel?, isMajor: Bool) {
    self.value = value
    self.label = label
    self.isMajor = isMajor
  }
}
