import Foundation

/// One sweep point of a claim: integrate `family` at absolute size `size` over
/// the bisection horizon, and record the final error, the settling time of the
/// conclusion `settles`, the promised time, `τ/‖X‖_F`, and the claim's
/// perturbation hypothesis evaluated on the scan (`hypothesisHolds`,
/// `hypothesisMargin` = worst `bound − ‖E‖` in units of `‖X‖_F`, `hypothesisAt`),
/// and the conclusion's bound on the final error, `errorBound(τ)/‖X‖_F`:
/// a point whose hypothesis fails is not applicable, never a pass.
func claimSweepPoint(
  _ problem: Problem, seed: UInt64, family: PerturbationFamily, size: Double, constants: ClaimConstants,
  promised: Double?, hypothesis: (ClaimScan) -> HypothesisResult, finalError: (ClaimPoint) -> Double,
  errorBound: (Double) -> Double, settles: @escaping (ClaimPoint, Double) -> Bool
) throws -> JSONValue {
  let tau = try constants.accuracy(for: problem)
  let perturbation = try PerturbationSpec(family: family, size: size).make(for: problem, seed: seed)
  let horizon = constants.bisectionHorizon * ClaimConstants.timeScale(problem)
  let scan: ClaimScan
  do {
    scan = try ClaimScan(problem: problem, perturbation: perturbation, tEnd: horizon)
  } catch let e as IntegrationError {
    return .object([("failure", .string("\(e)"))])
  }
  let settled = try scan.settlingTime { settles($0, tau) }
  let h = hypothesis(scan)
  let x = problem.target.frobeniusNorm
  return .object([
    ("hypothesis", .string(h.name)), ("hypothesisHolds", .bool(h.holds)),
    ("hypothesisMargin", .exact(h.worstMargin / x)), ("hypothesisAt", .exact(h.at ?? 0)),
    ("finalError", .exact(finalError(scan.final) / problem.target.frobeniusNorm)), ("settling", settled.map(JSONValue.exact) ?? .null),
    ("promised", promised.map(JSONValue.exact) ?? .null), ("tau", .exact(tau / problem.target.frobeniusNorm)),
    ("errorBound", .exact(errorBound(tau) / x)),
  ])
}

extension C1RelativeConvergence: SweptClaim {
  /// `scaling` (the witness, L9) and `greedyRel`.
  public var sweptFamilies: [PerturbationFamily] { [.scaling, .greedyRel] }
  /// `δ₁ = c₁/κ_F`.
  public func boundSize(_ problem: Problem) -> Double { constants.deltaBound(problem) }
  /// `scaling` at `δ = 1`.
  public func witness(_ problem: Problem) -> (family: PerturbationFamily, threshold: Double) { (.scaling, 1 / boundSize(problem)) }
  public var witnessLabel: String { "sharp threshold δ = 1 (L9)" }
  public var adversaryName: String { "greedyRel" }
  public var errorLabel: String { "‖R(T)‖_F / ‖X‖_F" }

  /// Settling of `‖R(t)‖_F ≤ τ`; final `‖R‖_F/‖X‖_F`; promised `T₁`.
  public func sweepPoint(_ problem: Problem, seed: UInt64, family: PerturbationFamily, size s: Double) throws -> JSONValue {
    let delta = s * boundSize(problem)
    return try claimSweepPoint(
      problem, seed: seed, family: family, size: delta, constants: constants, promised: constants.t1(problem, delta: delta),
      hypothesis: { $0.relativeHypothesis(delta) }, finalError: \.residualFrobenius, errorBound: { $0 }, settles: { p, tau in p.residualFrobenius <= tau })
  }

  /// ``CriticalSize/greedyRelative(_:constants:iterations:upperUnits:)``.
  public func criticalSize(_ problem: Problem, iterations: Int) throws -> CriticalSize {
    try CriticalSize.greedyRelative(problem, constants: constants, iterations: iterations)
  }
}

extension C2AbsoluteRobustness: SweptClaim {
  /// `fixed`, `rotating`, `alignedKill` (the witness, L10) and `greedy`.
  public var sweptFamilies: [PerturbationFamily] { [.fixed, .rotating, .alignedKill, .greedy] }
  /// `ε₁ = c₃σ_r`.
  public func boundSize(_ problem: Problem) -> Double { constants.epsilonBound(problem) }
  /// `alignedKill` at `ε = σ_r`.
  public func witness(_ problem: Problem) -> (family: PerturbationFamily, threshold: Double) {
    (.alignedKill, problem.target.sigmaMin / boundSize(problem))
  }
  public var witnessLabel: String { "sharp threshold ε = σ_r (L10)" }
  public var adversaryName: String { "greedy" }
  public var errorLabel: String { "‖R(T)‖ / ‖X‖_F" }

  /// Settling of `‖R‖ ≤ c₅ε + τ ∧ σ_r(W) ≥ max(σ_r − ε − τ, τ)`; final `‖R‖/‖X‖_F`; promised `T₂`.
  public func sweepPoint(_ problem: Problem, seed: UInt64, family: PerturbationFamily, size s: Double) throws -> JSONValue {
    let eps = s * boundSize(problem)
    let sigmaR = problem.target.sigmaMin
    let c5 = constants.c5
    return try claimSweepPoint(
      problem, seed: seed, family: family, size: eps, constants: constants, promised: constants.t2(problem, epsilon: eps),
      hypothesis: { $0.absoluteHypothesis(eps) }, finalError: \.residualSpectral, errorBound: { c5 * eps + $0 },
      settles: { p, tau in p.residualSpectral <= c5 * eps + tau && p.productSigmaR >= max(sigmaR - eps - tau, tau) })
  }

  /// ``CriticalSize/greedyAbsolute(_:constants:iterations:upperUnits:)``.
  public func criticalSize(_ problem: Problem, iterations: Int) throws -> CriticalSize {
    try CriticalSize.greedyAbsolute(problem, constants: constants, iterations: iterations)
  }
}
