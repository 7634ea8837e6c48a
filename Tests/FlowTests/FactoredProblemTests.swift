import Flow
import Foundation
import Testing

/// Factored problems: generation without a dense `X`, factored problem files,
/// low-rank perturbations at large shapes, and a large-shape smoke run.
@Suite("Factored problems")
struct FactoredProblemTests {
  private func bits(_ m: Matrix) -> [UInt64] { m.elements.map(\.bitPattern) }
  private func bits(_ v: [Double]) -> [UInt64] { v.map(\.bitPattern) }
  private let shortRun = IntegratorOptions.flow(denseOutput: false, steps: false)

  @Test("a generated problem holds no dense X, and its factors are the Q factors of the seeded Gaussians")
  func generatedIsFactored() throws {
    let p = try TestProblems.make(n1: 17, n2: 11, k: 3, r: 2, seed: 5)
    #expect(p.givenX == nil && p.isFactored)
    var rng = SeededGenerator(seed: 5, stream: "target")
    let phi = QRDecomposition(rng.gaussianMatrix(rows: 17, columns: 2)).q
    let psi = QRDecomposition(rng.gaussianMatrix(rows: 11, columns: 2)).q
    #expect(bits(p.target.phi) == bits(phi) && bits(p.target.psi) == bits(psi))
    // X = ΦΣΨᵀ: XΨ = ΦΣ and ΦᵀX = ΣΨᵀ (orthonormal factors), from the formed X.
    #expect((p.x * p.target.psi - p.target.phiSigma).maxAbs <= 1e-14)
  }

  @Test("a factored problem file round-trips bit for bit and simulates to identical bits")
  func factoredRoundTrip() throws {
    let p = try TestProblems.make(n1: 23, n2: 19, k: 4, r: 3, alpha: 1e-2, seed: 11)
    let text = try ProblemFile.encode(p)
    #expect(text.contains("\"Phi\"") && text.contains("\"Psi\"") && !text.contains("\"X\""))
    let q = try ProblemFile.decode(Data(text.utf8))
    #expect(q.givenX == nil)
    #expect(bits(q.target.phi) == bits(p.target.phi) && bits(q.target.psi) == bits(p.target.psi))
    #expect(bits(q.target.sigma) == bits(p.target.sigma))
    #expect(bits(q.u0) == bits(p.u0) && bits(q.v0) == bits(p.v0) && q.metadata == p.metadata)
    let a = try p.integrateFlow(tEnd: 3, options: shortRun)
    let b = try q.integrateFlow(tEnd: 3, options: shortRun)
    #expect(a.statistics.acceptedSteps == b.statistics.acceptedSteps)
    #expect(bits(a.finalState) == bits(b.finalState))
    // Saving the loaded problem again gives the same text.
    #expect(try ProblemFile.encode(q) == text)
  }

  @Test("a dense problem file keeps X and round-trips bit for bit")
  func denseRoundTrip() throws {
    let g = try TestProblems.make(n1: 9, n2: 7, k: 3, r: 2, alpha: 1e-2, seed: 12)
    let p = try Problem(x: g.x, u0: g.u0, v0: g.v0)
    let text = try ProblemFile.encode(p)
    #expect(text.contains("\"X\"") && !text.contains("\"Phi\""))
    let q = try ProblemFile.decode(Data(text.utf8))
    #expect(bits(q.givenX!) == bits(p.givenX!))
    #expect(bits(q.target.phi) == bits(p.target.phi) && bits(q.target.sigma) == bits(p.target.sigma))
    let a = try p.integrateFlow(tEnd: 3, options: shortRun)
    let b = try q.integrateFlow(tEnd: 3, options: shortRun)
    #expect(bits(a.finalState) == bits(b.finalState))
  }

  @Test("factored files with bad factors give one-line errors", arguments: [
    ("{\"Phi\": [[1],[0]], \"Psi\": [[1],[0]], \"U0\": [[1],[1]], \"V0\": [[1],[1]]}", "needs \"sigma\""),
    ("{\"Phi\": [[1],[1]], \"sigma\": [1], \"Psi\": [[1],[0]], \"U0\": [[1],[1]], \"V0\": [[1],[1]]}", "not orthonormal"),
    ("{\"Phi\": [[1],[0]], \"sigma\": [1, 0.5], \"Psi\": [[1],[0]], \"U0\": [[1],[1]], \"V0\": [[1],[1]]}", "need r columns"),
  ])
  func badFactors(text: String, expected: String) {
    do {
      _ = try ProblemFile.decode(Data(text.utf8))
      Issue.record("accepted: \(text)")
    } catch {
      #expect(!"\(error)".contains("\n"))
      #expect("\(error)".contains(expected), "\(error)")
    }
  }

  /// `λ_max(EᵀE)^{1/2}` for `E = LRᵀ` through the eigenvalues of
  /// `S(LᵀL)Sᵀ`, `S = Λ^{1/2}Qᵀ` from `RᵀR = QΛQᵀ` (independent of the QR path).
  private func spectralNorm(left: Matrix, right: Matrix) throws -> Double {
    let eig = try SymmetricEigendecomposition(right.gram)
    var s = eig.eigenvectors.transposed
    for i in 0..<s.rows { for j in 0..<s.columns { s[i, j] *= max(0, eig.eigenvalues[i]).squareRoot() } }
    let m = s * left.gram * s.transposed
    return try m.symmetricEigenvalues().last!.squareRoot()
  }

  @Test("above 10⁶ entries fixed is rank 8 with ‖E‖ = ε and products equal to the dense E's")
  func lowRankFixed() throws {
    let n1 = 1001, n2 = 1000
    let fixed = try FixedPerturbation(size: 0.3, n1: n1, n2: n2, seed: 4)
    #expect(fixed.denseE == nil)
    let e = try #require(fixed.factoredE)
    #expect(e.left.columns == FixedPerturbation.lowRank)
    #expect(abs(try spectralNorm(left: e.left, right: e.right) - 0.3) <= 1e-12)
    let small = try FixedPerturbation(size: 0.3, n1: 30, n2: 20, seed: 4)
    #expect(small.factoredE == nil && small.denseE != nil)

    var rng = SeededGenerator(seed: 8, stream: "test")
    let u = rng.gaussianMatrix(rows: n1, columns: 3), v = rng.gaussianMatrix(rows: n2, columns: 3)
    let p = try Problem(target: try Target(phi: QRDecomposition(rng.gaussianMatrix(rows: n1, columns: 1)).q, sigma: [1],
                                           psi: QRDecomposition(rng.gaussianMatrix(rows: n2, columns: 1)).q), u0: u, v0: v)
    let context = PerturbationContext(t: 0, target: p.target, u: u, v: v)
    var ev = Matrix(rows: n1, columns: 3), etu = Matrix(rows: n2, columns: 3)
    fixed.accumulate(context, ev: &ev, etu: &etu)
    let dense = fixed.e
    #expect((ev - dense * v).maxAbs <= 1e-13 && (etu - dense.transposedTimes(u)).maxAbs <= 1e-13)
  }

  @Test("above 10⁶ entries rotating is rank 8 per term: ‖E(0)‖ = ε/√2, ‖E(t)‖ ≤ ε, products equal the dense E(t)'s")
  func lowRankRotating() throws {
    let n1 = 1001, n2 = 1000
    let rot = try RotatingPerturbation(size: 0.5, n1: n1, n2: n2, seed: 2)
    var rng = SeededGenerator(seed: 9, stream: "test")
    let u = rng.gaussianMatrix(rows: n1, columns: 2), v = rng.gaussianMatrix(rows: n2, columns: 2)
    let target = try Target(phi: QRDecomposition(rng.gaussianMatrix(rows: n1, columns: 1)).q, sigma: [1],
                            psi: QRDecomposition(rng.gaussianMatrix(rows: n2, columns: 1)).q)
    let c0 = PerturbationContext(t: 0, target: target, u: u, v: v)
    #expect(abs(try rot.spectralNorm(c0) - 0.5 / 2.0.squareRoot()) <= 1e-12)
    let c = PerturbationContext(t: 0.7, target: target, u: u, v: v)
    let norm = try rot.spectralNorm(c)
    #expect(norm <= 0.5 * (1 + 1e-12))
    let e = rot.matrix(c)
    // Lower bound ‖E‖ ≥ ‖Ex‖/‖x‖ for the columns of v.
    let ex = e * v
    for j in 0..<2 {
      var num = 0.0, den = 0.0
      for i in 0..<n1 { num += ex[i, j] * ex[i, j] }
      for i in 0..<n2 { den += v[i, j] * v[i, j] }
      #expect((num / den).squareRoot() <= norm * (1 + 1e-12))
    }
    var ev = Matrix(rows: n1, columns: 2), etu = Matrix(rows: n2, columns: 2)
    rot.accumulate(c, ev: &ev, etu: &etu)
    #expect((ev - ex).maxAbs <= 1e-13 && (etu - e.transposedTimes(u)).maxAbs <= 1e-13)
  }

  @Test("smoke: n1 = n2 = 20 000, k = 4, r = 2 integrates without any n1×n2 matrix and conserves the imbalance")
  func largeShape() throws {
    let spec = ProblemSpec(n1: 20_000, n2: 20_000, k: 4, r: 2, kappa: 2, alpha: 1e-2, seed: 3)
    let p = try Problem.generate(spec)
    #expect(p.givenX == nil)
    let fixed = try FixedPerturbation(size: 1e-3, n1: p.n1, n2: p.n2, seed: 3)
    #expect(fixed.denseE == nil)
    let sim = try Simulation(problem: p, perturbation: fixed, tEnd: 0.1, options: shortRun)
    let result = try sim.run()
    #expect(result.final.t == 0.1)
    // L1: D = UᵀU − VᵀV is conserved exactly for any E (d/dt UᵀU = d/dt VᵀV =
    // Uᵀ(R+E)V + its transpose); ‖D(0)‖_F ≈ α²·√(2k)·√n ≈ 0.4, rtol 1e-8.
    #expect(result.imbalanceDrift <= 1e-7)
    // ‖R‖_F = ‖X − UVᵀ‖_F ≤ ‖X‖_F + ‖U‖_F‖V‖_F (triangle inequality, submultiplicativity).
    let final = result.final
    #expect(result.residualFrobenius.isFinite)
    #expect(result.residualFrobenius <= (p.target.frobeniusNorm + final.u.frobeniusNorm * final.v.frobeniusNorm) * (1 + 1e-12))
    #expect(result.integrationSeconds > 0)
  }
}
