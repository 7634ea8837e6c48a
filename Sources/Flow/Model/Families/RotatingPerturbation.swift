import Foundation

/// `rotating`: `E(t) = ε (cos(ωt) M₁ + sin(ωt) M₂)/√2` with seeded Gaussian
/// `M₁`, `M₂` normalized to `‖M₁‖ = ‖M₂‖ = 1`, so `‖E(t)‖ ≤ ε` for all t
/// (satisfies `H_abs(ε)`). Smooth in t. Default angular frequency `ω = 1`.
///
/// Size rule (as for ``FixedPerturbation``): when `n1·n2 ≤`
/// ``FixedPerturbation/denseEntryLimit`` (10⁶) the `Mᵢ` are dense Gaussian
/// `n1 × n2` matrices (an evaluation costs `O(n1·n2·k)`); above it
/// `Mᵢ = GᵢHᵢᵀ` are rank-``FixedPerturbation/lowRank`` (8) Gaussian products,
/// an evaluation costs `O((n1 + n2)·8·k)` and `‖E(t)‖` is the spectral norm of
/// a 16 × 16 core (QR of `[G₁ G₂]` and `[H₁ H₂]` precomputed). No `n1 × n2`
/// matrix is formed in that case.
public struct RotatingPerturbation: Perturbation {
  /// The size bound `ε`.
  public let size: Double
  /// Angular frequency `ω` (radians per unit time).
  public let omega: Double
  private enum Storage: Sendable {
    /// `εMᵢ/√2` dense, and Gram matrices of the smaller side: `MᵢᵀMⱼ` (or `MᵢMⱼᵀ` when n1 < n2), for ‖E(t)‖.
    case dense(m1: Matrix, m2: Matrix, gram11: Matrix, gram12: Matrix, gram22: Matrix)
    /// `εMᵢ/√2 = LᵢRᵢᵀ`; `[L₁ L₂] = Q_L T_L`, `[R₁ R₂] = Q_R T_R` (only `T_L`, `T_R` kept).
    case lowRank(m1: LowRankMatrix, m2: LowRankMatrix, tLeft: Matrix, tRight: Matrix)
  }
  private let storage: Storage

  /// Draws `M₁`, `M₂` from stream `"perturbation.rotating"` of `seed`.
  public init(size: Double, omega: Double = 1, n1: Int, n2: Int, seed: UInt64) throws {
    try checkSize(size, name: "rotating")
    guard omega.isFinite else { throw ProblemError.invalidValue("ω must be finite (got \(omega))") }
    var rng = SeededGenerator(seed: seed, stream: "perturbation.rotating")
    self.size = size
    self.omega = omega
    if n1 * n2 <= FixedPerturbation.denseEntryLimit {
      let a = rng.gaussianMatrix(rows: n1, columns: n2)
      let b = rng.gaussianMatrix(rows: n1, columns: n2)
      let m1 = (size / 2.0.squareRoot() / (try a.spectralNorm())) * a
      let m2 = (size / 2.0.squareRoot() / (try b.spectralNorm())) * b
      if n1 >= n2 {
        storage = .dense(m1: m1, m2: m2, gram11: m1.transposedTimes(m1), gram12: m1.transposedTimes(m2), gram22: m2.transposedTimes(m2))
      } else {
        storage = .dense(m1: m1, m2: m2, gram11: m1.timesTransposed(m1), gram12: m1.timesTransposed(m2), gram22: m2.timesTransposed(m2))
      }
    } else {
      let q = FixedPerturbation.lowRank
      func draw() throws -> LowRankMatrix {
        let g = rng.gaussianMatrix(rows: n1, columns: q)
        let h = rng.gaussianMatrix(rows: n2, columns: q)
        let norm = try LowRankMatrix(left: g, right: h).singularValues().first ?? 1
        return LowRankMatrix(left: (size / 2.0.squareRoot() / norm) * g, right: h)
      }
      let m1 = try draw()
      let m2 = try draw()
      storage = .lowRank(
        m1: m1, m2: m2,
        tLeft: QRDecomposition(m1.left.appendingColumns(m2.left)).r,
        tRight: QRDecomposition(m1.right.appendingColumns(m2.right)).r)
    }
  }

  /// `‖E(t)‖`. Dense case: `λ_max(EᵀE)^{1/2}` with
  /// `EᵀE = c²M₁ᵀM₁ + cs(M₁ᵀM₂ + M₂ᵀM₁) + s²M₂ᵀM₂` from the precomputed Gram
  /// matrices (an eigenvalue problem of size min(n1, n2); λ_max is computed to
  /// relative accuracy ~ε, so ‖E‖ is too). Low-rank case: `‖T_L diag(cI, sI) T_Rᵀ‖`.
  public func spectralNorm(_ context: PerturbationContext) throws -> Double {
    let c = cos(omega * context.t)
    let s = sin(omega * context.t)
    switch storage {
    case .dense(_, _, let gram11, let gram12, let gram22):
      var g = (c * c) * gram11
      g.add(gram22, scaledBy: s * s)
      g.add(gram12, scaledBy: c * s)
      g.add(gram12.transposed, scaledBy: c * s)
      return max(0, try g.symmetricEigenvalues().last ?? 0).squareRoot()
    case .lowRank(let m1, _, let tLeft, let tRight):
      let q = m1.left.columns
      let weights = Array(repeating: c, count: q) + Array(repeating: s, count: q)
      let core = (tLeft * Matrix.diagonal(weights)).timesTransposed(tRight)
      return try core.singularValues().first ?? 0
    }
  }

  /// `"rotating:ε"`.
  public var name: String { "rotating:\(size)" }

  /// `EV += (cos ωt M₁ + sin ωt M₂)V·ε/√2` and the mirror for `EᵀU`.
  public func accumulate(_ context: PerturbationContext, ev: inout Matrix, etu: inout Matrix) {
    let c = cos(omega * context.t)
    let s = sin(omega * context.t)
    switch storage {
    case .dense(let m1, let m2, _, _, _):
      Matrix.multiply(m1, context.v, alpha: c, beta: 1, into: &ev)
      Matrix.multiply(m2, context.v, alpha: s, beta: 1, into: &ev)
      Matrix.multiply(m1, transposingA: true, context.u, alpha: c, beta: 1, into: &etu)
      Matrix.multiply(m2, transposingA: true, context.u, alpha: s, beta: 1, into: &etu)
    case .lowRank(let m1, let m2, _, _):
      m1.accumulate(v: context.v, u: context.u, ev: &ev, etu: &etu, alpha: c)
      m2.accumulate(v: context.v, u: context.u, ev: &ev, etu: &etu, alpha: s)
    }
  }

  /// `E(t)` (dense `n1 × n2`; formed on each call).
  public func matrix(_ context: PerturbationContext) -> Matrix {
    let c = cos(omega * context.t)
    let s = sin(omega * context.t)
    switch storage {
    case .dense(let m1, let m2, _, _, _):
      var e = c * m1
      e.add(m2, scaledBy: s)
      return e
    case .lowRank(let m1, let m2, _, _):
      var e = c * m1.dense()
      e.add(m2.dense(), scaledBy: s)
      return e
    }
  }
}
