import Flow

/// **L7 Residual decomposition** (identity).
///
/// `‖R‖_F² = ‖Ξ‖_F² + ‖A N_Vᵀ‖_F² + ‖N_U Bᵀ‖_F² + ‖N_U N_Vᵀ‖_F²`
/// (the orthogonal blocks of `R` in the bases `(Φ, Φ⊥)` and `(Ψ, Ψ⊥)`).
///
/// The left side comes from the singular values of the factored residual
/// `[Φ U] diag(Σ, −I) [Ψ V]ᵀ`; the right side from the signal and noise
/// blocks — two independent computations of the same number. `‖N_U N_Vᵀ‖_F²` is formed
/// densely up to 10⁶ entries and as `⟨N_UᵀN_U, N_VᵀN_V⟩_F` above (``SampleNorms``).
public struct L7ResidualDecomposition: Statement {
  public init() {}
  public var id: String { "L7" }
  public var title: String { "Residual decomposition" }
  public var status: Status { .identity }
  public var statement: String { "‖R‖_F² = ‖Ξ‖_F² + ‖A N_Vᵀ‖_F² + ‖N_U Bᵀ‖_F² + ‖N_U N_Vᵀ‖_F²" }
  public var proof: String {
    "R = X − UVᵀ has blocks ΦᵀRΨ = Ξ, ΦᵀRQ = −A N_Vᵀ, PRΨ = −N_U Bᵀ, PRQ = −N_U N_Vᵀ in the orthogonal bases (Φ, Φ⊥), (Ψ, Ψ⊥); the Frobenius norm is the sum of the blocks' (theory.md §3, L7)."
  }

  /// `true`: the blocks' norms come from ``Sample/norms`` (no `n1 × n2` product above
  /// ``SampleNorms/denseCrossLimit``).
  public var measuresCompactSamples: Bool { true }

  /// The residual's singular values (``SampleQuantities/residualSpectrum``) and block norms
  /// (``SampleQuantities/residualBlocks``); not `EV`, `EᵀU`, `‖E‖` or `‖N_U‖`, `‖N_V‖`.
  public var compactSampleQuantities: SampleQuantities { [.residualSpectrum, .residualBlocks] }

  public func measure(_ context: ScenarioContext, on trajectory: Trajectory, refined: Bool) throws -> [Conclusion] {
    let lhs = trajectory.values { s in
      let f = s.state.residualNorms.frobenius
      return f * f
    }
    let rhs = trajectory.values { s in
      let n = s.norms
      return Matrix.frobeniusInner(s.state.signalError, s.state.signalError) + n.signalNoiseSquared + n.noiseSignalSquared
        + n.noiseNoiseSquared
    }
    let scale = trajectory.values { s in
      let x = s.state.target.frobeniusNorm + s.norms.u * s.norms.v
      return x * x
    }
    return [.equal("‖R‖_F² = ‖Ξ‖_F² + ‖AN_Vᵀ‖_F² + ‖N_UBᵀ‖_F² + ‖N_UN_Vᵀ‖_F²", trajectory, lhs: lhs, rhs: rhs, scale: scale)]
  }
}
