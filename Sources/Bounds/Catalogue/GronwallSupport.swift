import Flow

/// Small shared helpers of the Gronwall-type lemmas L2–L6, L8 (internal).
enum GronwallSupport {
  /// `‖M‖ = σ₁(M) = λ_max(MᵀM)^{1/2}` (`0` for an empty matrix), from the
  /// eigenvalues of the smaller Gram matrix (`MᵀM` or `MMᵀ`): about 5× cheaper
  /// than the one-sided Jacobi SVD in debug, and the largest eigenvalue is
  /// accurate to a few ulps relative, so `‖M‖` is too.
  static func spectral(_ m: Matrix) throws -> Double {
    if m.rows == 0 || m.columns == 0 { return 0 }
    let gram = m.rows >= m.columns ? m.gram : m.timesTransposed(m)
    return max(try gram.symmetricEigenvalues().last ?? 0, 0).squareRoot()
  }

  /// `σ₁(M)` and `σ_r(M)` of an `r × k` matrix with `k ≥ r` (the r-th singular
  /// value is the smallest one).
  static func largestAndSmallest(_ m: Matrix) throws -> (largest: Double, smallest: Double) {
    let s = try m.singularValues()
    return (s.first ?? 0, s.last ?? 0)
  }

  /// Why a part that needs `E ≡ 0` does not apply.
  static func needsZero(_ trajectory: Trajectory) -> String {
    "needs E ≡ 0 (perturbation is \(trajectory.perturbation.name))"
  }

  /// Why a part that needs `k ≥ r` does not apply.
  static func needsOverparameterized(_ problem: Problem) -> String {
    "needs k ≥ r (k = \(problem.k), r = \(problem.r)): otherwise σ_r of the r×k matrix is 0"
  }
}
