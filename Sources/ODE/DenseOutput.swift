/// The continuous extension of one accepted step: Hairer's form of Shampine's
/// 4th-order DOPRI5 interpolant,
/// `u(θ) = c0 + θ(c1 + (1−θ)(c2 + θ(c3 + (1−θ)c4)))`, `θ = (t − tStart)/h`.
public struct DenseSegment: Sendable {
  /// Start of the step (time units); `u(tStart) = c0` exactly.
  public let tStart: Double
  /// Signed step size (negative when integrating backward).
  public let h: Double
  /// End of validity: `tStart + h`, or an earlier terminal-event time.
  public let tEnd: Double
  /// Coefficient blocks `[c0 | c1 | c2 | c3 | c4]`, `dimension` entries each.
  public let coefficients: [Double]

  /// Number of state components.
  public var dimension: Int { coefficients.count / 5 }

  /// Creates a segment from Hairer's coefficient blocks.
  public init(tStart: Double, h: Double, tEnd: Double, coefficients: [Double]) {
    precondition(coefficients.count % 5 == 0, "coefficients must hold 5 blocks")
    self.tStart = tStart
    self.h = h
    self.tEnd = tEnd
    self.coefficients = coefficients
  }

  /// Writes `u(t)` into `out` (resized to `dimension`). No range check: `t`
  /// outside the step extrapolates.
  public func evaluate(_ t: Double, into out: inout [Double]) {
    DenseSegment.evaluate(coefficients, offset: 0, dimension: dimension, tStart: tStart, h: h, t: t, into: &out)
  }

  /// `u(t)` as a new array (see ``evaluate(_:into:)``).
  public func callAsFunction(_ t: Double) -> [Double] {
    var out = [Double](repeating: 0, count: dimension)
    evaluate(t, into: &out)
    return out
  }

  static func evaluate(_ coefficients: [Double], offset: Int, dimension n: Int, tStart: Double, h: Double,
                       t: Double, into out: inout [Double]) {
    if out.count != n { out = [Double](repeating: 0, count: n) }
    let theta = (t - tStart) / h
    let theta1 = 1.0 - theta
    for i in 0..<n {
      let base = offset + i
      let c0 = coefficients[base], c1 = coefficients[base + n], c2 = coefficients[base + 2 * n]
      let c3 = coefficients[base + 3 * n], c4 = coefficients[base + 4 * n]
      out[i] = c0 + theta * (c1 + theta1 * (c2 + theta * (c3 + theta1 * c4)))
    }
  }
}

/// Piecewise interpolant over all accepted steps of an integration.
///
/// Segments are stored flat (`5·dimension + 2` doubles per step). Lookup is a
/// binary search; a query exactly at a step start returns that step's state
/// exactly, and a query at ``endTime`` returns ``finalState`` exactly.
public struct DenseOutput: Sendable {
  /// Number of state components.
  public let dimension: Int
  /// Initial time of the integration.
  public let startTime: Double
  /// Final time covered (`tEnd`, or the terminal event time).
  public private(set) var endTime: Double
  /// State at ``endTime``.
  public private(set) var finalState: [Double]
  private var starts: [Double] = []
  private var steps: [Double] = []
  private var blocks: [Double] = []

  init(dimension: Int, startTime: Double, initialState: [Double]) {
    self.dimension = dimension
    self.startTime = startTime
    self.endTime = startTime
    self.finalState = initialState
  }

  mutating func append(_ segment: DenseSegment, finalState y: [Double]) {
    starts.append(segment.tStart)
    steps.append(segment.h)
    blocks.append(contentsOf: segment.coefficients)
    endTime = segment.tEnd
    finalState = y
  }

  /// Direction of time: +1 forward, −1 backward.
  public var direction: Double { endTime >= startTime ? 1 : -1 }

  /// The covered interval as an ordered range (`lower ≤ upper`).
  public var range: ClosedRange<Double> { min(startTime, endTime)...max(startTime, endTime) }

  /// Number of stored steps.
  public var segmentCount: Int { starts.count }

  /// The `i`-th step's interpolant.
  public func segment(_ i: Int) -> DenseSegment {
    let n5 = 5 * dimension
    let end = i + 1 < starts.count ? starts[i + 1] : endTime
    return DenseSegment(tStart: starts[i], h: steps[i], tEnd: end,
                        coefficients: Array(blocks[(i * n5)..<((i + 1) * n5)]))
  }

  /// Index of the segment containing `t` (half-open `[start, next start)`), by binary search.
  func segmentIndex(_ t: Double) -> Int {
    let s = direction
    var lo = 0, hi = starts.count - 1
    while lo < hi {
      let mid = (lo + hi + 1) / 2
      if s * starts[mid] <= s * t { lo = mid } else { hi = mid - 1 }
    }
    return lo
  }

  /// Writes the interpolated state at `t` into `out` (resized to `dimension`).
  /// - Precondition: `t` lies in ``range`` (use ``value(at:)`` for a throwing variant).
  public func evaluate(_ t: Double, into out: inout [Double]) {
    precondition(range.contains(t), "dense output queried at t = \(t) outside \(range)")
    if t == endTime || starts.isEmpty {
      out = finalState
      return
    }
    let i = segmentIndex(t)
    DenseSegment.evaluate(blocks, offset: i * 5 * dimension, dimension: dimension,
                          tStart: starts[i], h: steps[i], t: t, into: &out)
  }

  /// The interpolated state at `t`. Traps outside ``range``.
  public func callAsFunction(_ t: Double) -> [Double] {
    var out = [Double](repeating: 0, count: dimension)
    evaluate(t, into: &out)
    return out
  }

  /// The interpolated state at `t`; throws
  /// ``IntegrationError/outsideDenseOutputRange(t:lower:upper:)`` outside ``range``.
  public func value(at t: Double) throws -> [Double] {
    guard range.contains(t) else {
      throw IntegrationError.outsideDenseOutputRange(t: t, lower: range.lowerBound, upper: range.upperBound)
    }
    return self(t)
  }
}
