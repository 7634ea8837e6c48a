import Foundation
import Flow

/// A seeded, deterministic search for a counterexample to a ``Conjecture``
/// over its ``ParameterBox``.
///
/// 1. **Random sampling**: ``Budget/randomPoints`` points drawn from the box
///    with a ``SeededGenerator`` seeded by ``seed``.
/// 2. **Local refinement** (only if no counterexample was found): pattern
///    search from the point of smallest score (worst relative slack) — steps
///    `±h` on the continuous coordinates (`s` linear, `α` and `κ` on a log
///    scale; `h` starts at a quarter of the range and halves after a sweep
///    without improvement) and `±1` on the integers `n1, n2, k, r`; a move is
///    kept when it lowers the score. Stops at a counterexample or after
///    ``Budget/refinementEvaluations`` evaluations.
/// 3. **Shrinking** a counterexample: repeatedly try smaller `n1, n2, k, r`
///    (the box's lower bound, the midpoint, one less) and a smaller size `s`
///    (the lower bound, the midpoint) and keep every move after which it still
///    fails, until a pass changes nothing or ``Budget/shrinkEvaluations`` is
///    spent. The result is coordinatewise no larger than the first counterexample.
///
/// **Base trajectory only, then confirmation.** Every point is first scored on
/// its base trajectory alone (hypotheses + ``Statement/measure(_:on:refined:)``,
/// no integration budget): cheap, but a "failure" there may be integration
/// error. A point that fails there is a *candidate* and is re-checked at once
/// with the full ``Statement/check(_:)`` (base + refined trajectory, integration
/// budget); only a confirmed violation (hypotheses hold, conclusion fails)
/// counts as a counterexample, during sampling, refinement and shrinking alike.
///
/// The search is a pure function of (conjecture, box, seed, budget): the same
/// seed gives the same trace.
public struct FalsificationSearch: Sendable {
  /// How many evaluations each phase may spend.
  public struct Budget: Sendable, Equatable {
    /// Random points of phase 1.
    public var randomPoints: Int
    /// Evaluations of phase 2.
    public var refinementEvaluations: Int
    /// Evaluations of phase 3.
    public var shrinkEvaluations: Int

    /// A budget.
    public init(randomPoints: Int, refinementEvaluations: Int, shrinkEvaluations: Int) {
      self.randomPoints = randomPoints
      self.refinementEvaluations = refinementEvaluations
      self.shrinkEvaluations = shrinkEvaluations
    }

    /// 12 random points, 6 refinement and 12 shrink evaluations (the default: seconds in debug).
    public static let small = Budget(randomPoints: 12, refinementEvaluations: 6, shrinkEvaluations: 12)
    /// 48 random points, 24 refinement and 30 shrink evaluations (`PGF_THOROUGH=1`).
    public static let thorough = Budget(randomPoints: 48, refinementEvaluations: 24, shrinkEvaluations: 30)
  }

  /// The phase an evaluation belongs to.
  public enum Phase: String, Sendable, Equatable {
    /// Random sampling of the box.
    case random
    /// Pattern search toward smaller slack.
    case refine
    /// Shrinking a counterexample.
    case shrink
    /// The final full check of the worst point when no counterexample was found.
    case confirm
  }

  /// One evaluated point.
  public struct Evaluation: Sendable, Equatable {
    /// Which phase evaluated it.
    public let phase: Phase
    /// The point.
    public let point: ParameterPoint
    /// Worst relative slack (the score the search minimizes); `+∞` when the
    /// hypotheses failed or the case could not be evaluated.
    public let score: Double
    /// Slack (`rhs − lhs`) at the decisive point (see ``Verdict``).
    public let worstSlack: Double
    /// Time of the worst relative slack.
    public let at: Double
    /// The part where it occurred.
    public let worstPart: String
    /// Whether the hypotheses held (`nil`: none).
    public let hypothesisHolds: Bool?
    /// Whether the base trajectory alone shows a failure with hypotheses holding.
    public let candidate: Bool
    /// Whether the full check (base + refined) confirmed the violation (`false` if not run).
    public let confirmed: Bool
    /// An error thrown while building or integrating the case, if any.
    public let error: String?
  }

  /// The conjecture searched.
  public let conjecture: any Conjecture
  /// The box searched (defaults to the conjecture's).
  public let box: ParameterBox
  /// The seed of the random draws.
  public let seed: UInt64
  /// The evaluation budget.
  public let budget: Budget

  /// A search over `box` (default: `conjecture.box`).
  public init(_ conjecture: any Conjecture, box: ParameterBox? = nil, seed: UInt64 = 1, budget: Budget = .small) {
    self.conjecture = conjecture
    self.box = box ?? conjecture.box
    self.seed = seed
    self.budget = budget
  }

  /// Runs the three phases and returns the result (see the type's description).
  public func run() -> FalsificationResult {
    var state = SearchState(conjecture: conjecture)
    // 1. Random sampling.
    var rng = SeededGenerator(seed: seed, stream: "falsification")
    var counterexample: Evaluation?
    for _ in 0..<budget.randomPoints {
      let e = state.evaluate(box.randomPoint(using: &rng), phase: .random)
      if e.confirmed {
        counterexample = e
        break
      }
    }
    // 2. Local refinement toward smaller slack.
    if counterexample == nil, let start = state.best {
      counterexample = refine(from: start, state: &state)
    }
    // 3. Shrinking.
    var shrunk = counterexample
    if let first = counterexample { shrunk = shrink(first, state: &state) }
    // The verdict: full check of the counterexample, or of the worst point.
    var verdict: Verdict?
    if let c = shrunk {
      verdict = state.verdicts[c.point]
    } else if let worst = state.best {
      verdict = state.verdicts[worst.point] ?? state.fullCheck(worst.point, phase: .confirm)
    }
    let explanation: String?
    do { explanation = try shrunk.flatMap { try conjecture.explainWitness($0.point) } } catch { explanation = "closed form failed: \(error)" }
    return FalsificationResult(
      conjectureID: conjecture.id, title: conjecture.title, statement: conjecture.statement, seed: seed, budget: budget,
      trace: state.trace, worst: state.best, firstCounterexample: counterexample, counterexample: shrunk, verdict: verdict,
      explanation: explanation)
  }

  private func refine(from start: Evaluation, state: inout SearchState) -> Evaluation? {
    var current = start
    var spent = 0
    // Continuous steps as fractions of each coordinate's (log-)range.
    var step = 0.25
    while spent < budget.refinementEvaluations {
      var improved = false
      for move in moves(of: current.point, step: step) {
        guard spent < budget.refinementEvaluations else { break }
        let p = box.feasible(move)
        guard p != current.point, state.cached(p) == nil else { continue }
        let e = state.evaluate(p, phase: .refine)
        spent += 1
        if e.confirmed { return e }
        if e.score < current.score {
          current = e
          improved = true
        }
      }
      if !improved {
        step /= 2
        if step < 1.0 / 64 { break }
      }
    }
    return nil
  }

  /// Pattern-search neighbours: `±step` on `s`, `log α`, `log κ`, `±1` on `n1, n2, k, r`.
  private func moves(of p: ParameterPoint, step: Double) -> [ParameterPoint] {
    var out: [ParameterPoint] = []
    func logStep(_ x: Double, _ range: ClosedRange<Double>, _ sign: Double) -> Double {
      range.lowerBound == range.upperBound ? x : x * Foundation.exp(sign * step * Foundation.log(range.upperBound / range.lowerBound))
    }
    for sign in [-1.0, 1.0] {
      var q = p
      q.size += sign * step * (box.size.upperBound - box.size.lowerBound)
      out.append(q)
    }
    for sign in [-1.0, 1.0] {
      var q = p
      q.alpha = logStep(p.alpha, box.alpha, sign)
      out.append(q)
    }
    for sign in [-1.0, 1.0] {
      var q = p
      q.kappa = logStep(p.kappa, box.kappa, sign)
      out.append(q)
    }
    for d in [-1, 1] {
      var a = p, b = p, c = p, e = p
      a.n1 += d
      b.n2 += d
      c.k += d
      e.r += d
      out += [a, b, c, e]
    }
    return out
  }

  private func shrink(_ first: Evaluation, state: inout SearchState) -> Evaluation {
    var current = first
    var spent = 0
    var changed = true
    func smaller(_ x: Int, _ lower: Int) -> [Int] {
      var c: [Int] = []
      for y in [lower, (lower + x) / 2, x - 1] where y < x && y >= lower && !c.contains(y) { c.append(y) }
      return c
    }
    while changed && spent < budget.shrinkEvaluations {
      changed = false
      var candidates: [[ParameterPoint]] = []
      let p = current.point
      candidates.append(smaller(p.n1, box.n1.lowerBound).map { v in var q = p; q.n1 = v; return q })
      candidates.append(smaller(p.n2, box.n2.lowerBound).map { v in var q = p; q.n2 = v; return q })
      candidates.append(smaller(p.k, box.k.lowerBound).map { v in var q = p; q.k = v; return q })
      candidates.append(smaller(p.r, box.r.lowerBound).map { v in var q = p; q.r = v; return q })
      if p.family != .zero {
        var sizes: [Double] = []
        for s in [box.size.lowerBound, 0.5 * (box.size.lowerBound + p.size)] where s < p.size && !sizes.contains(s) { sizes.append(s) }
        candidates.append(sizes.map { s in var q = p; q.size = s; return q })
      }
      coordinates: for group in candidates {
        for move in group {
          guard spent < budget.shrinkEvaluations else { break coordinates }
          let q = box.feasible(move)
          guard q != current.point, q.isNoLarger(than: current.point), state.cached(q) == nil else { continue }
          let e = state.evaluate(q, phase: .shrink)
          spent += 1
          if e.confirmed {
            current = e
            changed = true
            break
          }
        }
      }
    }
    return current
  }
}

/// The mutable bookkeeping of one search run.
private struct SearchState {
  let conjecture: any Conjecture
  var trace: [FalsificationSearch.Evaluation] = []
  var cache: [ParameterPoint: FalsificationSearch.Evaluation] = [:]
  var verdicts: [ParameterPoint: Verdict] = [:]
  /// The evaluation with the smallest score (ties: the earliest).
  var best: FalsificationSearch.Evaluation?

  init(conjecture: any Conjecture) { self.conjecture = conjecture }

  func cached(_ p: ParameterPoint) -> FalsificationSearch.Evaluation? { cache[p] }

  /// Base-only score; a candidate is confirmed with the full check.
  mutating func evaluate(_ point: ParameterPoint, phase: FalsificationSearch.Phase) -> FalsificationSearch.Evaluation {
    if let e = cache[point] { return e }
    var e: FalsificationSearch.Evaluation
    do {
      let context = ScenarioContext(try point.checkCase())
      let hypotheses = try conjecture.hypotheses(for: context.checkCase).map { try $0.check(context) }
      let measured = try conjecture.measure(context, on: try context.base(), refined: false)
      let parts = measured.map { PartResult.evaluate(base: $0, refined: $0) }
      let quick = Verdict(lemma: conjecture, caseLabel: context.checkCase.label, hypotheses: hypotheses, parts: parts)
      let hypothesisHolds = quick.hypothesisHolds
      let candidate = hypothesisHolds != false && quick.conclusionHolds == false
      var confirmed = false
      if candidate {
        let full = try conjecture.check(context)
        verdicts[point] = full
        confirmed = full.isViolation
      }
      e = .init(
        phase: phase, point: point, score: hypothesisHolds == false ? .infinity : quick.worstRelativeSlack,
        worstSlack: quick.worstSlack, at: quick.worstRelativeAt, worstPart: quick.worstRelativePart, hypothesisHolds: hypothesisHolds,
        candidate: candidate, confirmed: confirmed, error: nil)
    } catch {
      e = .init(
        phase: phase, point: point, score: .infinity, worstSlack: .infinity, at: 0, worstPart: "(error)", hypothesisHolds: nil,
        candidate: false, confirmed: false, error: "\(error)")
    }
    cache[point] = e
    trace.append(e)
    if e.score < (best?.score ?? .infinity) || (best == nil && e.error == nil) { best = e }
    return e
  }

  /// The full check of a point (no trace entry beyond the verdict).
  mutating func fullCheck(_ point: ParameterPoint, phase: FalsificationSearch.Phase) -> Verdict? {
    guard let c = try? point.checkCase(), let v = try? conjecture.check(ScenarioContext(c)) else { return nil }
    verdicts[point] = v
    return v
  }
}

/// The outcome of a ``FalsificationSearch``.
public struct FalsificationResult: Sendable {
  /// The conjecture's id.
  public let conjectureID: String
  /// Its title.
  public let title: String
  /// Its statement.
  public let statement: String
  /// The search seed.
  public let seed: UInt64
  /// The budget used.
  public let budget: FalsificationSearch.Budget
  /// Every evaluation, in order (the search trace).
  public let trace: [FalsificationSearch.Evaluation]
  /// The evaluation with the smallest score.
  public let worst: FalsificationSearch.Evaluation?
  /// The first confirmed counterexample, before shrinking.
  public let firstCounterexample: FalsificationSearch.Evaluation?
  /// The counterexample after shrinking (`nil`: none found).
  public let counterexample: FalsificationSearch.Evaluation?
  /// The full verdict (base + refined) of ``counterexample``, or of ``worst`` when none was found.
  public let verdict: Verdict?
  /// The conjecture's independent account of the counterexample
  /// (``Conjecture/explainWitness(_:)``, e.g. a closed form), if any.
  public let explanation: String?

  /// Number of evaluations (points integrated).
  public var evaluations: Int { trace.count }
  /// Whether a confirmed counterexample was found.
  public var foundCounterexample: Bool { counterexample != nil }

  /// A human-readable report: the verdict, the (shrunk) counterexample with
  /// its shape, family, size, seed, time of violation and slack, or the worst
  /// slack seen when none was found.
  public var report: String {
    var lines: [String] = []
    let phases = Dictionary(grouping: trace, by: \.phase).mapValues(\.count)
    let counts = [FalsificationSearch.Phase.random, .refine, .shrink].map { "\(phases[$0] ?? 0) \($0.rawValue)" }.joined(separator: ", ")
    let candidates = trace.filter(\.candidate).count
    let errors = trace.filter { $0.error != nil }.count
    lines.append("Conjecture \(conjectureID) — \(title)")
    lines.append("  statement: \(statement)")
    if let c = counterexample, let first = firstCounterexample {
      lines.append("  COUNTEREXAMPLE found after \(evaluations) evaluations (\(counts); search seed \(seed))")
      lines.append("  case: \(c.point)")
      lines.append("    exact: \(c.point.exactDescription)")
      lines.append("    shape \(c.point.n1)×\(c.point.n2), k=\(c.point.k), r=\(c.point.r); family \(c.point.family.name), size \(FalsificationResult.fmt(c.point.perturbationSpec.size))\(c.point.family.isRelative || c.point.family == .zero ? "" : " (= \(FalsificationResult.fmt(c.point.size))·σr)"); seed \(c.point.seed)")
      if let v = verdict {
        lines.append("  violated: \(v.worstPart)")
        lines.append("    at t = \(FalsificationResult.fmt(v.at)), slack \(FalsificationResult.fmt(v.worstSlack)), error budget \(FalsificationResult.fmt(v.errorBudget)) (worst relative slack \(FalsificationResult.fmt(v.worstRelativeSlack)) at t = \(FalsificationResult.fmt(v.worstRelativeAt)))")
        let h = v.hypotheses.map { "\($0.name) \($0.holds ? "held" : "FAILED")" }.joined(separator: ", ")
        lines.append("    hypotheses: \(h.isEmpty ? "none" : h)")
        lines.append("    exact slack \(ReportFormat.exact(v.worstSlack)) at t = \(ReportFormat.exact(v.at))")
      }
      if let explanation { lines.append("  \(explanation)") }
      lines.append("  reproduce: \(c.point.checkCommand(lemma: conjectureID))")
      if first.point != c.point { lines.append("  before shrinking: \(first.point) (relative slack \(FalsificationResult.fmt(first.score)))") }
    } else {
      lines.append("  NO COUNTEREXAMPLE in \(evaluations) evaluations (\(counts); search seed \(seed); \(candidates) base-only candidates, none confirmed; \(errors) errors)")
      if let w = worst {
        lines.append("  smallest relative slack \(FalsificationResult.fmt(w.score)) at t = \(FalsificationResult.fmt(w.at)) in \(w.worstPart)")
        lines.append("    case: \(w.point)")
      }
      if let v = verdict {
        lines.append("    full check there: \(v.outcome.summary) (worst relative slack \(FalsificationResult.fmt(v.worstRelativeSlack)), error budget \(FalsificationResult.fmt(v.errorBudget)))")
      }
    }
    return lines.joined(separator: "\n")
  }

  static func fmt(_ x: Double) -> String { String(format: "%.4g", x) }
}
