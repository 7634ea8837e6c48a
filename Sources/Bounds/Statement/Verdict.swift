import Flow

/// The outcome of checking one lemma on one case.
///
/// **One rule for `holds` and for the printed numbers.** Each applicable part
/// has a *decisive point*: the sample where its margin — slack plus error
/// budget, the quantity the pass rule tests — is smallest (see
/// ``PartResult/evaluate(base:refined:)``). The part holds exactly when that
/// margin is `≥ 0`. The verdict's ``worstSlack``, ``errorBudget``, ``at`` and
/// ``worstPart`` are the decisive point of the part with the smallest margin
/// relative to its size, so the printed slack plus the printed budget is the
/// margin `holds` was decided on. The tightness figures ``worstRelativeSlack``
/// (after `t = 0`) and ``tailRelativeSlack`` (over `t ≥ T/10`) are separate,
/// with their own time and part.
///
/// **Three outcomes** (``outcome``): *holds*, *fails* (a violation), or *not
/// applicable* with the reason — when a hypothesis failed (the reason names it
/// and its margin, and says what the conclusion did anyway) or when no part of
/// the conclusion applied. Nothing applicable never holds.
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
  /// Holds, fails, or not applicable (with the reason).
  public let outcome: Outcome
  /// What the measured conclusion did, whatever the hypotheses: `true` when
  /// every applicable part held, `false` when one failed, `nil` when no part applied.
  public let conclusionHolds: Bool?
  /// The slack `rhs − lhs` (inequalities) or `−|lhs − rhs|` (identities) at the
  /// decisive point (see the type's description).
  public let worstSlack: Double
  /// The decisive point's margin, ``worstSlack`` + ``errorBudget``: `≥ 0` exactly
  /// when the decisive part holds.
  public let margin: Double
  /// The smallest relative slack over the applicable parts, after `t = 0` (see
  /// ``PartResult/worstRelativeSlack``): a tightness figure, not the pass rule.
  public let worstRelativeSlack: Double
  /// Where ``worstRelativeSlack`` occurred.
  public let worstRelativeAt: Double
  /// The part of ``worstRelativeSlack``.
  public let worstRelativePart: String
  /// The smallest relative slack over `t ≥ T/10` across the applicable parts:
  /// how tight the statement is away from the start, where Gronwall-type
  /// bounds are tight by construction.
  public let tailRelativeSlack: Double
  /// The time of the decisive point.
  public let at: Double
  /// The numerical-error budget at the decisive point (quadrature + round-off +
  /// integration, or what the rtol-shrink rule allows for identities).
  public let errorBudget: Double
  /// The decisive part.
  public let worstPart: String
  /// Per-part results.
  public let parts: [PartResult]

  /// `true`/`false`, or `nil` when not applicable (see ``outcome``).
  public var holds: Bool? { outcome.holds }

  /// Why the conclusion is not applicable (`nil` when it holds or fails).
  public var reason: String? { outcome.reason }

  /// A violation: the hypotheses held (or there were none) and the conclusion failed.
  public var isViolation: Bool { outcome == .fails }
}

/// The result of one measurement (part) of a lemma.
public struct PartResult: Sendable {
  /// The measurement's name.
  public let name: String
  /// Inequality or identity.
  public let kind: Conclusion.Kind
  /// `nil` if applied, else why not.
  public let notApplicable: String?
  /// Whether it held: `nil` when it does not apply.
  public let holds: Bool?
  /// Slack at the decisive point: the sample where ``margin`` is smallest.
  public let worstSlack: Double
  /// `worstSlack + budget`: `≥ 0` exactly when the part holds.
  public let margin: Double
  /// ``margin`` over the compared quantities' size at the decisive point (ranks parts).
  public let relativeMargin: Double
  /// Worst relative slack over the samples after the initial instant (at
  /// `t = 0` a Gronwall-type bound equals its value by construction).
  public let worstRelativeSlack: Double
  /// Where ``worstRelativeSlack`` occurred.
  public let worstRelativeAt: Double
  /// Worst relative slack over the last 90% of the horizon (`t ≥ T/10`): how
  /// tight the bound is once the initial instant is behind.
  public let tailRelativeSlack: Double
  /// The decisive point's time.
  public let at: Double
  /// Quadrature error estimate at the decisive point (identities: the largest
  /// over the samples).
  public let quadratureBudget: Double
  /// Floating-point round-off allowed at the decisive point: `64·ε_mach·scale`,
  /// with `scale` the size of the terms that cancel when the compared
  /// quantities are computed (``Conclusion/scale``; identities:
  /// `64·ε_mach·max scale·(1 + samples/100)`).
  public let roundoffBudget: Double
  /// Integration error estimate: the change of the minimum slack between the
  /// base and the refined trajectory (inequalities); for identities what the
  /// rtol-shrink rule attributes to integration (see ``evaluate(base:refined:)``).
  public let integrationBudget: Double
  /// Identities: base defect / refined defect (the rtol-shrink ratio).
  public let shrinkRatio: Double?

  /// The whole error budget at the decisive point: quadrature + round-off + integration.
  public var budget: Double { quadratureBudget + roundoffBudget + integrationBudget }

  /// The share of the base trajectory's error that the refined trajectory's own
  /// error may have (0.1): the base–refined difference `Δ` then bounds the base
  /// error by `|Δ|/(1 − 0.1)`. The same factor 10 separates integration error
  /// from a defect for identities (the rtol-shrink rule).
  public static let refinedErrorShare = 0.1

  /// The round-off allowance per unit of scale: `64·ε_mach`.
  public static let roundoffPerScale = 64 * Double.ulpOfOne

  /// The part's outcome (hypotheses aside): holds, fails, or not applicable with the reason.
  public var outcome: Outcome {
    if let reason = notApplicable { return .notApplicable(reason: reason) }
    return holds == true ? .holds : .fails
  }
}

extension PartResult {
  /// Evaluates an inequality or identity measured on the base and refined trajectories.
  ///
  /// Inequality: slack `sᵢ = rhsᵢ − lhsᵢ`, quadrature estimate `qᵢ`, round-off
  /// allowance `ρᵢ = 64·ε_mach·scaleᵢ` (``Conclusion/scale``: the size of the
  /// terms that cancel when the compared quantities are computed), and the
  /// integration estimate `I = |min s(base) − min s(refined)| / (1 − θ)` with
  /// `θ = ` ``refinedErrorShare``: the difference measures the base error minus
  /// the refined one, and the refined error is at most `θ` times the base
  /// error, so `I` bounds the base error (where the bound is attained, as in
  /// an equality case of a Gronwall bound, the refined trajectory's own error
  /// is what `|Δ|` alone misses). The decisive point is the sample minimising
  /// `sᵢ + qᵢ + ρᵢ`; the margin there is `sᵢ + qᵢ + ρᵢ + I`, and the part
  /// holds when it is `≥ 0` (every sample within budget).
  ///
  /// Identity (theory.md §5, rtol-shrink rule): with defects `d = max|lhs − rhs|`
  /// on the base and refined trajectories (tolerances × `refinement`, e.g.
  /// 1000× smaller), it holds when `d_refined ≤ d_base/10` (the defect is
  /// integration error), or when both are at the floor: round-off
  /// `64·ε_mach·scale·(1 + samples/100)` plus their quadrature estimate.
  /// Slack `−d_base`; margin `floor_base` when the defect shrank (the whole
  /// defect is integration error: integration budget `d_base`), else
  /// `min(floor_base − d_base, floor_refined − d_refined)` — so again the part
  /// holds exactly when the margin is `≥ 0`.
  public static func evaluate(base: Conclusion, refined: Conclusion) -> PartResult {
    let emptyReason = base.times.isEmpty || refined.times.isEmpty ? "no samples to evaluate it on" : nil
    if let reason = base.notApplicable ?? refined.notApplicable ?? emptyReason {
      return PartResult(
        name: base.name, kind: base.kind, notApplicable: reason, holds: nil, worstSlack: .infinity, margin: .infinity,
        relativeMargin: .infinity, worstRelativeSlack: .infinity, worstRelativeAt: 0, tailRelativeSlack: .infinity, at: 0,
        quadratureBudget: 0, roundoffBudget: 0, integrationBudget: 0, shrinkRatio: nil)
    }
    switch base.kind {
    case .inequality:
      let b = inequalityStats(base)
      let r = inequalityStats(refined)
      let difference = b.minSlack.isFinite && r.minSlack.isFinite ? abs(b.minSlack - r.minSlack) : 0
      let integration = difference / (1 - refinedErrorShare)
      let margin = b.decisiveSlack + b.decisiveQuadrature + b.decisiveRoundoff + integration
      return PartResult(
        name: base.name, kind: .inequality, notApplicable: nil, holds: margin >= 0, worstSlack: b.decisiveSlack,
        margin: margin, relativeMargin: margin / b.decisiveScale, worstRelativeSlack: b.worstRelative,
        worstRelativeAt: b.worstRelativeAt, tailRelativeSlack: b.tailRelative, at: b.decisiveAt,
        quadratureBudget: b.decisiveQuadrature, roundoffBudget: b.decisiveRoundoff, integrationBudget: integration,
        shrinkRatio: nil)
    case .identity:
      let b = identityStats(base)
      let r = identityStats(refined)
      let shrunk = r.defect <= 0.1 * b.defect
      let margin = shrunk ? b.floor : min(b.floor - b.defect, r.floor - r.defect)
      let ratio = r.defect > 0 ? b.defect / r.defect : .infinity
      let relative = -b.defect / max(b.scale, Double.leastNormalMagnitude)
      return PartResult(
        name: base.name, kind: .identity, notApplicable: nil, holds: margin >= 0, worstSlack: -b.defect, margin: margin,
        relativeMargin: margin / max(b.scale, Double.leastNormalMagnitude), worstRelativeSlack: relative,
        worstRelativeAt: b.at, tailRelativeSlack: relative, at: b.at, quadratureBudget: b.quadrature,
        roundoffBudget: b.floor - b.quadrature, integrationBudget: margin + b.defect - b.floor, shrinkRatio: ratio)
    }
  }

  private struct InequalityStats {
    var minSlack = Double.infinity
    var decisiveSlack = Double.infinity
    var decisiveQuadrature = 0.0
    var decisiveRoundoff = 0.0
    var decisiveScale = Double.leastNormalMagnitude
    var decisiveAt = 0.0
    var worstRelative = Double.infinity
    var worstRelativeAt = 0.0
    var tailRelative = Double.infinity
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
      let roundoff = roundoffPerScale * m.scale[i]
      s.minSlack = min(s.minSlack, slack)
      if i == 0 || slack + m.quadratureError[i] + roundoff < s.decisiveSlack + s.decisiveQuadrature + s.decisiveRoundoff {
        s.decisiveSlack = slack
        s.decisiveQuadrature = m.quadratureError[i]
        s.decisiveRoundoff = roundoff
        s.decisiveScale = scale
        s.decisiveAt = m.times[i]
      }
      if m.times[i] >= tailStart { s.tailRelative = min(s.tailRelative, relative) }
      // The start t = 0 counts for `holds` but not for the worst relative slack (unless it
      // is the only sample): Gronwall-type bounds are equalities there by construction.
      let counted = m.times[i] != 0 || m.times.count == 1
      if counted && relative < s.worstRelative {
        s.worstRelative = relative
        s.worstRelativeAt = m.times[i]
      }
    }
    return s
  }

  private static func identityStats(_ m: Conclusion) -> (defect: Double, floor: Double, quadrature: Double, scale: Double, at: Double) {
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
    let floor = roundoffPerScale * scale * (1 + Double(m.times.count) / 100) + quadrature
    return (defect, floor, quadrature, scale, at)
  }
}
