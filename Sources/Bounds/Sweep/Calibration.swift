import Foundation
import Flow

/// The calibration of ``ClaimConstants`` as code.
///
/// **Procedure** (``run(_:policy:progress:)``), on the calibration problems only:
/// 1. `α_max = max α̂` over the problems (the claims are only claimed for
///    initializations no larger than calibrated).
/// 2. `c₁`: the greedy relative adversary's critical size `s* = min δ*κ_F`
///    (``CriticalSize/greedyRelative(_:constants:iterations:upperUnits:)``, first failure from below);
///    `c₁ = min(c1Cap, sizeMargin · s*)`. (`c₁ < 1` is forced: `T₁` needs `δκ_F < 1`.)
/// 3. `c₂`: for `scaling` and `greedyRel` at `δ = s·c₁/κ_F`, `s ∈ sizes`, the
///    settling time `T` of `‖R‖_F ≤ τ` (``ClaimScan/settlingTime(_:)``);
///    tight `c₂* = max T σ_r(1 − δκ_F)/ln(σ₁/α̂)`, `c₂ = timeMargin · c₂*`.
/// 4. provisional `c₅⁰`: for `fixed`, `rotating`, `alignedKill`, `greedy` at
///    `ε = s·c3Cap·σ_r`, `s ∈ sizes`, `s > 0`, the late-time amplification
///    `max_{t ∈ [T/2, T]} ‖R(t)‖/ε` (no credit for τ); `c₅⁰ = c5Margin · max`.
///    It only serves to locate `c₃` (the critical-size criterion needs a `c₅`).
/// 5. `c₃`: the greedy absolute adversary's critical size `s* = min ε*/σ_r`
///    (criterion of ``CriticalSize`` with `c₅⁰`); `c₃ = min(c3Cap, sizeMargin · s*)`.
/// 6. `c₅` *inside the hypothesis*: the same amplification on `ε = s·c₃σ_r`,
///    `s ∈ sizes`, `s > 0`; `c₅ = c5Margin · max`. (Calibration 2 kept `c₅⁰`:
///    runs at `ε = ¼σ_r > c₃σ_r`, where the greedy adversary never learns the
///    last direction, gave `‖R‖/ε = 4` and made `‖R‖ ≤ c₅ε + τ` close to vacuous.)
///    Then `c₃` is re-checked with this `c₅` (a smaller `c₅` makes the criterion
///    stricter): `c₃ = min(c₃, sizeMargin · s*(c₅))`.
/// 7. `c₄`: for the same runs and `zero`, the settling time `T` of
///    `‖R‖ ≤ c₅ε + τ ∧ σ_r(W) ≥ σ_r − ε − τ`; tight
///    `c₄* = max T (σ_r − ε)/ln(σ₁/α̂)`, `c₄ = timeMargin · c₄*`.
/// Every run of steps 3, 4, 6 and 7 evaluates its hypothesis (`H_rel(δ)` or
/// `H_abs(ε)`) on the scan; a run where it fails is outside the claim: it is
/// logged as not applicable and does not enter the tight value.
/// Sweep horizons: `sweepHorizon · ln(σ₁/α̂)/(σ_r(1 − s c₁))` (C1) and
/// `sweepHorizon · ln(σ₁/α̂)/(σ_r − ε)` (C2). A run that does not settle
/// within its horizon makes the calibration throw (the constants would be
/// meaningless).
public enum Calibration {
  /// The safety margins and sweep settings.
  public struct Policy: Sendable {
    /// Size constants are this fraction of the measured critical size (0.5).
    public var sizeMargin = 0.5
    /// `c₁ ≤ c1Cap` (0.75: keeps `1 − δκ_F ≥ 1/4`).
    public var c1Cap = 0.75
    /// `c₃ ≤ c3Cap` (0.5).
    public var c3Cap = 0.5
    /// Time constants are this multiple of the tight value (1.5).
    public var timeMargin = 1.5
    /// `c₅` is this multiple of the tight value (1.25).
    public var c5Margin = 1.25
    /// Sizes in units of the bound (0, ¼, ½, ¾, 1).
    public var sizes: [Double] = [0, 0.25, 0.5, 0.75, 1]
    /// Sweep horizon in units of the claim's time scale (8).
    public var sweepHorizon = 8.0
    /// Bisection halvings (8).
    public var bisectionIterations = 8
    /// The non-calibrated settings (τ_rel, floor rule, bisection horizon) are taken from here.
    public var settings = ClaimConstants.calibrated

    /// The default policy.
    public init() {}
  }

  /// What a calibration produced.
  public struct Result: Sendable {
    /// The constants (tight values times the margins).
    public let constants: ClaimConstants
    /// `min δ*κ_F` of the greedy relative adversary.
    public let c1Critical: Double
    /// Tight `c₂*`.
    public let c2Tight: Double
    /// `min ε*/σ_r` of the greedy absolute adversary.
    public let c3Critical: Double
    /// Tight `c₄*`.
    public let c4Tight: Double
    /// Tight `c₅*` (inside the hypothesis `ε ≤ c₃σ_r`).
    public let c5Tight: Double
    /// The provisional `c₅⁰` (on `ε ≤ c3Cap·σ_r`) that located `c₃`.
    public let c5Provisional: Double
    /// One line per measurement.
    public let log: [String]

    /// The record to paste into ``ClaimConstants/calibrationRecord``.
    public func record(date: String, problems: [ProblemSpec], policy: Policy) -> String {
      var lines = [
        "Calibrated \(date) by `pgf calibrate`.",
        "Calibration set: " + problems.map(\.description).joined(separator: "; "),
        "Policy: sizeMargin \(policy.sizeMargin), c1Cap \(policy.c1Cap), c3Cap \(policy.c3Cap), timeMargin \(policy.timeMargin), c5Margin \(policy.c5Margin), sizes \(policy.sizes), sweepHorizon \(policy.sweepHorizon), bisection \(policy.bisectionIterations) halvings",
        "Measured: min δ*κ_F (greedyRel) = \(fmt(c1Critical)), c₂* = \(fmt(c2Tight)), min ε*/σ_r (greedy) = \(fmt(c3Critical)), c₄* = \(fmt(c4Tight)), c₅* = \(fmt(c5Tight)) (inside ε ≤ c₃σ_r; provisional c₅⁰ = \(fmt(c5Provisional)) on ε ≤ c3Cap·σ_r located c₃)",
        "Constants: \(constants)",
        "Constants (exact, to paste): c1: \(constants.c1), c2: \(constants.c2), c3: \(constants.c3), c4: \(constants.c4), c5: \(constants.c5), alphaMax: \(constants.alphaMax)",
        String(format: "Margins on the calibration set: time margin 1 − c*/c = %.3f (C1), %.3f (C2); c₅ margin 1 − c₅*/c₅ = %.3f", 1 - c2Tight / constants.c2, 1 - c4Tight / constants.c4, 1 - c5Tight / constants.c5),
      ]
      lines += log
      return lines.joined(separator: "\n")
    }
  }

  /// The calibration set of the first calibration (kept for the record):
  /// 12×9, k = 4, r = 2, κ = 2, seeds {1, 2}, α ∈ {1e-3, 2e-2}. Too narrow: it has
  /// no `k = r`, no `κ = 1` and no `n1 < n2` problem, and the constants it gave
  /// failed validation on 10×14 k = r = 3 κ = 1 (see ``ClaimConstants/calibrationRecord``).
  public static let firstCalibrationSet: [ProblemSpec] = [UInt64(1), 2].flatMap { seed in
    [1e-3, 2e-2].map { ProblemSpec(n1: 12, n2: 9, k: 4, r: 2, kappa: 2, alpha: $0, seed: seed) }
  }

  /// The calibration set (second calibration): seeds {1, 2, 3} × α ∈ {1e-3, 2e-2} ×
  /// {12×9 k=4 r=2 κ=2; 8×11 k=4 r=4 κ=1; 11×11 k=2 r=2 κ=1.5}.
  /// Covers the classes the first validation exposed — `k = r` (square, possibly
  /// near-singular initial signal block `S(0)`), equal singular values (`κ = 1`)
  /// and `n1 < n2` — while staying disjoint from ``validationSet`` in seeds,
  /// shapes, α and spectra (the `κ = 1` problem has rank 4, spectrum (1,1,1,1),
  /// which no validation problem has).
  public static let calibrationSet: [ProblemSpec] = [UInt64(1), 2, 3].flatMap { seed in
    [(12, 9, 4, 2, 2.0), (8, 11, 4, 4, 1.0), (11, 11, 2, 2, 1.5)].flatMap { s in
      [1e-3, 2e-2].map { ProblemSpec(n1: s.0, n2: s.1, k: s.2, r: s.3, kappa: s.4, alpha: $0, seed: seed) }
    }
  }

  /// The validation set (disjoint: other seeds, shapes, spectra and α):
  /// seeds {11, 12} × {10×14 k=3 r=3, 9×9 k=5 r=2} × κ ∈ {1, 4} × α ∈ {1e-2, 3e-3}.
  /// The default test run uses ``validationDefault``; `PGF_THOROUGH=1` all.
  public static let validationSet: [ProblemSpec] = [UInt64(11), 12].flatMap { seed in
    [(10, 14, 3, 3), (9, 9, 5, 2)].flatMap { s in
      [1.0, 4.0].flatMap { kappa in
        [1e-2, 3e-3].map { ProblemSpec(n1: s.0, n2: s.1, k: s.2, r: s.3, kappa: kappa, alpha: $0, seed: seed) }
      }
    }
  }

  /// The default (fast) subset of ``validationSet``: 10×14 k=3 r=3 κ=1 seed 11
  /// and 9×9 k=5 r=2 κ=4 seed 12, α = 1e-2.
  public static let validationDefault: [ProblemSpec] = [
    ProblemSpec(n1: 10, n2: 14, k: 3, r: 3, kappa: 1, alpha: 1e-2, seed: 11),
    ProblemSpec(n1: 9, n2: 9, k: 5, r: 2, kappa: 4, alpha: 1e-2, seed: 12),
  ]

  /// The settling time of C1's conclusion `‖R‖_F ≤ τ` on a scan.
  public static func c1SettlingTime(_ scan: ClaimScan, tau: Double) throws -> Double? {
    try scan.settlingTime { $0.residualFrobenius <= tau }
  }

  /// The settling time of C2's conclusion `‖R‖ ≤ c₅ε + τ ∧ σ_r(W) ≥ σ_r − ε − τ` on a scan.
  public static func c2SettlingTime(_ scan: ClaimScan, epsilon: Double, tau: Double, c5: Double) throws -> Double? {
    let sr = scan.problem.target.sigmaMin
    return try scan.settlingTime { $0.residualSpectral <= c5 * epsilon + tau && $0.productSigmaR >= sr - epsilon - tau }
  }

  /// The C2 sweep families at size ε (`zero` when ε = 0).
  public static func c2Perturbations(_ problem: Problem, epsilon: Double, seed: UInt64) throws -> [any Perturbation] {
    if epsilon == 0 { return [ZeroPerturbation()] }
    return [
      try FixedPerturbation(size: epsilon, n1: problem.n1, n2: problem.n2, seed: seed),
      try RotatingPerturbation(size: epsilon, n1: problem.n1, n2: problem.n2, seed: seed),
      try AlignedKillPerturbation(size: epsilon),
      try GreedyPerturbation(budget: .absolute(epsilon)),
    ]
  }

  /// The C1 sweep families at size δ.
  public static func c1Perturbations(delta: Double) throws -> [any Perturbation] {
    [try ScalingPerturbation(size: delta), try GreedyPerturbation(budget: .relative(delta))]
  }

  /// Runs the procedure of the type's description on `problems`; `progress`
  /// receives each log line as it is measured (the same lines end up in
  /// ``Result/log``), so a long run that throws still shows what it measured.
  public static func run(_ problems: [ProblemSpec], policy: Policy = Policy(), progress: (String) -> Void = { _ in }) throws -> Result {
    var lines: [String] = []
    func note(_ line: String) {
      lines.append(line)
      progress(line)
    }
    var c = policy.settings
    let built = try problems.map { ($0, try $0.problem()) }
    c.alphaMax = built.map { ClaimConstants.alphaHat($0.1) }.max() ?? 0

    // c₁ from the greedy relative adversary's critical size.
    var s1 = Double.infinity
    for (spec, p) in built {
      let crit = try CriticalSize.greedyRelative(p, constants: c, iterations: policy.bisectionIterations)
      let units = crit.estimate * p.target.kappaF
      s1 = min(s1, units)
      note("C1 critical \(spec): δ*κ_F ∈ [\(fmt(crit.lower * p.target.kappaF)), \(fmt(crit.upper * p.target.kappaF))] (\(crit.probes.filter { $0.failure != nil }.count) failed integrations)")
    }
    c.c1 = min(policy.c1Cap, policy.sizeMargin * s1)

    // c₂ from the settling times of scaling and greedyRel at δ = s c₁/κ_F.
    var c2Tight = 0.0
    for (spec, p) in built {
      let tau = try c.accuracy(for: p)
      let scale = ClaimConstants.timeScale(p)
      for s in policy.sizes {
        let delta = s * c.c1 / p.target.kappaF
        let g = 1 - delta * p.target.kappaF
        for e in try c1Perturbations(delta: delta) {
          let scan = try ClaimScan(problem: p, perturbation: e, tEnd: policy.sweepHorizon * scale / g)
          let h = scan.relativeHypothesis(delta)
          guard h.holds else {
            note("C1 \(spec) \(e.name) s=\(s): not applicable, \(h.name) fails by \(fmt(-h.worstMargin)) at t = \(fmt(h.at ?? 0))")
            continue
          }
          guard let t = try c1SettlingTime(scan, tau: tau) else {
            throw ProblemError.invalidValue("calibration: \(e.name) on \(spec) did not settle to τ = \(tau) within its horizon")
          }
          let ratio = t * g / scale
          c2Tight = max(c2Tight, ratio)
          note("C1 \(spec) \(e.name) s=\(s): T·σ_r(1−δκ_F)/ln(σ₁/α̂) = \(fmt(ratio)) (τ = \(fmt(tau)))")
        }
      }
    }
    c.c2 = policy.timeMargin * c2Tight

    // Every C2 sweep family at ε = s·unit·σ_r on every problem, to its sweep horizon; a run whose
    // H_abs(ε) fails on its scan is logged as not applicable and skipped.
    func c2Runs(unit: Double, sizes: [Double], label: String, _ body: (ProblemSpec, Problem, Double, Double, any Perturbation, ClaimScan) throws -> Void) throws {
      for (spec, p) in built {
        let sr = p.target.sigmaMin
        for s in sizes {
          let eps = s * unit * sr
          let horizon = policy.sweepHorizon * log(p.target.sigmaMax / ClaimConstants.alphaHat(p)) / (sr - eps)
          for e in try c2Perturbations(p, epsilon: eps, seed: spec.seed) {
            let scan = try ClaimScan(problem: p, perturbation: e, tEnd: horizon)
            let h = scan.absoluteHypothesis(eps)
            guard h.holds else {
              note("C2 \(label) \(spec) \(e.name) s=\(s): not applicable, \(h.name) fails by \(fmt(-h.worstMargin))")
              continue
            }
            try body(spec, p, s, eps, e, scan)
          }
        }
      }
    }

    // Late amplification max_{t≥T/2} ‖R‖/ε on the grid ε = s·unit·σ_r, s > 0.
    func amplification(unit: Double, label: String) throws -> Double {
      var tight = 0.0
      try c2Runs(unit: unit, sizes: policy.sizes.filter { $0 > 0 }, label: label) { spec, p, _, eps, e, scan in
        let late = scan.points.filter { $0.t >= scan.tEnd / 2 }.map(\.residualSpectral).max() ?? 0
        tight = max(tight, late / eps)
        note("C2 \(label) \(spec) \(e.name) ε/σ_r=\(fmt(eps / p.target.sigmaMin)): max_{t≥T/2}‖R‖/ε = \(fmt(late / eps))")
      }
      return tight
    }

    // c₃ from the greedy absolute adversary's critical size (criterion uses c.c5).
    func c3Critical() throws -> Double {
      var s3 = Double.infinity
      for (spec, p) in built {
        let crit = try CriticalSize.greedyAbsolute(p, constants: c, iterations: policy.bisectionIterations)
        let sr = p.target.sigmaMin
        s3 = min(s3, crit.estimate / sr)
        note("C2 critical (c₅ = \(fmt(c.c5))) \(spec): ε*/σ_r ∈ [\(fmt(crit.lower / sr)), \(fmt(crit.upper / sr))] (\(crit.probes.filter { $0.failure != nil }.count) failed integrations)")
      }
      return s3
    }

    // Provisional c₅⁰ on ε ≤ c3Cap·σ_r, only to locate c₃.
    let c5Provisional = policy.c5Margin * (try amplification(unit: policy.c3Cap, label: "c₅⁰"))
    c.c5 = c5Provisional
    let s3Provisional = try c3Critical()
    c.c3 = min(policy.c3Cap, policy.sizeMargin * s3Provisional)

    // c₅ inside the hypothesis ε ≤ c₃σ_r; then c₃ re-checked with it.
    let c5Tight = try amplification(unit: c.c3, label: "c₅")
    c.c5 = policy.c5Margin * c5Tight
    let s3 = min(s3Provisional, try c3Critical())
    c.c3 = min(c.c3, policy.sizeMargin * s3)

    // c₄: settling of C2's conclusion (with c₅) at ε = s·c₃σ_r, zero included.
    var c4Tight = 0.0
    let taus = try Dictionary(built.map { ($0.0.description, try c.accuracy(for: $0.1)) }, uniquingKeysWith: { a, _ in a })
    try c2Runs(unit: c.c3, sizes: policy.sizes, label: "c₄") { spec, p, s, eps, e, scan in
      guard let t = try c2SettlingTime(scan, epsilon: eps, tau: taus[spec.description]!, c5: c.c5) else {
        throw ProblemError.invalidValue("calibration: \(e.name) on \(spec) did not settle within its horizon")
      }
      let ratio = t * (p.target.sigmaMin - eps) / log(p.target.sigmaMax / ClaimConstants.alphaHat(p))
      c4Tight = max(c4Tight, ratio)
      note("C2 \(spec) \(e.name) s=\(s): T(σ_r−ε)/ln(σ₁/α̂) = \(fmt(ratio))")
    }
    c.c4 = policy.timeMargin * c4Tight
    return Result(
      constants: c, c1Critical: s1, c2Tight: c2Tight, c3Critical: s3, c4Tight: c4Tight, c5Tight: c5Tight,
      c5Provisional: c5Provisional, log: lines)
  }
}

/// Four significant digits.
func fmt(_ x: Double) -> String { String(format: "%.4g", x) }
