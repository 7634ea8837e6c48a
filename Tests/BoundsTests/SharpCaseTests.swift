import Bounds
import Flow
import Foundation
import Testing

/// Sharp cases: small problems on which a lemma's bound is nearly attained, so a
/// plausible wrong variant of it (scripts/mutations.json) fails there while the
/// true lemma holds. Each case checks the TRUE statements listed with it; its
/// point is that the named mutants are killed by the default suite
/// (docs/mutations.md). The cases match the witness commands of the table.
///
/// Why each case is sharp (theory.md §3):
/// - L3, 2×2, k = r = 1, α = 1e-4, `fixed:1.0`: with ‖E‖ = σ₁ the growth rate
///   σ₁(X + E) is far above σ₁(X), and from α = 1e-4 the envelope stays tight
///   through the long spectral phase (`L3-no-E`).
/// - Imbalanced isotropic start (4×2, k = r = 2, Σ = I, `U(0) = [αI; 0.3I]`,
///   `V(0) = αI`): `Δ(0) = 0`, `D = 0.09 I`, `S ∝ I`, so `‖SD‖_F = ‖S‖‖D‖_F`
///   (L5's forcing is attained, and √2 above `‖S‖‖D‖`: `L5-spectral-D`,
///   `L5-no-SD`).
/// - Imbalanced anisotropic start (`U(0) = [diag(α, 2α); diag(0.3, 0.2)]`,
///   `V(0) = diag(α, 2α)`): the noise `N_U` is large while `λ_min(VᵀV) = α²`
///   (`L4-lambdaU`) and drives `Ξ` through `A N_UᵀN_U Bᵀ` (`L8-no-noise`). The
///   anisotropy keeps L4 and L8 strict: on the isotropic start they are equalities
///   and the check's budget does not cover the integration error there (see the
///   note in docs/mutations.md).
/// - Imbalanced anti-aligned start (`A(0) = −0.04 I`, `B(0) = 0.06 I`, noise 0.3 I):
///   `½ΔD = −0.0044 I` pulls `σ_r(S)` down while `g = σ_r − ½‖Z‖²` is exact for
///   isotropic `Z` (`L6-no-DeltaD`).
/// - Balanced κ = 1, k = r: `σ_r(S)` grows at exactly `σ_r − ½‖Z‖²` along
///   isotropic modes (`L6-quarter-Z`).
/// - `scaling:0.9`: Young's inequality in L2(b) is nearly an equality at `EV = −RV`
///   (`L2b-quarter-forcing`, `L2b-no-forcing`).
@Suite("Sharp cases (mutation kills)")
struct SharpCaseTests {
  /// A sharp case: the statements it checks and how to build its scenario.
  struct SharpCase: Sendable, CustomStringConvertible {
    let name: String
    let statements: [String]
    let make: @Sendable () throws -> Scenario
    var description: String { name }
  }

  /// The repository root (three levels above this file).
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// A witness problem file of scripts/mutation-witnesses/.
  static func witnessProblem(_ name: String) throws -> Problem {
    try ProblemFile.load(path: root.appendingPathComponent("scripts/mutation-witnesses/\(name).json").path)
  }

  /// A generated problem (σ₁ = 1, seed 1), as `pgf check --n1 … --seed 1` builds it.
  static func generated(_ n1: Int, _ n2: Int, k: Int, r: Int, kappa: Double, alpha: Double) throws -> Problem {
    try Problem.generate(ProblemSpec(n1: n1, n2: n2, k: k, r: r, kappa: kappa, alpha: alpha, seed: 1))
  }

  static let cases: [SharpCase] = [
    SharpCase(name: "2×2 k=r=1 α=1e-4 fixed:1.0 T=40", statements: ["L3"]) {
      try Scenario(
        problem: generated(2, 2, k: 1, r: 1, kappa: 2, alpha: 1e-4), perturbation: PerturbationSpec(parsing: "fixed:1.0"),
        tEnd: 40, label: "2×2 k=r=1 α=1e-4 fixed:1.0")
    },
    SharpCase(name: "imbalanced isotropic 4×2 k=r=2 Σ=I T=20", statements: ["L5", "L6"]) {
      try Scenario(
        problem: witnessProblem("imbalanced-isotropic"), perturbation: PerturbationSpec(parsing: "zero"), tEnd: 20,
        label: "imbalanced isotropic")
    },
    SharpCase(name: "imbalanced anisotropic 4×2 k=r=2 Σ=I T=20", statements: ["L4", "L5", "L6", "L8"]) {
      try Scenario(
        problem: witnessProblem("imbalanced-anisotropic"), perturbation: PerturbationSpec(parsing: "zero"), tEnd: 20,
        label: "imbalanced anisotropic")
    },
    SharpCase(name: "imbalanced anti-aligned 4×2 k=r=2 Σ=I T=20", statements: ["L5", "L6"]) {
      try Scenario(
        problem: witnessProblem("imbalanced-antialigned"), perturbation: PerturbationSpec(parsing: "zero"), tEnd: 20,
        label: "imbalanced anti-aligned")
    },
    SharpCase(name: "6×5 k=r=2 κ=1 α=1e-2 zero T=20", statements: ["L6"]) {
      try Scenario(
        problem: generated(6, 5, k: 2, r: 2, kappa: 1, alpha: 1e-2), perturbation: PerturbationSpec(parsing: "zero"),
        tEnd: 20, label: "6×5 k=r=2 κ=1")
    },
    SharpCase(name: "12×9 k=4 r=2 κ=2 scaling:0.9 T=20", statements: ["L2"]) {
      try Scenario(
        problem: generated(12, 9, k: 4, r: 2, kappa: 2, alpha: 1e-2), perturbation: PerturbationSpec(parsing: "scaling:0.9"),
        tEnd: 20, label: "12×9 scaling:0.9")
    },
  ]

  @Test("True lemmas hold on the sharp cases", arguments: cases)
  func sharpCase(_ sharp: SharpCase) throws {
    let context = ScenarioContext(try sharp.make())
    for id in sharp.statements {
      let statement = try #require(Catalogue.standard.statement(id: id), "\(id) is in the catalogue")
      let v = try statement.check(context)
      #expect(v.parts.contains { $0.notApplicable == nil }, "\(id) on \(sharp.name): no applicable part")
      #expect(v.holds && !v.isViolation, "\(LemmaGridTests.describe(v))")
    }
  }
}
