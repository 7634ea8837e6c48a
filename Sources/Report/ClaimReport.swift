import Bounds
import Plotting

/// The claim pages' supplements: for each ``SweptClaim``, the phase diagram
/// (final error and settling time against the size in units of the bound),
/// the sweep table and the tightness ratio, rendered from the units that
/// ``ClaimSweep`` computed.
public struct ClaimReport: Sendable {
  /// Sizes in units of the bound (the plan's).
  public let sizes: [Double]
  /// Bisection halvings (the plan's).
  public let bisections: Int
  /// The constants named on the pages (default: the calibrated ones).
  public let constants: ClaimConstants

  /// The pages of a plan's claim sweeps.
  public init(plan: SweepPlan, constants: ClaimConstants = .calibrated) {
    sizes = plan.claimBudget.sizes
    bisections = plan.claimBudget.bisections
    self.constants = constants
  }

  /// The page supplement (phase diagram, table, tightness) of a claim from a complete result.
  public func supplement(_ claim: any SweptClaim, _ result: ShardResult) throws -> PageSupplement {
    let problem = try ClaimSweep.problem.problem.problem()
    var sup = PageSupplement()
    let sharp = claim.witness(problem).threshold
    let sharpLabel = claim.witnessLabel
    var errorSeries: [Series] = []
    var timeSeries: [Series] = []
    var table = MarkdownTable(["family", "s", "size", "final error ‖R(T)‖/‖X‖_F", "settling time", "promised T", "holds"])
    var tau = Double.nan
    var inside = 0, failures = 0
    var worstMargin = Double.infinity
    var notApplicable = 0
    var errorUse = 0.0, timeUse = 0.0, amplification = 0.0
    for (i, family) in claim.sweptFamilies.enumerated() {
      var xs: [Double] = [], errors: [Double] = [], times: [Double] = []
      for s in claim.sweptSizes(sizes, family, problem) {
        guard let json = result.extras[ClaimSweep.key(claim, family, s)] else { continue }
        let size = s * claim.boundSize(problem)
        if case .string(let failure)? = json["failure"] {
          table.append([family.name, ReportFormat.compact(s), ReportFormat.significant(size), "integration failed", "—", "—", failure])
          continue
        }
        let e = (try? JSONValue.exactValue(json["finalError"])) ?? .nan
        let settled = json["settling"].flatMap { try? JSONValue.exactValue($0) }
        let promised = json["promised"].flatMap { try? JSONValue.exactValue($0) }
        tau = (try? JSONValue.exactValue(json["tau"])) ?? tau
        xs.append(s)
        errors.append(e)
        times.append(settled ?? .nan)
        let holds: String
        if family == claim.witness(problem).family, s == sharp {
          holds = settled == nil ? "broken, as it must be (sharp threshold)" : "**not broken at the sharp threshold**"
          if settled != nil { failures += 1 }
        } else if family == claim.witness(problem).family, s > sharp {
          holds = "— (beyond the threshold: nothing asserted)"
        } else if s > 1 {
          holds = "— (outside the hypothesis)"
        } else if json["hypothesisHolds"] != .bool(true) {
          let margin = json["hypothesisMargin"].flatMap { try? JSONValue.exactValue($0) }
          let name = json["hypothesis"].flatMap { v -> String? in if case .string(let n) = v { return n } else { return nil } } ?? "the hypothesis"
          holds = json["hypothesisHolds"] == nil
            ? "not applicable: hypothesis not evaluated on the trajectory"
            : "not applicable: \(name) fails on the trajectory (margin \(margin.map { ReportFormat.significant($0) } ?? "?")·‖X‖_F)"
          notApplicable += 1
        } else if let p = promised, let t = settled {
          holds = t <= p ? "yes" : "**no**"
          inside += 1
          timeUse = max(timeUse, t / p)
          if let b = json["errorBound"].flatMap({ try? JSONValue.exactValue($0) }), b > 0 { errorUse = max(errorUse, e / b) }
          if size > 0, claim.id == "C2" { amplification = max(amplification, e * problem.target.frobeniusNorm / size) }
          if t > p { failures += 1 }
          worstMargin = min(worstMargin, (p - t) / p)
        } else {
          holds = settled == nil ? "**no** (not settled)" : "—"
          inside += 1
          failures += 1
          worstMargin = min(worstMargin, -1)
        }
        table.append([
          family.name, ReportFormat.compact(s), ReportFormat.significant(size), ReportFormat.significant(e),
          settled.map { ReportFormat.significant($0) } ?? "not settled", promised.map { ReportFormat.significant($0) } ?? "undefined", holds,
        ])
      }
      let marker: [Marker] = [.circle, .square, .triangle, .diamond]
      errorSeries.append(Series(family.name, xs: xs, ys: errors, marker: marker[i % 4], colorIndex: i))
      timeSeries.append(Series(family.name, xs: xs, ys: times, marker: marker[i % 4], colorIndex: i))
    }
    let refs: [ReferenceLine] = [.vertical(at: 1, label: "bound (s = 1)"), .vertical(at: sharp, label: sharpLabel, line: .dotted)]
    let shade = [ShadedInterval(from: 0, to: 1, label: "hypothesis holds")]
    let top = LinePlot(
      title: "\(claim.id): final error vs perturbation size",
      xAxis: Axis(label: "perturbation size s (units of the bound)"),
      yAxis: Axis(label: claim.errorLabel, scale: .log),
      series: errorSeries, referenceLines: refs + (tau.isFinite ? [.horizontal(at: tau, label: "τ/‖X‖_F")] : []),
      shadedIntervals: shade)
    let bottom = LinePlot(
      title: "\(claim.id): settling time of the conclusion vs perturbation size",
      xAxis: Axis(label: "perturbation size s (units of the bound)"), yAxis: Axis(label: "settling time"),
      series: timeSeries, referenceLines: refs, shadedIntervals: shade)
    sup.figures.append(
      LemmaFigures.Figure(
        file: "\(claim.id)-phase.svg",
        caption: "\(claim.id) phase diagram on \(ClaimSweep.problem.shapeDescription): final error (top) and settling time (bottom; missing = never settled) against the size in units of the bound",
        panels: PanelFigure(panels: [top, bottom])))
    var tightness = "—"
    if let c = result.extras[ClaimSweep.criticalKey(claim)],
      let lo = try? JSONValue.exactValue(c["lower"]), let hi = try? JSONValue.exactValue(c["upper"])
    {
      tightness = hi.isFinite ? "\(ReportFormat.significant(0.5 * (lo + hi)))" : "≥ \(ReportFormat.significant(lo))"
      sup.sections.append(
        "## Tightness\n\nThe greedy adversary (`\(claim.adversaryName)`) converges up to a critical size between "
          + "\(ReportFormat.significant(lo)) and \(ReportFormat.significant(hi)) in units of the bound (bisection, \(bisections) halvings, "
          + "horizon \(ReportFormat.compact(constants.bisectionHorizon)) × ln(σ₁/α̂)/σ_r). The tightness ratio *empirical critical size / bound* is "
          + "\(tightness); above 1 the claim's bound is conservative for this adversary.")
    }
    sup.tightness = tightness
    if failures > 0 {
      sup.verdict = "VIOLATED (\(failures) of \(inside))"
    } else if inside == 0 {
      sup.verdict = "not applicable: no sweep point with s ≤ 1 satisfied the hypothesis on its trajectory"
    } else {
      sup.verdict = "holds"
    }
    sup.cases = "\(inside) sweep points with s ≤ 1" + (notApplicable > 0 ? " (\(notApplicable) more not applicable: hypothesis fails on the trajectory)" : "")
    if inside > 0 {
      let ratio = claim.id == "C2" && amplification > 0 ? " and ‖R(T)‖/ε ≤ \(ReportFormat.significant(amplification))" : ""
      sup.sections.append(
        "## Which part is informative\n\nOver the \(inside) sweep points inside the hypothesis (s ≤ 1, hypothesis holding on the trajectory): "
          + "the final error uses at most \(ReportFormat.significant(errorUse)) of its bound (\(claim.errorLabel) against "
          + (claim.id == "C2" ? "(c₅ε + τ)/‖X‖_F" : "τ/‖X‖_F") + ")\(ratio); the settling time uses at most \(ReportFormat.significant(timeUse)) of the promised time. "
          + "A fraction near 1 means that part binds; a small one means it is loose. See the notes above for the calibration's measured ratios.")
    }
    sup.worstRelativeSlack = ReportFormat.significant(worstMargin)
    sup.tailRelativeSlack = "— (a sweep: see the phase diagram)"
    sup.sections.insert(
      "## Phase diagram\n\nOn \(ClaimSweep.problem.shapeDescription) with the calibrated constants (\(constants)). "
        + "s ≤ 1 is inside the hypothesis: there the conclusion must hold for every family, greedy adversary included, "
        + "which here means settling (the conclusion holding from then on, up to \(ReportFormat.compact(constants.bisectionHorizon)) × ln(σ₁/α̂)/σ_r) "
        + "no later than the promised time; the verdict's relative slack is (promised − settling)/promised. "
        + "The sharp family breaks it at the sharp threshold.\n\n![phase diagram](../figures/\(claim.id)-phase.svg)\n\n\(table.text)",
      at: 0)
    return sup
  }
}

extension ScenarioSpec {
  /// `"9×9 k=5 r=2 κ=4 α=0.01 seed 12"`.
  var shapeDescription: String {
    "\(n1)×\(n2) k=\(k) r=\(r) κ=\(ReportFormat.compact(kappa)) α=\(ReportFormat.compact(alpha)) seed \(seed)"
  }
}
