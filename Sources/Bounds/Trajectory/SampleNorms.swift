import Flow

/// The norms of a sample's `n`-row matrices that the memory-bounded measurements
/// (L4, L7) read, computed once when the sample is made, so a compacted sample
/// (``Sample/compacted()``) can drop the matrices.
///
/// Each is computed exactly as the measurement computed it from the matrices
/// before, so full and compacted trajectories give the same bits.
public struct SampleNorms: Sendable, Equatable {
  /// `‖U‖_F`.
  public let u: Double
  /// `‖V‖_F`.
  public let v: Double
  /// `‖N_U‖_F`, `N_U = PU`.
  public let noiseU: Double
  /// `‖N_V‖_F`, `N_V = QV`.
  public let noiseV: Double
  /// `‖N_U‖` (spectral, from the `k × k` Gram matrix). Needs ``SampleQuantities/noiseSpectral``.
  public var noiseUSpectral: Double { Self.read(stored.noiseUSpectral, "‖N_U‖", .noiseSpectral) }
  /// `‖N_V‖` (spectral). Needs ``SampleQuantities/noiseSpectral``.
  public var noiseVSpectral: Double { Self.read(stored.noiseVSpectral, "‖N_V‖", .noiseSpectral) }
  /// `‖PEV‖_F = ‖EV − Φ(ΦᵀEV)‖_F`. Needs ``SampleQuantities/perturbation``.
  public var projectedEV: Double { Self.read(stored.projectedEV, "‖PEV‖_F", .perturbation) }
  /// `‖QEᵀU‖_F = ‖EᵀU − Ψ(ΨᵀEᵀU)‖_F`. Needs ``SampleQuantities/perturbation``.
  public var projectedETU: Double { Self.read(stored.projectedETU, "‖QEᵀU‖_F", .perturbation) }
  /// `‖A N_Vᵀ‖_F²` (an `r × n2` product). Needs ``SampleQuantities/residualBlocks``.
  public var signalNoiseSquared: Double { Self.read(stored.signalNoiseSquared, "‖A N_Vᵀ‖_F²", .residualBlocks) }
  /// `‖N_U Bᵀ‖_F²` (an `n1 × r` product). Needs ``SampleQuantities/residualBlocks``.
  public var noiseSignalSquared: Double { Self.read(stored.noiseSignalSquared, "‖N_U Bᵀ‖_F²", .residualBlocks) }
  /// `‖N_U N_Vᵀ‖_F²`: from the dense `n1 × n2` product while `n1·n2 ≤` ``denseCrossLimit``,
  /// else as `⟨N_UᵀN_U, N_VᵀN_V⟩_F` (two `k × k` Gram matrices; equal in exact arithmetic,
  /// absolute rounding `O(ε‖N_U‖_F²‖N_V‖_F²)`). Needs ``SampleQuantities/residualBlocks``.
  public var noiseNoiseSquared: Double { Self.read(stored.noiseNoiseSquared, "‖N_U N_Vᵀ‖_F²", .residualBlocks) }
  /// Which optional norms were computed.
  public let quantities: SampleQuantities

  private struct Optional6: Sendable, Equatable {
    var noiseUSpectral: Double?, noiseVSpectral: Double?, projectedEV: Double?, projectedETU: Double?
    var signalNoiseSquared: Double?, noiseSignalSquared: Double?, noiseNoiseSquared: Double?
  }
  private let stored: Optional6

  private static func read(_ value: Double?, _ name: String, _ needs: SampleQuantities) -> Double {
    guard let value else {
      preconditionFailure("SampleNorms: \(name) was not computed for this sample (needs SampleQuantities rawValue \(needs.rawValue); declare it in Statement.compactSampleQuantities)")
    }
    return value
  }

  /// Largest `n1·n2` for which `‖N_U N_Vᵀ‖_F²` is formed densely (10⁶ entries, 8 MB).
  public static let denseCrossLimit = 1_000_000

  /// The norms of a sample with state `state` and perturbation products `EV`, `EᵀU` (every quantity).
  public init(state: FlowState, ev: Matrix, etu: Matrix) throws {
    try self.init(state: state, ev: ev, etu: etu, quantities: .all)
  }

  /// The norms in `quantities` (plus the four always computed); `ev`, `etu` are read only
  /// with ``SampleQuantities/perturbation``. Each computed norm has the same bits as with ``SampleQuantities/all``.
  public init(state: FlowState, ev: Matrix, etu: Matrix, quantities: SampleQuantities) throws {
    try self.init(state: state, ev: ev, etu: etu, quantities: quantities, perturbationIsZero: false)
  }

  /// With `perturbationIsZero` (`E ≡ 0`, so `EV = EᵀU = 0` and `ev`, `etu` are not read),
  /// `‖PEV‖_F = ‖QEᵀU‖_F = 0` without forming the zero products (the same bits: the
  /// projection of a zero matrix is exactly zero and its norm is `+0`).
  init(state: FlowState, ev: Matrix, etu: Matrix, quantities: SampleQuantities, perturbationIsZero: Bool) throws {
    let phi = state.target.phi, psi = state.target.psi
    func sq(_ m: Matrix) -> Double { Matrix.frobeniusInner(m, m) }
    self.quantities = quantities
    u = state.u.frobeniusNorm
    v = state.v.frobeniusNorm
    noiseU = state.noiseU.frobeniusNorm
    noiseV = state.noiseV.frobeniusNorm
    var o = Optional6()
    if quantities.contains(.noiseSpectral) {
      o.noiseUSpectral = try GronwallSupport.spectral(state.noiseU)
      o.noiseVSpectral = try GronwallSupport.spectral(state.noiseV)
    }
    if quantities.contains(.perturbation) && perturbationIsZero {
      o.projectedEV = 0
      o.projectedETU = 0
    } else if quantities.contains(.perturbation) {
      o.projectedEV = (ev - phi * phi.transposedTimes(ev)).frobeniusNorm
      o.projectedETU = (etu - psi * psi.transposedTimes(etu)).frobeniusNorm
    }
    if quantities.contains(.residualBlocks) {
      o.signalNoiseSquared = sq(state.signalU.timesTransposed(state.noiseV))
      o.noiseSignalSquared = sq(state.noiseU.timesTransposed(state.signalV))
      if state.noiseU.rows * state.noiseV.rows <= Self.denseCrossLimit {
        o.noiseNoiseSquared = sq(state.noiseU.timesTransposed(state.noiseV))
      } else {
        o.noiseNoiseSquared = Matrix.frobeniusInner(state.noiseU.gram, state.noiseV.gram)
      }
    }
    stored = o
  }
}
