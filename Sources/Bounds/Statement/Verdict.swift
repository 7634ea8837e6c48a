import Flow

/// The outcome of checking one lemma on one case.
public struct Verdict: Sendable {
  /// The lemma's id (`"L4"`).
  public let lemma: String
  /// Its status.
  public let status: Status
  /// The case's label.
  public let caseLabel: String
  /// `true`/`false` when the lemma has hypotheses, `nil` when it has none.
  public let hypothesisHolds: Bool?
  /// Each hypothesis' result.
  public let hypotheses: [HypothesisResult]
  /// Whether every applicable conclusion held within its error budget.
  public let holds: Bool
  /// The smallest `rhs − lhs` (inequalities) or `−|lhs − rhs|` (identities) over
  /// all parts, at the point of worst relative slack.
  public let worstSlack: Double
  /// `worstSlack / max(|lhs|, |rhs|)` there (the start `t = 0` excluded, see ``PartResult/worstRelativeSlack``).
  public let worstRelativeSlack: Double
  /// The smallest relative slack over `t ≥ T/10` across the applicable parts.
  public let tailRelativeSlack: Double
  /// The time of the worst relative slack.
  public let at: Double
  /// The numerical-error budget used there (quadrature + integration, or the
  /// round-off floor for identities).
  public let errorBudget: Double
  /// The measurement (part) where the worst slack occurred.
  public let worstPart: String
  /// Per-part results.
  public let parts: [PartResult]

  /// A violation: the hypotheses held (or there were none) and the conclusion failed.
  public var isViolation: Bool { hypothesisHolds != false && !holds }
}

/// The result of one measurement (part) of a lemma.
public struct PartResult: Sendable {
  /// The measurement's name.
  public let name: String
  /// Inequality or identity.
  public let kind: Conclusion.Kind
  /// `nil` if applied, else why not.
  public let notApplicable: String?
  /// Whether it held.
  public let holds: Bool
  /// Worst slack (see ``Verdict/worstSlack``).
  public let worstSlack: Double
  /// Worst relative slack over the samples after the initial instant (at
  /// `t = 0` a Gronwall-type bound equals its value by construction).
  public let worstRelativeSlack: Double
  /// Worst relative slack over the last 90% of the horizon (`t ≥ T/10`): how
  /// tight the bound is once the initial instant is behind.
  public let tailRelativeSlack: Double
  /// Where.
  public let at: Double
  /// Quadrature error estimate at that point.
  public let quadratureBudget: Double
  /// Integration error estimate: the change of the worst slack between the
  /// base and the refined trajectory (inequalities), or the refined defect (identities).
  public let integrationBudget: Double
  /// Identities: base defect / refined defect (the rtol-shrink ratio).
  public let shrinkRatio: Double?
}

extension PartResult {
  /// Evaluates an inequality or identity measured on the base and refined trajectories.
  ///
  /// Inequality: slack `sᵢ = rhsᵢ − lhsᵢ`; it holds when `sᵢ + qᵢ ≥ −I` at
  /// every sample, with `qᵢ` the quadrature estimate and `I` the integration
  /// estimate `|min s(base) − min s(refined)|`.
  ///
  /// Identity (theory.md §5, rtol-shrink rule): with defects `d = max|lhs − rhs|`
  /// on the base and refined trajectories (tolerances × `refinement`, e.g.
  /// 1000× smaller), it holds when `d_refined ≤ d_base/10` (the defect is
  /// integration error), or when both are at the round-off floor
  /// `64·ε_mach·scale·(1 + samples/100)` plus their quadrature estimate.
  static func evaluate(base: Conclusion, refined: Conclusion) -> PartResult {
    if let reason = base.notApplicable ?? refined.notApplicable {
      return PartResult(
        name: base.name, kind: base.kind, notApplicable: reason, holds: true, worstSlack: .infinity,
        worstRelativeSlack: .infinity, tailRelativeSlack: .infinity, at: 0, quadratureBudget: 0, integrationBudget: 0,
        shrinkRatio: nil)
    }
    switch base.kind {
    case .inequality:
      let b = inequalityStats(base)
      let r = inequalityStats(refined)
      let integration = abs(b.minSlack - r.minSlack)
      return PartResult(
        name: base.name, kind: .inequality, notApplicable: nil, holds: b.minSlackPlusQuadrature >= -integration,
        worstSlack: b.slackAtWorst, worstRelativeSlack: b.worstRelative, tailRelativeSlack: b.tailRelative, at: b.at,
        quadratureBudget: b.quadratureAtWorst, integrationBudget: integration, shrinkRatio: nil)
    case .identity:
      let b = identityStats(base)
      let r = identityStats(refined)
      let shrunk = r.defect <= 0.1 * b.defect
      let atFloor = b.defect <= b.floor && r.defect <= r.floor
      let ratio = r.defect > 0 ? b.defect / r.defect : .infinity
      return PartResult(
        name: base.name, kind: .identity, notApplicable: nil, holds: shrunk || atFloor,
        worstSlack: -b.defect, worstRelativeSlack: -b.defect / max(b.scale, Double.leastNormalMagnitude),
        tailRelativeSlack: -b.defect / max(b.scale, Double.leastNormalMagnitude), at: b.at,
        quadratureBudget: b.floor, integrationBudget: r.defect, shrinkRatio: ratio)
    }
  }

  private struct InequalityStats {
    var minSlack = Double.infinity
    var minSlackPlusQuadrature = Double.infinity
    var worstRelative = Double.infinity
    var tailRelative = Double.infinity
    var slackAtWorst = Double.infinity
    var quadratureAtWorst = 0.0
    var at = 0.0
  }

  private static func inequalityStats(_ m: Conclusion) -> InequalityStats {
    var s = InequalityStats()
    guard let t0 = m.times.first, let tEnd = m.times.last else { return s }
    let tailStart = t0 + 0.1 * (tEnd - t0)
    for i in 0..<m.times.count {
      let slack = m.rhs[i] - m.lhs[i]
      // Relative to the compared quantities, but never to less than the sample's own error
      // estimate: below the numerical resolution a "relative" slack means nothing.
      let scale = max(abs(m.lhs[i]), abs(m.rhs[i]), m.quadratureError[i], Double.leastNormalMagnitude)
      let relative = slack / scale
      s.minSlack = min(s.minSlack, slack)
      s.minSlackPlusQuadrature = min(s.minSlackPlusQuadrature, slack + m.quadratureError[i])
      if m.times[i] >= tailStart { s.tailRelative = min(s.tailRelative, relative) }
      // The start t = 0 counts for `holds` but not for the worst relative slack (unless it
      // is the only sample): Gronwall-type bounds are equalities there by construction.
      let counted = m.times[i] != 0 || m.times.count == 1
      if counted && relative < s.worstRelative {
        s.worstRelative = relative
        s.slackAtWorst = slack
        s.quadratureAtWorst = m.quadratureError[i]
        s.at = m.times[i]
      }
    }
    return s
  }

  private static func identityStats(_ m: Conclusion) -> (defect: Double, floor: Double, scale: Double, at: Double) {
    var defect = 0.0, scale = 0.0, at = 0.0, quadrature = 0.0
    for i in 0..<m.times.count {
      let d = abs(m.lhs[i] - m.rhs[i])
      scale = max(scale, m.scale[i], abs(m.lhs[i]), abs(m.rhs[i]))
      quadrature = max(quadrature, m.quadratureError[i])
      if d > defect {
        defect = d
        at = m.times[i]
      }
    }
    let floor = 64 * Double.ulpOfOne * scale * (1 + Double(m.times.count) / 100) + quadrature
    return (defect, floor, scale, at)
  }
}
