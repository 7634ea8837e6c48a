import Flow

/// The claim sweeps of the report: for C1 and C2, the final error and the
/// settling time of the claim's conclusion against the perturbation size in
/// units of the bound (`s = δ/δ₁` with `δ₁ = c₁/κ_F`, or `s = ε/ε₁` with
/// `ε₁ = c₃σ_r`), per family, on one validation problem; and the greedy
/// adversary's critical size by bisection, whose ratio to the bound is the
/// tightness ratio.
public struct ClaimReport: Sendable {
  /// Which claim.
  public enum Claim: String, Sendable, CaseIterable {
    case c1 = "C1"
    case c2 = "C2"

    /// Families swept.
    var families: [PerturbationSpec.Family] {
      switch self {
      case .c1: return [.scaling, .greedyRel]
      case .c2: return [.fixed, .rotating, .alignedKill, .greedy]
      }
    }
  }

  /// The problem of the phase diagrams: the harder validation problem
  /// (10×14, k = r = 3, κ = 1, α = 1e-2, seed 11; see ``ClaimConstants/calibrationRecord``).
  public static let problem = CaseDescriptor(n1: 10, n2: 14, k: 3, r: 3, kappa: 1, alpha: 1e-2, seed: 11, perturbation: "zero", tEnd: 1)

  /// Sizes in units of the bound.
  public let sizes: [Double]
  /// Bisection halvings for the critical size.
  public let bisections: Int
  /// The constants (default: the calibrated ones).
  public let constants: ClaimConstants

  /// The sweep of a plan: 11 sizes and 6 halvings for `full`, 4 sizes and 3 halvings for `quick`.
  public init(plan: SweepPlan, constants: ClaimConstants = .calibrated) {
    if plan.name == "quick" {
      sizes = [0.5, 1, 2, 3]
      bisections = 3
    } else {
      sizes = [0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 2.5, 3, 4]
      bisections = 6
    }
    self.constants = constants
  }

  /// The sharp family of a claim (the witness) and its threshold in units of the bound:
  /// C1: `scaling` at δ = 1 (L9), C2: `alignedKill` at ε = σ_r (L10).
  func witness(_ claim: Claim, _ problem: Problem) -> (family: PerturbationSpec.Family, threshold: Double) {
    switch claim {
    case .c1: return (.scaling, 1 / constants.deltaBound(problem))
    case .c2: return (.alignedKill, problem.target.sigmaMin / constants.epsilonBound(problem))
    }
  }

  /// The sizes swept for a family: the plan's sizes, plus the sharp threshold and
  /// 1.5 × it for the witness family (where the conclusion must break).
  func sizes(_ claim: Claim, _ family: PerturbationSpec.Family, _ problem: Problem) -> [Double] {
    let w = witness(claim, problem)
    return family == w.family ? sizes + [w.threshold, 1.5 * w.threshold] : sizes
  }

  /// One unit per (claim, family, size) and one bisection unit per claim.
  public var units: [ExtraUnit] {
    var out: [ExtraUnit] = []
    let constants = self.constants
    guard let problem = try? Self.problem.problem() else { return [] }
    for claim in Claim.allCases {
      for family in claim.families {
        for s in sizes(claim, family, problem) {
          out.append(ExtraUnit(key: "claim:\(claim.rawValue):\(family.rawValue):\(s)") {
            try Self.point(claim, family, s, constants: constants)
          })
        }
      }
      let iterations = bisections
      out.append(ExtraUnit(key: "claim:\(claim.rawValue):critical") {
        let p = try Self.problem.problem()
        let c = claim == .c1
          ? try CriticalSize.greedyRelative(p, constants: constants, iterations: iterations)
          : try CriticalSize.greedyAbsolute(p, constants: constants, iterations: iterations)
        let bound = claim == .c1 ? constants.deltaBound(p) : constants.epsilonBound(p)
        return .object([
          ("lower", .exact(c.lower / bound)), ("upper", .exact(c.upper / bound)), ("probes", .integer(c.probes.count)),
        ])
      })
    }
    return out
  }

  /// Final error and settling time of one (claim, family, size).
  static func point(_ claim: Claim, _ family: PerturbationSpec.Family, _ s: Double, constants: ClaimConstants) throws -> JSONValue {
    let problem = try Self.problem.problem()
    let tau = try constants.accuracy(for: problem)
    let size = claim == .c1 ? s * constants.deltaBound(problem) : s * constants.epsilonBound(problem)
    let perturbation = try PerturbationSpec(family: family, size: size).make(for: problem, seed: Self.problem.seed)
    let horizon = constants.bisectionHorizon * ClaimConstants.timeScale(problem)
    let scan: ClaimScan
    do {
      scan = try ClaimScan(problem: problem, perturbation: perturbation, tEnd: horizon)
    } catch let e as IntegrationError {
      return .object([("failure", .string("\(e)"))])
    }
    let sigmaR = problem.target.sigmaMin
    let settled: Double?
    let finalError: Double
    switch claim {
    case .c1:
      settled = try scan.settlingTime { $0.residualFrobenius <= tau }
      finalError = scan.final.residualFrobenius / problem.target.frobeniusNorm
    case .c2:
      settled = try scan.settlingTime { p in
        p.residualSpectral <= constants.c5 * size + tau && p.productSigmaR >= max(sigmaR - size - tau, tau)
      }
      finalError = scan.final.residualSpectral / problem.target.frobeniusNorm
    }
    let promised = claim == .c1 ? constants.t1(problem, delta: size) : constants.t2(problem, epsilon: size)
    return .object([
      ("finalError", .exact(finalError)), ("settling", settled.map(JSONValue.exact) ?? .null),
      ("promised", promised.map(JSONValue.exact) ?? .null), ("tau", .exact(tau / problem.target.frobeniusNorm)),
    ])
  }

  /// The page supplement (phase diagram, table, tightness) of a claim from a complete result.
  public func supplement(_ claim: Claim, _ result: ShardResult) throws -> PageSupplement {
    let problem = try Self.problem.problem()
    var sup = PageSupplement()
    let sharp = witness(claim, problem).threshold
    let sharpLabel = claim == .c1 ? "sharp threshold δ = 1 (L9)" : "sharp threshold ε = σ_r (L10)"
    var errorSeries: [Series] = []
    var timeSeries: [Series] = []
    var table = MarkdownTable(["family", "s", "size", "final error ‖R(T)‖/‖X‖_F", "settling time", "promised T", "holds"])
    var tau = Double.nan
    var inside = 0, failures = 0
    var worstMargin = Double.infinity
    for (i, family) in claim.families.enumerated() {
      var xs: [Double] = [], errors: [Double] = [], times: [Double] = []
      for s in sizes(claim, family, problem) {
        guard let json = result.extras["claim:\(claim.rawValue):\(family.rawValue):\(s)"] else { continue }
        let size = claim == .c1 ? s * constants.deltaBound(problem) : s * constants.epsilonBound(problem)
        if case .string(let failure)? = json["failure"] {
          table.append([family.rawValue, ReportFormat.compact(s), ReportFormat.significant(size), "integration failed", "—", "—", failure])
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
        if family == witness(claim, problem).family, s == sharp {
          holds = settled == nil ? "broken, as it must be (sharp threshold)" : "**not broken at the sharp threshold**"
          if settled != nil { failures += 1 }
        } else if family == witness(claim, problem).family, s > sharp {
          holds = "— (beyond the threshold: nothing asserted)"
        } else if s > 1 {
          holds = "— (outside the hypothesis)"
        } else if let p = promised, let t = settled {
          holds = t <= p ? "yes" : "**no**"
          inside += 1
          if t > p { failures += 1 }
          worstMargin = min(worstMargin, (p - t) / p)
        } else {
          holds = settled == nil ? "**no** (not settled)" : "—"
          inside += 1
          failures += 1
          worstMargin = min(worstMargin, -1)
        }
        table.append([
          family.rawValue, ReportFormat.compact(s), ReportFormat.significant(size), ReportFormat.significant(e),
          settled.map { ReportFormat.significant($0) } ?? "not settled", promised.map { ReportFormat.significant($0) } ?? "undefined", holds,
        ])
      }
      let marker: [Marker] = [.circle, .square, .triangle, .diamond]
      errorSeries.append(Series(family.rawValue, xs: xs, ys: errors, marker: marker[i % 4], colorIndex: i))
      timeSeries.append(Series(family.rawValue, xs: xs, ys: times, marker: marker[i % 4], colorIndex: i))
    }
    let refs: [ReferenceLine] = [.vertical(at: 1, label: "bound (s = 1)"), .vertical(at: sharp, label: sharpLabel, line: .dotted)]
    let shade = [ShadedInterval(from: 0, to: 1, label: "hypothesis holds")]
    let top = LinePlot(
      title: "\(claim.rawValue): final error vs perturbation size",
      xAxis: Axis(label: "perturbation size s (units of the bound)"),
      yAxis: Axis(label: claim == .c1 ? "‖R(T)‖_F / ‖X‖_F" : "‖R(T)‖ / ‖X‖_F", scale: .log),
      series: errorSeries, referenceLines: refs + (tau.isFinite ? [.horizontal(at: tau, label: "τ/‖X‖_F")] : []),
      shadedIntervals: shade)
    let bottom = LinePlot(
      title: "\(claim.rawValue): settling time of the conclusion vs perturbation size",
      xAxis: Axis(label: "perturbation size s (units of the bound)"), yAxis: Axis(label: "settling time"),
      series: timeSeries, referenceLines: refs, shadedIntervals: shade)
    sup.figures.append(
      LemmaFigures.Figure(
        file: "\(claim.rawValue)-phase.svg",
        caption: "\(claim.rawValue) phase diagram on \(Self.problem.shapeDescription): final error (top) and settling time (bottom; missing = never settled) against the size in units of the bound",
        svg: PanelFigure(panels: [top, bottom]).svg()))
    var tightness = "—"
    if let c = result.extras["claim:\(claim.rawValue):critical"],
      let lo = try? JSONValue.exactValue(c["lower"]), let hi = try? JSONValue.exactValue(c["upper"])
    {
      tightness = hi.isFinite ? "\(ReportFormat.significant(0.5 * (lo + hi)))" : "≥ \(ReportFormat.significant(lo))"
      sup.sections.append(
        "## Tightness\n\nThe greedy adversary (`\(claim == .c1 ? "greedyRel" : "greedy")`) converges up to a critical size between "
          + "\(ReportFormat.significant(lo)) and \(ReportFormat.significant(hi)) in units of the bound (bisection, \(bisections) halvings, "
          + "horizon \(ReportFormat.compact(constants.bisectionHorizon)) × ln(σ₁/α̂)/σ_r). The tightness ratio *empirical critical size / bound* is "
          + "\(tightness); above 1 the claim's bound is conservative for this adversary.")
    }
    sup.tightness = tightness
    sup.verdict = failures == 0 ? "holds" : "VIOLATED (\(failures) of \(inside))"
    sup.cases = "\(inside) sweep points with s ≤ 1"
    sup.worstRelativeSlack = ReportFormat.significant(worstMargin)
    sup.sections.insert(
      "## Phase diagram\n\nOn \(Self.problem.shapeDescription) with the calibrated constants (\(constants)). "
        + "s ≤ 1 is inside the hypothesis: there the conclusion must hold for every family, greedy adversary included, "
        + "which here means settling (the conclusion holding from then on, up to \(ReportFormat.compact(constants.bisectionHorizon)) × ln(σ₁/α̂)/σ_r) "
        + "no later than the promised time; the verdict's relative slack is (promised − settling)/promised. "
        + "The sharp family breaks it at the sharp threshold.\n\n![phase diagram](../figures/\(claim.rawValue)-phase.svg)\n\n\(table.text)",
      at: 0)
    return sup
  }
}

extension CaseDescriptor {
  /// `"9×9 k=5 r=2 κ=4 α=0.01 seed 12"`.
  var shapeDescription: String {
    "\(n1)×\(n2) k=\(k) r=\(r) κ=\(ReportFormat.compact(kappa)) α=\(ReportFormat.compact(alpha)) seed \(seed)"
  }
}
