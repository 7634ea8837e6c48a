/// A perturbation named on the command line as `NAME:SIZE`.
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
public struct PerturbationSpec: Sendable, Equatable, CustomStringConvertible {
  /// The families of theory.md §2 available by name.
  public enum Family: String, Sendable, CaseIterable {
    case zero, fixed, rotating, scaling, alignedKill, greedy, greedyRel

    /// Whether the size is relative to `‖R‖_F` (`δ`) rather than absolute (`ε`).
    public var isRelative: Bool { self == .scaling || self == .greedyRel }
  }

  /// The family.
  public var family: Family
  /// Its size (ε or δ).
  public var size: Double

  /// A family and size.
  public init(family: Family, size: Double) {
    self.family = family
    self.size = size
  }

  /// Parses `NAME:SIZE` (or `zero`).
  ///
  /// - Throws: ``ProblemError/unknownPerturbation(_:)`` naming the valid
  ///   families, or ``ProblemError/invalidValue(_:)`` for a bad size.
  public init(parsing text: String) throws {
    let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
    guard let family = Family(rawValue: parts[0]) else {
      let names = Family.allCases.map(\.rawValue).joined(separator: ", ")
      throw ProblemError.unknownPerturbation("unknown perturbation '\(parts[0])'; use one of \(names) as NAME:SIZE, e.g. rotating:0.1")
    }
    if parts.count == 1 {
      guard family == .zero else {
        throw ProblemError.invalidValue("perturbation '\(family.rawValue)' needs a size: \(family.rawValue):SIZE, e.g. \(family.rawValue):0.1")
      }
      self.init(family: .zero, size: 0)
      return
    }
    guard let size = Double(parts[1]), size.isFinite, size >= 0 else {
      throw ProblemError.invalidValue("perturbation size '\(parts[1])' is not a finite number ≥ 0; e.g. \(family.rawValue):0.1")
    }
    self.init(family: family, size: size)
  }

  /// `NAME:SIZE`.
  public var description: String { family == .zero ? "zero" : "\(family.rawValue):\(size)" }

  /// The perturbation for a problem; random families draw from `seed`.
  public func make(for problem: Problem, seed: UInt64) throws -> any Perturbation {
    switch family {
    case .zero: return ZeroPerturbation()
    case .fixed: return try FixedPerturbation(size: size, n1: problem.n1, n2: problem.n2, seed: seed)
    case .rotating: return try RotatingPerturbation(size: size, n1: problem.n1, n2: problem.n2, seed: seed)
    case .scaling: return try ScalingPerturbation(size: size)
    case .alignedKill: return try AlignedKillPerturbation(size: size)
    case .greedy: return try GreedyPerturbation(budget: .absolute(size))
    case .greedyRel: return try GreedyPerturbation(budget: .relative(size))
    }
  }
}
