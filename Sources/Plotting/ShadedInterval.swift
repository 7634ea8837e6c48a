/// A shaded vertical band over an x-interval, spanning the plot's full height
/// (for example the region where a hypothesis holds).
///
/// Bounds may be infinite (or beyond the axis range): the band is clipped to
/// the plot area. Bands do not influence the automatic axis range.
public struct ShadedInterval: Sendable, Hashable {
  /// The left end (data units); `-infinity` for "from the left edge".
  public var lower: Double
  /// The right end (data units); `+infinity` for "to the right edge".
  public var upper: Double
  /// A short caption drawn at the top of the band (may be empty).
  public var label: String

  /// A band over `[lower, upper]`.
  public init(from lower: Double, to upper: Double, label: String = "") {
    self.lower = lower
    self.upper = upper
    self.label = label
  }
}
