import Flow

/// A statement of theory.md as a checkable predicate over a trajectory.
///
/// Conform a type and implement ``measure(_:on:)``: it computes each
/// conclusion (`lhs ≤ rhs` or `lhs = rhs`) at every sample of a trajectory.
/// The default ``check(_:)`` measures on the base and the refined trajectory
/// of the case, checks the hypotheses, and forms the ``Verdict``.
public protocol Statement: Sendable {
  /// `"L1"` … `"L10"`, `"C1"` …
  var id: String { get }
  /// A short title, e.g. `"Imbalance conservation"`.
  var title: String { get }
  /// Identity, lemma, claim or conjecture.
  var status: Status { get }
  /// The statement in the paper's notation (Markdown).
  var statement: String { get }
  /// The proof sketch, or where the proof is.
  var proof: String { get }
  /// The hypotheses checked for a case (default: none).
  func hypotheses(for checkCase: Scenario) -> [Hypothesis]
  /// The conclusions measured on one trajectory of the case (`refined` tells which one).
  func measure(_ context: ScenarioContext, on trajectory: Trajectory, refined: Bool) throws -> [Conclusion]
  /// The verdict on a case (default: see the protocol's description).
  func check(_ context: ScenarioContext) throws -> Verdict
  /// The perturbation family whose first case in a sweep plan is the
  /// representative case of this statement's figures (default `"rotating"`;
  /// a sharp-family statement names its family).
  var representativeFamily: String { get }
  /// Notes and corrections to theory.md shown on the statement's page
  /// (Markdown; default none).
  var notes: String? { get }
  /// Whether ``measure(_:on:refined:)`` reads only what a compacted sample keeps
  /// (``Sample/compacted()``: the `k × k`, `r × k` quantities, ``Sample/norms``, `‖E‖`),
  /// so the statement can be checked on large problems (``TrajectoryStorage/compact``).
  /// Default `false`: checking it on a compact case throws.
  var measuresCompactSamples: Bool { get }
  /// The costlier per-sample quantities ``measure(_:on:refined:)`` reads on a compact
  /// trajectory (default ``SampleQuantities/all``); the default ``check(_:)`` requests them
  /// (``ScenarioContext/require(_:)``), so a compact trajectory skips the others. Reading a
  /// quantity not declared here stops the program with a message naming it.
  var compactSampleQuantities: SampleQuantities { get }
}

extension Statement {
  /// No hypotheses.
  public func hypotheses(for checkCase: Scenario) -> [Hypothesis] { [] }

  /// `"rotating"`: figures show the first rotating case of the plan.
  public var representativeFamily: String { "rotating" }

  /// No notes.
  public var notes: String? { nil }

  /// `false`: the statement reads the samples' `n`-row matrices.
  public var measuresCompactSamples: Bool { false }

  /// ``SampleQuantities/all``.
  public var compactSampleQuantities: SampleQuantities { .all }

  /// Measures on the base and refined trajectories and combines per ``PartResult/evaluate(base:refined:)``.
  public func check(_ context: ScenarioContext) throws -> Verdict {
    if context.storage == .compact && !measuresCompactSamples {
      let p = context.checkCase.problem
      throw ProblemError.invalidValue(
        "\(id) reads U, V and E at every sample, which at \(p.n1)×\(p.n2), k = \(p.k) (state dimension \(p.stateDimension) > "
          + "\(TrajectoryStorage.compactStateLimit)) is not kept; check it at a smaller size (L4 and L7 run at any size)")
    }
    context.require(compactSampleQuantities)
    try context.prepare()
    let hypotheses = try hypotheses(for: context.checkCase).map { try $0.check(context) }
    let base = try measure(context, on: try context.base(), refined: false)
    let refined = try measure(context, on: try context.refined(), refined: true)
    precondition(base.count == refined.count, "\(id): measure returned a different number of parts per trajectory")
    let parts = zip(base, refined).map { PartResult.evaluate(base: $0, refined: $1) }
    return Verdict(lemma: self, caseLabel: context.checkCase.label, hypotheses: hypotheses, parts: parts)
  }

  /// Convenience: the verdict on a case.
  public func check(_ checkCase: Scenario) throws -> Verdict { try check(ScenarioContext(checkCase)) }
}

extension Verdict {
  /// Assembles a verdict from hypothesis and part results (see ``Verdict`` for
  /// the rule): the decisive part is the applicable part with the smallest
  /// relative margin, the tightness figures come from the applicable part with
  /// the smallest relative slack; a failed hypothesis or no applicable part
  /// makes the verdict not applicable, with a reason that says what happened.
  public init(lemma: any Statement, caseLabel: String, hypotheses: [HypothesisResult], parts: [PartResult]) {
    let applicable = parts.filter { $0.notApplicable == nil }
    let decisive = applicable.min { $0.relativeMargin < $1.relativeMargin }
    let tightest = applicable.min { $0.worstRelativeSlack < $1.worstRelativeSlack }
    let conclusionHolds: Bool? = applicable.isEmpty ? nil : applicable.allSatisfy { $0.holds == true }
    let failed = hypotheses.filter { !$0.holds }
    let measured: String
    if let d = decisive, let held = conclusionHolds {
      measured = "the conclusion \(held ? "holds" : "fails") (slack \(fmt(d.worstSlack)), budget \(fmt(d.budget)) at t = \(fmt(d.at)) in \(d.name))"
    } else {
      var seen = Set<String>()
      measured = parts.compactMap(\.notApplicable).filter { seen.insert($0).inserted }.joined(separator: "; ")
    }
    let outcome: Outcome
    if !failed.isEmpty {
      let which = failed.map { h in
        "hypothesis \(h.name) fails by \(fmt(-h.worstMargin))\(h.at.map { " at t = \(fmt($0))" } ?? "") (needed: \(h.statement))"
      }
      outcome = .notApplicable(reason: which.joined(separator: ", ") + "; measured anyway: " + (measured.isEmpty ? "nothing" : measured))
    } else if applicable.isEmpty {
      outcome = .notApplicable(reason: measured.isEmpty ? "no part of the conclusion applies" : measured)
    } else {
      outcome = conclusionHolds == true ? .holds : .fails
    }
    self.init(
      lemma: lemma.id, status: lemma.status, caseLabel: caseLabel,
      hypothesisHolds: hypotheses.isEmpty ? nil : failed.isEmpty, hypotheses: hypotheses, outcome: outcome,
      conclusionHolds: conclusionHolds, worstSlack: decisive?.worstSlack ?? .infinity, margin: decisive?.margin ?? .infinity,
      worstRelativeSlack: tightest?.worstRelativeSlack ?? .infinity, worstRelativeAt: tightest?.worstRelativeAt ?? 0,
      worstRelativePart: tightest?.name ?? "(no applicable part)",
      tailRelativeSlack: applicable.map(\.tailRelativeSlack).min() ?? .infinity,
      at: decisive?.at ?? 0, errorBudget: decisive?.budget ?? 0,
      worstPart: decisive?.name ?? "(no applicable part)", parts: parts)
  }
}
