import Bounds
import Foundation

/// `pgf lemmas` and `pgf check`.
enum CheckCommand {
  static let valued: Set<String> = ProblemOptions.valued.union(["lemma", "grid", "threads", "experiment", "m", "operator", "noise", "steps"])
  static let switches: Set<String> = ["json"]

  static let help = """
    usage: pgf check --lemma ID [problem and flow options] [--json]

    Integrates the flow (base run at --rtol/--atol and a refined run at 1000× smaller
    tolerances), checks the lemma's hypotheses and conclusion on the sampled trajectory,
    and prints the verdict — holds, FAILS, or not applicable (with the reason) — then the
    slack for t ≥ T/10 (how tight the bound is away from the start, where Gronwall-type
    bounds are tight by construction), and the decisive point: the sample where slack +
    error budget is smallest, which is what "holds" tests (slack + budget ≥ 0), with its
    slack, budget and t. The worst relative slack after t = 0 is printed separately.

      --lemma ID             L1 … L10, C1, C2 (see pgf lemmas)
      --grid N               uniform grid intervals added to the step points (default 64)
      --threads N            threads that make the samples of a large case (default: PGF_THREADS,
                             else the active processor count); the verdict does not depend on it
      --json                 one JSON object: lemma, status, hypothesisHolds (true/false/null),
                             holds (true/false, or null when not applicable), outcome, reason
                             (a string when holds is null), conclusionHolds, worstSlack,
                             errorBudget, margin, at, worstPart (the decisive point),
                             tailRelativeSlack, worstRelativeSlack, worstRelativeAt, parts, …
    \(ProblemOptions.help)
    The declared size of --perturbation sets the hypothesis that is checked: H_abs(ε) for
    absolute families, H_rel(δ) for scaling and greedyRel. A hypothesis that fails is
    reported as failed, never assumed: the conclusion is then not applicable, and the
    reason says which hypothesis failed, by how much, and what the conclusion did anyway.
    A conclusion none of whose parts applies (e.g. C1 with T < T₁) is not applicable too.

    Above (n1 + n2)·k = 40 000 the trajectories are compact (samples made while the
    integrator steps, only k-sized quantities kept): L4 and L7 run at any size, the other
    statements stop with an error there.

    Statements checked by their own experiment (L1-GD, C3–C9: gradient descent for matrix
    sensing) are not checked on a flow case; instead:
      --experiment quick|full  run the statement's own sweep (the units `pgf report` runs at
                               that plan; quick: seconds in release) and print its verdict
      --n1 N --n2 N --k K --r R --m M [--kappa K] [--alpha A] [--seed S]
                   [--operator gaussian|rankOne] [--noise S] [--steps K]
                               L1-GD and C8 only: check one sensing problem (L1-GD: one
                               full-batch run of --steps steps, default 60; C8: one run of
                               Theorem 2.8's K steps, --steps ignored); defaults κ 1, α 1e-3, seed 1
    with --json: {"lemma", "verdict", "holds" (true/false/null), "cases", "worstRelativeSlack"}.

    Exit status: 0 the conclusion holds; 3 a violation (the conclusion fails while every
    hypothesis holds); 4 not applicable (a hypothesis fails, or no part of the conclusion
    applies); 1 on errors, 2 on usage errors.
    """

  static let lemmasHelp = """
    usage: pgf lemmas [--json]

    Lists every statement and conjecture of the catalogue (id, status, title) and the
    pending ones, then the perturbation families. --json prints one object:
    {"statements": [{"id", "status", "title", "pending", "reason"}…],
     "families": [{"name", "size", "summary"}…]}.
    """

  /// `pgf lemmas [--json]`.
  static func lemmas(_ tokens: [String], catalogue: Catalogue) throws -> String {
    let args = try Arguments(tokens, valued: [], switches: ["json"])
    guard args.positional.isEmpty else { throw UsageError("pgf lemmas takes only --json; got '\(args.positional[0])'") }
    if args.has("json") {
      let statements: [JSONValue] = catalogue.all.map { s in
        .object([("id", .string(s.id)), ("status", .string(s.status.rawValue)), ("title", .string(s.title)), ("pending", .bool(false)), ("reason", .null)])
      } + catalogue.pending.map { p in
        .object([("id", .string(p.id)), ("status", .string(p.status.rawValue)), ("title", .string(p.title)), ("pending", .bool(true)), ("reason", .string(p.reason))])
      }
      let families: [JSONValue] = catalogue.families.all.map { f in
        .object([("name", .string(f.name)), ("size", .string(f.sizeKind.rawValue)), ("summary", .string(f.summary))])
      }
      return try JSONValue.object([("statements", .array(statements)), ("families", .array(families))]).serialized()
    }
    let rows = catalogue.all.map { ($0.id, $0.status.rawValue, $0.title) }
      + catalogue.pending.map { ($0.id, $0.status.rawValue, "\($0.title) (pending: \($0.reason))") }
    let width = rows.map(\.0.count).max()! + 2
    func pad(_ s: String, _ n: Int) -> String { s.padding(toLength: n, withPad: " ", startingAt: 0) }
    let table = ([("id", "status", "title")] + rows).map { pad($0.0, width) + pad($0.1, 12) + $0.2 }.joined(separator: "\n")
    let familyWidth = catalogue.families.all.map(\.name.count).max()! + 2
    let families = catalogue.families.all.map { pad($0.name, familyWidth) + pad($0.sizeKind.rawValue, 10) + $0.summary }
    return table + "\n\nperturbation families (NAME:SIZE)\n" + families.joined(separator: "\n")
  }

  /// The statement named by `--lemma`, or a usage error naming the known ids.
  static func statement(_ args: Arguments, catalogue: Catalogue) throws -> any Statement {
    guard let id = args.string("lemma") else { throw UsageError("--lemma ID is required; run 'pgf lemmas' for the ids") }
    guard let lemma = catalogue.statement(id: id) else {
      if let pending = catalogue.pendingEntry(id: id) {
        throw ProblemError.invalidValue("\(pending.id) is pending: \(pending.reason)")
      }
      let ids = (catalogue.all.map(\.id) + catalogue.pending.map(\.id)).joined(separator: ", ")
      throw UsageError("unknown lemma '\(id)'; known ids: \(ids)")
    }
    return lemma
  }

  /// The exit status of a verdict: 0 holds, 3 fails (a violation), 4 not applicable.
  static func exitStatus(_ v: Verdict) -> Int32 {
    switch v.outcome {
    case .holds: return 0
    case .fails: return 3
    case .notApplicable: return 4
    }
  }

  /// Runs the check; returns the text to print and the exit status (see ``exitStatus(_:)``).
  static func run(_ tokens: [String], catalogue: Catalogue) throws -> (output: String, status: Int32) {
    let args = try Arguments(tokens, valued: valued, switches: switches)
    guard args.positional.isEmpty else { throw UsageError("unexpected argument '\(args.positional[0])'") }
    let lemma = try statement(args, catalogue: catalogue)
    if let experiment = lemma as? any ExperimentStatement {
      return try checkExperiment(experiment, args)
    }
    for flag in ["experiment", "m", "operator", "noise", "steps"] where args.has(flag) {
      throw UsageError("--\(flag) applies only to the experiment statements (L1-GD, C3–C9); \(lemma.id) is checked on a flow case")
    }
    let problem = try ProblemOptions.problem(from: args)
    let (spec, perturbation) = try ProblemOptions.perturbation(from: args, problem: problem, families: catalogue.families)
    var checkCase = Scenario(
      problem: problem, perturbation: perturbation, bound: PerturbationBound(spec), tEnd: try ProblemOptions.tEnd(args),
      label: "\(problem.n1)×\(problem.n2) k=\(problem.k) r=\(problem.r) \(spec)")
    let tEnd = checkCase.tEnd
    guard tEnd.isFinite, tEnd > 0 else { throw ProblemError.invalidValue("final time must be finite and > 0 (got \(tEnd)); e.g. --t-end 40") }
    checkCase.relativeTolerance = try ProblemOptions.relativeTolerance(args)
    checkCase.absoluteTolerance = try ProblemOptions.absoluteTolerance(args)
    guard checkCase.relativeTolerance > 0 else { throw ProblemError.invalidValue("relative tolerance must be finite and > 0 (got \(checkCase.relativeTolerance)); e.g. --rtol 1e-8") }
    guard checkCase.absoluteTolerance > 0 else { throw ProblemError.invalidValue("absolute tolerance must be finite and > 0 (got \(checkCase.absoluteTolerance)); e.g. --atol 1e-12") }
    if let g = try args.int("grid") {
      guard (1...1_000_000).contains(g) else { throw UsageError("--grid must be between 1 and 1000000, got \(g)") }
      checkCase.gridIntervals = g
    }
    checkCase.threads = try ProblemOptions.threads(args)
    let verdict = try lemma.check(ScenarioContext(checkCase))
    let text = args.has("json") ? try verdict.json.serialized() : summary(lemma, verdict)
    return (text, exitStatus(verdict))
  }

  /// An experiment statement: its sweep at `--experiment quick|full`, or (``SingleCaseExperiment``) one sensing case.
  static func checkExperiment(_ statement: any ExperimentStatement, _ args: Arguments) throws -> (output: String, status: Int32) {
    let single = statement as? any SingleCaseExperiment
    let caseFlags = ["n1", "n2", "k", "r", "m", "kappa", "alpha", "seed", "operator", "noise", "steps"].filter { args.has($0) }
    let page: ExperimentPage
    if let budgetText = args.string("experiment") {
      guard caseFlags.isEmpty else { throw UsageError("--experiment runs the statement's own sweep; drop --\(caseFlags[0])") }
      switch budgetText {
      case "quick": page = try ExperimentCheck.page(statement, budget: .quick)
      case "full": page = try ExperimentCheck.page(statement, budget: .full)
      default: throw UsageError("--experiment must be quick or full, got '\(budgetText)'")
      }
    } else if let single, !caseFlags.isEmpty {
      func required(_ name: String) throws -> Int {
        guard let v = try args.int(name) else { throw UsageError("one sensing case needs --\(name) (and --n1, --n2, --k, --r, --m)") }
        guard v >= 1 else { throw UsageError("--\(name) must be ≥ 1, got \(v)") }
        return v
      }
      let kindText = args.string("operator") ?? "gaussian"
      guard let kind = OperatorKind(rawValue: kindText) else { throw UsageError("--operator must be gaussian or rankOne, got '\(kindText)'") }
      let kappa = try args.double("kappa") ?? 1, alpha = try args.double("alpha") ?? 1e-3, noise = try args.double("noise") ?? 0
      guard kappa.isFinite, kappa >= 1 else { throw UsageError("--kappa must be finite and ≥ 1, got \(kappa)") }
      guard alpha.isFinite, alpha > 0 else { throw UsageError("--alpha must be finite and > 0, got \(alpha)") }
      guard noise.isFinite, noise >= 0 else { throw UsageError("--noise must be finite and ≥ 0, got \(noise)") }
      let steps = try args.int("steps")
      if let s = steps, s < 1 { throw UsageError("--steps must be ≥ 1, got \(s)") }
      let c = SensingCase(
        n1: try required("n1"), n2: try required("n2"), k: try required("k"), r: try required("r"), kappa: kappa, alpha: alpha,
        seed: try args.uint64("seed") ?? 1, m: try required("m"), kind: kind, noise: noise)
      guard c.spec.problem.r <= min(c.spec.problem.n1, c.spec.problem.n2) else { throw UsageError("--r must be ≤ min(n1, n2)") }
      page = try ExperimentCheck.page(single, case: c, steps: steps)
    } else {
      let one = single == nil ? "" : ", or on one sensing problem with --n1 N --n2 N --k K --r R --m M"
      throw ProblemError.invalidValue(
        "\(statement.id) is checked by its own experiment, not on one flow case; run 'pgf report' (its page is docs/lemmas/\(statement.id).md), or its sweep here with --experiment quick\(one)")
    }
    let status = ExperimentCheck.exitStatus(page)
    if args.has("json") {
      let holds: JSONValue = status == 0 ? .bool(true) : status == 3 ? .bool(false) : .null
      let json = JSONValue.object([
        ("lemma", .string(statement.id)), ("verdict", .string(page.verdict)), ("holds", holds), ("cases", .string(page.cases)),
        ("worstRelativeSlack", page.worstRelativeSlack.map(JSONValue.string) ?? .null),
      ])
      return (try json.serialized(), status)
    }
    var lines = ["lemma        \(statement.id) — \(statement.title)", "status       \(statement.status.rawValue)", "statement    \(statement.statement)"]
    lines.append("verdict      \(page.verdict)")
    lines.append("cases        \(page.cases)")
    if let w = page.worstRelativeSlack { lines.append("worst relative slack \(w)") }
    return ((lines + [""] + page.sections).joined(separator: "\n"), status)
  }

  static func summary(_ lemma: any Statement, _ v: Verdict) -> String {
    var lines: [String] = []
    lines.append("\(v.lemma) \(lemma.title) (\(v.status.rawValue)) on \(v.caseLabel)")
    lines.append("statement    \(lemma.statement)")
    let verdict: String
    switch v.outcome {
    case .holds: verdict = "holds"
    case .fails: verdict = "VIOLATED (the conclusion fails while every hypothesis holds)"
    case .notApplicable(let reason): verdict = "not applicable: \(reason)"
    }
    lines.append("verdict      \(verdict)")
    if v.conclusionHolds != nil {
      lines.append("slack        for t ≥ T/10: relative \(fmt(v.tailRelativeSlack)) (tightness away from the start)")
      lines.append("decisive     slack \(fmt(v.worstSlack)) + budget \(fmt(v.errorBudget)) = margin \(fmt(v.margin)) at t = \(fmt(v.at)) in \(v.worstPart) (holds ⇔ margin ≥ 0)")
      lines.append("tightest     worst relative slack after t = 0: \(fmt(v.worstRelativeSlack)) at t = \(fmt(v.worstRelativeAt)) in \(v.worstRelativePart)")
    }
    if v.hypotheses.isEmpty {
      lines.append("hypotheses   none")
    } else {
      for h in v.hypotheses {
        let at = h.at.map { " at t = \(fmt($0))" } ?? ""
        lines.append("hypothesis   \(h.name): \(h.holds ? "holds" : "FAILS") (worst margin \(fmt(h.worstMargin))\(at))")
      }
    }
    for p in v.parts {
      if let reason = p.notApplicable {
        lines.append("part         \(p.name): not applicable (\(reason))")
        continue
      }
      let shrink = p.shrinkRatio.map { ", rtol-shrink ratio \(fmt($0))" } ?? ""
      lines.append("part         \(p.name): \(p.holds == true ? "holds" : "FAILS"); for t ≥ T/10 relative slack \(fmt(p.tailRelativeSlack)); decisive slack \(fmt(p.worstSlack)), budget \(fmt(p.budget)) at t = \(fmt(p.at)); worst relative \(fmt(p.worstRelativeSlack)) at t = \(fmt(p.worstRelativeAt))\(shrink)")
    }
    return lines.joined(separator: "\n")
  }
}
