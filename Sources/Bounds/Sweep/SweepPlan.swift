/// The cases a report checks every statement on, in a fixed order, and the
/// budgets of the report's other units (conjecture searches, claim sweeps).
///
/// `quick` is small enough for a debug-mode test (the docs-freshness check);
/// `full` is the report's default. Both are deterministic lists, so a shard
/// `i/N` (the units with index ≡ i−1 mod N) is the same on every machine.
public struct SweepPlan: Sendable, Equatable {
  /// The sizes and halvings of the claim sweeps (``ClaimSweep``).
  public struct ClaimBudget: Sendable, Equatable {
    /// Perturbation sizes in units of the bound.
    public var sizes: [Double]
    /// Bisection halvings of the critical size.
    public var bisections: Int

    /// A budget.
    public init(sizes: [Double], bisections: Int) {
      self.sizes = sizes
      self.bisections = bisections
    }
  }

  /// How large the experiments of ``ExperimentStatement``s are: `1` for the
  /// quick plan, larger for the full one (each statement scales its trials,
  /// sizes and seeds by it and documents how).
  public struct ExperimentBudget: Sendable, Equatable {
    /// `0` quick (CI-sized), `1` full.
    public var level: Int

    /// A budget.
    public init(level: Int) { self.level = level }

    /// CI-sized.
    public static let quick = ExperimentBudget(level: 0)
    /// The report's default.
    public static let full = ExperimentBudget(level: 1)

    /// `quick` when the level is 0, `full` otherwise.
    public func pick<T>(quick: T, full: T) -> T { level == 0 ? quick : full }
  }

  /// The plan's name, recorded in shard files (`"quick"`, `"full"`).
  public let name: String
  /// The statement cases, in order.
  public let cases: [ScenarioSpec]
  /// The falsification budget of each conjecture search.
  public let searchBudget: FalsificationSearch.Budget
  /// The claim sweeps' sizes and halvings.
  public let claimBudget: ClaimBudget
  /// The size of the experiment statements' runs.
  public let experimentBudget: ExperimentBudget
  /// The `pgf report` flags that select this plan (`""` for the default, `" --quick"`).
  public let flags: String

  /// A plan.
  public init(
    name: String, cases: [ScenarioSpec], searchBudget: FalsificationSearch.Budget = .small,
    claimBudget: ClaimBudget = ClaimBudget(sizes: [0.5, 1, 2, 3], bisections: 3), experimentBudget: ExperimentBudget = .quick,
    flags: String = ""
  ) {
    self.experimentBudget = experimentBudget
    self.name = name
    self.cases = cases
    self.searchBudget = searchBudget
    self.claimBudget = claimBudget
    self.flags = flags
  }

  /// The shipped plans, by name.
  public static let shipped: [SweepPlan] = [.quick, .full]

  /// A shipped plan by name (`"quick"`, `"full"`).
  public static func named(_ name: String) -> SweepPlan? { shipped.first { $0.name == name } }

  /// 1 shape × 5 families × seed 1, T = 15: small enough that `swift test`
  /// recomputes its verdict table in debug mode (the docs-freshness check);
  /// small searches, 4 claim sizes and 3 halvings.
  public static let quick = SweepPlan(
    name: "quick",
    cases: grid(
      shapes: [(12, 9, 4, 2, 2)],
      perturbations: ["zero", "rotating:0.2", "scaling:0.5", "alignedKill:0.2", "greedy:0.1"],
      seeds: [1], tEnd: 15),
    searchBudget: .small, claimBudget: ClaimBudget(sizes: [0.5, 1, 2, 3], bisections: 3), experimentBudget: .quick, flags: " --quick")

  /// 5 shapes (n1 ≠ n2, k = r and k > r, κ ∈ {1, 2, 10}) × 13 family sizes × 3 seeds, T = 20;
  /// thorough searches, 11 claim sizes and 6 halvings.
  public static let full = SweepPlan(
    name: "full",
    cases: grid(
      shapes: [(12, 9, 4, 2, 2), (7, 10, 3, 3, 1), (9, 9, 5, 3, 10), (15, 6, 2, 2, 10), (8, 14, 6, 2, 1)],
      perturbations: [
        "zero", "fixed:0.1", "fixed:0.4", "rotating:0.05", "rotating:0.2", "scaling:0.5", "scaling:0.9",
        "alignedKill:0.05", "alignedKill:0.2", "greedy:0.1", "greedy:0.3", "greedyRel:0.2", "greedyRel:0.5",
      ],
      seeds: [1, 2, 3], tEnd: 20),
    searchBudget: .thorough,
    claimBudget: ClaimBudget(sizes: [0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 2.5, 3, 4], bisections: 6), experimentBudget: .full, flags: "")

  /// The cases of shapes `(n1, n2, k, r, κ)` × perturbations × seeds (α = 1e-2).
  public static func grid(shapes: [(Int, Int, Int, Int, Double)], perturbations: [String], seeds: [UInt64], tEnd: Double) -> [ScenarioSpec] {
    var out: [ScenarioSpec] = []
    for s in shapes {
      for p in perturbations {
        for seed in seeds {
          out.append(ScenarioSpec(n1: s.0, n2: s.1, k: s.2, r: s.3, kappa: s.4, alpha: 1e-2, seed: seed, perturbation: p, tEnd: tEnd))
        }
      }
    }
    return out
  }
}

/// One slice `i/N` of a plan: the units whose index is `≡ i − 1 (mod N)`.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
  /// 1-based slice index `i`.
  public let index: Int
  /// Number of slices `N`.
  public let count: Int

  /// The whole plan.
  public static let all = Shard(index: 1, count: 1)

  private init(index: Int, count: Int) {
    self.index = index
    self.count = count
  }

  /// Parses `"i/N"` with `1 ≤ i ≤ N`.
  public init(parsing text: String) throws {
    let parts = text.split(separator: "/")
    guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, i >= 1, i <= n else {
      throw ReportError.invalidShard(text)
    }
    self.init(index: i, count: n)
  }

  /// Whether unit `unit` (0-based) belongs to this slice.
  public func contains(_ unit: Int) -> Bool { unit % count == index - 1 }

  /// `"i/N"`.
  public var description: String { "\(index)/\(count)" }
}
