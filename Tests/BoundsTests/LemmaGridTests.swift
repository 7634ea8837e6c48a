import Bounds
import Flow
import Foundation
import Testing

/// The identities L1, L7 and the Gronwall-type lemmas L2–L6, L8 of theory.md §3
/// on the shared case grid (families × sizes × seeds × shapes, including
/// n1 ≠ n2, k = r and k > r, κ ∈ {1, 2, 10}); one ``ScenarioContext`` per case, so
/// the base and refined trajectories are built once and shared by all eight.
///
/// Oracle: the statements are proved (theory.md §3; derivations re-checked in
/// the lemma files), so every applicable part must hold within the numerical
/// error budget on every case — a failure is a bug. L9, L10 (sharp families)
/// and C1, C2 (claims) have their own suites.
/// Set `PGF_SLACKS=1` to print each verdict's worst relative slack and budget.
@Suite("Lemma grid (L1–L8)")
struct LemmaGridTests {
  static let lemmas: [any Statement] = [
    L1Imbalance(), L2EnergyBalance(), L3GrowthEnvelope(), L4NoiseContainment(), L5AntiAlignmentDecay(),
    L6SignalGrowth(), L7ResidualDecomposition(), L8SignalErrorContraction(),
  ]

  static let printSlacks: Bool = ProcessInfo.processInfo.environment["PGF_SLACKS"] == "1"

  @Test("L1–L8 hold on every case", arguments: Cases.shapes, Cases.perturbations)
  func gronwallLemmas(shape: Cases.Shape, perturbation: String) throws {
    for seed in Cases.seeds {
      let context = ScenarioContext(try Cases.make(shape, perturbation, seed: seed))
      if Self.printSlacks {
        let clock = ContinuousClock()
        let t0 = clock.now
        _ = try context.base()
        let t1 = clock.now
        _ = try context.refined()
        print("TIME \(context.checkCase.label): base \(t1 - t0) (\(try context.base().samples.count) samples), refined \(clock.now - t1) (\(try context.refined().samples.count) samples)")
      }
      for lemma in Self.lemmas {
        let clock = ContinuousClock()
        let start = clock.now
        let v = try lemma.check(context)
        let elapsed = clock.now - start
        #expect(v.holds == true && !v.isViolation, "\(Self.describe(v))")
        if Self.printSlacks {
          print("SLACK \(Self.describe(v))")
          print("TIGHT \(v.lemma) \(context.checkCase.label) [\(elapsed)]: \(try Self.tightness(lemma, context))")
        }
      }
    }
  }

  /// Diagnostics: per inequality part, the smallest relative slack on `t ≥ T/10`
  /// and at `T` (the verdict's worst relative slack is 0 at `t = 0`, where a
  /// Gronwall bound is an equality); per identity part, the relative defect.
  static func tightness(_ lemma: any Statement, _ context: ScenarioContext) throws -> String {
    func f(_ x: Double) -> String { String(format: "%.3g", x) }
    let traj = try context.base()
    return try lemma.measure(context, on: traj, refined: false).map { m -> String in
      if m.notApplicable != nil { return "[\(m.name.prefix(24)): skipped]" }
      let rel = m.times.indices.map { (m.rhs[$0] - m.lhs[$0]) / max(abs(m.lhs[$0]), abs(m.rhs[$0]), .leastNormalMagnitude) }
      switch m.kind {
      case .inequality:
        let late = m.times.indices.filter { m.times[$0] >= traj.tEnd / 10 }.map { rel[$0] }.min() ?? .infinity
        return "[\(m.name.prefix(24)): min rel(t≥T/10) \(f(late)), rel(T) \(f(rel.last ?? .infinity))]"
      case .identity:
        let d = m.times.indices.map { abs(m.lhs[$0] - m.rhs[$0]) }.max() ?? 0
        let sc = m.scale.max() ?? 0
        return "[\(m.name.prefix(24)): defect \(f(d)) / scale \(f(sc))]"
      }
    }.joined(separator: " ")
  }

  /// One line per verdict: worst part, slack, budget, and every part's result.
  static func describe(_ v: Verdict) -> String {
    func f(_ x: Double) -> String { String(format: "%.3g", x) }
    let parts = v.parts.map { p -> String in
      if let reason = p.notApplicable { return "[\(p.name): skipped, \(reason)]" }
      let shrink = p.shrinkRatio.map { ", shrink \(f($0))" } ?? ""
      return "[\(p.name): \(p.outcome.summary), rel \(f(p.worstRelativeSlack)), slack \(f(p.worstSlack)) at t=\(f(p.at)), "
        + "quad \(f(p.quadratureBudget)), integ \(f(p.integrationBudget))\(shrink)]"
    }
    let hypothesis = v.hypothesisHolds.map { $0 ? "held" : "failed" } ?? "none"
    return "\(v.lemma) on \(v.caseLabel): outcome=\(v.outcome.summary) hyp=\(hypothesis) worstRel=\(f(v.worstRelativeSlack)) "
      + "(\(v.worstPart)) at t=\(f(v.at)) budget=\(f(v.errorBudget)) parts \(parts.joined(separator: " "))"
  }
}
