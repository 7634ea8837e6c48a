/// What a command line, a sweep and a report work on, passed as a value: the
/// statements (identities, lemmas, claims), the conjectures, the perturbation
/// families that may be named, and the statements announced but not built.
///
/// ``standard`` is this package's catalogue; a client package extends it with
/// ``adding(statements:conjectures:families:)`` and hands the result to the
/// command line, so its own statements reach `pgf check`, `search` and
/// `report` without editing this package.
public struct Catalogue: Sendable {
  /// A statement listed in theory.md that is not implemented yet, with the reason.
  public struct Pending: Sendable {
    /// Its id, e.g. `"C3"`.
    public var id: String
    /// Its title.
    public var title: String
    /// Its status.
    public var status: Status
    /// Why it is not built yet.
    public var reason: String

    /// A pending entry.
    public init(id: String, title: String, status: Status, reason: String) {
      self.id = id
      self.title = title
      self.status = status
      self.reason = reason
    }
  }

  /// Identities, lemmas and claims, in theory.md order.
  public var statements: [any Statement]
  /// Conjectures (searched for counterexamples as well as checked).
  public var conjectures: [any Conjecture]
  /// The perturbation families that may be named (`NAME:SIZE`).
  public var families: PerturbationFamilies
  /// Announced statements that are not built yet.
  public var pending: [Pending]

  /// A catalogue; ids must be distinct across statements, conjectures and pending entries.
  public init(statements: [any Statement], conjectures: [any Conjecture], families: PerturbationFamilies, pending: [Pending] = []) {
    let ids = statements.map { $0.id.lowercased() } + conjectures.map { $0.id.lowercased() } + pending.map { $0.id.lowercased() }
    precondition(Set(ids).count == ids.count, "Catalogue: duplicate statement ids")
    self.statements = statements
    self.conjectures = conjectures
    self.families = families
    self.pending = pending
  }

  /// This package's catalogue: L1–L10, C1, C2, the sensing statements (L1-GD, C3–C9), the shipped conjectures and the
  /// families of theory.md §2 (with `sensing:M` and `sensingRankOne:M`).
  public static var standard: Catalogue {
    Catalogue(
      statements: [
        L1Imbalance(), L2EnergyBalance(), L3GrowthEnvelope(), L4NoiseContainment(), L5AntiAlignmentDecay(),
        L6SignalGrowth(), L7ResidualDecomposition(), L8SignalErrorContraction(), L9RelativeSharpness(),
        L10AbsoluteSharpness(), C1RelativeConvergence(), C2AbsoluteRobustness(),
        L1GDImbalance(), C3GradientDescentFollowsFlow(), C4Recovery(), C5ErrorFloor(), C6PerturbationGrowth(), C7StepCount(), C8NormBound(), C9BatchSize(),
      ],
      conjectures: [K1NoAmplification(), LossMonotoneWithoutPerturbation(), LossMonotoneUnderSmallPerturbation()],
      families: PerturbationFamilies.standard.adding([.sensing, .sensingRankOne]))
  }

  /// This catalogue with more statements, conjectures and families appended
  /// (ids and family names must stay distinct).
  public func adding(statements: [any Statement] = [], conjectures: [any Conjecture] = [], families: [PerturbationFamily] = []) -> Catalogue {
    Catalogue(
      statements: self.statements + statements, conjectures: self.conjectures + conjectures,
      families: self.families.adding(families), pending: pending)
  }

  /// Statements, then conjectures.
  public var all: [any Statement] { statements + conjectures.map { $0 as any Statement } }

  /// The statement or conjecture with this id (case-insensitive), if implemented.
  public func statement(id: String) -> (any Statement)? {
    all.first { $0.id.lowercased() == id.lowercased() }
  }

  /// The conjecture with this id (case-insensitive), if present.
  public func conjecture(id: String) -> (any Conjecture)? {
    conjectures.first { $0.id.lowercased() == id.lowercased() }
  }

  /// The pending entry with this id (case-insensitive), if any.
  public func pendingEntry(id: String) -> Pending? {
    pending.first { $0.id.lowercased() == id.lowercased() }
  }
}
