import Foundation

/// The diagnosis of the first calibration's validation failure, as a procedure
/// (`pgf diagnose` prints it). It uses ``ClaimConstants/firstCalibration``, so it
/// reproduces the numbers in ``ClaimConstants/calibrationRecord``: for problems
/// that share seeds/shapes with the failing validation case and vary one thing
/// (κ at fixed initialization, k = r vs k > r, the seed), each line gives the
/// initial signal conditioning `σ_r(S(0))/α̂`, `S(0) = (ΦᵀU(0) + ΨᵀV(0))/2`,
/// and the settling times of C1 (greedyRel, scaling at s = ½) and C2 (greedy at
/// s = ½) in units of `ln(σ₁/α̂)/σ_r` and of `ln(σ₁/σ_r(S(0)))/σ_r` (the
/// spectral phase started from the actual weakest signal direction).
public enum ClaimDiagnosis {
  /// `σ_r(S(0))` of a problem.
  public static func initialSignalSigmaR(_ p: Problem) throws -> Double {
    let s0 = try FlowState(t: 0, target: p.target, u: p.u0, v: p.v0).signalSum
    let sv = try s0.singularValues()
    return sv[p.r - 1]
  }

  /// Runs the diagnosis, one line per problem (`progress` gets each line as it is done).
  public static func run(progress: (String) -> Void = { _ in }) throws -> [String] {
    var lines: [String] = []
    let c = ClaimConstants.firstCalibration
    var specs: [ProblemSpec] = []
    for seed in [UInt64(11), 12, 13, 14] {
      specs.append(ProblemSpec(n1: 10, n2: 14, k: 3, r: 3, kappa: 1, alpha: 1e-2, seed: seed))
    }
    specs.append(ProblemSpec(n1: 10, n2: 14, k: 3, r: 3, kappa: 1.5, alpha: 1e-2, seed: 11))
    specs.append(ProblemSpec(n1: 10, n2: 14, k: 3, r: 3, kappa: 4, alpha: 1e-2, seed: 11))
    specs.append(ProblemSpec(n1: 10, n2: 14, k: 4, r: 3, kappa: 1, alpha: 1e-2, seed: 11))
    specs.append(ProblemSpec(n1: 9, n2: 9, k: 5, r: 2, kappa: 4, alpha: 1e-2, seed: 12))
    specs.append(ProblemSpec(n1: 9, n2: 9, k: 5, r: 2, kappa: 1, alpha: 1e-2, seed: 12))
    specs.append(ProblemSpec(n1: 12, n2: 9, k: 4, r: 2, kappa: 2, alpha: 2e-2, seed: 1))
    for spec in specs {
      let p = try spec.problem()
      let a = ClaimConstants.alphaHat(p)
      let sr0 = try initialSignalSigmaR(p)
      let scale = ClaimConstants.timeScale(p)
      let sigR = p.target.sigmaMin
      let scaleS = log(p.target.sigmaMax / sr0) / sigR
      let tau = try c.accuracy(for: p)
      var line = String(format: "DIAG %@: σ_r(S0)/α̂ = %.3f, ln(σ₁/σ_r(S0))/ln(σ₁/α̂) = %.3f |", spec.description, sr0 / a, scaleS / scale)
      for s in [0.0, 0.5] {
        let delta = s * c.deltaBound(p)
        let g = 1 - delta * p.target.kappaF
        for e in try Calibration.c1Perturbations(delta: delta) where s > 0 || e.name.hasPrefix("scaling") {
          let scan = try ClaimScan(problem: p, perturbation: e, tEnd: 6 * scale / g)
          let t = try Calibration.c1SettlingTime(scan, tau: tau) ?? .infinity
          line += String(format: " C1 %@ s=%.1f: Tg/scale = %.3f, Tg/scaleS = %.3f;", e.name, s, t * g / scale, t * g / scaleS)
        }
      }
      let eps = 0.5 * c.epsilonBound(p)
      let g2 = sigR - eps
      let scan = try ClaimScan(problem: p, perturbation: GreedyPerturbation(budget: .absolute(eps)), tEnd: 6 * scale * sigR / g2)
      let t = try Calibration.c2SettlingTime(scan, epsilon: eps, tau: tau, c5: c.c5) ?? .infinity
      let late = scan.points.filter { $0.t >= t }.map(\.residualSpectral).max() ?? 0
      line += String(format: " C2 greedy s=0.5: T(σ_r−ε)/ln(σ₁/α̂) = %.3f, /ln(σ₁/σ_r(S0)) = %.3f, late ‖R‖/ε = %.3f, final ‖R‖/ε = %.3f", t * g2 / (scale * sigR), t * g2 / (scaleS * sigR), late / eps, scan.final.residualSpectral / eps)
      progress(line)
      lines.append(line)
    }
    return lines
  }
}
