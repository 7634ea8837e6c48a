/// `E ≡ 0`: the unperturbed gradient flow of `L = ½‖X − UVᵀ‖_F²`.
public struct ZeroPerturbation: Perturbation {
  /// The zero perturbation.
  public init() {}
  /// `"zero"`.
  public var name: String { "zero" }
  /// `true`.
  public var isZero: Bool { true }
  /// Adds nothing.
  public func accumulate(_ context: PerturbationContext, ev: inout Matrix, etu: inout Matrix) {}
  /// The `n1 × n2` zero matrix.
  public func matrix(_ context: PerturbationContext) -> Matrix {
    Matrix(rows: context.target.n1, columns: context.target.n2)
  }
  /// 0.
  public func spectralNorm(_ context: PerturbationContext) -> Double { 0 }
}
