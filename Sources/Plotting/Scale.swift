/// How data values map to positions along an axis.
public enum Scale: Sendable, Hashable {
  /// Equal distances for equal differences; ticks at 1-2-5 steps.
  case linear
  /// Base-10 logarithmic: equal distances for equal ratios; ticks at decades.
  /// Non-positive values cannot be shown and are dropped (and counted).
  case log
}
