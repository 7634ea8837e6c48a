/// `scaling`: `E = −δR` with `R = X − UVᵀ`; satisfies `H_rel(δ)` with equality.
///
/// The sharp family of L9: the flow is the unperturbed one run at speed `1 − δ`.
public struct ScalingPerturbation: Perturbation {
  /// `δ`.
  public let size: Double

  /// `E = −δR`.
  public init(size: Double) throws {
    try checkSize(size, name: "scaling")
    self.size = size
  }

  /// `"scaling:δ"`.
  public var name: String { "scaling:\(size)" }

  /// `EV += −δ RV`, `EᵀU += −δ RᵀU` (no extra products).
  public func accumulate(_ context: PerturbationContext, ev: inout Matrix, etu: inout Matrix) {
    ev.add(context.residualV, scaledBy: -size)
    etu.add(context.residualTransposeU, scaledBy: -size)
  }

  /// `−δR`, dense.
  public func matrix(_ context: PerturbationContext) -> Matrix { -size * context.residual.dense() }

  /// `δ‖R‖`, from the factored residual.
  public func spectralNorm(_ context: PerturbationContext) throws -> Double {
    size * (try context.residual.singularValues().first ?? 0)
  }
}
