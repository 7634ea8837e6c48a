/// `alignedKill`: the constant `E = −ε φ_r ψ_rᵀ`, which removes `ε` from the
/// target's smallest singular value; `‖E‖ = ε` (satisfies `H_abs(ε)`).
///
/// The sharp family of L10: for `ε ≥ σ_r` the r-th direction is never learned.
public struct AlignedKillPerturbation: Perturbation {
  /// `ε`.
  public let size: Double

  /// `E = −ε φ_r ψ_rᵀ` (φ_r, ψ_r taken from the problem's target at evaluation).
  public init(size: Double) throws {
    try checkSize(size, name: "alignedKill")
    self.size = size
  }

  /// `"alignedKill:ε"`.
  public var name: String { "alignedKill:\(size)" }

  /// `EV += −ε φ_r (ψ_rᵀV)`, `EᵀU += −ε ψ_r (φ_rᵀU)`: `O((n1 + n2)k)`.
  public func accumulate(_ context: PerturbationContext, ev: inout Matrix, etu: inout Matrix) {
    let target = context.target
    let r = target.rank - 1
    let k = context.u.columns
    let phiR = target.phi.column(r)
    let psiR = target.psi.column(r)
    let psiTV = context.v.transposedTimes(psiR)  // Vᵀψ_r, length k
    let phiTU = context.u.transposedTimes(phiR)  // Uᵀφ_r
    for i in 0..<target.n1 {
      for j in 0..<k { ev[i, j] -= size * phiR[i] * psiTV[j] }
    }
    for i in 0..<target.n2 {
      for j in 0..<k { etu[i, j] -= size * psiR[i] * phiTU[j] }
    }
  }

  /// `−ε φ_r ψ_rᵀ`, dense.
  public func matrix(_ context: PerturbationContext) -> Matrix {
    let target = context.target
    let r = target.rank - 1
    return Matrix(rows: target.n1, columns: 1, elements: target.phi.column(r).map { -size * $0 })
      .timesTransposed(Matrix(rows: target.n2, columns: 1, elements: target.psi.column(r)))
  }

  /// `ε`.
  public func spectralNorm(_ context: PerturbationContext) -> Double { size }
}
