import Flow

/// The built-in measurement ensembles of theory.md §8.
public enum OperatorKind: String, Sendable, CaseIterable {
  /// Dense `A_i` with iid `N(0, 1)` entries (``DenseMeasurementOperator``).
  case gaussian
  /// `A_i = a_i b_iᵀ`, `a_i`, `b_i` iid `N(0, I)` (``RankOneMeasurementOperator``).
  case rankOne

  /// A seeded operator of this kind with `m` measurements of `n1 × n2` matrices.
  public func make(m: Int, n1: Int, n2: Int, generator: inout SeededGenerator) throws -> any MeasurementOperator {
    switch self {
    case .gaussian: return try DenseMeasurementOperator(gaussian: m, n1: n1, n2: n2, generator: &generator)
    case .rankOne: return try RankOneMeasurementOperator(gaussian: m, n1: n1, n2: n2, generator: &generator)
    }
  }
}

/// A matrix-sensing problem (theory.md §8): the target `X = ΦΣΨᵀ` and the
/// initial factors (a Flow ``Problem``), a measurement operator `𝒜` and the
/// measurements `y = 𝒜(X) + ξ`.
public struct SensingProblem: Sendable {
  /// Target `X` and initial factors `U(0)`, `V(0)`.
  public let problem: Problem
  /// The operator `𝒜` (`m` measurements of `n1 × n2` matrices).
  public let measurementOperator: any MeasurementOperator
  /// `y` (length m).
  public let measurements: [Double]
  /// `𝒜(X)` computed from the factored target (length m); `ξ = y − 𝒜(X)`.
  public let cleanMeasurements: [Double]
  /// The noise level `σ_ξ` used to draw `ξ` (also the level of the noise of
  /// fresh SGD batches); `0` for a loaded problem unless given.
  public let noiseLevel: Double
  /// The ensemble of the operator when it is a built-in one (`nil` for
  /// explicit or user operators); fresh SGD batches draw from it (Gaussian when `nil`).
  public let operatorKind: OperatorKind?

  /// `m`.
  public var measurementCount: Int { measurementOperator.measurementCount }
  /// `dof = r(n1 + n2 − r)`, the dimension of the rank-r manifold.
  public var degreesOfFreedom: Int { problem.r * (problem.n1 + problem.n2 - problem.r) }
  /// The noise vector `ξ = y − 𝒜(X)`.
  public var noise: [Double] { zip(measurements, cleanMeasurements).map { $0 - $1 } }

  /// A problem from its parts; `y` must have `m` finite entries and `𝒜` the shape of `X`.
  ///
  /// - Throws: ``SensingError/dimensionMismatch(_:)``, ``SensingError/nonFinite(_:)``,
  ///   ``SensingError/invalidValue(_:)`` for a negative noise level.
  public init(problem: Problem, measurementOperator: any MeasurementOperator, measurements: [Double], noiseLevel: Double = 0, operatorKind: OperatorKind? = nil) throws {
    guard measurementOperator.n1 == problem.n1, measurementOperator.n2 == problem.n2 else {
      throw SensingError.dimensionMismatch(
        "the measurement matrices are \(measurementOperator.n1)×\(measurementOperator.n2) but X is \(problem.n1)×\(problem.n2); every A_i must have the shape of X")
    }
    guard measurements.count == measurementOperator.measurementCount else {
      throw SensingError.dimensionMismatch("y has \(measurements.count) entries but there are m = \(measurementOperator.measurementCount) measurement matrices; give one y_i per A_i")
    }
    guard measurements.allSatisfy(\.isFinite) else { throw SensingError.nonFinite("y") }
    try Self.checkNoise(noiseLevel)
    self.problem = problem
    self.measurementOperator = measurementOperator
    self.measurements = measurements
    self.cleanMeasurements = measurementOperator.apply(problem.target)
    self.noiseLevel = noiseLevel
    self.operatorKind = operatorKind
  }

  static func checkNoise(_ sigma: Double) throws {
    guard sigma.isFinite, sigma >= 0 else {
      throw SensingError.invalidValue("the noise level σ_ξ must be finite and ≥ 0 (got \(sigma)); e.g. --noise 0.01")
    }
  }

  /// A seeded problem: the Flow problem of `spec.problem`, an operator of
  /// `spec.operatorKind` drawn from stream `"sensing.operator"` of
  /// `spec.operatorSeed` (default: the problem seed) and noise
  /// `ξ_i ~ N(0, σ_ξ²)` from stream `"sensing.noise"`.
  public static func generate(_ spec: SensingSpec) throws -> SensingProblem {
    try checkNoise(spec.noise)
    let problem = try Problem.generate(spec.problem)
    return try make(problem: problem, spec: spec)
  }

  /// A seeded operator and measurements for an existing Flow problem (see ``generate(_:)``).
  public static func make(problem: Problem, spec: SensingSpec) throws -> SensingProblem {
    try checkNoise(spec.noise)
    let seed = spec.operatorSeed ?? spec.problem.seed
    var rng = SeededGenerator(seed: seed, stream: "sensing.operator")
    let op = try spec.operatorKind.make(m: spec.measurements, n1: problem.n1, n2: problem.n2, generator: &rng)
    var y = op.apply(problem.target)
    if spec.noise > 0 {
      var noise = SeededGenerator(seed: seed, stream: "sensing.noise")
      for i in 0..<y.count { y[i] += spec.noise * noise.nextGaussian() }
    }
    return try SensingProblem(problem: problem, measurementOperator: op, measurements: y, noiseLevel: spec.noise, operatorKind: spec.operatorKind)
  }
}

/// What a generated sensing problem looks like.
///
/// Defaults: the Flow ``ProblemSpec`` defaults, `m = 200`, Gaussian operator,
/// no noise, operator/noise seed = the problem seed.
public struct SensingSpec: Sendable, Equatable {
  /// Target shape, spectrum, width, init scale and seed.
  public var problem: ProblemSpec
  /// Number of measurements `m`.
  public var measurements: Int
  /// The ensemble of `𝒜`.
  public var operatorKind: OperatorKind
  /// Noise level `σ_ξ` (`ξ_i ~ N(0, σ_ξ²)`).
  public var noise: Double
  /// Seed of the operator and noise streams (`nil`: `problem.seed`).
  public var operatorSeed: UInt64?

  /// A spec; see the type's defaults.
  public init(problem: ProblemSpec = ProblemSpec(), measurements: Int = 200, operatorKind: OperatorKind = .gaussian, noise: Double = 0, operatorSeed: UInt64? = nil) {
    self.problem = problem
    self.measurements = measurements
    self.operatorKind = operatorKind
    self.noise = noise
    self.operatorSeed = operatorSeed
  }
}
