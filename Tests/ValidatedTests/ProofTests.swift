import Flow
import Foundation
import Proofs
import Testing
import Validated

/// Proved verdicts on genuine small problems (3×2, k = 2, r = 1, α = 0.01),
/// and the negative controls, which must never come out *proved*.
@Suite("Validated proofs")
struct ProofTests {
  static func problem() throws -> Problem {
    try Problem.generate(ProblemSpec(n1: 3, n2: 2, k: 2, r: 1, kappa: 1, alpha: 0.01, seed: 1))
  }

  static var thorough: Bool { ProcessInfo.processInfo.environment["PGF_THOROUGH"] != nil }

  @Test("E = 0, T = 2: L1, L3, L4 proved; ‖R(2)‖_F ≤ 1 proved, ≤ 0.5 refuted; L3-half and L1-sum refuted")
  func zeroShort() throws {
    let run = try ProofRun(problem: try Self.problem(), perturbation: ZeroPerturbation(), tEnd: 2)
    for s in [ProofStatement.l1, .l3, .l4] {
      let r = try run.decide(s)
      #expect(r.outcome == .proved, "\(s.rawValue): \(r.reason)")
      #expect(r.maxWidth < 1e-10)
    }
    #expect(try run.decide(.converge, tau: 1).outcome == .proved)
    #expect(try run.decide(.converge, tau: 0.5).outcome == .refuted)
    for s in [ProofStatement.l3HalfExponent, .l1Sum] {
      let r = try run.decide(s)
      #expect(r.outcome == .refuted, "\(s.rawValue) must be refuted: \(r.reason)")
    }
  }

  @Test("fixed:0.05, T = 0.5: L1, L3, L4 proved; all three negative controls refuted")
  func fixedShort() throws {
    let problem = try Self.problem()
    let e = try FixedPerturbation(size: 0.05, n1: 3, n2: 2, seed: 1)
    let run = try ProofRun(problem: problem, perturbation: e, tEnd: 0.5)
    for s in [ProofStatement.l1, .l3, .l4] {
      let r = try run.decide(s)
      #expect(r.outcome == .proved, "\(s.rawValue): \(r.reason)")
    }
    for s in ProofStatement.allCases where s.isNegativeControl {
      let r = try run.decide(s)
      #expect(r.outcome != .proved, "negative control \(s.rawValue) must not be proved")
      #expect(r.outcome == .refuted, "\(s.rawValue): \(r.reason)")
    }
  }

  @Test("A loose integration leaves tight statements undecided, never proved falsely")
  func looseEnclosuresAreUndecided() throws {
    var o = ProofOptions()
    o.integrator.tolerance = 1e-6
    o.integrator.order = 4
    o.maxSubdivisionLevel = 6
    let run = try ProofRun(problem: try Self.problem(), perturbation: ZeroPerturbation(), tEnd: 1, options: o)
    let l1 = try run.decide(.l1)
    #expect(l1.outcome == .undecided, "L1 with a 1e-8 budget on a 1e-6 integration: \(l1.reason)")
    #expect(l1.worstMargin > o.identityBudget)
  }

  @Test("The prove entry point, its JSON and its errors")
  func entryPoint() throws {
    let problem = try Self.problem()
    let r = try prove(statement: "l3", problem: problem, perturbation: ZeroPerturbation(), tEnd: 0.5)
    #expect(r.outcome == .proved)
    let text = try r.json.serialized()
    for key in ["\"outcome\":\"proved\"", "\"steps\":", "\"maxWidth\":", "\"statement\":\"L3\"", "\"worstMargin\":"] {
      #expect(text.contains(key), "JSON lacks \(key): \(text)")
    }
    #expect(throws: ProofError.self) { try prove(statement: "L99", problem: problem, perturbation: ZeroPerturbation(), tEnd: 1) }
    #expect(throws: ProofError.self) { try prove(statement: "converge", problem: problem, perturbation: ZeroPerturbation(), tEnd: 1) }
    let rot = try RotatingPerturbation(size: 0.1, n1: 3, n2: 2, seed: 1)
    #expect(throws: ProofError.self) { try prove(statement: "L1", problem: problem, perturbation: rot, tEnd: 1) }
  }

  @Test("Thorough: E = 0 to T = 15 and fixed:0.05 to T = 10 — L1, L3, L4, converge proved; controls not proved",
        .enabled(if: ProofTests.thorough, "set PGF_THOROUGH=1 (about 20 s in debug)"))
  func thoroughProofs() throws {
    let problem = try Self.problem()
    let cases: [(any Perturbation, Double, Double)] = [
      (ZeroPerturbation(), 15, 1e-3),
      (try FixedPerturbation(size: 0.05, n1: 3, n2: 2, seed: 1), 10, 0.1),
    ]
    for (e, t, tau) in cases {
      let run = try ProofRun(problem: problem, perturbation: e, tEnd: t)
      for s in [ProofStatement.l1, .l3, .l4, .converge] {
        let r = try run.decide(s, tau: tau)
        #expect(r.outcome == .proved, "\(e.name) \(s.rawValue): \(r.reason)")
      }
      for s in ProofStatement.allCases where s.isNegativeControl {
        let r = try run.decide(s)
        #expect(r.outcome != .proved || (s == .l4WithoutForcing && e.isZero), "\(e.name) \(s.rawValue) proved: \(r.reason)")
      }
    }
  }
}
