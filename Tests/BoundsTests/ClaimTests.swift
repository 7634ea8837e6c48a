import Bounds
import Flow
import Foundation
import Testing

/// Validation of the claims C1, C2 (theory.md §4, "exactly when") with the
/// constants of ``ClaimConstants/calibrated`` — never per-test constants — on
/// the validation problems, which share no seed, shape, spectrum or α with the
/// calibration set.
///
/// Sweeps and bisection integrate with ``ClaimScan`` / ``CriticalSize``
/// (dense output, no quadrature panels); only the lemma-style checks build
/// ``ScenarioContext`` trajectories.
@Suite("Claims")
struct ClaimTests {
  static let constants = ClaimConstants.calibrated
  static let problems = Cases.thorough ? Calibration.validationSet : Calibration.validationDefault
  /// Sizes in units of the bound with the hypothesis holding.
  static let sizes: [Double] = Cases.thorough ? [0, 0.25, 0.5, 0.75, 1] : [0.5, 1]

  @Test("Calibration and validation sets are disjoint in seeds, shapes, spectra and α")
  func disjoint() throws {
    let cal = try Calibration.calibrationSet.map { ($0, try $0.problem().target.sigma) }
    for v in Calibration.validationSet + Calibration.validationDefault {
      // The spectrum is the list of singular values of the generated X (κ alone is not:
      // κ = 1 with rank 4 is (1,1,1,1), a different spectrum from κ = 1 with rank 3).
      let vs = try v.problem().target.sigma
      for (c, cs) in cal {
        let sameSpectrum = vs.count == cs.count && zip(vs, cs).allSatisfy { abs($0 - $1) <= 1e-9 }
        #expect(v.seed != c.seed && !sameSpectrum && v.alpha != c.alpha && (v.n1, v.n2, v.k, v.r) != (c.n1, c.n2, c.k, c.r), "\(v) vs \(c)")
      }
    }
    #expect(!ClaimConstants.calibrationRecord.contains("not yet calibrated"))
    #expect(Self.constants.c1 < 1, "T₁ needs δκ_F < 1 (L9)")
    #expect(Self.constants.c3 < 1, "ε must stay below σ_r (L10)")
  }

  @Test("CriticalSize finds the first failure from below of a non-monotone criterion")
  func criticalSizeFirstFailure() {
    // Converges on [0, 0.3) and again past 1.2 (like C2's criterion past σ_r): the
    // critical size is 0.3, and a converging upper end must not hide it.
    let crit = CriticalSize.bisect(lower: 0, upper: 1.5, iterations: 10) { x in
      CriticalSize.Probe(size: x, converged: x < 0.3 || x > 1.2, failure: nil)
    }
    #expect(crit.lower < 0.3 && 0.3 <= crit.upper && crit.upper - crit.lower <= 1.5 / (8 * 1024) * 1.000001, "[\(crit.lower), \(crit.upper)]")
    // Nothing fails: [upper, ∞).
    let never = CriticalSize.bisect(lower: 0, upper: 1, iterations: 3) { CriticalSize.Probe(size: $0, converged: true, failure: nil) }
    #expect(never.lower == 1 && never.upper == .infinity)
  }

  @Test("C1, s ≤ 1: ‖R‖_F ≤ τ on [T₁, 2T₁] for scaling and greedyRel", arguments: problems)
  func c1Sweep(spec: ProblemSpec) throws {
    let c = Self.constants
    let p = try spec.problem()
    try #require(ClaimConstants.alphaHat(p) <= c.alphaMax && p.k >= p.r, "hypotheses α̂ ≤ α_max, k ≥ r")
    let tau = try c.accuracy(for: p)
    for s in Self.sizes {
      let delta = s * c.deltaBound(p)
      let t1 = try #require(c.t1(p, delta: delta))
      for e in try Calibration.c1Perturbations(delta: delta) {
        let scan = try ClaimScan(problem: p, perturbation: e, tEnd: 2 * t1)
        let h = scan.relativeHypothesis(delta)
        #expect(h.holds, "C1 \(spec) \(e.name) s=\(s): \(h.name) fails on the scan (margin \(h.worstMargin) at t = \(h.at ?? 0)): not applicable, not a pass")
        let settle = try Calibration.c1SettlingTime(scan, tau: tau)
        #expect(settle != nil && settle! <= t1, "C1 \(spec) \(e.name) s=\(s): settles at \(settle.map { "\($0)" } ?? "never") > T₁ = \(t1), τ = \(tau)")
        print(String(format: "C1 validation %@ %@ s=%.2f: T/T₁ = %.3f (margin %.3f), τ = %.3g", spec.description, e.name, s, (settle ?? .infinity) / t1, 1 - (settle ?? .infinity) / t1, tau))
      }
    }
  }

  @Test("C2, s ≤ 1: ‖R‖ ≤ c₅ε + τ and σ_r(W) ≥ σ_r − ε − τ on [T₂, 2T₂] for fixed, rotating, alignedKill, greedy", arguments: problems)
  func c2Sweep(spec: ProblemSpec) throws {
    let c = Self.constants
    let p = try spec.problem()
    try #require(ClaimConstants.alphaHat(p) <= c.alphaMax && p.k >= p.r, "hypotheses α̂ ≤ α_max, k ≥ r")
    let tau = try c.accuracy(for: p)
    for s in Self.sizes {
      let eps = s * c.epsilonBound(p)
      let t2 = try #require(c.t2(p, epsilon: eps))
      for e in try Calibration.c2Perturbations(p, epsilon: eps, seed: spec.seed) {
        let scan = try ClaimScan(problem: p, perturbation: e, tEnd: 2 * t2)
        let h = scan.absoluteHypothesis(eps)
        #expect(h.holds, "C2 \(spec) \(e.name) s=\(s): \(h.name) fails on the scan (margin \(h.worstMargin) at t = \(h.at ?? 0)): not applicable, not a pass")
        let settle = try Calibration.c2SettlingTime(scan, epsilon: eps, tau: tau, c5: c.c5)
        #expect(settle != nil && settle! <= t2, "C2 \(spec) \(e.name) s=\(s): settles at \(settle.map { "\($0)" } ?? "never") > T₂ = \(t2)")
        let late = scan.points.filter { $0.t >= t2 }
        let amp = eps > 0 ? (late.map(\.residualSpectral).max() ?? 0) / eps : 0
        print(String(format: "C2 validation %@ %@ s=%.2f: T/T₂ = %.3f (margin %.3f), max_{t≥T₂}‖R‖/ε = %.3f (c₅ = %.3f)", spec.description, e.name, s, (settle ?? .infinity) / t2, 1 - (settle ?? .infinity) / t2, amp, c.c5))
      }
    }
  }

  /// Past the sharp threshold of L9. Oracle (L2 with `E = −δR`): `L̇ = −(1 − δ)(‖RV‖_F² + ‖UᵀR‖_F²) ≥ 0`
  /// for `δ ≥ 1`, so `‖R(t)‖_F` never decreases and stays `≥ ‖R(0)‖_F ≈ ‖X‖_F`. At `δ = 1` the flow
  /// stands still; for `δ > 1` it is the gradient *ascent* flow at speed `δ − 1`, whose modes with
  /// target 0 obey `ẇ ≈ (δ − 1)w²` and leave every bounded set in finite time — outside every
  /// statement's hypotheses (`δ ≤ c₁/κ_F`), so a step-size underflow (or a non-finite field) is the
  /// *expected* outcome, not a failure. Then the check is made on the horizon before the blow-up.
  @Test("C1 past the sharp threshold (L9): scaling with δ ≥ 1 never converges (‖R‖_F non-decreasing, ≥ 0.5‖X‖_F; δ > 1 may blow up)", arguments: problems)
  func c1Threshold(spec: ProblemSpec) throws {
    let c = Self.constants
    let p = try spec.problem()
    for delta in Cases.thorough ? [1.0, 1.5] : [1.0] {
      #expect(delta > c.deltaBound(p), "the hypothesis δ ≤ c₁/κ_F must fail here")
      #expect(c.t1(p, delta: delta) == nil, "δκ_F ≥ 1: T₁ is undefined, only non-convergence is asserted")
      var horizon = c.bisectionHorizon * ClaimConstants.timeScale(p)
      var scan: ClaimScan?
      var blowUp: String?
      while scan == nil {
        do {
          scan = try ClaimScan(problem: p, perturbation: ScalingPerturbation(size: delta), tEnd: horizon, gridIntervals: 50)
        } catch let error as IntegrationError {
          // Only δ > 1 may diverge, and only by blowing up.
          #expect(delta > 1 && Self.isBlowUp(error), "scaling:\(delta) on \(spec): \(error)")
          guard delta > 1, Self.isBlowUp(error), horizon > 1e-3 else { throw error }
          blowUp = blowUp ?? "\(error)"
          horizon /= 2
        }
      }
      let points = scan!.points
      let r0 = points[0].residualFrobenius
      let worst = points.map(\.residualFrobenius).min()! / p.target.frobeniusNorm
      #expect(worst >= 0.5, "scaling:\(delta) on \(spec): ‖R‖_F/‖X‖_F fell to \(worst)")
      // L̇ ≥ 0: non-decreasing up to integration error (rtol 1e-8 of ‖R‖_F).
      for (a, b) in zip(points, points.dropFirst()) {
        #expect(b.residualFrobenius >= a.residualFrobenius - 1e-7 * r0, "scaling:\(delta): ‖R‖_F decreased at t = \(b.t)")
      }
      print(String(format: "C1 threshold %@ scaling:%.2f: min_t ‖R‖_F/‖X‖_F = %.4f over [0, %.4g]%@", spec.description, delta, worst, horizon, blowUp.map { " (blew up on the longer horizon: \($0))" } ?? ""))
    }
  }

  /// Whether an integration error is the symptom of a finite-time blow-up.
  static func isBlowUp(_ error: IntegrationError) -> Bool {
    switch error {
    case .diagnosed(let underlying, _): return isBlowUp(underlying)
    case .stepSizeUnderflow, .nonFiniteDerivative: return true
    default: return false
    }
  }

  /// At and past the sharp threshold of L10, with the project's correction (docs/lemmas/L10.md):
  /// for `ε ≥ σ_r` the *r-th direction of X* is never learned — `φ_rᵀWψ_r ≤ y(t)² = O(α²)` — but
  /// for `ε > σ_r` the modified target `X − εφ_rψ_rᵀ` has the flipped component
  /// `(ε − σ_r)φ_r(−ψ_r)ᵀ`, which the flow may learn, so `σ_r(W)` can grow to `ε − σ_r` there.
  /// Asserted: `φ_rᵀWψ_r ≤ 0.1(σ_r − τ)` at every scan point for `ε/σ_r ∈ {1, 1.25}`, and at
  /// `ε = σ_r` (target rank r − 1 plus nothing to learn) also `σ_r(W) ≤ 0.1(σ_r − τ)`.
  @Test("C2 at/past the sharp threshold (L10): alignedKill with ε ≥ σ_r never learns the r-th direction of X", arguments: problems)
  func c2Threshold(spec: ProblemSpec) throws {
    let c = Self.constants
    let p = try spec.problem()
    let sr = p.target.sigmaMin
    let tau = try c.accuracy(for: p)
    let phiR = p.target.phi.column(p.r - 1)
    let psiR = p.target.psi.column(p.r - 1)
    for units in Cases.thorough ? [1.0, 1.25] : [1.0] {
      let eps = units * sr
      #expect(eps > c.epsilonBound(p), "the hypothesis ε ≤ c₃σ_r must fail here")
      let horizon = c.bisectionHorizon * ClaimConstants.timeScale(p)
      let scan = try ClaimScan(problem: p, perturbation: AlignedKillPerturbation(size: eps), tEnd: horizon, gridIntervals: 50)
      // φ_rᵀWψ_r = (Uᵀφ_r)·(Vᵀψ_r) from the dense output at every scan point.
      let aligned = try scan.points.map { point -> Double in
        let state = try FlowState(t: point.t, target: p.target, k: p.k, y: scan.dense(point.t))
        var a = [Double](repeating: 0, count: p.k), b = [Double](repeating: 0, count: p.k)
        for j in 0..<p.k {
          for i in 0..<p.n1 { a[j] += state.u[i, j] * phiR[i] }
          for i in 0..<p.n2 { b[j] += state.v[i, j] * psiR[i] }
        }
        return zip(a, b).map(*).reduce(0, +)
      }
      let bestAligned = aligned.max()!
      #expect(bestAligned <= 0.1 * (sr - tau), "alignedKill:\(eps) on \(spec): φ_rᵀWψ_r reached \(bestAligned), σ_r − τ = \(sr - tau)")
      let best = scan.points.map(\.productSigmaR).max()!
      if units == 1 {
        #expect(best <= 0.1 * (sr - tau), "alignedKill:\(eps) on \(spec): σ_r(W) reached \(best), σ_r − τ = \(sr - tau)")
      }
      print(String(format: "C2 threshold %@ alignedKill ε/σ_r=%.2f: max_t φ_rᵀWψ_r/(σ_r − τ) = %.2e, max_t σ_r(W)/(σ_r − τ) = %.2e (flipped component ε − σ_r = %.2e) over [0, %.1f]", spec.description, units, bestAligned / (sr - tau), best / (sr - tau), (eps - sr) / (sr - tau), horizon))
    }
  }

  @Test("C1 and C2 as lemmas: hypotheses checked, conclusions measured after T₁ / T₂")
  func lemmaChecks() throws {
    let c = Self.constants
    let spec = Calibration.validationDefault[0]
    let p = try spec.problem()
    // C1 at the edge of its hypothesis, greedy adversary.
    let delta = c.deltaBound(p)
    let t1 = try #require(c.t1(p, delta: delta))
    let c1Case = Scenario(problem: p, perturbation: try GreedyPerturbation(budget: .relative(delta)), bound: .relative(delta), tEnd: 1.25 * t1, label: "\(spec) greedyRel s=1")
    let v1 = try C1RelativeConvergence().check(ScenarioContext(c1Case))
    #expect(v1.hypothesisHolds == true, "\(v1.hypotheses.filter { !$0.holds }.map(\.statement))")
    #expect(v1.holds == true && v1.parts.allSatisfy { $0.notApplicable == nil }, "C1 on \(v1.caseLabel): worst relative slack \(v1.worstRelativeSlack) at t=\(v1.at)")
    print("C1 lemma check \(v1.caseLabel): holds \(String(describing: v1.holds)), worst relative slack \(v1.worstRelativeSlack) at t=\(v1.at) (T₁ = \(t1)), budget \(v1.errorBudget)")
    // C2 at the edge of its hypothesis, greedy adversary.
    let eps = c.epsilonBound(p)
    let t2 = try #require(c.t2(p, epsilon: eps))
    let c2Case = Scenario(problem: p, perturbation: try GreedyPerturbation(budget: .absolute(eps)), bound: .absolute(eps), tEnd: 1.25 * t2, label: "\(spec) greedy s=1")
    let v2 = try C2AbsoluteRobustness().check(ScenarioContext(c2Case))
    #expect(v2.hypothesisHolds == true, "\(v2.hypotheses.filter { !$0.holds }.map(\.statement))")
    #expect(v2.holds == true && v2.parts.allSatisfy { $0.notApplicable == nil }, "C2 on \(v2.caseLabel): worst relative slack \(v2.worstRelativeSlack) at t=\(v2.at) in \(v2.worstPart)")
    print("C2 lemma check \(v2.caseLabel): holds \(String(describing: v2.holds)), worst relative slack \(v2.worstRelativeSlack) at t=\(v2.at) in \(v2.worstPart) (T₂ = \(t2)), budget \(v2.errorBudget)")
    // Past the threshold the hypothesis check reports failure and T₁ is undefined.
    let sharp = try Scenario(problem: p, perturbation: PerturbationSpec(parsing: "scaling:1"), tEnd: 5, label: "\(spec) scaling:1")
    let v3 = try C1RelativeConvergence().check(ScenarioContext(sharp))
    #expect(v3.hypothesisHolds == false && !v3.isViolation && v3.holds == nil && v3.reason?.contains("δ ≤ c₁/κ_F") == true)
    #expect(v3.parts.allSatisfy { $0.notApplicable != nil }, "δκ_F ≥ 1: the part must be skipped")
  }

  @Test("Tightness: the greedy adversaries' critical sizes by bisection, in units of the bound (reported, not asserted)")
  func tightness() throws {
    let c = Self.constants
    let iterations = Cases.thorough ? 8 : 6
    for spec in Cases.thorough ? Calibration.validationSet : [Calibration.validationDefault[0]] {
      let p = try spec.problem()
      let rel = try CriticalSize.greedyRelative(p, constants: c, iterations: iterations)
      #expect(rel.lower < rel.upper)
      print(String(format: "C1 tightness ratio (greedyRel, %@): %.3g  (δ*κ_F ∈ [%.4g, %.4g], bound c₁ = %.3g)", spec.description, rel.estimate / c.deltaBound(p), rel.lower * p.target.kappaF, rel.upper * p.target.kappaF, c.c1))
      let abs = try CriticalSize.greedyAbsolute(p, constants: c, iterations: iterations)
      #expect(abs.lower < abs.upper)
      print(String(format: "C2 tightness ratio (greedy, %@): %.3g  (ε*/σ_r ∈ [%.4g, %.4g], bound c₃ = %.3g)", spec.description, abs.estimate / c.epsilonBound(p), abs.lower / p.target.sigmaMin, abs.upper / p.target.sigmaMin, c.c3))
    }
  }
}
