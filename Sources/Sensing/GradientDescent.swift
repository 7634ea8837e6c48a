import Flow
import Foundation

/// Which measurements each step of gradient descent uses.
public enum BatchSampling: Sendable, Equatable {
  /// All `m` measurements: `Ĝ_j = 𝒜*(y − 𝒜(U_jV_jᵀ))` (plain gradient descent).
  case full
  /// A fresh batch of `b` measurements every step (Theorem 2.9's setting):
  /// new iid `A_i` of the problem's ensemble (Gaussian for explicit or user
  /// operators) normalized by `1/√b`, with `y_i = ⟨A_i, X⟩/√b + ξ_i`,
  /// `ξ_i ~ N(0, σ_ξ²)` fresh as well; `E[𝒜_j*𝒜_j] = I`.
  case fresh(batchSize: Int)
  /// `b` of the problem's `m` measurements, drawn uniformly without
  /// replacement every step. The batch gradient is rescaled by `m/b`,
  /// `Ĝ_j = (m/b) Σ_{i∈S_j} (y_i − 𝒜(U_jV_jᵀ)_i) A_i/√m`, so that
  /// `E[Ĝ_j] = 𝒜*(y − 𝒜(U_jV_jᵀ))`, the full gradient (unbiased).
  case pool(batchSize: Int)
}

/// Settings of a gradient-descent run (theory.md §8).
public struct GradientDescentOptions: Sendable {
  /// Step size `η` (> 0). A good default is `0.25/σ₁` (see ``defaultEta(for:)``).
  public var eta: Double
  /// Number of steps `K` (≥ 0); `T = Kη` is the matching flow time.
  public var steps: Int
  /// Full batch, fresh batches or pool sampling (default full).
  public var sampling: BatchSampling = .full
  /// Record an ``GradientDescentSample`` every `recordStride` steps (and the
  /// last); `0` (default) records only the first and the last iterate.
  public var recordStride: Int = 0
  /// Evaluate `δ_eff` every `effectiveDeltaStride` steps (and at the last);
  /// `0` (default) never. Each evaluation forms the dense
  /// `(𝒜*𝒜 − I)(R_j)` and takes its spectral norm: `O(m·n1·n2 + n1·n2·min(n1, n2))`,
  /// use it for small shapes only.
  public var effectiveDeltaStride: Int = 0
  /// Seed of the batch streams (`"sensing.batch"`, `"sensing.batchNoise"`, `"sensing.pool"`).
  public var seed: UInt64 = 1
  /// Divergence threshold: the run stops with ``SensingError/diverged(step:eta:sigma1:reason:)``
  /// when an iterate is non-finite or `‖Z_j‖_F > divergenceFactor · max(‖Z_0‖_F, √(2‖X‖_*))`
  /// (`√(2‖X‖_*)` is `‖Z‖_F` of the balanced factorization of X). Default 10.
  public var divergenceFactor: Double = 10

  /// Options for `steps` steps of size `eta`.
  public init(eta: Double, steps: Int) {
    self.eta = eta
    self.steps = steps
  }

  /// The default step size `η = 0.25/σ₁` (well inside the stable range `η ≲ 1/σ₁`).
  public static func defaultEta(for problem: Problem) -> Double { 0.25 / problem.target.sigmaMax }

  /// The step count of Theorem 2.8 with Appendix B's constant:
  /// `K = ⌈T/η⌉`, `T = (5/σ_r) ln(σ_r/a₀²)`, `a₀ = ‖Z(0)‖` (at least 1 step;
  /// `T = 5/σ_r` when `a₀² ≥ σ_r/e`).
  public static func theoremSteps(for problem: Problem, eta: Double) throws -> Int {
    let t = try theoremTime(for: problem)
    return max(1, Int((t / eta).rounded(.up)))
  }

  /// `T = (5/σ_r) ln(σ_r/a₀²)` (Appendix B), floored at `5/σ_r`.
  public static func theoremTime(for problem: Problem) throws -> Double {
    let state = try FlowState(t: 0, target: problem.target, u: problem.u0, v: problem.v0)
    let a0 = try state.zSpectralNorm()
    let sr = problem.target.sigmaMin
    return 5 / sr * max(1, Foundation.log(sr / (a0 * a0)))
  }
}

/// One recorded iterate of gradient descent: the flow's derived quantities
/// (``FlowState`` at `t = jη`) plus the step's discrete diagnostics.
public struct GradientDescentSample: Sendable {
  /// Step index `j` (`0` is the initial point).
  public let step: Int
  /// The derived quantities of theory.md §1 at `(jη, U_j, V_j)`.
  public let state: FlowState
  /// `δ_eff` at this iterate when it was evaluated.
  public let effectiveDelta: Double?
}

/// What a gradient-descent run produced.
public struct GradientDescentResult: Sendable {
  /// The options used.
  public let options: GradientDescentOptions
  /// Steps taken `K`.
  public let steps: Int
  /// Final iterate `U_K`.
  public let u: Matrix
  /// Final iterate `V_K`.
  public let v: Matrix
  /// The derived quantities at the final iterate (`t = Kη`).
  public let final: FlowState
  /// Recorded iterates (first, every `recordStride`, last).
  public let samples: [GradientDescentSample]
  /// `(j, δ_eff(j))` at the evaluated steps.
  public let effectiveDeltas: [(step: Int, value: Double)]
  /// `max_j ‖D_{j+1} − D_j − η²((ĜV)ᵀĜV − (ĜᵀU)ᵀĜᵀU)‖_F`: the L1-GD identity defect.
  public let imbalanceDefect: Double
  /// `max_j` of the defect divided by its round-off scale
  /// `u·(‖U_j‖_F² + ‖V_j‖_F² + ‖U_{j+1}‖_F² + ‖V_{j+1}‖_F² + η²(‖ĜV‖_F² + ‖ĜᵀU‖_F²))`,
  /// `u = 2⁻⁵³`: O(1)–O(k) when the identity holds to round-off.
  public let imbalanceDefectRelative: Double
  /// The target.
  public var target: Target { final.target }
  /// `‖U_KV_Kᵀ − X‖_F/‖X‖_F`.
  public var relativeError: Double { final.residualNorms.frobenius / target.frobeniusNorm }
  /// `‖U_KV_Kᵀ − X‖`.
  public var spectralError: Double { final.residualNorms.spectral }
  /// `max_j δ_eff(j)` over the evaluated steps (`nil` if none).
  public var maxEffectiveDelta: Double? { effectiveDeltas.map(\.value).max() }
}

/// Factorized gradient descent and mini-batch SGD for matrix sensing
/// (theory.md §8):
///
///     Ĝ_j = 𝒜*(y − 𝒜(U_jV_jᵀ)),  U_{j+1} = U_j + ηĜ_jV_j,  V_{j+1} = V_j + ηĜ_jᵀU_j,
///
/// both factors from the same iterate. The hot loop allocates nothing
/// (workspaces are reused); per step it costs one fused pass of the
/// operator (``MeasurementOperator/gradientProducts(y:subset:weight:u:v:residual:gv:gtu:workspace:)``)
/// plus `O((n1 + n2)k²)` for the imbalance identity and the divergence test.
public struct GradientDescent: Sendable {
  /// The problem.
  public let problem: SensingProblem
  /// The settings.
  public let options: GradientDescentOptions

  /// A run of `problem` with `options`.
  ///
  /// - Throws: ``SensingError/invalidValue(_:)`` for `η ≤ 0` or non-finite,
  ///   negative steps, a batch size outside `1…m` (pool) or `< 1` (fresh), or
  ///   negative strides.
  public init(problem: SensingProblem, options: GradientDescentOptions) throws {
    guard options.eta.isFinite, options.eta > 0 else {
      throw SensingError.invalidValue("the step size η must be finite and > 0 (got \(options.eta)); e.g. --eta \(0.25 / problem.problem.target.sigmaMax)")
    }
    guard options.steps >= 0 else { throw SensingError.invalidValue("the number of steps must be ≥ 0 (got \(options.steps)); e.g. --steps 200") }
    guard options.recordStride >= 0, options.effectiveDeltaStride >= 0 else {
      throw SensingError.invalidValue("strides must be ≥ 0 (0 turns recording off)")
    }
    guard options.divergenceFactor.isFinite, options.divergenceFactor > 1 else {
      throw SensingError.invalidValue("the divergence factor must be finite and > 1 (got \(options.divergenceFactor))")
    }
    switch options.sampling {
    case .full: break
    case .pool(let b):
      guard b >= 1, b <= problem.measurementCount else {
        throw SensingError.invalidValue("the batch size b = \(b) must be between 1 and the pool size m = \(problem.measurementCount); lower --batch or raise --m (or use --fresh-batches)")
      }
    case .fresh(let b):
      guard b >= 1 else { throw SensingError.invalidValue("the batch size b must be ≥ 1 (got \(b)); e.g. --batch 100") }
    }
    self.problem = problem
    self.options = options
  }

  /// Runs `K` steps. `observer(j, U_j, V_j)` is called for `j = 0 … K`
  /// (before the first step and after every step) when given.
  ///
  /// - Throws: ``SensingError/diverged(step:eta:sigma1:reason:)``.
  public func run(observer: ((Int, Matrix, Matrix) throws -> Void)? = nil) throws -> GradientDescentResult {
    let p = problem.problem
    let target = p.target
    let n1 = p.n1, n2 = p.n2, k = p.k
    let eta = options.eta
    var u = p.u0, v = p.v0
    var gv = Matrix(rows: n1, columns: k), gtu = Matrix(rows: n2, columns: k)
    var gramU = Matrix(rows: k, columns: k), gramV = Matrix(rows: k, columns: k)
    var nextGramU = gramU, nextGramV = gramV
    var gvGram = gramU, gtuGram = gramU
    var workspace = SensingWorkspace()

    // The operator and measurements of each step.
    let op: any MeasurementOperator = problem.measurementOperator
    var y = problem.measurements
    var clean = problem.cleanMeasurements
    var subset: [Int]? = nil
    var weight = 1.0
    var residual = [Double](repeating: 0, count: op.measurementCount)
    var batchRNG = SeededGenerator(seed: options.seed, stream: "sensing.batch")
    var batchNoiseRNG = SeededGenerator(seed: options.seed, stream: "sensing.batchNoise")
    var poolRNG = SeededGenerator(seed: options.seed, stream: "sensing.pool")
    var permutation = Array(0..<problem.measurementCount)
    var freshDense: DenseMeasurementOperator? = nil
    var freshRankOne: RankOneMeasurementOperator? = nil
    switch options.sampling {
    case .full: break
    case .pool(let b):
      subset = Array(repeating: 0, count: b)
      weight = Double(problem.measurementCount) / Double(b)
    case .fresh(let b):
      if problem.operatorKind == .rankOne {
        freshRankOne = try RankOneMeasurementOperator(gaussian: b, n1: n1, n2: n2, generator: &batchRNG)
      } else {
        freshDense = try DenseMeasurementOperator(gaussian: b, n1: n1, n2: n2, generator: &batchRNG)
      }
      y = [Double](repeating: 0, count: b)
      clean = y
      residual = y
    }
    let phiSigma = target.phiSigma

    Matrix.multiply(u, transposingA: true, u, into: &gramU)
    Matrix.multiply(v, transposingA: true, v, into: &gramV)
    let z0 = (gramU.trace + gramV.trace).squareRoot()
    let nuclear = target.sigma.reduce(0, +)
    let limit = options.divergenceFactor * max(z0, (2 * nuclear).squareRoot())
    var samples: [GradientDescentSample] = []
    var deltas: [(step: Int, value: Double)] = []
    var defectMax = 0.0, defectRelMax = 0.0
    let unit = Double.ulpOfOne / 2
    let steps = options.steps

    func due(_ j: Int, _ stride: Int) -> Bool { stride > 0 && (j % stride == 0 || j == steps) }

    try observer?(0, u, v)
    for j in 0...steps {
      let recordDelta = due(j, options.effectiveDeltaStride)
      let recordSample = j == 0 || j == steps || due(j, options.recordStride)
      if j == steps && !recordDelta && !recordSample { break }

      // Draw this step's batch (also needed for δ_eff at the last iterate).
      if j < steps || recordDelta {
        switch options.sampling {
        case .full: break
        case .pool(let b):
          for t in 0..<b {
            let pick = t + Int(poolRNG.next() % UInt64(permutation.count - t))
            permutation.swapAt(t, pick)
          }
          for t in 0..<b { subset![t] = permutation[t] }
          subset!.sort()
        case .fresh:
          // Regenerated in place and called on the concrete type: no existential boxing per step.
          if freshDense != nil {
            freshDense!.regenerate(using: &batchRNG)
            freshDense!.apply(u: phiSigma, v: target.psi, into: &clean, workspace: &workspace)
          } else {
            freshRankOne!.regenerate(using: &batchRNG)
            freshRankOne!.apply(u: phiSigma, v: target.psi, into: &clean, workspace: &workspace)
          }
          for i in 0..<clean.count { y[i] = clean[i] + problem.noiseLevel * (problem.noiseLevel > 0 ? batchNoiseRNG.nextGaussian() : 0) }
        }
      }
      if j < steps || recordDelta {
        if let d = freshDense {
          d.gradientProducts(y: y, subset: nil, weight: 1, u: u, v: v, residual: &residual, gv: &gv, gtu: &gtu, workspace: &workspace)
        } else if let r = freshRankOne {
          r.gradientProducts(y: y, subset: nil, weight: 1, u: u, v: v, residual: &residual, gv: &gv, gtu: &gtu, workspace: &workspace)
        } else {
          op.gradientProducts(y: y, subset: subset, weight: weight, u: u, v: v, residual: &residual, gv: &gv, gtu: &gtu, workspace: &workspace)
        }
      }

      var delta: Double? = nil
      if recordDelta {
        let stepOperator: any MeasurementOperator = freshDense ?? freshRankOne ?? op
        delta = try effectiveDelta(op: stepOperator, residual: residual, y: y, clean: clean, subset: subset, weight: weight, u: u, v: v, target: target)
        deltas.append((j, delta!))
      }
      if recordSample {
        samples.append(GradientDescentSample(step: j, state: try FlowState(t: Double(j) * eta, target: target, u: u, v: v), effectiveDelta: delta))
      }
      if j == steps { break }

      // The step, both factors from the same iterate.
      Matrix.multiply(gv, transposingA: true, gv, into: &gvGram)
      Matrix.multiply(gtu, transposingA: true, gtu, into: &gtuGram)
      u.add(gv, scaledBy: eta)
      v.add(gtu, scaledBy: eta)
      Matrix.multiply(u, transposingA: true, u, into: &nextGramU)
      Matrix.multiply(v, transposingA: true, v, into: &nextGramV)

      // L1 for GD: D_{j+1} − D_j = η²((ĜV)ᵀĜV − (ĜᵀU)ᵀĜᵀU), checked entrywise.
      var defect2 = 0.0
      let e2 = eta * eta
      for t in 0..<(k * k) {
        let change = (nextGramU.elements[t] - nextGramV.elements[t]) - (gramU.elements[t] - gramV.elements[t])
        let d = change - e2 * (gvGram.elements[t] - gtuGram.elements[t])
        defect2 += d * d
      }
      let defect = defect2.squareRoot()
      let scale = unit * (gramU.trace + gramV.trace + nextGramU.trace + nextGramV.trace + e2 * (gvGram.trace + gtuGram.trace))
      if !(defect <= defectMax) { defectMax = defect }
      if scale > 0, !(defect / scale <= defectRelMax) { defectRelMax = defect / scale }

      let zNorm = (nextGramU.trace + nextGramV.trace).squareRoot()
      if !zNorm.isFinite {
        throw SensingError.diverged(step: j + 1, eta: eta, sigma1: target.sigmaMax, reason: "the iterate is not finite")
      }
      if zNorm > limit {
        throw SensingError.diverged(
          step: j + 1, eta: eta, sigma1: target.sigmaMax,
          reason: "‖Z‖_F = \(short(zNorm)) exceeds \(short(options.divergenceFactor))·max(‖Z_0‖_F, √(2‖X‖_*)) = \(short(limit))")
      }
      swap(&gramU, &nextGramU)
      swap(&gramV, &nextGramV)
      try observer?(j + 1, u, v)
    }
    let final = samples.last!.state
    return GradientDescentResult(
      options: options, steps: steps, u: u, v: v, final: final, samples: samples, effectiveDeltas: deltas,
      imbalanceDefect: defectMax, imbalanceDefectRelative: defectRelMax)
  }

  /// `δ_eff = ‖(𝒜_j*𝒜_j − I)(R_j)‖/‖R_j‖_F` for this step's (weighted) batch
  /// operator, from the noise-free residual `𝒜_j(X) − 𝒜_j(U_jV_jᵀ)`.
  private func effectiveDelta(
    op: any MeasurementOperator, residual: [Double], y: [Double], clean: [Double], subset: [Int]?, weight: Double,
    u: Matrix, v: Matrix, target: Target
  ) throws -> Double {
    // residual_i = y_i − 𝒜(W)_i on the batch, so 𝒜(R)_i = residual_i − (y_i − 𝒜(X)_i).
    var zc = [Double](repeating: 0, count: residual.count)
    if let subset {
      for i in subset { zc[i] = residual[i] - (y[i] - clean[i]) }
    } else {
      for i in 0..<zc.count { zc[i] = residual[i] - (y[i] - clean[i]) }
    }
    var e = op.adjoint(zc)
    e *= weight
    let r = target.dense() - u.timesTransposed(v)
    let rf = r.frobeniusNorm
    e -= r
    return rf > 0 ? try e.spectralNorm() / rf : 0
  }
}
