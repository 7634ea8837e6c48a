import Flow
import Testing

/// The right-hand side against a dense recomputation `G = X − UVᵀ + E`,
/// `(GV, GᵀU)`, done here with plain loops from the perturbation's dense `E`.
@Suite("Flow field")
struct FlowFieldTests {
  static let families: [String] = [
    "zero", "fixed:0.3", "rotating:0.2", "scaling:0.5", "alignedKill:0.4", "greedy:0.3", "greedyRel:0.2",
  ]

  /// `[GV; GᵀU]` with G formed densely entry by entry.
  static func denseRightHandSide(x: Matrix, e: Matrix, u: Matrix, v: Matrix) -> [Double] {
    let n1 = x.rows, n2 = x.columns, k = u.columns
    var g = Matrix(rows: n1, columns: n2)
    for i in 0..<n1 {
      for j in 0..<n2 {
        var w = 0.0
        for p in 0..<k { w += u[i, p] * v[j, p] }
        g[i, j] = x[i, j] - w + e[i, j]
      }
    }
    var du = [Double](repeating: 0, count: n1 * k)
    var dv = [Double](repeating: 0, count: n2 * k)
    for i in 0..<n1 {
      for p in 0..<k {
        var s = 0.0
        for j in 0..<n2 { s += g[i, j] * v[j, p] }
        du[i * k + p] = s
      }
    }
    for j in 0..<n2 {
      for p in 0..<k {
        var s = 0.0
        for i in 0..<n1 { s += g[i, j] * u[i, p] }
        dv[j * k + p] = s
      }
    }
    return du + dv
  }

  @Test("factored and dense paths equal the dense formula", arguments: families, [(12, 9, 4, 2), (7, 11, 2, 2), (10, 10, 5, 3)])
  func agreesWithDenseFormula(family: String, shape: (Int, Int, Int, Int)) throws {
    let problem = try TestProblems.make(n1: shape.0, n2: shape.1, k: shape.2, r: shape.3)
    let perturbation = try PerturbationSpec(parsing: family).make(for: problem, seed: 5)
    let (u, v) = TestProblems.randomState(problem)
    let t = 0.7
    let e = try perturbation.matrix(PerturbationContext(t: t, target: problem.target, u: u, v: v))
    let expected = Self.denseRightHandSide(x: problem.x, e: e, u: u, v: v)
    let scale = expected.map(abs).max()!
    for evaluation in [FlowField.Evaluation.factored, .dense] {
      var field = FlowField(problem: problem, perturbation: perturbation, evaluation: evaluation)
      var out = [Double](repeating: .nan, count: field.dimension)
      try field.evaluate(t, u.elements + v.elements, into: &out)
      #expect(TestProblems.maxDifference(out, expected) <= 1e-13 * max(scale, 1), "\(family) \(evaluation)")
      // A second call with the reused workspaces gives the same bits.
      var again = [Double](repeating: 0, count: field.dimension)
      try field.evaluate(t, u.elements + v.elements, into: &again)
      #expect(again == out)
    }
  }

  @Test("every family respects its size bound", arguments: families)
  func sizeBound(family: String) throws {
    let problem = try TestProblems.make()
    let spec = try PerturbationSpec(parsing: family)
    let perturbation = try spec.make(for: problem, seed: 5)
    for seed in UInt64(1)...4 {
      let (u, v) = TestProblems.randomState(problem, seed: seed)
      let context = PerturbationContext(t: Double(seed), target: problem.target, u: u, v: v)
      let norm = try perturbation.matrix(context).spectralNorm()
      #expect(abs(try perturbation.spectralNorm(context) - norm) <= 1e-12 * max(norm, 1))
      let bound = spec.family.isRelative
        ? spec.size * context.residual.dense().frobeniusNorm : spec.size
      #expect(norm <= bound * (1 + 1e-12) + 1e-15, "‖E‖ = \(norm) > bound \(bound)")
    }
  }

  @Test("the greedy adversary is −b·polar_μ(M) and increases the loss")
  func greedyIsSmoothedPolar() throws {
    let problem = try TestProblems.make(n1: 9, n2: 8, k: 3, r: 2)
    let (u, v) = TestProblems.randomState(problem, scale: 0.3)
    let context = PerturbationContext(t: 0, target: problem.target, u: u, v: v)
    let r = context.residual.dense()
    let m = r * v.timesTransposed(v) + u.timesTransposed(u) * r  // M = RVVᵀ + UUᵀR, dense
    let svd = try SingularValueDecomposition(m)
    let mu = 1e-3 * m.frobeniusNorm
    for (spec, b) in [("greedy:0.25", 0.25), ("greedyRel:0.1", 0.1 * r.frobeniusNorm)] {
      let e = try PerturbationSpec(parsing: spec).make(for: problem, seed: 1).matrix(context)
      var expected = Matrix(rows: m.rows, columns: m.columns)
      for (i, s) in svd.singularValues.enumerated() {
        let w = -b * s / (s * s + mu * mu).squareRoot()
        for p in 0..<m.rows {
          for q in 0..<m.columns { expected[p, q] += w * svd.u[p, i] * svd.v[q, i] }
        }
      }
      #expect(TestProblems.maxDifference(e, expected) <= 1e-12, "\(spec)")
      // L̇'s perturbation term −⟨E, M⟩ is +b·Σ s²/√(s²+μ²) > 0: the loss is pushed up.
      #expect(Matrix.frobeniusInner(e, m) < 0)
    }
  }

  @Test("the right-hand side never asks a perturbation for its dense E")
  func neverFormsDenseE() throws {
    struct Tripwire: Perturbation {
      var name: String { "tripwire" }
      func accumulate(_ context: PerturbationContext, ev: inout Matrix, etu: inout Matrix) {}
      func matrix(_ context: PerturbationContext) -> Matrix {
        Issue.record("the right-hand side asked for the dense E")
        return Matrix(rows: 0, columns: 0)
      }
    }
    let problem = try TestProblems.make()
    var field = FlowField(problem: problem, perturbation: Tripwire())
    var out = [Double](repeating: 0, count: field.dimension)
    try field.evaluate(0, problem.initialState, into: &out)
  }
}
