import Flow

/// Everything the lemmas need at one time `t` of a trajectory, computed once:
/// the state view of theory.md §1 and the perturbation's products.
public struct Sample: Sendable {
  /// Time `t`.
  public var t: Double { state.t }
  /// The derived quantities `W, R, D, A, B, S, Δ, N_U, N_V, Ξ` (see ``FlowState``).
  public let state: FlowState
  /// `RV` (`n1 × k`).
  public let residualV: Matrix
  /// `RᵀU` (`n2 × k`), so `‖UᵀR‖_F = ‖RᵀU‖_F`.
  public let residualTransposeU: Matrix
  /// `EV` (`n1 × k`).
  public let ev: Matrix
  /// `EᵀU` (`n2 × k`).
  public let etu: Matrix
  /// `‖E(t)‖` (spectral). Needs ``SampleQuantities/perturbation`` on a compact sample made
  /// with fewer quantities (see ``quantities``).
  public var perturbationNorm: Double {
    guard let storedPerturbationNorm else {
      preconditionFailure("Sample: ‖E‖ was not computed for this sample (needs SampleQuantities.perturbation)")
    }
    return storedPerturbationNorm
  }
  private let storedPerturbationNorm: Double?
  /// Which of the costlier quantities were computed (``SampleQuantities/all`` except for
  /// compact samples made by ``compact(t:target:u:v:perturbation:quantities:)``).
  public var quantities: SampleQuantities { norms.quantities }
  /// The perturbation (to form `E` densely when a lemma needs more than `EV`, `EᵀU`, `‖E‖`).
  public let perturbation: any Perturbation
  /// Norms of the `n`-row matrices, computed before they may be dropped (see ``compacted()``).
  public let norms: SampleNorms

  /// The sample at `(t, U, V)`.
  public init(t: Double, target: Target, u: Matrix, v: Matrix, perturbation: any Perturbation) throws {
    let context = PerturbationContext(t: t, target: target, u: u, v: v)
    state = try FlowState(t: t, target: target, u: u, v: v)
    residualV = context.residualV
    residualTransposeU = context.residualTransposeU
    let products = try perturbation.productsAndNorm(context)
    ev = products.ev
    etu = products.etu
    storedPerturbationNorm = products.norm
    self.perturbation = perturbation
    norms = try SampleNorms(state: state, ev: ev, etu: etu)
  }

  private init(compacting s: Sample) {
    let empty = Matrix(rows: 0, columns: s.state.k)
    state = s.state.compacted()
    residualV = empty
    residualTransposeU = empty
    ev = empty
    etu = empty
    storedPerturbationNorm = s.storedPerturbationNorm
    perturbation = s.perturbation
    norms = s.norms
  }

  private init(state: FlowState, perturbationNorm: Double?, perturbation: any Perturbation, norms: SampleNorms) {
    let empty = Matrix(rows: 0, columns: state.k)
    self.state = state
    residualV = empty
    residualTransposeU = empty
    ev = empty
    etu = empty
    storedPerturbationNorm = perturbationNorm
    self.perturbation = perturbation
    self.norms = norms
  }

  /// The compacted sample at `(t, U, V)` (as `Sample(t:target:u:v:perturbation:).compacted()`)
  /// computing only `quantities` of the costlier ones: without ``SampleQuantities/perturbation``
  /// neither `RV`, `RᵀU` nor `EV`, `EᵀU`, `‖E‖` are formed; without
  /// ``SampleQuantities/residualSpectrum`` no QR of `[Φ U]`, `[Ψ V]`. Every computed quantity
  /// has the bits of the full sample's.
  public static func compact(
    t: Double, target: Target, u: Matrix, v: Matrix, perturbation: any Perturbation, quantities: SampleQuantities
  ) throws -> Sample {
    if quantities == .all {
      return try Sample(t: t, target: target, u: u, v: v, perturbation: perturbation).compacted()
    }
    let state = try FlowState(t: t, target: target, u: u, v: v, computingResidualSpectrum: quantities.contains(.residualSpectrum))
    if quantities.contains(.perturbation) && perturbation.isZero {
      // E ≡ 0: EV = EᵀU = 0 and ‖E‖ = 0 (as productsAndNorm gives them) without RV, RᵀU or zero matrices.
      let empty = Matrix(rows: 0, columns: state.k)
      let norms = try SampleNorms(state: state, ev: empty, etu: empty, quantities: quantities, perturbationIsZero: true)
      return Sample(state: state.compacted(), perturbationNorm: 0, perturbation: perturbation, norms: norms)
    }
    if quantities.contains(.perturbation) {
      let products = try perturbation.productsAndNorm(PerturbationContext(t: t, target: target, u: u, v: v))
      let norms = try SampleNorms(state: state, ev: products.ev, etu: products.etu, quantities: quantities)
      return Sample(state: state.compacted(), perturbationNorm: products.norm, perturbation: perturbation, norms: norms)
    }
    let empty = Matrix(rows: 0, columns: state.k)
    let norms = try SampleNorms(state: state, ev: empty, etu: empty, quantities: quantities)
    return Sample(state: state.compacted(), perturbationNorm: nil, perturbation: perturbation, norms: norms)
  }

  /// A copy that keeps only what does not grow with `n1`, `n2`: the small quantities of
  /// ``state`` (see ``FlowState/compacted()``), ``perturbationNorm`` and ``norms``; `U`, `V`,
  /// `N_U`, `N_V`, `RV`, `RᵀU`, `EV`, `EᵀU` become `0 × k`. Statements that read only those
  /// declare ``Statement/measuresCompactSamples``.
  public func compacted() -> Sample { Sample(compacting: self) }

  /// Whether the `n`-row matrices are held (`false` after ``compacted()``).
  public var holdsFactors: Bool { state.holdsFactors }

  /// The perturbation context at this sample.
  public var perturbationContext: PerturbationContext {
    PerturbationContext(
      t: t, target: state.target, u: state.u, v: state.v, residualV: residualV, residualTransposeU: residualTransposeU)
  }

  /// The dense `E(t)` (`n1 × n2`).
  public func perturbationMatrix() throws -> Matrix { try perturbation.matrix(perturbationContext) }
}
