/// `greedy` / `greedyRel`: the worst-case adversary of theory.md §2,
///
///     E = −b · M (MᵀM + μ²I)^{−1/2},   M = RVVᵀ + UUᵀR,
///
/// with `b = ε` (``Budget/absolute(_:)``, satisfies `H_abs(ε)`) or
/// `b = δ‖R‖_F` (``Budget/relative(_:)``, satisfies `H_rel(δ)`).
///
/// Since `L̇ = −⟨R, M⟩ − ⟨E, M⟩`, the unsmoothed `−b·polar(M)` maximizes the
/// instantaneous loss increase among `‖E‖ ≤ b`. The smoothing keeps the
/// right-hand side Lipschitz and is **relative**, `μ = μ_rel‖M‖_F`
/// (default `μ_rel = 1e-3`), so it stays active in the spectral phase where
/// `‖M‖ ~ α²`. `‖E‖ = b·s₁/(s₁² + μ²)^{1/2} ≤ b` with `s₁ = ‖M‖`.
///
/// `M = [RV U][V RᵀU]ᵀ` has rank ≤ 2k; `E` is computed in that factored form
/// (QR of both factors, SVD of a `2k × 2k` core), so one evaluation costs
/// `O((n1 + n2)k²)` and never forms an `n1 × n2` matrix. Where `M = 0`,
/// `E = 0`.
public struct GreedyPerturbation: Perturbation {
  /// How the adversary's budget `b` is set.
  public enum Budget: Sendable, Equatable {
    /// `b = ε` (absolute, `H_abs(ε)`).
    case absolute(Double)
    /// `b = δ‖R‖_F` (relative, `H_rel(δ)`).
    case relative(Double)
  }

  /// The budget rule.
  public let budget: Budget
  /// The relative smoothing `μ_rel` (`μ = μ_rel‖M‖_F`).
  public let relativeSmoothing: Double
  /// `−1` hurts convergence (the adversary); `+1` helps it.
  public let sign: Double

  /// The default smoothing `μ_rel = 1e-3`.
  public static let defaultRelativeSmoothing = 1e-3

  /// An adversary with budget `budget`, smoothing `μ_rel > 0`
  /// (default 1e-3), hurting (default) or helping.
  public init(budget: Budget, relativeSmoothing: Double = GreedyPerturbation.defaultRelativeSmoothing, helping: Bool = false) throws {
    switch budget {
    case .absolute(let e): try checkSize(e, name: "greedy")
    case .relative(let d): try checkSize(d, name: "greedyRel")
    }
    guard relativeSmoothing.isFinite, relativeSmoothing > 0 else {
      throw ProblemError.invalidValue("greedy smoothing μ_rel must be finite and > 0 (got \(relativeSmoothing))")
    }
    self.budget = budget
    self.relativeSmoothing = relativeSmoothing
    self.sign = helping ? 1 : -1
  }

  /// `"greedy:ε"` or `"greedyRel:δ"`.
  public var name: String {
    switch budget {
    case .absolute(let e): return "greedy:\(e)"
    case .relative(let d): return "greedyRel:\(d)"
    }
  }

  /// `E = sign·b·Ũ diag(wᵢ) Ṽᵀ` in factored form, `wᵢ = sᵢ/(sᵢ² + μ²)^{1/2}`.
  public func factors(_ context: PerturbationContext) throws -> (u: Matrix, weights: [Double], v: Matrix) {
    let m = LowRankMatrix(
      left: context.residualV.appendingColumns(context.u),
      right: context.v.appendingColumns(context.residualTransposeU))
    let svd = try m.singularValueDecomposition()
    let s = svd.singularValues
    let frob = MatrixNorms(singularValues: s).frobenius
    let b: Double
    switch budget {
    case .absolute(let e): b = e
    case .relative(let d): b = d * MatrixNorms(singularValues: try context.residual.singularValues()).frobenius
    }
    guard frob > 0, b > 0 else { return (svd.u, Array(repeating: 0, count: s.count), svd.v) }
    let mu = relativeSmoothing * frob
    let w = s.map { sign * b * $0 / ($0 * $0 + mu * mu).squareRoot() }
    return (svd.u, w, svd.v)
  }

  /// `EV += Ũ diag(w) (ṼᵀV)`, `EᵀU += Ṽ diag(w) (ŨᵀU)`.
  public func accumulate(_ context: PerturbationContext, ev: inout Matrix, etu: inout Matrix) throws {
    accumulate(try factors(context), context, ev: &ev, etu: &etu)
  }

  /// `EV`, `EᵀU` and `‖E‖ = max|wᵢ|` from one factorization of `M`.
  public func productsAndNorm(_ context: PerturbationContext) throws -> (ev: Matrix, etu: Matrix, norm: Double) {
    let f = try factors(context)
    var ev = Matrix(rows: context.u.rows, columns: context.u.columns)
    var etu = Matrix(rows: context.v.rows, columns: context.v.columns)
    accumulate(f, context, ev: &ev, etu: &etu)
    return (ev, etu, f.weights.map(abs).max() ?? 0)
  }

  private func accumulate(_ f: (u: Matrix, weights: [Double], v: Matrix), _ context: PerturbationContext, ev: inout Matrix, etu: inout Matrix) {
    let (eu, w, evv) = f
    var vtV = evv.transposedTimes(context.v)  // t×k
    var utU = eu.transposedTimes(context.u)
    for i in 0..<w.count {
      for j in 0..<vtV.columns {
        vtV[i, j] *= w[i]
        utU[i, j] *= w[i]
      }
    }
    Matrix.multiply(eu, vtV, beta: 1, into: &ev)
    Matrix.multiply(evv, utU, beta: 1, into: &etu)
  }

  /// The dense `E`.
  public func matrix(_ context: PerturbationContext) throws -> Matrix {
    let (eu, w, evv) = try factors(context)
    var scaled = eu
    for i in 0..<scaled.rows { for j in 0..<w.count { scaled[i, j] *= w[j] } }
    return scaled.timesTransposed(evv)
  }

  /// `‖E‖ = max |wᵢ|`.
  public func spectralNorm(_ context: PerturbationContext) throws -> Double {
    try factors(context).weights.map(abs).max() ?? 0
  }
}
