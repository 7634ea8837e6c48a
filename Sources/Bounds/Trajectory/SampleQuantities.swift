/// Which of a sample's costlier quantities a compact trajectory computes
/// (``TrajectoryStorage/compact``; a full trajectory always computes ``all``).
///
/// Always computed, whatever the set: the small quantities of ``FlowState`` other than
/// the residual's singular values (`UᵀU`, `VᵀV`, `A`, `B`, `D`, `Ξ`, and `N_U`, `N_V` before
/// compaction) and ``SampleNorms/u``, ``SampleNorms/v``, ``SampleNorms/noiseU``,
/// ``SampleNorms/noiseV``. Each member adds the quantities it names; a quantity that is
/// computed has the same bits whatever else is, so verdicts do not depend on the set as long
/// as the statement reads only what it declared (``Statement/compactSampleQuantities``).
/// Reading a quantity that was not computed stops the program with a message naming it.
public struct SampleQuantities: OptionSet, Sendable, Hashable {
  /// The bit mask.
  public let rawValue: Int
  /// The set with bit mask `rawValue`.
  public init(rawValue: Int) { self.rawValue = rawValue }

  /// The singular values of `R = X − UVᵀ` (``FlowState/residualSingularValues``, hence
  /// ``FlowState/residualNorms`` and ``FlowState/loss``): QRs of the `n × (r + k)` factors
  /// `[Φ U]`, `[Ψ V]`, the costliest part of a sample.
  public static let residualSpectrum = SampleQuantities(rawValue: 1 << 0)
  /// `EV`, `EᵀU` (and `RV`, `RᵀU`, which a perturbation may read), ``Sample/perturbationNorm``
  /// `‖E‖`, and ``SampleNorms/projectedEV``, ``SampleNorms/projectedETU``.
  public static let perturbation = SampleQuantities(rawValue: 1 << 1)
  /// ``SampleNorms/noiseUSpectral``, ``SampleNorms/noiseVSpectral`` (`‖N_U‖`, `‖N_V‖` from the
  /// `k × k` Gram matrices of `N_U`, `N_V`).
  public static let noiseSpectral = SampleQuantities(rawValue: 1 << 2)
  /// The residual's block norms ``SampleNorms/signalNoiseSquared`` `‖A N_Vᵀ‖_F²`,
  /// ``SampleNorms/noiseSignalSquared`` `‖N_U Bᵀ‖_F²`, ``SampleNorms/noiseNoiseSquared`` `‖N_U N_Vᵀ‖_F²`.
  public static let residualBlocks = SampleQuantities(rawValue: 1 << 3)

  /// Every quantity (the default, and what full trajectories compute).
  public static let all: SampleQuantities = [.residualSpectrum, .perturbation, .noiseSpectral, .residualBlocks]
}
