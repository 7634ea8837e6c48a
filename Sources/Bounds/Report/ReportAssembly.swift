import Flow

/// What `pgf report` runs and how its results become pages: the lemma plan,
/// the extra units (conjecture searches, claim sweeps) and their page
/// supplements.
public struct ReportAssembly: Sendable {
  /// The lemma plan.
  public let plan: SweepPlan
  /// Lemmas checked on every case of the plan.
  public let lemmas: [any Lemma]
  /// Conjectures searched (one extra unit each).
  public let conjectures: [any Conjecture]

  /// The claims: checked by their own sweeps (``ClaimReport``), whose horizons
  /// reach the promised times T₁, T₂ — the lemma plan's short horizons do not.
  public let claims: [any Lemma]

  /// The assembly for a plan (`quick` or `full`) with the whole catalogue.
  public init(plan: SweepPlan) {
    self.plan = plan
    lemmas = Catalogue.lemmas.filter { $0.status != .claim }
    claims = Catalogue.lemmas.filter { $0.status == .claim }
    conjectures = ConjectureCatalogue.all
  }

  /// The falsification budget: small for `quick`, thorough otherwise.
  var searchBudget: FalsificationSearch.Budget { plan.name == "quick" ? .small : .thorough }

  /// The claim sweeps of this plan.
  public var claimReport: ClaimReport { ClaimReport(plan: plan) }

  /// Extra units, in a fixed order: conjecture searches, then claim sweeps.
  public var extras: [ExtraUnit] {
    let budget = searchBudget
    let searches = conjectures.map { c in
      ExtraUnit(key: "conjecture:\(c.id)") {
        let r = FalsificationSearch(c, seed: 1, budget: budget).run()
        return .object([
          ("found", .bool(r.foundCounterexample)), ("evaluations", .integer(r.evaluations)),
          ("worstRelativeSlack", .exact(r.verdict?.worstRelativeSlack ?? .nan)), ("report", .string(r.report)),
        ])
      }
    }
    return searches + claimReport.units
  }

  /// The keys every complete result must have.
  public var extraKeys: [String] { extras.map(\.key) }

  /// The runner.
  public var runner: ReportRunner { ReportRunner(plan: plan, lemmas: lemmas, extras: extras) }

  /// The statements shown in the report, in index order.
  public var statements: [any Lemma] { lemmas + claims + conjectures.map { $0 as any Lemma } }

  /// Page supplements computed from the extras.
  public func supplements(_ result: ShardResult) throws -> [String: PageSupplement] {
    var out: [String: PageSupplement] = [:]
    for claim in ClaimReport.Claim.allCases {
      out[claim.rawValue] = try claimReport.supplement(claim, result)
    }
    for c in conjectures {
      guard let json = result.extras["conjecture:\(c.id)"] else { continue }
      var sup = PageSupplement()
      if case .string(let error)? = json["error"] {
        sup.verdict = "search failed"
        sup.sections.append("## Falsification search\n\nThe search threw: `\(error)`.")
      } else {
        let found = json["found"] == .bool(true)
        let evaluations = Int(json["evaluations"]?.doubleValue ?? 0)
        sup.verdict = found ? "counterexample found" : "no counterexample found"
        sup.cases = "\(evaluations) searched"
        sup.worstRelativeSlack = ReportFormat.significant((try? JSONValue.exactValue(json["worstRelativeSlack"])) ?? .nan)
        let text: String
        if case .string(let t)? = json["report"] { text = t } else { text = "" }
        sup.sections.append(
          "## Falsification search\n\nSeeded random sampling of the parameter box, local refinement toward the smallest slack, "
            + "then shrinking of a counterexample (search seed 1, \(evaluations) evaluations):\n\n```text\n\(text)\n```")
      }
      out[c.id] = sup
    }
    return out
  }

  /// A representative case for a statement's figures: the first case of the plan
  /// whose hypotheses the statement needs (scaling for L9, alignedKill for L10),
  /// otherwise the first perturbed case.
  public func representative(for lemma: any Lemma) -> CaseDescriptor? {
    let wanted: String
    switch lemma.id {
    case "L9": wanted = "scaling:"
    case "L10": wanted = "alignedKill:"
    default: wanted = "rotating:"
    }
    return plan.cases.first { $0.perturbation.hasPrefix(wanted) } ?? plan.cases.first
  }

  /// The full document from a complete result (figures are computed here,
  /// deterministically, from the representative cases).
  public func document(result: ShardResult, quick: ShardResult, command: String) throws -> ReportDocument {
    var figures: [String: (descriptor: CaseDescriptor, figures: [LemmaFigures.Figure])] = [:]
    for lemma in lemmas {
      guard let d = representative(for: lemma) else { continue }
      figures[lemma.id] = (d, try LemmaFigures.figures(lemma, on: d))
    }
    return ReportDocument(
      command: command, result: result, plan: plan, quick: quick, lemmas: statements, figures: figures,
      supplements: try supplements(result))
  }
}
