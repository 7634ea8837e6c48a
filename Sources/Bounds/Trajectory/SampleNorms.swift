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
  /// `‖N_U‖` (spectral, from the `k × k` Gram matrix).
  public let noiseUSpectral: Double
  /// `‖N_V‖` (spectral).
  public let noiseVSpectral: Double
  /// `‖PEV‖_F = ‖EV − Φ(ΦᵀEV)‖_F`.
  public let projectedEV: Double
  /// `‖QEᵀU‖_F = ‖EᵀU − Ψ(ΨᵀEᵀU)‖_F`.
  public let projectedETU: Double
  /// `‖A N_Vᵀ‖_F²` (an `r × n2` product).
  public let signalNoiseSquared: Double
  /// `‖N_U Bᵀ‖_F²` (an `n1 × r` product).
  public let noiseSignalSquared: Double
  /// `‖N_U N_Vᵀ‖_F²`: from the dense `n1 × n2` product while `n1·n2 ≤` ``denseCrossLimit``,
  /// else as `⟨N_UᵀN_U, N_VᵀN_V⟩_F` (two `k × k` Gram matrices; equal in exact arithmetic,
  /// absolute rounding `O(ε‖N_U‖_F²‖N_V‖_F²)`).
  public let noiseNoiseSquared: Double

  /// Largest `n1·n2` for which `‖N_U N_Vᵀ‖_F²` is formed densely (10⁶ entries, 8 MB).
  public static let denseCrossLimit = 1_000_000

  /// The norms of a sample with state `state` and perturbation products `EV`, `EᵀU`.
  public init(state: FlowState, ev: Matrix, etu: Matrix) throws {
    let phi = state.target.phi, psi = state.target.psi
    func sq(_ m: Matrix) -> Double { Matrix.frobeniusInner(m, m) }
    u = state.u.frobeniusNorm
    v = state.v.frobeniusNorm
    noiseU = state.noiseU.frobeniusNorm
    noiseV = state.noiseV.frobeniusNorm
    noiseUSpectral = try GronwallSupport.spectral(state.noiseU)
    noiseVSpectral = try GronwallSupport.spectral(state.noiseV)
    projectedEV = (ev - phi * phi.transposedTimes(ev)).frobeniusNorm
    projectedETU = (etu - psi * psi.transposedTimes(etu)).frobeniusNorm
    signalNoiseSquared = sq(state.signalU.timesTransposed(state.noiseV))
    noiseSignalSquared = sq(state.noiseU.timesTransposed(state.signalV))
    if state.noiseU.rows * state.noiseV.rows <= Self.denseCrossLimit {
      noiseNoiseSquared = sq(state.noiseU.timesTransposed(state.noiseV))
    } else {
      noiseNoiseSquared = Matrix.frobeniusInner(state.noiseU.gram, state.noiseV.gram)
    }
  }
}
