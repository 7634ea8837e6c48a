/// Counts of data points a plot could not draw.
public struct OmittedPoints: Sendable, Hashable {
  /// Points with a NaN or infinite coordinate.
  public var nonFinite: Int
  /// Points with a zero or negative coordinate on a log axis (finite otherwise).
  public var nonPositiveOnLogAxis: Int
  /// Values without a partner because `xs` and `ys` differ in length.
  public var unpaired: Int

  /// Counts; all zero by default.
  public init(nonFinite: Int = 0, nonPositiveOnLogAxis: Int = 0, unpaired: Int = 0) {
    self.nonFinite = nonFinite
    self.nonPositiveOnLogAxis = nonPositiveOnLogAxis
    self.unpaired = unpaired
  }

  /// Whether nothing was omitted.
  public var isEmpty: Bool { nonFinite == 0 && nonPositiveOnLogAxis == 0 && unpaired == 0 }

  /// The field-wise sum.
  public static func + (a: OmittedPoints, b: OmittedPoints) -> OmittedPoints {
    OmittedPoints(
      nonFinite: a.nonFinite + b.nonFinite, nonPositiveOnLogAxis: a.nonPositiveOnLogAxis + b.nonPositiveOnLogAxis,
      unpaired: a.unpaired + b.unpaired)
  }

  /// A one-line note for the figure, e.g. `"omitted: 3 non-positive (log scale), 1 non-finite"`,
  /// or `nil` when nothing was omitted.
  public var note: String? {
    var parts: [String] = []
    if nonPositiveOnLogAxis > 0 { parts.append("\(nonPositiveOnLogAxis) non-positive (log scale)") }
    if nonFinite > 0 { parts.append("\(nonFinite) non-finite") }
    if unpaired > 0 { parts.append("\(unpaired) unpaired") }
    return parts.isEmpty ? nil : "omitted: " + parts.joined(separator: ", ")
  }
}
