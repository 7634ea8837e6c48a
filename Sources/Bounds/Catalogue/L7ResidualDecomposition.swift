import Flow

/// **L7 Residual decomposition** (identity).
///
/// `‖R‖_F² = ‖Ξ‖_F² + ‖A N_Vᵀ‖_F² + ‖N_U Bᵀ‖_F² + ‖N_U N_Vᵀ‖_F²`
/// (the orthogonal blocks of `R` in the bases `(Φ, Φ⊥)` and `(Ψ, Ψ⊥)`).
///
/// The left side comes from the singular values of the factored residual
/// `[Φ U] diag(Σ, −I) [Ψ V]ᵀ`; the right side from the signal and noise
/// blocks — two independent computations of the same number.
public struct L7ResidualDecomposition: Statement {
  public init() {}
  public var id: String { "L7" }
  public var title: String { "Residual decomposition" }
  public var status: Status { .identity }
  public var statement: String { "‖R‖_F² = ‖Ξ‖_F² + ‖A N_Vᵀ‖_F² + ‖N_U Bᵀ‖_F² + ‖N_U N_Vᵀ‖_F²" }
  public var proof: String {
    "R = X − UVᵀ has blocks ΦᵀRΨ = Ξ, ΦᵀRQ = −A N_Vᵀ, PRΨ = −N_U Bᵀ, PRQ = −N_U N_Vᵀ in the orthogonal bases (Φ, Φ⊥), (Ψ, Ψ⊥); the Frobenius norm is the sum of the blocks' (theory.md §3, L7)."
  }

  public func measure(_ context: ScenarioContext, on trajectory: Trajectory, refined: Bool) throws -> [Conclusion] {
    let lhs = trajectory.values { s in
      let f = s.state.residualNorms.frobenius
      return f * f
    }
    let rhs = trajectory.values { s in
      let st = s.state
      func sq(_ m: Matrix) -> Double { Matrix.frobeniusInner(m, m) }
      return sq(st.signalError) + sq(st.signalU.timesTransposed(st.noiseV)) + sq(st.noiseU.timesTransposed(st.signalV))
        + sq(st.noiseU.timesTransposed(st.noiseV))
    }
    let scale = trajectory.values { s in
      let x = s.state.target.frobeniusNorm + s.state.u.frobeniusNorm * s.state.v.frobeniusNorm
      return x * x
    }
    return [.equal("‖R‖_F² = ‖Ξ‖_F² + ‖AN_Vᵀ‖_F² + ‖N_UBᵀ‖_F² + ‖N_UN_Vᵀ‖_F²", trajectory, lhs: lhs, rhs: rhs, scale: scale)]
  }
}
