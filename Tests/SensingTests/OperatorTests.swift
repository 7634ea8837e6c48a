import Flow
import Foundation
import Testing
@testable import Sensing

@Suite("Measurement operators")
struct OperatorTests {
  static func operators() throws -> [any MeasurementOperator] {
    var rng = SeededGenerator(seed: 3, stream: "test.operators")
    return [
      try DenseMeasurementOperator(gaussian: 37, n1: 7, n2: 5, generator: &rng),
      try RankOneMeasurementOperator(gaussian: 37, n1: 7, n2: 5, generator: &rng),
    ]
  }

  @Test("adjoint identity ⟨𝒜(M), z⟩ = ⟨M, 𝒜*(z)⟩, and 𝒜 matches the definition ⟨A_i, M⟩/√m")
  func adjointIdentity() throws {
    var rng = SeededGenerator(seed: 4, stream: "test.vectors")
    let m = rng.gaussianMatrix(rows: 7, columns: 5)
    let z = (0..<37).map { _ in rng.nextGaussian() }
    for op in try Self.operators() {
      let am = op.apply(m)
      let lhs = zip(am, z).map(*).reduce(0, +)
      let rhs = Matrix.frobeniusInner(m, op.adjoint(z))
      #expect(abs(lhs - rhs) <= 1e-12 * (abs(lhs) + 1), "\(op.name)")
      let definition = (0..<37).map { Matrix.frobeniusInner(op.measurementMatrix($0), m) / 37.0.squareRoot() }
      #expect(SensingCases.maxDifference(am, definition) <= 1e-12, "\(op.name)")
    }
  }

  @Test("factored 𝒜(UVᵀ), ĜV and ĜᵀU equal the dense computations; rank-one equals its dense equivalent")
  func factoredEqualsDense() throws {
    var rng = SeededGenerator(seed: 5, stream: "test.vectors")
    let u = rng.gaussianMatrix(rows: 7, columns: 3), v = rng.gaussianMatrix(rows: 5, columns: 3)
    let y = (0..<37).map { _ in rng.nextGaussian() }
    let subset = [0, 2, 3, 5, 8, 13, 21, 34]
    for op in try Self.operators() {
      let dense = try DenseMeasurementOperator(matrices: (0..<37).map(op.measurementMatrix), n1: 7, n2: 5)
      let naive = NaiveOperator(matrices: (0..<37).map(op.measurementMatrix))
      let w = u.timesTransposed(v)
      #expect(SensingCases.maxDifference(op.apply(u: u, v: v), op.apply(w)) <= 1e-12)
      #expect(SensingCases.maxDifference(op.apply(u: u, v: v), dense.apply(u: u, v: v)) <= 1e-12)
      for (s, weight) in [(nil, 1.0), (subset, 37.0 / 8)] as [([Int]?, Double)] {
        var results: [([Double], Matrix, Matrix)] = []
        for candidate in [op, dense, naive] as [any MeasurementOperator] {
          var res = [Double](repeating: 0, count: 37)
          var gv = Matrix(rows: 7, columns: 3), gtu = Matrix(rows: 5, columns: 3)
          var ws = SensingWorkspace()
          candidate.gradientProducts(y: y, subset: s, weight: weight, u: u, v: v, residual: &res, gv: &gv, gtu: &gtu, workspace: &ws)
          results.append((res, gv, gtu))
        }
        // Independent: Ĝ from the definition.
        var z = [Double](repeating: 0, count: 37)
        for i in s ?? Array(0..<37) { z[i] = y[i] - Matrix.frobeniusInner(op.measurementMatrix(i), w) / 37.0.squareRoot() }
        let g = weight * naive.adjoint(z)
        for (res, gv, gtu) in results {
          #expect(SensingCases.maxDifference(res, z) <= 1e-12, "\(op.name)")
          #expect((gv - g * v).maxAbs <= 1e-12, "\(op.name)")
          #expect((gtu - g.transposedTimes(u)).maxAbs <= 1e-12, "\(op.name)")
        }
      }
      // The factored target: 𝒜(ΦΣΨᵀ) from the factors equals 𝒜 of the dense X.
      let target = try Problem.generate(ProblemSpec(n1: 7, n2: 5, k: 2, r: 2, kappa: 3, alpha: 0.1, seed: 2)).target
      #expect(SensingCases.maxDifference(op.apply(target), op.apply(target.dense())) <= 1e-12)
    }
  }

  @Test("bad operator input throws one-line errors naming the fix")
  func badInput() throws {
    var rng = SeededGenerator(seed: 1)
    #expect(throws: SensingError.self) { try DenseMeasurementOperator(gaussian: 0, n1: 3, n2: 3, generator: &rng) }
    #expect(throws: SensingError.self) { try RankOneMeasurementOperator(gaussian: 0, n1: 3, n2: 3, generator: &rng) }
    do {
      _ = try DenseMeasurementOperator(matrices: [Matrix(rows: 2, columns: 2), Matrix(rows: 3, columns: 2)], n1: 2, n2: 2)
      Issue.record("a 3×2 A_1 for a 2×2 X was accepted")
    } catch let e as SensingError {
      #expect("\(e)".contains("A[1] is 3×2") && !"\(e)".contains("\n"))
    }
    var bad = Matrix(rows: 2, columns: 2)
    bad[0, 0] = .nan
    #expect(throws: SensingError.nonFinite("A[0]")) { try DenseMeasurementOperator(matrices: [bad], n1: 2, n2: 2) }
  }
}
