/// The derived quantities of theory.md §1 at one state `(t, U, V)`, each
/// computed once from shared products.
///
/// Everything here costs `O((n1 + n2)·k·(r + k))` except the dense
/// ``product()`` `W = UVᵀ` and ``denseResidual()``, which are formed only
/// on request. Norms of `R` come from its factored form
/// `R = [Φ U] diag(Σ, −I) [Ψ V]ᵀ`.
public struct FlowState: Sendable {
  /// Time `t`.
  public let t: Double
  /// The target `X = ΦΣΨᵀ`.
  public let target: Target
  /// `U` (`n1 × k`).
  public let u: Matrix
  /// `V` (`n2 × k`).
  public let v: Matrix
  /// `UᵀU` (`k × k`).
  public let gramU: Matrix
  /// `VᵀV` (`k × k`).
  public let gramV: Matrix
  /// Signal `A = ΦᵀU` (`r × k`).
  public let signalU: Matrix
  /// Signal `B = ΨᵀV` (`r × k`).
  public let signalV: Matrix
  /// Imbalance `D = UᵀU − VᵀV` (`k × k`); conserved by the PGF (L1).
  public let imbalance: Matrix
  /// Noise `N_U = PU = U − ΦA` (`n1 × k`).
  public let noiseU: Matrix
  /// Noise `N_V = QV = V − ΨB` (`n2 × k`).
  public let noiseV: Matrix
  /// Signal error `Ξ = Σ − ABᵀ` (`r × r`).
  public let signalError: Matrix
  /// Singular values of `R = X − UVᵀ`, descending (`min(r + k, n1, n2)` of them).
  ///
  /// - Precondition: computed (``init(t:target:u:v:computingResidualSpectrum:)`` with `true`,
  ///   the default); reading it otherwise stops the program.
  public var residualSingularValues: [Double] {
    guard let s = storedSingularValues else {
      preconditionFailure("FlowState: the residual's singular values were not computed for this state (computingResidualSpectrum: false)")
    }
    return s
  }
  private let storedSingularValues: [Double]?

  /// Whether ``residualSingularValues`` was computed.
  public var hasResidualSpectrum: Bool { storedSingularValues != nil }

  /// The state at time `t` from factors `U`, `V`.
  public init(t: Double, target: Target, u: Matrix, v: Matrix) throws {
    try self.init(t: t, target: target, u: u, v: v, computingResidualSpectrum: true)
  }

  /// The state at time `t` from factors `U`, `V`; with `computingResidualSpectrum: false` the
  /// singular values of `R` (two QRs of the `n × (r + k)` factors `[Φ U]`, `[Ψ V]`, the
  /// costliest part) are skipped and ``residualSingularValues`` must not be read. Every other
  /// quantity has the same bits either way.
  public init(t: Double, target: Target, u: Matrix, v: Matrix, computingResidualSpectrum: Bool) throws {
    precondition(u.rows == target.n1 && v.rows == target.n2 && u.columns == v.columns, "FlowState: shapes do not match the target")
    self.t = t
    self.target = target
    self.u = u
    self.v = v
    gramU = u.gram
    gramV = v.gram
    signalU = target.phi.transposedTimes(u)
    signalV = target.psi.transposedTimes(v)
    imbalance = gramU - gramV
    noiseU = u - target.phi * signalU
    noiseV = v - target.psi * signalV
    signalError = .diagonal(target.sigma) - signalU.timesTransposed(signalV)
    storedSingularValues = computingResidualSpectrum ? try target.residual(u: u, v: v).singularValues() : nil
  }

  private init(copying s: FlowState, u: Matrix, v: Matrix, noiseU: Matrix, noiseV: Matrix) {
    t = s.t
    target = s.target
    self.u = u
    self.v = v
    gramU = s.gramU
    gramV = s.gramV
    signalU = s.signalU
    signalV = s.signalV
    imbalance = s.imbalance
    self.noiseU = noiseU
    self.noiseV = noiseV
    signalError = s.signalError
    storedSingularValues = s.storedSingularValues
  }

  /// A copy without the `n`-row matrices: `U`, `V`, `N_U`, `N_V` become `0 × k`, everything
  /// of size `k × k`, `r × k`, `r × r` and the residual's singular values stay. For trajectories
  /// of large problems that keep only what their measurements read (see ``holdsFactors``).
  public func compacted() -> FlowState {
    let empty = Matrix(rows: 0, columns: k)
    return FlowState(copying: self, u: empty, v: empty, noiseU: empty, noiseV: empty)
  }

  /// Whether `U`, `V`, `N_U`, `N_V` are held (`false` after ``compacted()``).
  public var holdsFactors: Bool { u.rows == target.n1 && v.rows == target.n2 }

  /// The state from a flat vector `y = [vec(U); vec(V)]` (row-major blocks).
  public init(t: Double, target: Target, k: Int, y: [Double]) throws {
    let n1 = target.n1
    let n2 = target.n2
    precondition(y.count == (n1 + n2) * k, "FlowState: state has \(y.count) entries, expected \((n1 + n2) * k)")
    try self.init(
      t: t, target: target,
      u: Matrix(rows: n1, columns: k, elements: Array(y[0..<(n1 * k)])),
      v: Matrix(rows: n2, columns: k, elements: Array(y[(n1 * k)...])))
  }

  /// Width `k`.
  public var k: Int { u.columns }
  /// Symmetric signal `S = (A + B)/2` (`r × k`).
  public var signalSum: Matrix { 0.5 * (signalU + signalV) }
  /// Anti-aligned signal `Δ = (A − B)/2` (`r × k`).
  public var signalDifference: Matrix { 0.5 * (signalU - signalV) }
  /// Norms of the residual `R` (spectral, Frobenius, nuclear).
  public var residualNorms: MatrixNorms { MatrixNorms(singularValues: residualSingularValues) }
  /// Loss `L = ½‖R‖_F²`.
  public var loss: Double {
    let f = residualNorms.frobenius
    return 0.5 * f * f
  }
  /// `‖Z‖_F² = ‖U‖_F² + ‖V‖_F²` with `Z = [U; V]`.
  public var zFrobeniusSquared: Double { gramU.trace + gramV.trace }
  /// `‖Z‖ = λ_max(UᵀU + VᵀV)^{1/2}` (since `ZᵀZ = UᵀU + VᵀV`).
  public func zSpectralNorm() throws -> Double {
    (try (gramU + gramV).symmetricEigenvalues().last ?? 0).squareRoot()
  }
  /// The residual in factored form.
  public var residual: LowRankMatrix { target.residual(u: u, v: v) }
  /// The dense product `W = UVᵀ` (`n1 × n2`).
  public func product() -> Matrix { u.timesTransposed(v) }
  /// The dense residual `R = X − UVᵀ` (`n1 × n2`).
  public func denseResidual() -> Matrix { target.dense() - product() }
  /// The perturbation context at this state (for evaluating `E`).
  public func perturbationContext() -> PerturbationContext {
    PerturbationContext(t: t, target: target, u: u, v: v)
  }
}
