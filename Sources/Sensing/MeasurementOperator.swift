import Flow

/// A linear measurement operator `𝒜: R^{n1×n2} → R^m`,
/// `𝒜(M)_i = ⟨A_i, M⟩/√m` (theory.md §8), and its adjoint
/// `𝒜*(z) = Σ_i z_i A_i/√m`.
///
/// Conform your own operator to plug it into ``SensingProblem``,
/// ``GradientDescent`` and ``SensingPerturbation``. Required: the sizes,
/// `𝒜(UVᵀ)` from the factors, `𝒜(M)` and `𝒜*(z)` densely, the adjoint
/// products `𝒜*(z)V`, `𝒜*(z)ᵀU`, and the raw `A_i`. The fused
/// ``gradientProducts(y:subset:weight:u:v:residual:gv:gtu:workspace:)`` has a
/// default built from ``apply(u:v:into:workspace:)`` and
/// ``adjointProducts(_:weight:u:v:gv:gtu:workspace:)``; override it when one
/// pass over the measurements can do both (the built-in operators do).
///
/// Every `A_i` is *raw* (as stored in a problem file); the `1/√m` factor,
/// `m = measurementCount`, is applied by the operator.
public protocol MeasurementOperator: Sendable {
  /// Number of measurements `m`.
  var measurementCount: Int { get }
  /// Rows `n1` of the matrices measured.
  var n1: Int { get }
  /// Columns `n2` of the matrices measured.
  var n2: Int { get }
  /// A short name, e.g. `"gaussian(m=200)"`.
  var name: String { get }

  /// `𝒜(UVᵀ)` (length m) into `out`, for `U` (`n1 × k`), `V` (`n2 × k`);
  /// structured operators never form `UVᵀ`.
  func apply(u: Matrix, v: Matrix, into out: inout [Double], workspace: inout SensingWorkspace)
  /// `𝒜(M)` (length m) for a dense `n1 × n2` matrix `M`.
  func apply(_ m: Matrix) -> [Double]
  /// The dense adjoint `𝒜*(z) = Σ z_i A_i/√m` (`n1 × n2`; for checks and δ_eff).
  func adjoint(_ z: [Double]) -> Matrix
  /// `gv ← Ĝ V`, `gtu ← Ĝᵀ U` with `Ĝ = weight · 𝒜*(z)` (`gv` is `n1 × k`,
  /// `gtu` is `n2 × k`, both overwritten).
  func adjointProducts(_ z: [Double], weight: Double, u: Matrix, v: Matrix, gv: inout Matrix, gtu: inout Matrix, workspace: inout SensingWorkspace)
  /// The raw measurement matrix `A_i` (`n1 × n2`, without `1/√m`).
  func measurementMatrix(_ i: Int) -> Matrix

  /// The gradient of one (mini-batch) step in one call:
  /// `residual[i] ← y_i − 𝒜(UVᵀ)_i` for `i` in `subset` (all `i` when `nil`;
  /// entries outside `subset` are set to 0), then `gv ← ĜV`, `gtu ← ĜᵀU` with
  /// `Ĝ = weight · Σ_{i ∈ subset} residual_i A_i/√m`.
  func gradientProducts(
    y: [Double], subset: [Int]?, weight: Double, u: Matrix, v: Matrix,
    residual: inout [Double], gv: inout Matrix, gtu: inout Matrix, workspace: inout SensingWorkspace)
}

extension MeasurementOperator {
  /// Default fused gradient: `𝒜(UVᵀ)` for all rows, the residual masked to
  /// `subset`, then the adjoint products (costs a full pass even for a subset).
  public func gradientProducts(
    y: [Double], subset: [Int]?, weight: Double, u: Matrix, v: Matrix,
    residual: inout [Double], gv: inout Matrix, gtu: inout Matrix, workspace: inout SensingWorkspace
  ) {
    apply(u: u, v: v, into: &residual, workspace: &workspace)
    if let subset {
      workspace.ensureMask(measurementCount)
      for i in 0..<measurementCount { workspace.mask[i] = 0 }
      for i in subset { workspace.mask[i] = y[i] - residual[i] }
      for i in 0..<measurementCount { residual[i] = workspace.mask[i] }
    } else {
      for i in 0..<measurementCount { residual[i] = y[i] - residual[i] }
    }
    adjointProducts(residual, weight: weight, u: u, v: v, gv: &gv, gtu: &gtu, workspace: &workspace)
  }

  /// `𝒜(X)` for the factored target `X = ΦΣΨᵀ`, as `𝒜((ΦΣ)Ψᵀ)`.
  public func apply(_ target: Target) -> [Double] {
    var out = [Double](repeating: 0, count: measurementCount)
    var workspace = SensingWorkspace()
    apply(u: target.phiSigma, v: target.psi, into: &out, workspace: &workspace)
    return out
  }

  /// `𝒜(UVᵀ)` as a new array.
  public func apply(u: Matrix, v: Matrix) -> [Double] {
    var out = [Double](repeating: 0, count: measurementCount)
    var workspace = SensingWorkspace()
    apply(u: u, v: v, into: &out, workspace: &workspace)
    return out
  }

  /// `(𝒜*(z)V, 𝒜*(z)ᵀU)` as new matrices.
  public func adjointProducts(_ z: [Double], u: Matrix, v: Matrix) -> (gv: Matrix, gtu: Matrix) {
    var gv = Matrix(rows: n1, columns: u.columns)
    var gtu = Matrix(rows: n2, columns: v.columns)
    var workspace = SensingWorkspace()
    adjointProducts(z, weight: 1, u: u, v: v, gv: &gv, gtu: &gtu, workspace: &workspace)
    return (gv, gtu)
  }

  /// `1/√m`.
  public var normalization: Double { 1 / Double(measurementCount).squareRoot() }
}

/// Reusable scratch storage for ``MeasurementOperator`` calls, so the hot
/// path of gradient descent allocates nothing after the first step.
///
/// Buffers grow (or change shape) on demand and are otherwise reused; their
/// contents between calls are unspecified. Conformers of your own may use
/// them freely.
public struct SensingWorkspace: Sendable {
  /// Dense scratch (e.g. `UVᵀ`, `n1 × n2`).
  public var first = Matrix(rows: 0, columns: 0)
  /// Dense scratch (e.g. `Ĝ`, `n1 × n2`).
  public var second = Matrix(rows: 0, columns: 0)
  /// Scratch for transposed factors and products (`k × n1`, `k × n2`).
  public var third = Matrix(rows: 0, columns: 0), fourth = Matrix(rows: 0, columns: 0)
  /// Scratch for transposed factors and products (`k × n1`, `k × n2`).
  public var fifth = Matrix(rows: 0, columns: 0), sixth = Matrix(rows: 0, columns: 0)
  /// Scratch of length `m` (masks).
  public var mask: [Double] = []

  /// An empty workspace.
  public init() {}

  /// Makes ``mask`` hold at least `count` entries.
  public mutating func ensureMask(_ count: Int) {
    if mask.count < count { mask = [Double](repeating: 0, count: count) }
  }

  /// Gives `matrix` the shape `rows × columns` (reallocating only when the shape changes).
  public static func shape(_ matrix: inout Matrix, _ rows: Int, _ columns: Int) {
    if matrix.rows != rows || matrix.columns != columns { matrix = Matrix(rows: rows, columns: columns) }
  }
}
