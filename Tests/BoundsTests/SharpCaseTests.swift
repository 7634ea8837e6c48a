import Bounds
import Flow
import Foundation
import Sensing
import Testing

/// Sharp cases: the witnesses of the mutation table (scripts/mutations.json,
/// docs/mutations.md). Each witness is a small problem on which a statement's
/// bound is nearly attained, so a plausible wrong variant of it fails there
/// (`pgf check` exits 3 with the mutated build) while the true statement holds.
/// This suite checks the TRUE statement on every witness — a test that fails if
/// the statement or its check breaks — and so every variant shown false by its
/// witness is killed by the default suite.
///
/// Why the hand-made witnesses are sharp (theory.md §3):
/// - L3, 2×2, k = r = 1, α = 1e-4, `fixed:1.0`, seed 4: with ‖E‖ = σ₁ the growth rate
///   σ₁(X + E) = 1.77 is far above σ₁(X) = 1, and from α = 1e-4 the envelope stays tight
///   through the long spectral phase (`L3-no-E`).
/// - Imbalanced isotropic start (4×2, k = r = 2, Σ = I, `U(0) = [αI; 0.3I]`,
///   `V(0) = αI`): `Δ(0) = 0`, `D = 0.09 I`, `S ∝ I`, so `‖SD‖_F = ‖S‖‖D‖_F`
///   (L5's forcing is attained, and √2 above `‖S‖‖D‖`: `L5-spectral-D`, `L5-no-SD`).
/// - Imbalanced anisotropic start (`U(0) = [diag(α, 2α); diag(0.3, 0.2)]`,
///   `V(0) = diag(α, 2α)`): the noise `N_U` is large while `λ_min(VᵀV) = α²`
///   (`L4-lambdaU`) and drives `Ξ` through `A N_UᵀN_U Bᵀ` (`L8-no-noise`). The
///   anisotropy keeps L4 and L8 strict; on the isotropic start they are equalities
///   (``EqualityCaseTests`` checks that the true L4 and L8 hold there).
/// - Imbalanced anti-aligned start (`A(0) = −0.04 I`, `B(0) = 0.06 I`, noise 0.3 I):
///   `½ΔD ≈ −0.0044 I` pulls `σ_r(S)` down while `g = σ_r − ½‖Z‖²` is exact for
///   isotropic `Z` (`L6-no-DeltaD`).
/// - Balanced κ = 1, k = r: `σ_r(S)` grows at exactly `σ_r − ½‖Z‖²` along
///   isotropic modes (`L6-quarter-Z`).
/// - `scaling:0.9`: Young's inequality in L2(b) is nearly an equality at `EV = −RV`
///   (`L2b-quarter-forcing`, `L2b-no-forcing`).
/// - Sensing (experiment statements, checked through ``ExperimentCheck`` like
///   `pgf check --lemma ID …`): C8 on 8×6, k = 3, r = 2, κ = 2, m = 140, where
///   `max_j ‖Z_j‖ = 1.478√‖X‖` exceeds the balanced limit √2 (`C8-sqrt2`) and r, κ > 1
///   separate ‖Z‖_F and σ_r from ‖Z‖ and σ₁; the quick sweeps of C3 (c₆ doubled already
///   gives order 0.78 < 0.8), C4, C6, C9; any GD run for the L1-GD identity.
/// - K1: its closed-form counterexample (2×2, k = r = 1, fixed E), which must stay a
///   violation (`K1-perturbed-floor` hides it), and 4×4, k = r = 2, fixed:0.15, seed 6,
///   where K1 holds (‖R‖ = 0.91ε) but ‖R‖_F = 1.19ε (`K1-frobenius-R`).
@Suite("Sharp cases (mutation witnesses)")
struct SharpCaseTests {
  /// The repository root (three levels above this file).
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// The variants of scripts/mutations.json (empty when unreadable; `everyWitnessCovered` then fails).
  static func variants() -> [[String: Any]] {
    guard let data = try? Data(contentsOf: root.appendingPathComponent("scripts/mutations.json")),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let variants = object["variants"] as? [[String: Any]]
    else { return [] }
    return variants
  }

  /// The distinct witness commands (`pgf check` arguments) of scripts/mutations.json.
  static let witnesses: [String] = {
    let all = Self.variants()
    guard !all.isEmpty else { return ["(scripts/mutations.json is unreadable)"] }
    var seen: [String] = []
    for v in all { if let w = v["witness"] as? String, !seen.contains(w) { seen.append(w) } }
    return seen
  }()

  /// The exit status the TRUE statement has on each witness: 0 (holds) unless a variant's
  /// `witnessExpect` says 3 — a counterexample of a false conjecture (K1), which the
  /// true check must keep reporting (its wrong variants miss it).
  static let trueExits: [String: Int] = {
    var out: [String: Int] = [:]
    for v in variants() {
      if let w = v["witness"] as? String, let e = (v["witnessExpect"] as? [String: Any])?["true"] as? Int { out[w] = e }
    }
    return out
  }()

  static func trueExit(_ witness: String) -> Int { trueExits[witness] ?? 0 }

  /// The statement ids that have a test function below (one per statement, so the
  /// harness can run one statement's witnesses with `--filter 'SharpCaseTests/l3\('`).
  static let covered = ["L1", "L2", "L3", "L4", "L5", "L6", "L7", "L8", "L9", "L10", "C1", "C2", "L1-GD", "C3", "C4", "C6", "C8", "C9", "K1", "K-loss-E0"]

  /// The witnesses of one statement.
  static func witnesses(_ id: String) -> [String] { witnesses.filter { $0.hasPrefix("--lemma \(id) ") } }

  /// The statement id and the case of a witness. Every flag is explicit (only
  /// `--perturbation` defaults to `zero` and `--seed` to 1), so the case is the
  /// one `pgf check` builds from the same arguments.
  static func scenario(_ witness: String) throws -> (statement: String, scenario: Scenario) {
    let tokens = witness.split(separator: " ").map(String.init)
    var values: [String: String] = [:]
    var i = 0
    while i < tokens.count {
      let key = tokens[i]
      try #require(key.hasPrefix("--") && i + 1 < tokens.count, "witness '\(witness)': '\(key)' is not a --flag with a value")
      values[String(key.dropFirst(2))] = tokens[i + 1]
      i += 2
    }
    let known: Set = ["lemma", "n1", "n2", "k", "r", "kappa", "alpha", "t-end", "perturbation", "problem", "seed"]
    try #require(Set(values.keys).isSubset(of: known), "witness '\(witness)': flags other than \(known.sorted())")
    func number(_ key: String) throws -> Double {
      try #require(values[key].flatMap(Double.init), "witness '\(witness)' needs --\(key)")
    }
    let seed = try #require(UInt64(values["seed"] ?? "1"), "witness '\(witness)': --seed must be an unsigned integer")
    let problem: Problem
    if let path = values["problem"] {
      problem = try ProblemFile.load(path: root.appendingPathComponent(path).path)
    } else {
      problem = try Problem.generate(
        ProblemSpec(
          n1: Int(try number("n1")), n2: Int(try number("n2")), k: Int(try number("k")), r: Int(try number("r")),
          kappa: try number("kappa"), alpha: try number("alpha"), seed: seed))
    }
    let statement = try #require(values["lemma"], "witness '\(witness)' needs --lemma")
    let scenario = try Scenario(
      problem: problem, perturbation: PerturbationSpec(parsing: values["perturbation"] ?? "zero"), seed: seed,
      tEnd: try number("t-end"), label: witness)
    return (statement, scenario)
  }

  /// The flags of a witness (`--key value` pairs).
  static func flags(_ witness: String) throws -> [String: String] {
    let tokens = witness.split(separator: " ").map(String.init)
    var values: [String: String] = [:]
    var i = 0
    while i < tokens.count {
      try #require(tokens[i].hasPrefix("--") && i + 1 < tokens.count, "witness '\(witness)': '\(tokens[i])' is not a --flag with a value")
      values[String(tokens[i].dropFirst(2))] = tokens[i + 1]
      i += 2
    }
    return values
  }

  /// The page of an experiment statement's witness: `--experiment quick|full`, or one
  /// sensing case (`--n1 … --m M`, the defaults of `pgf check`: κ 1, α 1e-3, seed 1, gaussian, no noise).
  static func experimentPage(_ statement: any ExperimentStatement, _ witness: String) throws -> ExperimentPage {
    let values = try flags(witness)
    if let budget = values["experiment"] {
      try #require(budget == "quick" || budget == "full", "witness '\(witness)': --experiment quick|full")
      return try ExperimentCheck.page(statement, budget: budget == "quick" ? .quick : .full)
    }
    let known: Set = ["lemma", "n1", "n2", "k", "r", "m", "kappa", "alpha", "seed", "operator", "noise", "steps"]
    try #require(Set(values.keys).isSubset(of: known), "witness '\(witness)': flags other than \(known.sorted())")
    let single = try #require(statement as? any SingleCaseExperiment, "\(statement.id) has no single-case check; use --experiment")
    func int(_ key: String) throws -> Int { try #require(values[key].flatMap { Int($0) }, "witness '\(witness)' needs --\(key)") }
    let c = SensingCase(
      n1: try int("n1"), n2: try int("n2"), k: try int("k"), r: try int("r"), kappa: values["kappa"].flatMap(Double.init) ?? 1,
      alpha: values["alpha"].flatMap(Double.init) ?? 1e-3, seed: values["seed"].flatMap { UInt64($0) } ?? 1, m: try int("m"),
      kind: try #require(OperatorKind(rawValue: values["operator"] ?? "gaussian")), noise: values["noise"].flatMap(Double.init) ?? 0)
    return try ExperimentCheck.page(single, case: c, steps: values["steps"].flatMap { Int($0) })
  }

  /// Checks the true statement of `witness` on its case: it holds there, or, when the
  /// witness is a counterexample of a false conjecture (``trueExit(_:)`` 3), it fails there.
  static func check(_ witness: String) throws {
    let values = try flags(witness)
    let id = try #require(values["lemma"], "witness '\(witness)' needs --lemma")
    let statement = try #require(Catalogue.standard.statement(id: id), "\(id) is in the catalogue")
    let expected = trueExit(witness)
    if let experiment = statement as? any ExperimentStatement {
      let page = try experimentPage(experiment, witness)
      #expect(Int(ExperimentCheck.exitStatus(page)) == expected, "\(id) on \(witness): verdict \(page.verdict)")
      return
    }
    let (_, scenario) = try Self.scenario(witness)
    let v = try statement.check(ScenarioContext(scenario))
    #expect(v.parts.contains { $0.notApplicable == nil }, "\(id) on \(witness): no applicable part")
    if expected == 3 {
      #expect(v.isViolation, "\(id) on \(witness) must stay a counterexample: \(LemmaGridTests.describe(v))")
    } else {
      #expect(v.holds == true && !v.isViolation, "\(LemmaGridTests.describe(v))")
    }
  }

  /// A `search --lemma K …` witness is a conjecture's falsification search: the default
  /// suite runs that search in ConjectureTests (the harness's filter for those variants).
  @Test("Every witness belongs to a statement with a test here (or is a conjecture's search, run by ConjectureTests)")
  func everyWitnessCovered() {
    for w in Self.witnesses {
      if w.hasPrefix("search --lemma ") {
        let id = w.split(separator: " ")[2]
        #expect(Catalogue.standard.conjecture(id: String(id)) != nil, "\(w): not a conjecture")
        continue
      }
      #expect(Self.covered.contains { w.hasPrefix("--lemma \($0) ") }, "\(w)")
    }
  }

  @Test("L1 holds on its witnesses", arguments: witnesses("L1")) func l1(_ w: String) throws { try Self.check(w) }
  @Test("L2 holds on its witnesses", arguments: witnesses("L2")) func l2(_ w: String) throws { try Self.check(w) }
  @Test("L3 holds on its witnesses", arguments: witnesses("L3")) func l3(_ w: String) throws { try Self.check(w) }
  @Test("L4 holds on its witnesses", arguments: witnesses("L4")) func l4(_ w: String) throws { try Self.check(w) }
  @Test("L5 holds on its witnesses", arguments: witnesses("L5")) func l5(_ w: String) throws { try Self.check(w) }
  @Test("L6 holds on its witnesses", arguments: witnesses("L6")) func l6(_ w: String) throws { try Self.check(w) }
  @Test("L7 holds on its witnesses", arguments: witnesses("L7")) func l7(_ w: String) throws { try Self.check(w) }
  @Test("L8 holds on its witnesses", arguments: witnesses("L8")) func l8(_ w: String) throws { try Self.check(w) }
  @Test("L9 holds on its witnesses", arguments: witnesses("L9")) func l9(_ w: String) throws { try Self.check(w) }
  @Test("L10 holds on its witnesses", arguments: witnesses("L10")) func l10(_ w: String) throws { try Self.check(w) }
  @Test("C1 holds on its witnesses", arguments: witnesses("C1")) func c1(_ w: String) throws { try Self.check(w) }
  @Test("C2 holds on its witnesses", arguments: witnesses("C2")) func c2(_ w: String) throws { try Self.check(w) }
  @Test("L1-GD holds on its witnesses", arguments: witnesses("L1-GD")) func l1GD(_ w: String) throws { try Self.check(w) }
  @Test("C3 holds on its witnesses", arguments: witnesses("C3")) func c3(_ w: String) throws { try Self.check(w) }
  @Test("C4 holds on its witnesses", arguments: witnesses("C4")) func c4(_ w: String) throws { try Self.check(w) }
  @Test("C6 holds on its witnesses", arguments: witnesses("C6")) func c6(_ w: String) throws { try Self.check(w) }
  @Test("C8 holds on its witnesses", arguments: witnesses("C8")) func c8(_ w: String) throws { try Self.check(w) }
  @Test("C9 holds on its witnesses", arguments: witnesses("C9")) func c9(_ w: String) throws { try Self.check(w) }
  @Test("K-loss-E0 holds on its witnesses", arguments: witnesses("K-loss-E0")) func kLossE0(_ w: String) throws { try Self.check(w) }
  @Test("K1 holds on its witnesses, and its counterexample stays one", arguments: witnesses("K1")) func k1(_ w: String) throws { try Self.check(w) }
}
