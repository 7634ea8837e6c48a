import Flow

/// A check case described by plain parameters, so it can be listed in a
/// sweep plan, written to a shard file and rebuilt identically anywhere.
public struct CaseDescriptor: Sendable, Hashable, CustomStringConvertible {
  /// Shape of X.
  public var n1: Int, n2: Int
  /// Width of the factors.
  public var k: Int
  /// Rank of X.
  public var r: Int
  /// Condition number κ (geometric spectrum from σ₁ = 1).
  public var kappa: Double
  /// Initialization scale α.
  public var alpha: Double
  /// Seed of the problem and of random perturbations.
  public var seed: UInt64
  /// Perturbation as `NAME:SIZE`.
  public var perturbation: String
  /// Horizon T.
  public var tEnd: Double

  /// A descriptor.
  public init(n1: Int, n2: Int, k: Int, r: Int, kappa: Double, alpha: Double, seed: UInt64, perturbation: String, tEnd: Double) {
    self.n1 = n1
    self.n2 = n2
    self.k = k
    self.r = r
    self.kappa = kappa
    self.alpha = alpha
    self.seed = seed
    self.perturbation = perturbation
    self.tEnd = tEnd
  }

  /// `"12×9 k=4 r=2 κ=2 α=0.01 rotating:0.2 seed 1 T=20"`.
  public var description: String {
    "\(n1)×\(n2) k=\(k) r=\(r) κ=\(ReportFormat.compact(kappa)) α=\(ReportFormat.compact(alpha)) \(perturbation) seed \(seed) T=\(ReportFormat.compact(tEnd))"
  }

  /// The generated problem.
  public func problem() throws -> Problem {
    try Problem.generate(ProblemSpec(n1: n1, n2: n2, k: k, r: r, kappa: kappa, alpha: alpha, seed: seed))
  }

  /// The check case.
  public func checkCase() throws -> CheckCase {
    try CheckCase(
      problem: problem(), perturbation: PerturbationSpec(parsing: perturbation), seed: seed, tEnd: tEnd, label: description)
  }

  /// The `pgf check` flags that reproduce this case.
  public var commandLineFlags: String {
    "--n1 \(n1) --n2 \(n2) --k \(k) --r \(r) --kappa \(ReportFormat.compact(kappa)) --alpha \(ReportFormat.compact(alpha)) --seed \(seed) --perturbation \(perturbation) --t-end \(ReportFormat.compact(tEnd))"
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
