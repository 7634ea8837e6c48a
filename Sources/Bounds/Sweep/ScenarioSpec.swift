import Flow

/// A scenario described by plain parameters — the problem's coordinates
/// (``ProblemSpec``), the perturbation `NAME:SIZE` and the horizon — so it can
/// be listed in a sweep plan, written to a shard file and rebuilt identically
/// anywhere. The one spec type of sweeps, shards, claims and reports.
public struct ScenarioSpec: Sendable, Hashable, CustomStringConvertible {
  /// The generated problem's coordinates (shape, spectrum, α, seed).
  public var problem: ProblemSpec
  /// Perturbation as `NAME:SIZE`.
  public var perturbation: String
  /// Horizon T.
  public var tEnd: Double

  /// A scenario of a problem spec.
  public init(problem: ProblemSpec, perturbation: String, tEnd: Double) {
    self.problem = problem
    self.perturbation = perturbation
    self.tEnd = tEnd
  }

  /// A scenario with a geometric spectrum from `σ₁ = 1`.
  public init(n1: Int, n2: Int, k: Int, r: Int, kappa: Double, alpha: Double, seed: UInt64, perturbation: String, tEnd: Double) {
    self.init(problem: ProblemSpec(n1: n1, n2: n2, k: k, r: r, kappa: kappa, alpha: alpha, seed: seed), perturbation: perturbation, tEnd: tEnd)
  }

  /// Rows of X.
  public var n1: Int { problem.n1 }
  /// Columns of X.
  public var n2: Int { problem.n2 }
  /// Width of the factors.
  public var k: Int { problem.k }
  /// Rank of X.
  public var r: Int { problem.r }
  /// Condition number κ.
  public var kappa: Double { problem.kappa }
  /// Initialization scale α.
  public var alpha: Double { problem.alpha }
  /// Seed of the problem and of random perturbations.
  public var seed: UInt64 { problem.seed }

  /// `"12×9 k=4 r=2 κ=2 α=0.01 rotating:0.2 seed 1 T=20"`.
  public var description: String {
    "\(n1)×\(n2) k=\(k) r=\(r) κ=\(ReportFormat.compact(kappa)) α=\(ReportFormat.compact(alpha)) \(perturbation) seed \(seed) T=\(ReportFormat.compact(tEnd))"
  }

  /// The scenario, with the perturbation named in `families`.
  public func scenario(families: PerturbationFamilies = .standard) throws -> Scenario {
    try Scenario(
      problem: problem.problem(), perturbation: PerturbationSpec(parsing: perturbation, families: families), seed: seed,
      tEnd: tEnd, label: description)
  }

  /// The `pgf check` flags that reproduce this case bit for bit (every
  /// number exact: ``ReportFormat/exact(_:)``).
  public var commandLineFlags: String {
    let spectrum: String
    switch problem.spectrum {
    case .values(let s): spectrum = "--sigma \(s.map(ReportFormat.exact).joined(separator: ","))"
    case .geometric(let sigma1, let kappa, let rank):
      spectrum = "--r \(rank)\(sigma1 == 1 ? "" : " --sigma1 \(ReportFormat.exact(sigma1))") --kappa \(ReportFormat.exact(kappa))"
    }
    return "--n1 \(n1) --n2 \(n2) --k \(k) \(spectrum) --alpha \(ReportFormat.exact(alpha)) --seed \(seed) --perturbation \(perturbation) --t-end \(ReportFormat.exact(tEnd))"
  }

  /// JSON form.
  public var json: JSONValue {
    .object([
      ("n1", .integer(n1)), ("n2", .integer(n2)), ("k", .integer(k)), ("r", .integer(r)),
      ("kappa", .number(kappa)), ("alpha", .number(alpha)), ("seed", .string("\(seed)")),
      ("perturbation", .string(perturbation)), ("tEnd", .number(tEnd)),
    ])
  }

  /// From JSON (see ``json``).
  public init(json: JSONValue) throws {
    func number(_ key: String) throws -> Double {
      guard let v = json[key]?.doubleValue else { throw ReportError.malformed("case is missing number \"\(key)\"") }
      return v
    }
    func integer(_ key: String) throws -> Int {
      let v = try number(key)
      guard let i = Int(exactly: v) else { throw ReportError.malformed("case \"\(key)\" must be an integer") }
      return i
    }
    guard case .string(let seedText)? = json["seed"], let seed = UInt64(seedText) else {
      throw ReportError.malformed("case is missing string \"seed\"")
    }
    guard case .string(let perturbation)? = json["perturbation"] else {
      throw ReportError.malformed("case is missing string \"perturbation\"")
    }
    self.init(
      n1: try integer("n1"), n2: try integer("n2"), k: try integer("k"), r: try integer("r"), kappa: try number("kappa"),
      alpha: try number("alpha"), seed: seed, perturbation: perturbation, tEnd: try number("tEnd"))
  }
}

/// Errors of report generation: bad shard specs, malformed or incompatible shard files.
public enum ReportError: Error, Equatable, CustomStringConvertible {
  /// A shard or merge input that cannot be read.
  case malformed(String)
  /// An invalid `--shard i/N`.
  case invalidShard(String)
  /// Shard files that do not fit together.
  case incompatible(String)

  public var description: String {
    switch self {
    case .malformed(let s): return "malformed shard file: \(s)"
    case .invalidShard(let s): return "invalid shard '\(s)'; use --shard i/N with 1 ≤ i ≤ N, e.g. --shard 1/2"
    case .incompatible(let s): return "shard files do not fit together: \(s)"
    }
  }
}
