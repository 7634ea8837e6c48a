/// An axis fitted to data: its data range, its ticks, and the map from data
/// values to a fraction of the axis length.
public struct ResolvedAxis: Sendable, Hashable {
  /// Linear or base-10 logarithmic.
  public let scale: Scale
  /// The data value at the start of the axis (left, or bottom).
  public let lower: Double
  /// The data value at the end of the axis (right, or top).
  public let upper: Double
  /// Major and minor ticks, in increasing value.
  public let ticks: [Tick]
  /// How the labels' powers of ten are written.
  public let notation: TickNotation
  /// `lower` in the transformed space (itself, or its `log₁₀`).
  let transformedLower: Double
  /// `upper` in the transformed space.
  let transformedUpper: Double

  /// Where `value` falls along the axis: `0` at ``lower``, `1` at ``upper``,
  /// outside `[0, 1]` beyond them; `nil` if the value cannot be placed
  /// (non-finite, or non-positive on a log axis).
  public func fraction(of value: Double) -> Double? {
    guard value.isFinite else { return nil }
    let t: Double
    switch scale {
    case .linear: t = value
    case .log:
      guard value > 0 else { return nil }
      t = PlotMath.log10(value)
    }
    let f = (t - transformedLower) / (transformedUpper - transformedLower)
    return f.isFinite ? f : nil
  }

  /// The labelled ticks only.
  public var labelledTicks: [Tick] { ticks.filter { $0.label != nil } }

  /// The same axis with only every `k`-th labelled tick (from the first)
  /// keeping its label; the others stay as unlabelled major ticks.
  func keepingEveryLabel(_ k: Int) -> ResolvedAxis {
    var index = 0
    let thinned = ticks.map { tick -> Tick in
      guard tick.label != nil else { return tick }
      defer { index += 1 }
      return index % Swift.max(1, k) == 0 ? tick : Tick(value: tick.value, label: nil, isMajor: tick.isMajor)
    }
    return ResolvedAxis(
      scale: scale, lower: lower, upper: upper, ticks: thinned, notation: notation, transformedLower: transformedLower,
      transformedUpper: transformedUpper)
  }
}

extension ResolvedAxis {
  /// A linear axis over `[lo, hi]` with ticks at multiples of a 1-2-5 step.
  /// With `extend`, the range grows to the enclosing ticks.
  static func linear(lo: Double, hi: Double, target: Int, extend: Bool, notation: TickNotation) -> ResolvedAxis {
    let big = PlotMath.largest
    var lo = Swift.min(Swift.max(lo, -big), big)
    var hi = Swift.min(Swift.max(hi, -big), big)
    // Degenerate or nearly so: pad around the midpoint.
    let minSpan = Swift.max(Swift.abs(lo), Swift.abs(hi)) * 1e-9
    if !(hi - lo > minSpan) {
      let mid = lo / 2 + hi / 2
      let pad = mid == 0 ? 1 : Swift.max(Swift.abs(mid) * 0.1, minSpan)
      lo = mid - pad
      hi = mid + pad
    }
    let raw = (hi - lo) / Double(Swift.max(2, target))
    let e0 = PlotMath.int(PlotMath.log10(raw).rounded(.down)) ?? 0
    let f = raw / PlotMath.pow10(e0)
    let (m, e): (Int, Int) = f < 1.5 ? (1, e0) : f < 3 ? (2, e0) : f < 7 ? (5, e0) : (1, e0 + 1)
    func value(_ i: Int) -> Double {
      e >= 0 ? Double(i * m) * PlotMath.pow10(e) : Double(i * m) / PlotMath.pow10(-e)
    }
    let step = value(1)
    var iLo = PlotMath.int((lo / step - 1e-9).rounded(.up)) ?? 0
    var iHi = PlotMath.int((hi / step + 1e-9).rounded(.down)) ?? 0
    if extend {
      iLo = PlotMath.int((lo / step + 1e-9).rounded(.down)) ?? iLo
      iHi = PlotMath.int((hi / step - 1e-9).rounded(.up)) ?? iHi
      lo = value(iLo)
      hi = value(iHi)
    }
    let indices = iLo <= iHi ? Array(iLo...iHi) : []
    let maxAbs = indices.map { Swift.abs(value($0)) }.max() ?? 0
    let scientific = maxAbs >= 1e5 || (maxAbs > 0 && maxAbs < 1e-3)
    let exponent = PlotMath.int((PlotMath.log10(maxAbs) + 1e-9).rounded(.down)) ?? 0
    let ticks = indices.map { i -> Tick in
      let v = value(i)
      let label: TickLabel
      if i == 0 {
        label = .number("0")
      } else if scientific {
        let mantissa = NumberFormat.fixed(v / PlotMath.pow10(exponent), decimals: Swift.max(0, exponent - e))
        label = .power(mantissa: mantissa, exponent: exponent)
      } else {
        label = .number(NumberFormat.fixed(v, decimals: Swift.max(0, -e)))
      }
      return Tick(value: v, label: label, isMajor: true)
    }
    return ResolvedAxis(
      scale: .linear, lower: lo, upper: hi, ticks: ticks, notation: notation,
      transformedLower: lo, transformedUpper: hi)
  }

  /// A base-10 log axis over `[lo, hi]` (both positive) with major ticks at
  /// decades (every `k`-th decade when there are many). With `extend`, the
  /// range grows to the enclosing labelled decades.
  static func logarithmic(
    lo: Double, hi: Double, target: Int, extend: Bool, minor: Bool, notation: TickNotation
  ) -> ResolvedAxis {
    let lo = Swift.min(Swift.max(lo, PlotMath.smallestPositive), PlotMath.largest)
    let hi = Swift.min(Swift.max(hi, PlotMath.smallestPositive), PlotMath.largest)
    var a = PlotMath.log10(lo), b = PlotMath.log10(hi)
    var eLo = PlotMath.int((a + 1e-9).rounded(.down)) ?? 0
    var eHi = PlotMath.int((b - 1e-9).rounded(.up)) ?? 1
    if eLo >= eHi {
      eLo -= 1
      eHi += 1
    }
    let maxLabels = Swift.max(2, target)
    let steps = [1, 2, 3, 5, 10, 20, 25, 50, 100, 200]
    let k = steps.first { (eHi - eLo + $0 - 1) / $0 <= maxLabels } ?? 200
    if extend {
      eLo = floorDiv(eLo, k) * k
      eHi = -floorDiv(-eHi, k) * k
      a = Double(eLo)
      b = Double(eHi)
    } else if lo == hi {
      a -= 1
      b += 1
    }
    let inside = { (e: Double) in e >= a - 1e-9 && e <= b + 1e-9 }
    let firstDecade = PlotMath.int((a - 1e-9).rounded(.down)) ?? eLo
    let lastDecade = PlotMath.int((b + 1e-9).rounded(.up)) ?? eHi
    let decades = firstDecade <= lastDecade ? Array(firstDecade...lastDecade) : []

    var major: [(value: Double, label: TickLabel, t: Double)] = []
    for d in decades where inside(Double(d)) && d % k == 0 {
      major.append((PlotMath.pow10(d), .power(mantissa: nil, exponent: d), Double(d)))
    }
    // Too few decades inside the range (fewer than three labels when every
    // decade is labelled, or fewer than two): label 1-2-5 (then every
    // integer) multiples, as plain decimals when they are all between 10⁻³
    // and 10³.
    for (mantissas, enough) in [([1, 2, 5], k == 1 ? 3 : 2), (Array(1...9), 2)] where major.count < enough {
      let picked = decades.flatMap { d in
        mantissas.compactMap { m -> (m: Int, d: Int, t: Double)? in
          let t = Double(d) + PlotMath.log10(Double(m))
          return inside(t) ? (m, d, t) : nil
        }
      }
      let plain = picked.allSatisfy { (-3...2).contains($0.d) }
      major = picked.map { p in
        let value = Double(p.m) * PlotMath.pow10(p.d)
        let label: TickLabel =
          plain
          ? .number(NumberFormat.fixed(value, decimals: Swift.max(0, -p.d)))
          : p.m == 1 ? .power(mantissa: nil, exponent: p.d) : .power(mantissa: String(p.m), exponent: p.d)
        return (value, label, p.t)
      }
    }
    var ticks = major.map { Tick(value: $0.value, label: $0.label, isMajor: true) }
    if minor {
      var minorTicks: [Tick] = []
      for d in decades {
        if k == 1 {
          for m in 2...9 {
            let t = Double(d) + PlotMath.log10(Double(m))
            let value = Double(m) * PlotMath.pow10(d)
            if inside(t), !major.contains(where: { $0.value == value }) {
              minorTicks.append(Tick(value: value, label: nil, isMajor: false))
            }
          }
        } else if d % k != 0, inside(Double(d)) {
          minorTicks.append(Tick(value: PlotMath.pow10(d), label: nil, isMajor: false))
        }
      }
      ticks = (ticks + minorTicks).sorted { $0.value < $1.value }
    }
    return ResolvedAxis(
      scale: .log, lower: extend ? PlotMath.pow10(eLo) : lo, upper: extend ? PlotMath.pow10(eHi) : hi,
      ticks: ticks, notation: notation, transformedLower: a, transformedUpper: b)
  }

  /// `⌊a / b⌋` for `b > 0`.
  private static func floorDiv(_ a: Int, _ b: Int) -> Int {
    a >= 0 ? a / b : -((-a + b - 1) / b)
  }
}
