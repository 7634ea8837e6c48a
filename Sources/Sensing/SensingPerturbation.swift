import Flow

/// The `sensing` perturbation of theory.md §2/§8,
/// `E = (𝒜*𝒜 − I)(R) + 𝒜*(ξ) = 𝒜*(y − 𝒜(UVᵀ)) − R`,
/// so the PGF with this `E` is exactly the gradient flow of `½‖𝒜(UVᵀ) − y‖²`.
///
/// `EV = ĜV − RV` and `EᵀU = ĜᵀU − RᵀU` with `Ĝ = 𝒜*(y − 𝒜(UVᵀ))` come from
/// one fused pass of the operator (``MeasurementOperator/gradientProducts(y:subset:weight:u:v:residual:gv:gtu:workspace:)``);
/// `RV`, `RᵀU` are the flow's own factored products. Each evaluation
/// allocates its scratch (`O(m + (n1 + n2)k)` doubles; `n1·n2` more for
/// dense operators), negligible beside the `O(m·n1·n2)` pass.
public struct SensingPerturbation: Perturbation {
  /// The operator `𝒜`.
  public let measurementOperator: any MeasurementOperator
  /// The measurements `y`.
  public let measurements: [Double]
  /// The family name it was made from (e.g. `"sensing:200"`).
  public let name: String

  /// The perturbation of a sensing problem (its operator and measurements).
  public init(_ problem: SensingProblem, name: String? = nil) {
    measurementOperator = problem.measurementOperator
    measurements = problem.measurements
    self.name = name ?? "sensing(\(problem.measurementOperator.name))"
  }

  /// `EV += ĜV − RV`, `EᵀU += ĜᵀU − RᵀU`.
  public func accumulate(_ context: PerturbationContext, ev: inout Matrix, etu: inout Matrix) throws {
    var gv = Matrix(rows: context.u.rows, columns: context.u.columns)
    var gtu = Matrix(rows: context.v.rows, columns: context.v.columns)
    var residual = [Double](repeating: 0, count: measurementOperator.measurementCount)
    var workspace = SensingWorkspace()
    measurementOperator.gradientProducts(
      y: measurements, subset: nil, weight: 1, u: context.u, v: context.v,
      residual: &residual, gv: &gv, gtu: &gtu, workspace: &workspace)
    ev += gv
    ev -= context.residualV
    etu += gtu
    etu -= context.residualTransposeU
  }

  /// The dense `E = 𝒜*(y − 𝒜(UVᵀ)) − R` (`O(m·n1·n2)`).
  public func matrix(_ context: PerturbationContext) throws -> Matrix {
    let w = context.u.timesTransposed(context.v)
    let pred = measurementOperator.apply(w)
    let z = zip(measurements, pred).map { $0 - $1 }
    return measurementOperator.adjoint(z) - (context.target.dense() - w)
  }
}

/// The `sensing` families by name, in the shape of a perturbation-registry
/// entry (`name` + `make(problem, size, seed)`), so the CLI can parse
/// `--perturbation sensing:M` without Flow depending on this module.
///
/// | name | operator | size |
/// |---|---|---|
/// | `sensing` | dense iid Gaussian `A_i` | `M`, the number of measurements (integer ≥ 1) |
/// | `sensingRankOne` | `A_i = a_ib_iᵀ`, Gaussian `a_i, b_i` | `M` |
///
/// The operator is drawn from stream `"sensing.operator"` of the
/// perturbation seed, the measurements are noise-free (`y = 𝒜(X)`, so
/// `E = (𝒜*𝒜 − I)(R)`); use ``SensingProblem`` with `noise > 0` and
/// ``SensingPerturbation/init(_:name:)`` for the noisy family.
public struct SensingFamily: Sendable {
  /// The family name (`"sensing"` or `"sensingRankOne"`).
  public let name: String
  /// The operator ensemble.
  public let kind: OperatorKind

  /// Both families.
  public static let all: [SensingFamily] = [SensingFamily(name: "sensing", kind: .gaussian), SensingFamily(name: "sensingRankOne", kind: .rankOne)]

  /// The family called `name`, if any.
  public static func named(_ name: String) -> SensingFamily? { all.first { $0.name == name } }

  /// Whether `size` is relative to `‖R‖_F` (it is not: it is a count).
  public var isRelative: Bool { false }

  /// The perturbation for `problem` with `M = size` measurements, operator drawn from `seed`.
  ///
  /// - Throws: ``SensingError/invalidValue(_:)`` unless `size` is an integer ≥ 1.
  public func make(problem: Problem, size: Double, seed: UInt64) throws -> any Perturbation {
    guard size.isFinite, size >= 1, size == size.rounded(), size <= Double(Int32.max) else {
      throw SensingError.invalidValue("perturbation \(name):M needs the number of measurements M as an integer ≥ 1 (got \(size)); e.g. \(name):200")
    }
    let m = Int(size)
    let spec = SensingSpec(measurements: m, operatorKind: kind, noise: 0, operatorSeed: seed)
    let sensing = try SensingProblem.make(problem: problem, spec: spec)
    return SensingPerturbation(sensing, name: "\(name):\(m)")
  }

  /// Parses `NAME:M` for a sensing family; `nil` when `text` names another family.
  public static func parse(_ text: String) throws -> (family: SensingFamily, size: Double)? {
    let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
    guard let family = named(parts[0]) else { return nil }
    guard parts.count == 2, let m = Double(parts[1]) else {
      throw SensingError.invalidValue("perturbation \(family.name) needs the number of measurements: \(family.name):M, e.g. \(family.name):200")
    }
    return (family, m)
  }
}

extension PerturbationFamily {
  /// `sensing:M`: the gradient flow of the sensing loss with `M` dense Gaussian
  /// measurements (``SensingFamily``); the size is a count, so no hypothesis is declared.
  public static let sensing = SensingFamily.all[0].registryEntry
  /// `sensingRankOne:M`: the same with rank-one measurements `a_ib_iᵀ`.
  public static let sensingRankOne = SensingFamily.all[1].registryEntry
}

extension SensingFamily {
  /// This family as an entry of a ``PerturbationFamilies`` registry.
  public var registryEntry: PerturbationFamily {
    let family = self
    return PerturbationFamily(
      name: name, sizeKind: .parameter,
      summary: "(𝒜*𝒜 − I)(R) with M \(kind == .gaussian ? "Gaussian" : "rank-one") measurements (sensing flow); size = M"
    ) { problem, size, seed in try family.make(problem: problem, size: size, seed: seed) }
  }
}
