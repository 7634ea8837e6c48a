import Bounds
import Foundation

/// `E(t) = ε sin(t) φ₁ψ₁ᵀ`: a pulse along the top singular pair of X, with
/// `‖E(t)‖ = ε|sin t| ≤ ε`. Rank one, so `EV = ε sin t · φ₁(ψ₁ᵀV)` and
/// `EᵀU = ε sin t · ψ₁(φ₁ᵀU)` cost `O((n1 + n2)k)`.
public struct PulsePerturbation: Perturbation {
  /// The amplitude ε.
  public let size: Double

  /// A pulse of amplitude `size` (ε ≥ 0).
  public init(size: Double) { self.size = size }

  public var name: String { "pulse:\(size)" }

  public func accumulate(_ context: PerturbationContext, ev: inout Matrix, etu: inout Matrix) throws {
    let c = size * sin(context.t)
    let phi = context.target.phi, psi = context.target.psi
    for j in 0..<context.u.columns {
      var psiV = 0.0, phiU = 0.0
      for i in 0..<context.v.rows { psiV += psi[i, 0] * context.v[i, j] }
      for i in 0..<context.u.rows { phiU += phi[i, 0] * context.u[i, j] }
      for i in 0..<ev.rows { ev[i, j] += c * phi[i, 0] * psiV }
      for i in 0..<etu.rows { etu[i, j] += c * psi[i, 0] * phiU }
    }
  }

  public func matrix(_ context: PerturbationContext) throws -> Matrix {
    let c = size * sin(context.t)
    let phi = context.target.phi, psi = context.target.psi
    var e = Matrix(rows: phi.rows, columns: psi.rows)
    for i in 0..<phi.rows {
      for j in 0..<psi.rows { e[i, j] = c * phi[i, 0] * psi[j, 0] }
    }
    return e
  }

  public func spectralNorm(_ context: PerturbationContext) throws -> Double { abs(size * sin(context.t)) }
}

extension PerturbationFamily {
  /// `pulse:ε`: ``PulsePerturbation``; declares `H_abs(ε)`.
  public static let pulse = PerturbationFamily(name: "pulse", sizeKind: .absolute, summary: "ε sin(t) φ₁ψ₁ᵀ; ‖E(t)‖ ≤ ε") { _, size, _ in
    PulsePerturbation(size: size)
  }
}
