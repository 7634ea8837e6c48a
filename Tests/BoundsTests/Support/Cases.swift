import Bounds
import Flow

/// The shared case grid of the lemma suites.
///
/// The default grid is small so `swift test` stays fast in debug; set
/// `PGF_THOROUGH=1` to widen it (more seeds, shapes and sizes).
enum Cases {
  /// Whether the thorough sweep was requested (`PGF_THOROUGH=1`).
  static let thorough: Bool = {
    guard let v = ProcessInfo.processInfo.environment["PGF_THOROUGH"] else { return false }
    return v == "1" || v.lowercased() == "true"
  }()

  /// A problem shape: (n1, n2, k, r, κ).
  struct Shape: Sendable, CustomStringConvertible {
    let n1: Int, n2: Int, k: Int, r: Int, kappa: Double
    var description: String { "\(n1)×\(n2) k=\(k) r=\(r) κ=\(kappa)" }
  }

  /// Shapes: n1 ≠ n2, k = r and k > r, κ ∈ {1, 2, 10}.
  static let shapes: [Shape] = {
    let base = [
      Shape(n1: 12, n2: 9, k: 4, r: 2, kappa: 2),
      Shape(n1: 7, n2: 10, k: 3, r: 3, kappa: 1),
      Shape(n1: 9, n2: 9, k: 5, r: 3, kappa: 10),
    ]
    let more = [
      Shape(n1: 15, n2: 6, k: 2, r: 2, kappa: 10),
      Shape(n1: 8, n2: 14, k: 6, r: 2, kappa: 1),
    ]
    return thorough ? base + more : base
  }()

  /// Perturbations with their sizes.
  static let perturbations: [String] = {
    let base = ["zero", "fixed:0.1", "rotating:0.2", "scaling:0.5", "alignedKill:0.2", "greedy:0.1", "greedyRel:0.2"]
    let more = ["fixed:0.4", "rotating:0.05", "scaling:0.9", "alignedKill:0.05", "greedy:0.3", "greedyRel:0.5"]
    return thorough ? base + more : base
  }()

  /// Seeds.
  static let seeds: [UInt64] = thorough ? [1, 2, 3, 4] : [1]

  /// The problem of a shape and seed (σ₁ = 1, α = 1e-2).
  static func problem(_ shape: Shape, seed: UInt64, alpha: Double = 1e-2) throws -> Problem {
    try Problem.generate(ProblemSpec(n1: shape.n1, n2: shape.n2, k: shape.k, r: shape.r, kappa: shape.kappa, alpha: alpha, seed: seed))
  }

  /// A check case: shape × perturbation × seed, horizon `tEnd` (default 20).
  static func make(_ shape: Shape, _ perturbation: String, seed: UInt64, tEnd: Double = 20) throws -> Scenario {
    try Scenario(
      problem: problem(shape, seed: seed), perturbation: PerturbationSpec(parsing: perturbation), seed: seed, tEnd: tEnd,
      label: "\(shape) \(perturbation) seed \(seed)")
  }
}

import Foundation
