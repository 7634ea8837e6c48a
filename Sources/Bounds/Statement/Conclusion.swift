/// One conclusion of a lemma measured along one trajectory: `lhs(t) ≤ rhs(t)`
/// (an inequality; `a ≥ b` is stored as `b ≤ a`) or `lhs(t) = rhs(t)` (an
/// identity), at every sample.
///
/// An inequality also records which side is the measured quantity and which
/// its bound (``valueSide``): the verdict only compares the sides, but
/// figures and tables name them by meaning, so that a lower bound stored on
/// the left is still drawn and labelled as the bound.
public struct Conclusion: Sendable {
  /// A side of `lhs ≤ rhs` (or `lhs = rhs`).
  public enum Side: String, Sendable, Codable {
    /// The left-hand side.
    case lhs
    /// The right-hand side.
    case rhs
  }

  /// Inequality or identity.
  public enum Kind: String, Sendable, Codable {
    /// `lhs ≤ rhs`.
    case inequality
    /// `lhs = rhs`.
    case identity
  }

  /// What is compared, in the paper's notation, e.g. `"‖N_U(t)‖_F ≤ e^{−∫λ_V}‖N_U(0)‖_F + ∫…"`.
  public let name: String
  /// Inequality or identity.
  public let kind: Kind
  /// Sample times.
  public let times: [Double]
  /// Left-hand side at each time.
  public let lhs: [Double]
  /// Right-hand side at each time.
  public let rhs: [Double]
  /// Quadrature error estimate of `rhs − lhs` at each time (0 for pointwise quantities).
  public let quadratureError: [Double]
  /// The magnitude of the terms that cancel when `lhs` and `rhs` are computed,
  /// at each time: it sets the round-off allowance `64·ε_mach·scale` of the
  /// verdict (``PartResult/roundoffBudget``). Defaults to `max(|lhs|, |rhs|)`;
  /// pass it when a side comes out of a cancellation, e.g. `‖Ξ‖_F` with
  /// `Ξ = Σ − ABᵀ` is computed to `~ε(‖Σ‖_F + ‖A‖_F‖B‖_F)` however small `Ξ` is.
  public let scale: [Double]
  /// `nil` when the measurement applies; otherwise why it was skipped (e.g. "needs E ≡ 0").
  public let notApplicable: String?
  /// Inequalities: the side that holds the measured quantity; the other side
  /// is its bound (an upper bound when this is ``Side/lhs``, a lower bound
  /// when ``Side/rhs``). Identities: ``Side/lhs``.
  public let valueSide: Side
  /// The measured quantity in the paper's notation, e.g. `"σ_r(S(t))"`: by
  /// default the ``name`` up to its relation sign (`≤` when the value is on
  /// the left, `≥` when it is on the right).
  public let quantity: String

  /// The measured quantity at each time (``lhs`` or ``rhs``, by ``valueSide``).
  public var values: [Double] { valueSide == .lhs ? lhs : rhs }
  /// The bound at each time (the side that is not ``values``).
  public var bounds: [Double] { valueSide == .lhs ? rhs : lhs }
  /// Whether the bound is an upper bound (`value ≤ bound`); `false` for a lower bound (`value ≥ bound`).
  public var boundIsUpper: Bool { valueSide == .lhs }

  /// A measurement; `quadratureError` defaults to zeros, the measured quantity
  /// to the left side, named by ``name`` up to its relation sign.
  public init(
    name: String, kind: Kind, times: [Double], lhs: [Double], rhs: [Double], quadratureError: [Double]? = nil, scale: [Double]? = nil,
    valueSide: Side = .lhs, quantity: String? = nil
  ) {
    precondition(times.count == lhs.count && lhs.count == rhs.count, "Conclusion \(name): arrays of different lengths")
    precondition(scale == nil || scale!.count == times.count, "Conclusion \(name): one scale per sample")
    self.name = name
    self.kind = kind
    self.valueSide = valueSide
    self.quantity = quantity ?? Self.quantity(in: name, valueSide: valueSide)
    self.times = times
    self.lhs = lhs
    self.rhs = rhs
    self.quadratureError = quadratureError ?? Array(repeating: 0, count: times.count)
    self.scale = scale ?? zip(lhs, rhs).map { max(abs($0), abs($1)) }
    self.notApplicable = nil
  }

  /// A measurement that does not apply to this case, with the reason.
  public static func skipped(_ name: String, kind: Kind = .inequality, reason: String) -> Conclusion {
    Conclusion(name: name, kind: kind, reason: reason)
  }

  private init(name: String, kind: Kind, reason: String) {
    self.name = name
    self.kind = kind
    valueSide = .lhs
    quantity = Self.quantity(in: name, valueSide: .lhs)
    times = []
    lhs = []
    rhs = []
    quadratureError = []
    scale = []
    notApplicable = reason
  }

  /// `value(t) ≤ bound(t)` at the trajectory's samples; `error` is the
  /// quadrature estimate, `scale` the round-off scale (see ``scale``).
  public static func atMost(
    _ name: String, _ trajectory: Trajectory, value: [Double], bound: [Double], error: [Double]? = nil, scale: [Double]? = nil
  ) -> Conclusion {
    atMost(name, times: trajectory.times, value: value, bound: bound, error: error, scale: scale)
  }

  /// `value(t) ≤ bound(t)` at `times`; `quantity` names the value (default: from `name`).
  public static func atMost(
    _ name: String, times: [Double], value: [Double], bound: [Double], error: [Double]? = nil, scale: [Double]? = nil,
    quantity: String? = nil
  ) -> Conclusion {
    Conclusion(
      name: name, kind: .inequality, times: times, lhs: value, rhs: bound, quadratureError: error, scale: scale, valueSide: .lhs,
      quantity: quantity)
  }

  /// `value(t) ≥ bound(t)` at the trajectory's samples (stored as `bound ≤ value`, the value on the right).
  public static func atLeast(
    _ name: String, _ trajectory: Trajectory, value: [Double], bound: [Double], error: [Double]? = nil, scale: [Double]? = nil
  ) -> Conclusion {
    atLeast(name, times: trajectory.times, value: value, bound: bound, error: error, scale: scale)
  }

  /// `value(t) ≥ bound(t)` at `times` (stored as `bound ≤ value`, the value on
  /// the right); `quantity` names the value (default: from `name`).
  public static func atLeast(
    _ name: String, times: [Double], value: [Double], bound: [Double], error: [Double]? = nil, scale: [Double]? = nil,
    quantity: String? = nil
  ) -> Conclusion {
    Conclusion(
      name: name, kind: .inequality, times: times, lhs: bound, rhs: value, quadratureError: error, scale: scale, valueSide: .rhs,
      quantity: quantity)
  }

  /// The text of `name` before its first relation sign (`≤` for a value on
  /// the left, `≥` for one on the right; `=` as well on the left, for
  /// identities), trimmed and without a leading part label such as `"(b) "`;
  /// the whole name when it has no such sign.
  static func quantity(in name: String, valueSide: Side) -> String {
    let signs: Set<Character> = valueSide == .lhs ? ["≤", "="] : ["≥"]
    guard let i = name.firstIndex(where: { signs.contains($0) }) else { return name }
    var head = Substring(String(name[..<i].drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()))
    if head.count > 4, head.first == "(", head.dropFirst().first?.isLetter == true, head.dropFirst(2).hasPrefix(") ") {
      head = head.dropFirst(4)
    }
    return head.isEmpty ? name : String(head)
  }

  /// `lhs(t) = rhs(t)` at the trajectory's samples.
  public static func equal(_ name: String, _ trajectory: Trajectory, lhs: [Double], rhs: [Double], error: [Double]? = nil, scale: [Double]? = nil) -> Conclusion {
    Conclusion(name: name, kind: .identity, times: trajectory.times, lhs: lhs, rhs: rhs, quadratureError: error, scale: scale)
  }
}

extension Conclusion {
  /// `f(tᵢ) ≤ min_{j<i} f(tⱼ)` at every sample after the first: `f` is
  /// non-increasing. The slack is the drop below the running minimum (negative:
  /// how far `f` has risen above it); the part is named
  /// `"f(t) ≤ min_{s<t} f(s)"` with `f` = `symbol`.
  ///
  /// Round-off: `64·ε_mach·max scale` is passed as the per-sample error
  /// estimate, so differences below it count as floating-point noise, not an
  /// increase. `scale` is the size of the terms that cancel when `f` is
  /// computed (as for ``equal(_:_:lhs:rhs:error:scale:)``) and defaults to
  /// `|f|`. Pass it when `f` comes out of a cancellation: `‖N_U‖_F = ‖PU‖_F`
  /// is computed from `U`, so its noise is `ε_mach·‖U‖_F` even when `N_U ≈ 0`
  /// (e.g. `r = n1`, where `P = 0`).
  public static func nonIncreasing(_ symbol: String, _ trajectory: Trajectory, _ f: [Double], scale: [Double]? = nil) -> Conclusion {
    precondition(f.count == trajectory.samples.count && f.count >= 2, "nonIncreasing: one value per sample, at least two")
    precondition(scale == nil || scale!.count == f.count, "nonIncreasing: one scale per sample")
    var runningMin: [Double] = []
    runningMin.reserveCapacity(f.count - 1)
    var m = f[0]
    for i in 1..<f.count {
      runningMin.append(m)
      m = Swift.min(m, f[i])
    }
    let eps = 64 * Double.ulpOfOne * ((scale ?? f).map(abs).max() ?? 0)
    return Conclusion(
      name: "\(symbol)(t) ≤ min_{s<t} \(symbol)(s)", kind: .inequality, times: Array(trajectory.times.dropFirst()),
      lhs: Array(f.dropFirst()), rhs: runningMin, quadratureError: Array(repeating: eps, count: f.count - 1))
  }
}
