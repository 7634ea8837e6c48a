import Flow
import Validated

/// The exact data of a validated proof: the ODE (target `X* = Φ̃Σ̃Ψ̃ᵀ` from the
/// stored double factors, constant `E` from its double entries) and rigorous
/// constants derived from it.
///
/// The projector `P` of L4 is the exact orthogonal projector onto
/// `range(Φ̃)^⊥`, so `PX* = 0` holds exactly even though the float `Φ̃` is only
/// orthonormal to ~1e-16: with `G = Φ̃ᵀΦ̃ = I + Δ`, `P = I − Φ̃G⁻¹Φ̃ᵀ` and
/// `G⁻¹ = I + F`, `‖F‖₂ ≤ ε_Φ = δ/(1 − δ)`, `δ ≥ ‖Δ‖_∞`; the `F` terms are
/// carried as `±ε_Φ·(…)` corrections. Likewise `Q` for `Ψ̃`.
public struct ProofData: Sendable {
  /// The vector field.
  public let field: PGFVectorField
  /// `ε_Φ ≥ ‖(Φ̃ᵀΦ̃)⁻¹ − I‖₂`.
  public let epsPhi: Double
  /// `ε_Ψ ≥ ‖(Ψ̃ᵀΨ̃)⁻¹ − I‖₂`.
  public let epsPsi: Double
  /// An enclosure of `X*` (`n1 × n2`).
  public let xStar: IntervalMatrix
  /// An interval containing `‖X* + E‖`.
  public let normXPlusE: Interval
  /// The exact initial state.
  public let y0: [Double]

  /// The data of a problem and a constant perturbation.
  ///
  /// - Throws: ``ProofError/unsupportedPerturbation(_:)`` for a perturbation that
  ///   depends on time or state (only `zero`, `fixed`, `alignedKill` are constant).
  public init(problem: Problem, perturbation: any Perturbation) throws {
    let e: Matrix?
    if perturbation.isZero {
      e = nil
    } else if let f = perturbation as? FixedPerturbation {
      e = f.e
    } else if perturbation is AlignedKillPerturbation {
      e = try perturbation.matrix(PerturbationContext(t: 0, target: problem.target, u: problem.u0, v: problem.v0))
    } else {
      throw ProofError.unsupportedPerturbation(
        "validated mode supports the constant perturbations zero, fixed:ε and alignedKill:ε; '\(perturbation.name)' depends on time or state")
    }
    field = PGFVectorField(target: problem.target, k: problem.k, e: e)
    y0 = problem.initialState
    epsPhi = try Self.inverseGramDefect(problem.target.phi)
    epsPsi = try Self.inverseGramDefect(problem.target.psi)
    var phiSigma = IntervalMatrix(problem.target.phi)
    for i in 0..<phiSigma.rows { for l in 0..<phiSigma.columns { phiSigma[i, l] = problem.target.sigma[l] * phiSigma[i, l] } }
    let x = phiSigma * IntervalMatrix(problem.target.psi).transposed
    xStar = x
    let m = e.map { x + IntervalMatrix($0) } ?? x
    normXPlusE = try m.spectralNormBounds()
  }

  /// `δ/(1 − δ)` with `δ ≥ ‖MᵀM − I‖_∞`: a bound on `‖(MᵀM)⁻¹ − I‖₂`.
  static func inverseGramDefect(_ m: Matrix) throws -> Double {
    var g = IntervalMatrix(m).gram
    for i in 0..<g.rows { g[i, i] = g[i, i] - .one }
    let d = g.infinityNormUpperBound
    guard d < 0.5 else { throw ProofError.invalidArgument("target factors are not orthonormal (δ = \(d)); re-factor X") }
    return (Interval(d) / (Interval.one - Interval(d))).hi
  }

  var n1: Int { field.n1 }
  var n2: Int { field.n2 }
  var k: Int { field.k }

  /// `U` and `V` slices of a state array.
  func split<T>(_ y: [T]) -> (u: [T], v: [T]) { (Array(y[0..<(n1 * k)]), Array(y[(n1 * k)...])) }
}
