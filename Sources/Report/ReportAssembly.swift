import Bounds
import Proofs
import Plotting

/// What `pgf report` runs and how its results become pages: the statement
/// plan, the extra units (conjecture searches, claim sweeps) and their page
/// supplements, for the statements of a ``Catalogue``.
public struct ReportAssembly: Sendable {
  /// The plan.
  public let plan: SweepPlan
  /// The catalogue (its families name the plan's perturbations).
  public let catalogue: Catalogue
  /// Statements checked on every case of the plan (all but the swept claims and the experiments).
  public let lemmas: [any Statement]
  /// Statements checked by experiments of their own (``ExperimentStatement``).
  public let experiments: [any ExperimentStatement]
  /// Conjectures searched (one extra unit each).
  public let conjectures: [any Conjecture]
  /// The claims checked by their own sweeps (``ClaimSweep``), whose horizons
  /// reach the promised times T₁, T₂ — the plan's short horizons do not.
  public let claims: [any SweptClaim]

  /// The assembly for a plan and a catalogue (default: this package's).
  public init(plan: SweepPlan, catalogue: Catalogue = .standard) {
    self.plan = plan
    self.catalogue = catalogue
    lemmas = catalogue.statements.filter { !($0 is any SweptClaim) && !($0 is any ExperimentStatement) }
    experiments = catalogue.statements.compactMap { $0 as? any ExperimentStatement }
    claims = catalogue.statements.compactMap { $0 as? any SweptClaim }
    conjectures = catalogue.conjectures
  }

  /// The claim pages.
  public var claimReport: ClaimReport { ClaimReport(plan: plan) }

  /// Extra units, in a fixed order: conjecture searches, claim sweeps, then experiments.
  public var extras: [ExtraUnit] {
    let budget = plan.searchBudget
    let searches = conjectures.map { c in
      ExtraUnit(key: "conjecture:\(c.id)") {
        let r = FalsificationSearch(c, seed: 1, budget: budget).run()
        var fields: [(String, JSONValue)] = [
          ("found", .bool(r.foundCounterexample)), ("evaluations", .integer(r.evaluations)),
          ("worstRelativeSlack", .exact(r.verdict?.worstRelativeSlack ?? .nan)), ("report", .string(r.report)),
        ]
        if let box = c.witnessBox {
          let w = FalsificationSearch(c, box: box, seed: 1, budget: budget).run()
          fields.append(("witness", .object([("found", .bool(w.foundCounterexample)), ("evaluations", .integer(w.evaluations)), ("report", .string(w.report))])))
        }
        return .object(fields)
      }
    }
    let experimentUnits = experiments.flatMap { $0.experimentUnits(budget: plan.experimentBudget) }
    let proofs = ProofInstance.report.map { instance in ExtraUnit(key: ProofPage.key(instance)) { try instance.run() } }
    return searches + ClaimSweep(claims: claims, budget: plan.claimBudget).units + experimentUnits + proofs
  }

  /// The keys every complete result must have.
  public var extraKeys: [String] { extras.map(\.key) }

  /// The runner.
  public var runner: ReportRunner { ReportRunner(plan: plan, lemmas: lemmas, families: catalogue.families, extras: extras) }

  /// The statements shown in the report, in index order.
  public var statements: [any Statement] {
    lemmas + claims.map { $0 as any Statement } + experiments.map { $0 as any Statement } + conjectures.map { $0 as any Statement }
  }

  /// Page supplements computed from the extras.
  public func supplements(_ result: ShardResult) throws -> [String: PageSupplement] {
    var out: [String: PageSupplement] = [:]
    for claim in claims {
      out[claim.id] = try claimReport.supplement(claim, result)
    }
    for e in experiments {
      out[e.id] = try ExperimentFigures.supplement(e, result)
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
        if let w = json["witness"], case .string(let witness)? = w["report"] {
          let witnessFound = w["found"] == .bool(true)
          if witnessFound { sup.verdict = "counterexample found (witness box)" }
          sup.sections.append(
            "## Witness\n\nThe search restricted to the witness box, where the notes' failure mechanism lives (search seed 1, "
              + "\(Int(w["evaluations"]?.doubleValue ?? 0)) evaluations). "
              + (witnessFound ? "Its counterexample is the witness of this page; the `reproduce` line rebuilds it bit for bit." : "It found no counterexample.")
              + "\n\n```text\n\(witness)\n```")
        }
        sup.sections.append(
          "## Falsification search\n\nSeeded random sampling of the parameter box, local refinement toward the smallest slack, "
            + "then shrinking of a counterexample (search seed 1, \(evaluations) evaluations):\n\n```text\n\(text)\n```")
      }
      out[c.id] = sup
    }
    return out
  }

  /// A representative case for a statement's figures: the first case of the
  /// plan of the statement's ``Statement/representativeFamily``, otherwise the first case.
  public func representative(for lemma: any Statement) -> ScenarioSpec? {
    plan.cases.first { $0.perturbation.hasPrefix(lemma.representativeFamily + ":") } ?? plan.cases.first
  }

  /// The full document from a complete result (figures are computed here,
  /// deterministically, from the representative cases).
  public func document(result: ShardResult, quick: ShardResult, command: String) throws -> ReportDocument {
    var figures: [String: (descriptor: ScenarioSpec, figures: [LemmaFigures.Figure])] = [:]
    for lemma in lemmas {
      guard let d = representative(for: lemma) else { continue }
      figures[lemma.id] = (d, try LemmaFigures.figures(lemma, on: d, families: catalogue.families))
    }
    return ReportDocument(
      command: command, result: result, plan: plan, quick: quick, lemmas: statements, figures: figures,
      supplements: try supplements(result), pending: catalogue.pending, families: catalogue.families)
  }
}
