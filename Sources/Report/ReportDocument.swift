import Bounds
import Plotting

/// Extra material for a statement's page and index row that does not come
/// from the lemma sweep (claims: calibration, phase diagrams, tightness;
/// conjectures: the falsification search).
public struct PageSupplement: Sendable {
  /// Markdown sections appended to the page.
  public var sections: [String] = []
  /// Figures (file name in `figures/`, caption, SVG).
  public var figures: [LemmaFigures.Figure] = []
  /// Tightness ratio for the index (claims), already formatted.
  public var tightness: String?
  /// Overrides the index's verdict column (e.g. a conjecture's search outcome).
  public var verdict: String?
  /// Overrides the index's "cases checked" column.
  public var cases: String?
  /// Overrides the index's worst-relative-slack column.
  public var worstRelativeSlack: String?
  /// Overrides the index's slack-for-t-≥-T/10 column (the headline tightness).
  public var tailRelativeSlack: String?

  /// Empty.
  public init() {}
}

/// Renders `docs/index.md` and `docs/lemmas/<ID>.md` from sweep results.
public struct ReportDocument: Sendable {
  /// The command that regenerates the docs (recorded on every page).
  public var command: String
  /// The lemma sweep (main plan).
  public var result: ShardResult
  /// The plan of `result`.
  public var plan: SweepPlan
  /// The quick sweep's result (for the table `swift test` compares).
  public var quick: ShardResult
  /// The statements, in index order (lemmas swept by `result` first).
  public var lemmas: [any Statement]
  /// Figures per id (representative case), from ``LemmaFigures``.
  public var figures: [String: (descriptor: ScenarioSpec, figures: [LemmaFigures.Figure])]
  /// Supplements per id.
  public var supplements: [String: PageSupplement]
  /// Announced statements not built yet (rows of the index).
  public var pending: [Catalogue.Pending]
  /// The families the plan's perturbations are named in.
  public var families: PerturbationFamilies

  /// A document.
  public init(
    command: String, result: ShardResult, plan: SweepPlan, quick: ShardResult, lemmas: [any Statement],
    figures: [String: (descriptor: ScenarioSpec, figures: [LemmaFigures.Figure])], supplements: [String: PageSupplement],
    pending: [Catalogue.Pending] = [], families: PerturbationFamilies = .standard
  ) {
    self.pending = pending
    self.families = families
    self.command = command
    self.result = result
    self.plan = plan
    self.quick = quick
    self.lemmas = lemmas
    self.figures = figures
    self.supplements = supplements
  }

  /// The definitions of the verdicts' outcomes and numbers (the Markdown
  /// resource `reading-verdicts.md`), shown on the index and on every swept page.
  public static var readingVerdicts: String {
    let text = (try? StaticDocs.text("reading-verdicts.md")) ?? "(the resource reading-verdicts.md is missing; reinstall the package)"
    return text.hasSuffix("\n") ? String(text.dropLast()) : text
  }

  /// The marker lines around the quick-sweep table in `index.md`.
  public static let quickBegin = "<!-- quick-sweep:begin -->"
  /// End marker.
  public static let quickEnd = "<!-- quick-sweep:end -->"

  /// The name of the quick-sweep file in the docs folder.
  public static let quickFile = "quick-sweep.md"

  /// The quick-sweep file: the quick plan's verdict table, between markers.
  public static func quickPage(_ quick: ShardResult) -> String {
    "# Quick sweep\n\nThe verdicts of `pgf report --quick`'s plan (\(SweepPlan.quick.cases.count) cases), recomputed by "
      + "`swift test` (`DocsFreshnessTests`) on every run. Regenerate this file alone with "
      + "`swift run -c release pgf report --quick-table`. *Slack for t ≥ T/10* is the smallest relative slack "
      + "away from the start (where Gronwall-type bounds are tight by construction); see [index.md](index.md) for the definitions.\n\n"
      + quickTable(quick)
  }

  /// The quick-sweep verdict table exactly as it appears in ``quickFile``.
  public static func quickTable(_ quick: ShardResult) -> String {
    var table = MarkdownTable(["id", "verdict", "cases", "hypotheses held", "slack for t ≥ T/10", "worst relative slack"])
    for s in LemmaSummary.summaries(quick) {
      table.append([
        s.lemma, s.verdict, "\(s.cases)", "\(s.casesWithHypotheses)", ReportFormat.significant(s.tailRelativeSlack, digits: 2),
        ReportFormat.significant(s.worstRelativeSlack, digits: 2),
      ])
    }
    return quickBegin + "\n" + table.text + quickEnd + "\n"
  }

  /// All generated files (paths relative to the docs folder).
  public func files() -> ReportFiles {
    var files = ReportFiles()
    let summaries = Dictionary(uniqueKeysWithValues: LemmaSummary.summaries(result).map { ($0.lemma, $0) })
    files.add("index.md", index(summaries))
    files.add(Self.quickFile, Self.quickPage(quick))
    if let proofs = ProofPage.page(result, provenance: provenance) {
      files.add(ProofPage.file, proofs.markdown)
      files.add("figures/\(proofs.figure.file)", proofs.figure.svg)
    }
    for lemma in lemmas {
      files.add("lemmas/\(lemma.id).md", page(lemma, summaries[lemma.id]))
      for f in (figures[lemma.id]?.figures ?? []) + (supplements[lemma.id]?.figures ?? []) {
        files.add("figures/\(f.file)", f.svg)
      }
    }
    return files
  }

  /// Every figure's text problems (see ``TextAudit``), as `"L6-1.svg: overlap: …"`;
  /// empty when every figure reads right.
  public var figureProblems: [String] {
    var all = ProofPage.page(result, provenance: provenance).map { [$0.figure] } ?? []
    for lemma in lemmas { all += (figures[lemma.id]?.figures ?? []) + (supplements[lemma.id]?.figures ?? []) }
    return all.flatMap { f in f.textProblems.map { "\(f.file): \($0)" } }
  }

  var provenance: String {
    "Generated by `\(command)` with package version \(PackageVersion.string), plan `\(plan.name)` "
      + "(\(plan.cases.count) cases, seeds \(Set(plan.cases.map(\.seed)).sorted().map(String.init).joined(separator: ", "))). "
      + "Do not edit by hand: rerun the command."
  }

  func index(_ summaries: [String: LemmaSummary]) -> String {
    var table = MarkdownTable(["id", "title", "status", "verdict", "cases checked", "slack for t ≥ T/10", "worst relative slack", "tightness ratio", "proved (validated)", "page"])
    for lemma in lemmas {
      let s = summaries[lemma.id]
      let sup = supplements[lemma.id]
      table.append([
        lemma.id, lemma.title, lemma.status.rawValue,
        sup?.verdict ?? s?.verdict ?? "—",
        sup?.cases ?? s.map { "\($0.cases) (\($0.casesWithHypotheses) with hypotheses)" } ?? "—",
        sup?.tailRelativeSlack ?? s.map { $0.tailRelativeSlack.isNaN ? "—" : ReportFormat.significant($0.tailRelativeSlack) } ?? "—",
        sup?.worstRelativeSlack ?? s.map { ReportFormat.significant($0.worstRelativeSlack) } ?? "—",
        sup?.tightness ?? "—", ProofPage.indexCell(lemma.id, result), "[\(lemma.id)](lemmas/\(lemma.id).md)",
      ])
    }
    for p in pending {
      table.append([p.id, p.title, p.status.rawValue, "pending", "—", "—", "—", "—", "—", p.reason])
    }
    return """
      # Verification report: the perturbed gradient flow

      \(provenance)

      Each statement of [theory.md](theory.md) is checked as a predicate over sampled trajectories \
      (every accepted step, a uniform grid and the quadrature nodes), on a base run (rtol 1e-8, atol 1e-12) \
      and a refined run (tolerances × 1e-3); an identity is checked by the rtol-shrink rule. \
      A lemma that fails is a bug, never a tolerance to loosen.

      ## How to read a verdict

      \(Self.readingVerdicts)

      ## Verdicts

      \(table.text)
      ## Quick sweep (checked by `swift test`)

      The quick plan's verdict table is in [quick-sweep.md](quick-sweep.md), a file of its own: the test \
      `DocsFreshnessTests` recomputes it in debug mode and fails when it differs, and \
      `swift run -c release pgf report --quick-table` rewrites just that file.

      ## More

      - [The mathematics in this project's words](theory.md)
      - [Validated mode: what "proved" means, and the proved instances](proofs.md)
      - [Adding a conjecture](adding-a-conjecture.md)

      """
  }

  func page(_ lemma: any Statement, _ summary: LemmaSummary?) -> String {
    var out = "# \(lemma.id) \(lemma.title)\n\n"
    out += "**Status:** \(lemma.status.rawValue). "
    if let s = summary {
      out += "**Verdict:** \(s.verdict) — \(s.cases) cases, \(s.casesWithHypotheses) with hypotheses holding"
        + (s.casesApplicable > 0 ? "; relative slack for t ≥ T/10 \(ReportFormat.significant(s.tailRelativeSlack)) (worst relative slack after t = 0: \(ReportFormat.significant(s.worstRelativeSlack)))" : "")
        + ".\n\n"
    } else if let sup = supplements[lemma.id], let verdict = sup.verdict {
      out += "**Verdict:** \(verdict) — \(sup.cases ?? "see below")" + (sup.worstRelativeSlack.map { "; worst relative slack \($0)" } ?? "") + ".\n\n"
    } else {
      out += "\n\n"
    }
    out += "\(provenance)\n\n## Statement\n\n\(lemma.statement)\n\n## Proof\n\n\(lemma.proof)\n\n"
    if let note = lemma.notes { out += "## Notes and corrections to theory.md\n\n\(note)\n\n" }
    if !(lemma is any ExperimentStatement), let shown = figures[lemma.id]?.descriptor ?? plan.cases.first, let checkCase = try? shown.scenario(families: families) {
      let hs = lemma.hypotheses(for: checkCase)
      out += "## Hypotheses\n\n"
      out += hs.isEmpty
        ? "None beyond the setting: the statement holds for every perturbation E.\n\n"
        : "Checked on every sample of every case, never assumed (shown for \(shown)):\n\n" + hs.map { "- `\($0.name)`: \($0.statement)" }.joined(separator: "\n") + "\n\n"
    }
    if let s = summary {
      out += sweepSection(lemma, s)
    }
    if let f = figures[lemma.id], !f.figures.isEmpty {
      out += "## Figures\n\nRepresentative case: \(f.descriptor). Reproduce its verdict with\n\n"
      out += "```sh\nswift run -c release pgf check --lemma \(lemma.id) \(f.descriptor.commandLineFlags)\n```\n\n"
      for fig in f.figures { out += "![\(fig.caption)](../figures/\(fig.file))\n\n*\(fig.caption).*\n\n" }
    }
    for section in supplements[lemma.id]?.sections ?? [] { out += section + "\n\n" }
    out += "## Reproduce\n\n```sh\n\(command)\n```\n"
    return out
  }

  func sweepSection(_ lemma: any Statement, _ s: LemmaSummary) -> String {
    let shapes = Set(plan.cases.map { "\($0.n1)×\($0.n2) k=\($0.k) r=\($0.r) κ=\(ReportFormat.compact($0.kappa))" }).sorted()
    var seen = Set<String>()
    let families = plan.cases.map(\.perturbation).filter { seen.insert($0).inserted }
    var out = "## Sweep\n\n"
    out += "- shapes: \(shapes.joined(separator: "; "))\n- perturbations: \(families.joined(separator: ", "))\n"
    out += "- seeds: \(Set(plan.cases.map(\.seed)).sorted().map(String.init).joined(separator: ", ")); α = \(Set(plan.cases.map { ReportFormat.compact($0.alpha) }).sorted().joined(separator: ", ")); T = \(Set(plan.cases.map { ReportFormat.compact($0.tEnd) }).sorted().joined(separator: ", "))\n"
    out += "- integrator: Dormand–Prince 5(4), rtol 1e-8, atol 1e-12; refined run × 1e-3; 64 grid intervals plus every accepted step, 9 Chebyshev nodes per panel\n\n"
    if let w = s.worst {
      let r = w.record
      out += "**Tightest case:** \(w.descriptor): worst relative slack \(ReportFormat.significant(r.worstRelativeSlack)) at t = \(ReportFormat.significant(r.worstRelativeAt)); "
        + "relative slack for t ≥ T/10 \(ReportFormat.significant(r.tailRelativeSlack)); decisive point: slack \(ReportFormat.significant(r.worstSlack)) + budget \(ReportFormat.significant(r.errorBudget)) at t = \(ReportFormat.significant(r.at)) in `\(r.worstPart)`. Reproduce:\n\n"
      out += "```sh\nswift run -c release pgf check --lemma \(lemma.id) \(w.descriptor.commandLineFlags)\n```\n\n"
    }
    out += "### How to read the numbers\n\n\(Self.readingVerdicts)\n\n"
    var table = MarkdownTable(["case", "hypotheses", "holds", "slack for t ≥ T/10", "worst relative slack (at t)", "decisive slack + budget (at t)", "decisive part"])
    for c in result.cases {
      guard let r = c.records.first(where: { $0.lemma == lemma.id }) else { continue }
      let hyp = r.hypothesisHolds.map { $0 ? "hold" : "fail" } ?? "none"
      let holds: String
      switch r.outcome {
      case .holds: holds = "yes"
      case .fails: holds = r.error.map { "error: \($0)" } ?? "**no**"
      case .notApplicable(let reason): holds = "not applicable: \(reason)"
      }
      guard r.conclusionHolds != nil else {
        table.append(["\(c.descriptor)", hyp, holds, "—", "—", "—", "—"])
        continue
      }
      table.append([
        "\(c.descriptor)", hyp, holds, ReportFormat.significant(r.tailRelativeSlack),
        "\(ReportFormat.significant(r.worstRelativeSlack)) (\(ReportFormat.significant(r.worstRelativeAt)))",
        "\(ReportFormat.significant(r.worstSlack)) + \(ReportFormat.significant(r.errorBudget)) (\(ReportFormat.significant(r.at)))", r.worstPart,
      ])
    }
    out += "<details><summary>Verdict table (\(s.cases) cases)</summary>\n\n\(table.text)\n</details>\n\n"
    return out
  }
}

import Foundation
