import Foundation

/// `rotating`: `E(t) = ε (cos(ωt) M₁ + sin(ωt) M₂)/√2` with seeded Gaussian
/// `M₁`, `M₂` normalized to `‖M₁‖ = ‖M₂‖ = 1`, so `‖E(t)‖ ≤ ε` for all t
/// (satisfies `H_abs(ε)`). Smooth in t. Default angular frequency `ω = 1`.
public struct RotatingPerturbation: Perturbation {
  /// The size bound `ε`.
  public let size: Double
  /// Angular frequency `ω` (radians per unit time).
  public let omega: Double
  /// `M₁/√2` and `M₂/√2` scaled by ε.
  private let m1: Matrix
  private let m2: Matrix
  /// Gram matrices of the smaller side: `MᵢᵀMⱼ` (or `MᵢMⱼᵀ` when n1 < n2), for ‖E(t)‖.
  private let gram11: Matrix, gram12: Matrix, gram22: Matrix

  /// Draws `M₁`, `M₂` from stream `"perturbation.rotating"` of `seed`.
  public init(size: Double, omega: Double = 1, n1: Int, n2: Int, seed: UInt64) throws {
    try checkSize(size, name: "rotating")
    guard omega.isFinite else { throw ProblemError.invalidValue("ω must be finite (got \(omega))") }
    var rng = SeededGenerator(seed: seed, stream: "perturbation.rotating")
    let a = rng.gaussianMatrix(rows: n1, columns: n2)
    let b = rng.gaussianMatrix(rows: n1, columns: n2)
    self.size = size
    self.omega = omega
    let m1 = (size / 2.0.squareRoot() / (try a.spectralNorm())) * a
    let m2 = (size / 2.0.squareRoot() / (try b.spectralNorm())) * b
    self.m1 = m1
    self.m2 = m2
    if n1 >= n2 {
      gram11 = m1.transposedTimes(m1)
      gram12 = m1.transposedTimes(m2)
      gram22 = m2.transposedTimes(m2)
    } else {
      gram11 = m1.timesTransposed(m1)
      gram12 = m1.timesTransposed(m2)
      gram22 = m2.timesTransposed(m2)
    }
  }

  /// `‖E(t)‖ = λ_max(EᵀE)^{1/2}` with `EᵀE = c²M₁ᵀM₁ + cs(M₁ᵀM₂ + M₂ᵀM₁) + s²M₂ᵀM₂`
  /// from the precomputed Gram matrices (an eigenvalue problem of size
  /// min(n1, n2) instead of an SVD of E; λ_max is computed to relative accuracy
  /// ~ε, so ‖E‖ is too).
  public func spectralNorm(_ context: PerturbationContext) throws -> Double {
    let c = cos(omega * context.t)
    let s = sin(omega * context.t)
    var g = (c * c) * gram11
    g.add(gram22, scaledBy: s * s)
    g.add(gram12, scaledBy: c * s)
    g.add(gram12.transposed, scaledBy: c * s)
    return max(0, try g.symmetricEigenvalues().last ?? 0).squareRoot()
  }

  /// `"rotating:ε"`.
  public var name: String { "rotating:\(size)" }

  /// `EV += (cos ωt M₁ + sin ωt M₂)V·ε/√2` and the mirror for `EᵀU`.
  public func accumulate(_ context: PerturbationContext, ev: inout Matrix, etu: inout Matrix) {
    let c = cos(omega * context.t)
    let s = sin(omega * context.t)
    Matrix.multiply(m1, context.v, alpha: c, beta: 1, into: &ev)
    Matrix.multiply(m2, context.v, alpha: s, beta: 1, into: &ev)
    Matrix.multiply(m1, transposingA: true, context.u, alpha: c, beta: 1, into: &etu)
    Matrix.multiply(m2, transposingA: true, context.u, alpha: s, beta: 1, into: &etu)
  }

  /// `E(t)`.
  public func matrix(_ context: PerturbationContext) -> Matrix {
    var e = cos(omega * context.t) * m1
    e.add(m2, scaledBy: sin(omega * context.t))
    return e
  }
}
