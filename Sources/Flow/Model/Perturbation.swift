/// What the right-hand side has already computed at `(t, U, V)`, handed to a
/// perturbation so it can build `EV` and `EᵀU` cheaply.
///
/// All products are exact (up to rounding) for the factored target:
/// `RV = ΦΣ(ΨᵀV) − U(VᵀV)` and `RᵀU = ΨΣ(ΦᵀU) − V(UᵀU)`.
public struct PerturbationContext: Sendable {
  /// Time `t`.
  public let t: Double
  /// The target `X = ΦΣΨᵀ`.
  public let target: Target
  /// `U` (`n1 × k`).
  public let u: Matrix
  /// `V` (`n2 × k`).
  public let v: Matrix
  /// `RV = (X − UVᵀ)V` (`n1 × k`).
  public let residualV: Matrix
  /// `RᵀU = (X − UVᵀ)ᵀU` (`n2 × k`).
  public let residualTransposeU: Matrix

  /// A context; `residualV` and `residualTransposeU` must be `RV` and `RᵀU` at `(t, U, V)`.
  public init(t: Double, target: Target, u: Matrix, v: Matrix, residualV: Matrix, residualTransposeU: Matrix) {
    self.t = t
    self.target = target
    self.u = u
    self.v = v
    self.residualV = residualV
    self.residualTransposeU = residualTransposeU
  }

  /// The context at `(t, U, V)`, computing `RV` and `RᵀU` in factored form.
  public init(t: Double, target: Target, u: Matrix, v: Matrix) {
    let a = target.phi.transposedTimes(u)  // ΦᵀU, r×k
    let b = target.psi.transposedTimes(v)  // ΨᵀV, r×k
    var rv = target.phiSigma * b
    rv -= u * v.gram
    var rtu = target.psiSigma * a
    rtu -= v * u.gram
    self.init(t: t, target: target, u: u, v: v, residualV: rv, residualTransposeU: rtu)
  }

  /// The residual `R = X − UVᵀ = [Φ U] diag(Σ, −I) [Ψ V]ᵀ` in factored form.
  public var residual: LowRankMatrix { target.residual(u: u, v: v) }
}

/// A perturbation `E(t, U, V) ∈ R^{n1×n2}` of the gradient flow
/// `U̇ = (R + E)V`, `V̇ = (R + E)ᵀU`.
///
/// Implement this protocol to plug in your own perturbation. The flow only
/// ever needs `EV` (`n1 × k`) and `EᵀU` (`n2 × k`), so a structured
/// perturbation (low-rank, a multiple of R, …) never forms an `n1 × n2`
/// matrix on the hot path; ``matrix(_:)`` gives the dense `E` for checks.
///
/// Requirements: deterministic (a function of `t`, `U`, `V` and the
/// perturbation's own seeded data), and smooth in `t` and the state wherever
/// the integrator's order matters.
public protocol Perturbation: Sendable {
  /// A short name, e.g. `"rotating:0.1"`.
  var name: String { get }
  /// Whether `E ≡ 0` (lets the right-hand side skip the call).
  var isZero: Bool { get }
  /// Adds `E V` to `ev` and `Eᵀ U` to `etu` (shapes `n1 × k` and `n2 × k`).
  func accumulate(_ context: PerturbationContext, ev: inout Matrix, etu: inout Matrix) throws
  /// The dense `E(t, U, V)` (`n1 × n2`), for diagnostics and lemma checks.
  func matrix(_ context: PerturbationContext) throws -> Matrix
  /// The spectral norm `‖E(t, U, V)‖`. Default: from ``matrix(_:)``.
  func spectralNorm(_ context: PerturbationContext) throws -> Double
  /// `EV`, `EᵀU` and `‖E‖` together (default: ``products(_:)`` and
  /// ``spectralNorm(_:)``; override when both share an expensive factorization).
  func productsAndNorm(_ context: PerturbationContext) throws -> (ev: Matrix, etu: Matrix, norm: Double)
}

extension Perturbation {
  /// `false`: only ``ZeroPerturbation`` is known to vanish.
  public var isZero: Bool { false }

  /// `‖E‖` from the dense matrix (override when a cheaper formula exists).
  public func spectralNorm(_ context: PerturbationContext) throws -> Double {
    try matrix(context).spectralNorm()
  }

  /// `(EV, EᵀU, ‖E‖)` from ``products(_:)`` and ``spectralNorm(_:)``.
  public func productsAndNorm(_ context: PerturbationContext) throws -> (ev: Matrix, etu: Matrix, norm: Double) {
    let (ev, etu) = try products(context)
    return (ev, etu, isZero ? 0 : try spectralNorm(context))
  }

  /// `(EV, EᵀU)` as new matrices.
  public func products(_ context: PerturbationContext) throws -> (ev: Matrix, etu: Matrix) {
    var ev = Matrix(rows: context.u.rows, columns: context.u.columns)
    var etu = Matrix(rows: context.v.rows, columns: context.v.columns)
    try accumulate(context, ev: &ev, etu: &etu)
    return (ev, etu)
  }
}
