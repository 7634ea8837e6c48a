/// The description of one plot axis: label, scale and range policy.
///
/// An axis is resolved against data with ``resolve(_:targetTickCount:)``,
/// which picks the range and ticks.
public struct Axis: Sendable, Hashable {
  /// The axis title (drawn below the x axis, rotated beside the y axis).
  public var label: String
  /// Linear or base-10 logarithmic.
  public var scale: Scale
  /// A fixed data range; `nil` means automatic ("nice", padded to ticks).
  /// On a log axis a non-positive lower bound is replaced by `upper / 10³`.
  public var range: ClosedRange<Double>?
  /// Whether a log axis shows unlabelled minor ticks (2…9 × 10ᵏ, or the
  /// skipped decades when labels are several decades apart). Linear axes
  /// have no minor ticks.
  public var minorTicks: Bool
  /// How powers of ten are written in tick labels.
  public var notation: TickNotation

  /// An axis; by default linear, automatic range, minor ticks, superscripts.
  public init(
    label: String = "", scale: Scale = .linear, range: ClosedRange<Double>? = nil,
    minorTicks: Bool = true, notation: TickNotation = .superscript
  ) {
    self.label = label
    self.scale = scale
    self.range = range
    self.minorTicks = minorTicks
    self.notation = notation
  }

  /// Whether `value` can be placed on this axis (finite, and positive on a log axis).
  public func canShow(_ value: Double) -> Bool {
    value.isFinite && (scale == .linear || value > 0)
  }

  /// Resolves the range and ticks for `values`.
  ///
  /// Values that cannot be shown (see ``canShow(_:)``) are ignored. With no
  /// usable values the range is `[0, 1]` (linear) or `[1, 10]` (log); a
  /// degenerate range (all values equal) is padded.
  /// - Parameters:
  ///   - values: the data (and reference) values the axis must cover.
  ///   - targetTickCount: about how many labelled ticks to aim for (≥ 2).
  ///   - padding: with an automatic range, the fraction of the data span
  ///     (in log space on a log axis) added at both ends before rounding
  ///     out to ticks, so extreme values do not sit on the frame.
  public func resolve(_ values: [Double], targetTickCount: Int, padding: Double = 0) -> ResolvedAxis {
    let usable = values.lazy.filter { self.canShow($0) }
    var lo = Double.infinity, hi = -Double.infinity
    for v in usable {
      lo = Swift.min(lo, v)
      hi = Swift.max(hi, v)
    }
    if let range, range.lowerBound.isFinite, range.upperBound.isFinite {
      let fixedLower = scale == .log && range.lowerBound <= 0 ? range.upperBound / 1000 : range.lowerBound
      if canShow(fixedLower), canShow(range.upperBound), fixedLower < range.upperBound {
        return scale == .linear
          ? ResolvedAxis.linear(lo: fixedLower, hi: range.upperBound, target: targetTickCount, extend: false, notation: notation)
          : ResolvedAxis.logarithmic(lo: fixedLower, hi: range.upperBound, target: targetTickCount, extend: false, minor: minorTicks, notation: notation)
      }
      lo = Swift.min(fixedLower, range.upperBound)
      hi = Swift.max(fixedLower, range.upperBound)
    }
    let pad = padding.isFinite ? Swift.max(0, padding) : 0
    switch scale {
    case .linear:
      if lo > hi { (lo, hi) = (0, 1) }
      let span = Swift.min(hi - lo, PlotMath.largest)
      if pad > 0 && span > 0 && span.isFinite { (lo, hi) = (lo - pad * span, hi + pad * span) }
      return ResolvedAxis.linear(lo: lo, hi: hi, target: targetTickCount, extend: true, notation: notation)
    case .log:
      if lo > hi { (lo, hi) = (1, 10) }
      let a = PlotMath.log10(lo), b = PlotMath.log10(hi)
      if pad > 0 && b > a {
        let d = pad * (b - a)
        (lo, hi) = (lo / PlotMath.exp10(d), hi * PlotMath.exp10(d))
      }
      return ResolvedAxis.logarithmic(lo: lo, hi: hi, target: targetTickCount, extend: true, minor: minorTicks, notation: notation)
    }
  }
}
