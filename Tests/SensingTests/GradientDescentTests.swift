import Flow
import Foundation
import Testing
@testable import Sensing

@Suite("Sensing gradient descent")
struct GradientDescentTests {
  /// `A_i = √m e_{ab}` (`m = n1 n2`): `A_i/√m` is the standard orthonormal basis, so `𝒜*𝒜 = I`.
  static func orthonormalProblem(n1: Int = 6, n2: Int = 4, k: Int = 3) throws -> SensingProblem {
    let m = n1 * n2
    let basis = (0..<m).map { i -> Matrix in
      var e = Matrix(rows: n1, columns: n2)
      e.elements[i] = Double(m).squareRoot()
      return e
    }
    let problem = try Problem.generate(ProblemSpec(n1: n1, n2: n2, k: k, r: 2, kappa: 2, alpha: 0.05, seed: 9))
    let op = try DenseMeasurementOperator(matrices: basis, n1: n1, n2: n2)
    return try SensingProblem(problem: problem, measurementOperator: op, measurements: op.apply(problem.x))
  }

  @Test("orthonormal basis: 𝒜*𝒜 = I, so sensing GD is GD on ½‖X − UVᵀ‖², the sensing family is zero and δ_eff = 0")
  func orthonormalOracle() throws {
    let sp = try Self.orthonormalProblem()
    let eta = 0.2, steps = 60
    var options = GradientDescentOptions(eta: eta, steps: steps)
    options.effectiveDeltaStride = 10
    let result = try GradientDescent(problem: sp, options: options).run()
    // Independent plain GD on the dense loss.
    var u = sp.problem.u0, v = sp.problem.v0
    for _ in 0..<steps {
      let r = sp.problem.x - u.timesTransposed(v)
      (u, v) = (u + eta * (r * v), v + eta * r.transposedTimes(u))
    }
    #expect(SensingCases.relative(result.u.timesTransposed(result.v), u.timesTransposed(v)) <= 1e-12)
    #expect((result.maxEffectiveDelta ?? 1) <= 1e-13)
    // The sensing perturbation vanishes: E = 𝒜*(y − 𝒜(UVᵀ)) − R = 0.
    let context = PerturbationContext(t: 0, target: sp.problem.target, u: result.u, v: result.v)
    let perturbation = SensingPerturbation(sp)
    let (ev, etu) = try perturbation.products(context)
    #expect(ev.maxAbs <= 1e-13 && etu.maxAbs <= 1e-13)
    #expect(try perturbation.matrix(context).maxAbs <= 1e-13)
  }

  @Test("the L1-GD identity D_{j+1} − D_j = η²(VᵀĜᵀĜV − UᵀĜĜᵀU) holds to round-off (full, pool, fresh)")
  func imbalanceIdentity() throws {
    for kind in OperatorKind.allCases {
      let sp = try SensingCases.make(m: 90, kind: kind, noise: 0.01, alpha: 0.1)
      for sampling in [BatchSampling.full, .pool(batchSize: 40), .fresh(batchSize: 50)] {
        var options = GradientDescentOptions(eta: 0.2, steps: 120)
        options.sampling = sampling
        let result = try GradientDescent(problem: sp, options: options).run()
        #expect(result.imbalanceDefectRelative <= 20, "\(kind) \(sampling): defect \(result.imbalanceDefect), \(result.imbalanceDefectRelative) × round-off")
        // The imbalance does move (η² term), so the identity is not vacuous.
        let moved = (result.final.imbalance - (try FlowState(t: 0, target: sp.problem.target, u: sp.problem.u0, v: sp.problem.v0)).imbalance).frobeniusNorm
        #expect(moved > 1e3 * result.imbalanceDefect, "\(kind) \(sampling)")
      }
    }
  }

  @Test("recovery at m = 5r(n1+n2) (relative error ≤ 1e-2) and failure below dof = r(n1+n2−r) (error > 0.1)",
        arguments: OperatorKind.allCases)
  func recoveryAndFailure(kind: OperatorKind) throws {
    let (n1, n2, r) = (10, 8, 2)
    let dof = r * (n1 + n2 - r)
    for seed: UInt64 in [1, 2] {
      let good = try SensingCases.make(n1: n1, n2: n2, k: 3, r: r, m: 5 * r * (n1 + n2), kind: kind, alpha: 1e-3, seed: seed)
      let eta = GradientDescentOptions.defaultEta(for: good.problem)
      let steps = try GradientDescentOptions.theoremSteps(for: good.problem, eta: eta)
      let ok = try GradientDescent(problem: good, options: GradientDescentOptions(eta: eta, steps: steps)).run()
      #expect(ok.relativeError <= 1e-2, "\(kind) seed \(seed): m = 5r(n1+n2) gave \(ok.relativeError)")
      let poor = try SensingCases.make(n1: n1, n2: n2, k: 3, r: r, m: dof - 6, kind: kind, alpha: 1e-3, seed: seed)
      let bad = try GradientDescent(problem: poor, options: GradientDescentOptions(eta: eta, steps: steps)).run()
      #expect(bad.relativeError > 0.1, "\(kind) seed \(seed): m = dof − 6 gave \(bad.relativeError)")
    }
  }

  @Test("pool sampling with b = m is full-batch GD; runs are deterministic per seed")
  func poolAndDeterminism() throws {
    let sp = try SensingCases.make(m: 60, noise: 0.01)
    var full = GradientDescentOptions(eta: 0.2, steps: 40)
    let a = try GradientDescent(problem: sp, options: full).run()
    full.sampling = .pool(batchSize: 60)
    let b = try GradientDescent(problem: sp, options: full).run()
    #expect(a.u == b.u && a.v == b.v)
    for sampling in [BatchSampling.pool(batchSize: 20), .fresh(batchSize: 30)] {
      var o = GradientDescentOptions(eta: 0.2, steps: 40)
      o.sampling = sampling
      o.seed = 3
      let x = try GradientDescent(problem: sp, options: o).run()
      let y = try GradientDescent(problem: sp, options: o).run()
      #expect(x.u == y.u && x.v == y.v)
      o.seed = 4
      let z = try GradientDescent(problem: sp, options: o).run()
      #expect(x.u != z.u)
    }
  }

  @Test("mini-batch SGD recovers X: fresh Gaussian batches of b = 5r(n1+n2) and half-pool batches (noise-free)",
        arguments: OperatorKind.allCases)
  func sgdRecovers(kind: OperatorKind) throws {
    let sp = try SensingCases.make(n1: 8, n2: 6, k: 3, r: 2, m: 140, kind: kind, alpha: 1e-2, seed: 4)
    let eta = GradientDescentOptions.defaultEta(for: sp.problem)
    let steps = try GradientDescentOptions.theoremSteps(for: sp.problem, eta: eta)
    for sampling in [BatchSampling.fresh(batchSize: 140), .pool(batchSize: 70)] {
      var o = GradientDescentOptions(eta: eta, steps: steps)
      o.sampling = sampling
      let result = try GradientDescent(problem: sp, options: o).run()
      #expect(result.relativeError <= 1e-2, "\(kind) \(sampling): \(result.relativeError)")
    }
  }

  @Test("pool batch gradient is unbiased: its mean over draws approaches the full gradient")
  func poolUnbiased() throws {
    let sp = try SensingCases.make(m: 40, noise: 0.01, alpha: 0.3)
    let p = sp.problem
    var ws = SensingWorkspace()
    var res = [Double](repeating: 0, count: 40)
    var full = Matrix(rows: p.n1, columns: p.k), gtu = Matrix(rows: p.n2, columns: p.k)
    sp.measurementOperator.gradientProducts(y: sp.measurements, subset: nil, weight: 1, u: p.u0, v: p.v0, residual: &res, gv: &full, gtu: &gtu, workspace: &ws)
    // Exact expectation: average over all 40 rotations of a fixed 8-subset pattern
    // covers every index equally often (5 times each), so the mean is exact.
    var mean = Matrix(rows: p.n1, columns: p.k)
    let pattern = [0, 5, 10, 15, 20, 25, 30, 35]
    for shift in 0..<40 {
      let subset = pattern.map { ($0 + shift) % 40 }.sorted()
      var gv = Matrix(rows: p.n1, columns: p.k)
      sp.measurementOperator.gradientProducts(y: sp.measurements, subset: subset, weight: 40.0 / 8, u: p.u0, v: p.v0, residual: &res, gv: &gv, gtu: &gtu, workspace: &ws)
      mean.add(gv, scaledBy: 1.0 / 40)
    }
    #expect((mean - full).maxAbs <= 1e-12 * (full.maxAbs + 1))
  }

  @Test("δ_eff equals ‖Σ⟨A_i,R⟩A_i/m − R‖/‖R‖_F computed from the definition")
  func effectiveDelta() throws {
    let sp = try SensingCases.make(n1: 6, n2: 5, m: 45, noise: 0.05, alpha: 0.2)
    var o = GradientDescentOptions(eta: 0.2, steps: 3)
    o.effectiveDeltaStride = 3
    let result = try GradientDescent(problem: sp, options: o).run()
    let r = result.target.dense() - result.u.timesTransposed(result.v)
    var e = -1 * r
    for i in 0..<45 {
      let a = sp.measurementOperator.measurementMatrix(i)
      e.add(a, scaledBy: Matrix.frobeniusInner(a, r) / 45)
    }
    let expected = try e.spectralNorm() / r.frobeniusNorm
    let last = try #require(result.effectiveDeltas.last)
    #expect(last.step == 3)
    #expect(abs(last.value - expected) <= 1e-10 * expected)
  }

  @Test("a too-large step size is reported as divergence with the step and a hint")
  func divergence() throws {
    let sp = try SensingCases.make(m: 60, alpha: 0.3)
    do {
      _ = try GradientDescent(problem: sp, options: GradientDescentOptions(eta: 50, steps: 200)).run()
      Issue.record("η = 50 did not diverge")
    } catch let SensingError.diverged(step, eta, _, _) {
      #expect(step >= 1 && step <= 200 && eta == 50)
      let text = "\(SensingError.diverged(step: step, eta: eta, sigma1: 1, reason: "x"))"
      #expect(text.contains("1/σ₁") && text.contains("--eta") && !text.contains("\n"))
    }
  }

  @Test("bad options throw one-line errors", arguments: [
    (GradientDescentOptions(eta: 0, steps: 5), "step size"),
    (GradientDescentOptions(eta: .nan, steps: 5), "step size"),
    (GradientDescentOptions(eta: 0.1, steps: -1), "number of steps"),
  ])
  func badOptions(options: GradientDescentOptions, message: String) throws {
    let sp = try SensingCases.make(m: 30)
    #expect { try GradientDescent(problem: sp, options: options) } throws: { "\($0)".contains(message) }
  }

  @Test("batch larger than the pool, negative noise and m < 1 are refused")
  func badBatchAndNoise() throws {
    let sp = try SensingCases.make(m: 30)
    var o = GradientDescentOptions(eta: 0.1, steps: 5)
    o.sampling = .pool(batchSize: 31)
    #expect { try GradientDescent(problem: sp, options: o) } throws: { "\($0)".contains("pool size m = 30") }
    #expect { try SensingCases.make(m: 30, noise: -1) } throws: { "\($0)".contains("noise level") }
    #expect { try SensingCases.make(m: 0) } throws: { "\($0)".contains("m must be ≥ 1") }
  }
}
