/// How the size parameter of a perturbation family is measured.
public enum PerturbationSizeKind: String, Sendable, Equatable {
  /// No size (`zero`): the family declares `H_abs(0)`.
  case none
  /// An absolute size ε: the family declares `H_abs(ε)`, `‖E(t)‖ ≤ ε`.
  case absolute
  /// A size δ relative to the residual: the family declares `H_rel(δ)`, `‖E(t)‖ ≤ δ‖R(t)‖_F`.
  case relative
  /// A parameter that is no bound on `‖E‖` (e.g. the number of measurements of
  /// `sensing:M`): the family declares no hypothesis.
  case parameter
}

/// A named family of perturbations `E(t, U, V)` with one size parameter
/// (theory.md §2): how to build a member for a problem, and what its size means.
///
/// The shipped families are static members (``zero``, ``fixed``, …) and make
/// up ``PerturbationFamilies/standard``; a client package defines its own with
/// ``init(name:sizeKind:summary:make:)`` and passes it in a
/// ``PerturbationFamilies`` value, after which it can be named on the command
/// line, swept by a report and searched by a conjecture like the shipped ones.
/// Two families are equal when their names are.
public struct PerturbationFamily: Sendable, Hashable, CustomStringConvertible {
  /// The name used in `NAME:SIZE`, e.g. `"rotating"`.
  public let name: String
  /// What the size means (decides the declared hypothesis).
  public let sizeKind: PerturbationSizeKind
  /// One line: `E` in the paper's notation and what the size bounds.
  public let summary: String
  private let build: @Sendable (_ problem: Problem, _ size: Double, _ seed: UInt64) throws -> any Perturbation

  /// A family: `make(problem, size, seed)` builds the member of size `size`
  /// for `problem`, drawing any randomness from `seed`.
  public init(
    name: String, sizeKind: PerturbationSizeKind, summary: String,
    make: @escaping @Sendable (_ problem: Problem, _ size: Double, _ seed: UInt64) throws -> any Perturbation
  ) {
    self.name = name
    self.sizeKind = sizeKind
    self.summary = summary
    build = make
  }

  /// Whether the size is relative to `‖R‖_F` (`δ`) rather than absolute (`ε`).
  public var isRelative: Bool { sizeKind == .relative }

  /// The member of size `size` for `problem`; random families draw from `seed`.
  public func make(size: Double, for problem: Problem, seed: UInt64) throws -> any Perturbation {
    try build(problem, size, seed)
  }

  /// The name.
  public var description: String { name }

  public static func == (a: PerturbationFamily, b: PerturbationFamily) -> Bool { a.name == b.name }
  public func hash(into hasher: inout Hasher) { hasher.combine(name) }

  /// `E = 0`.
  public static let zero = PerturbationFamily(name: "zero", sizeKind: .none, summary: "E = 0") { _, _, _ in ZeroPerturbation() }
  /// `E = ε M/‖M‖`, `M` seeded Gaussian: `‖E‖ = ε`.
  public static let fixed = PerturbationFamily(name: "fixed", sizeKind: .absolute, summary: "ε M/‖M‖, M seeded Gaussian; ‖E‖ = ε") {
    problem, size, seed in try FixedPerturbation(size: size, n1: problem.n1, n2: problem.n2, seed: seed)
  }
  /// `E(t) = ε (cos t M₁ + sin t M₂)/√2`, `‖Mᵢ‖ = 1`: `‖E(t)‖ ≤ ε`.
  public static let rotating = PerturbationFamily(
    name: "rotating", sizeKind: .absolute, summary: "ε (cos t M₁ + sin t M₂)/√2, ‖Mᵢ‖ = 1; ‖E(t)‖ ≤ ε"
  ) { problem, size, seed in try RotatingPerturbation(size: size, n1: problem.n1, n2: problem.n2, seed: seed) }
  /// `E = −δR` (the sharp family of L9): `‖E‖ = δ‖R‖ ≤ δ‖R‖_F`.
  public static let scaling = PerturbationFamily(name: "scaling", sizeKind: .relative, summary: "−δR (sharp family of L9); ‖E‖ ≤ δ‖R‖_F") {
    _, size, _ in try ScalingPerturbation(size: size)
  }
  /// `E = −ε φ_r ψ_rᵀ` (the sharp family of L10): `‖E‖ = ε`.
  public static let alignedKill = PerturbationFamily(
    name: "alignedKill", sizeKind: .absolute, summary: "−ε φ_r ψ_rᵀ (sharp family of L10); ‖E‖ = ε"
  ) { _, size, _ in try AlignedKillPerturbation(size: size) }
  /// The greedy adversary `−ε M(MᵀM + μ²I)^{−1/2}`, `M = RVVᵀ + UUᵀR`: `‖E‖ ≤ ε`.
  public static let greedy = PerturbationFamily(
    name: "greedy", sizeKind: .absolute, summary: "−ε M(MᵀM + μ²I)^{−1/2}, M = RVVᵀ + UUᵀR; ‖E‖ ≤ ε"
  ) { _, size, _ in try GreedyPerturbation(budget: .absolute(size)) }
  /// The greedy adversary with budget `δ‖R‖_F`: `‖E‖ ≤ δ‖R‖_F`.
  public static let greedyRel = PerturbationFamily(
    name: "greedyRel", sizeKind: .relative, summary: "the same with budget δ‖R‖_F; ‖E‖ ≤ δ‖R‖_F"
  ) { _, size, _ in try GreedyPerturbation(budget: .relative(size)) }
}

/// A registry of perturbation families, passed as a value: the families a
/// command line, a sweep or a search may name.
public struct PerturbationFamilies: Sendable, Equatable {
  /// The families, in listing order.
  public private(set) var all: [PerturbationFamily]

  /// A registry of `families` (names must be distinct).
  public init(_ families: [PerturbationFamily]) {
    precondition(Set(families.map(\.name)).count == families.count, "PerturbationFamilies: duplicate family names")
    all = families
  }

  /// The families of theory.md §2: zero, fixed, rotating, scaling, alignedKill, greedy, greedyRel.
  public static let standard = PerturbationFamilies([.zero, .fixed, .rotating, .scaling, .alignedKill, .greedy, .greedyRel])

  /// This registry with `families` appended (a name already present is an error).
  public func adding(_ families: [PerturbationFamily]) -> PerturbationFamilies { PerturbationFamilies(all + families) }

  /// The family named `name` (exact match), if registered.
  public func family(named name: String) -> PerturbationFamily? { all.first { $0.name == name } }

  /// The names, comma-separated, for error messages.
  public var names: String { all.map(\.name).joined(separator: ", ") }
}

/// A perturbation named on the command line as `NAME:SIZE`: a family and its size.
///
/// | name | E | size means |
/// |---|---|---|
/// | `zero` | 0 | (ignored; `zero` or `zero:0`) |
/// | `fixed` | ε M/‖M‖, seeded Gaussian M | ε = ‖E‖ |
/// | `rotating` | ε (cos t M₁ + sin t M₂)/√2 | ε ≥ ‖E(t)‖ |
/// | `scaling` | −δR | δ (relative) |
/// | `alignedKill` | −ε φ_r ψ_rᵀ | ε = ‖E‖ |
/// | `greedy` | −ε polar_μ(M) | ε ≥ ‖E‖ |
/// | `greedyRel` | −δ‖R‖_F polar_μ(M) | δ (relative) |
///
/// plus whatever families the registry given to ``init(parsing:families:)`` holds.
public struct PerturbationSpec: Sendable, Equatable, CustomStringConvertible {
  /// The family.
  public var family: PerturbationFamily
  /// Its size (ε or δ; 0 for `zero`).
  public var size: Double

  /// A family and size.
  public init(family: PerturbationFamily, size: Double) {
    self.family = family
    self.size = size
  }

  /// Parses `NAME:SIZE` (or a family without size, such as `zero`) against `families`.
  ///
  /// - Throws: ``ProblemError/unknownPerturbation(_:)`` naming the valid
  ///   families, or ``ProblemError/invalidValue(_:)`` for a bad size.
  public init(parsing text: String, families: PerturbationFamilies = .standard) throws {
    let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
    guard let family = families.family(named: parts[0]) else {
      throw ProblemError.unknownPerturbation("unknown perturbation '\(parts[0])'; use one of \(families.names) as NAME:SIZE, e.g. rotating:0.1")
    }
    if parts.count == 1 {
      guard family.sizeKind == .none else {
        throw ProblemError.invalidValue("perturbation '\(family.name)' needs a size: \(family.name):SIZE, e.g. \(family.name):0.1")
      }
      self.init(family: family, size: 0)
      return
    }
    guard let size = Double(parts[1]), size.isFinite, size >= 0 else {
      throw ProblemError.invalidValue("perturbation size '\(parts[1])' is not a finite number ≥ 0; e.g. \(family.name):0.1")
    }
    self.init(family: family, size: size)
  }

  /// `NAME:SIZE` (`zero` for a family without size).
  public var description: String { family.sizeKind == .none ? family.name : "\(family.name):\(size)" }

  /// The perturbation for a problem; random families draw from `seed`.
  public func make(for problem: Problem, seed: UInt64) throws -> any Perturbation {
    try family.make(size: size, for: problem, seed: seed)
  }
}
