import Flow
import Foundation
@testable import Sensing

/// Small seeded sensing problems and helpers shared by the tests.
enum SensingCases {
  /// A generated problem (σ geometric from 1, κ = 2).
  static func make(
    n1: Int = 10, n2: Int = 8, k: Int = 3, r: Int = 2, m: Int = 120, kind: OperatorKind = .gaussian,
    noise: Double = 0, alpha: Double = 1e-2, seed: UInt64 = 5
  ) throws -> SensingProblem {
    try SensingProblem.generate(SensingSpec(
      problem: ProblemSpec(n1: n1, n2: n2, k: k, r: r, kappa: 2, alpha: alpha, seed: seed),
      measurements: m, operatorKind: kind, noise: noise))
  }

  /// Relative Frobenius distance `‖A − B‖_F/‖B‖_F`.
  static func relative(_ a: Matrix, _ b: Matrix) -> Double { (a - b).frobeniusNorm / b.frobeniusNorm }

  /// Largest absolute difference of two vectors.
  static func maxDifference(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).map { abs($0 - $1) }.max() ?? 0
  }

  /// The JSON of a fixture file in `Fixtures/`.
  static func fixture(_ name: String) throws -> (data: Data, json: JSONValue) {
    guard let url = Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: "json") else {
      throw SensingError.malformedFile("fixture \(name).json missing; run scripts/gen_sensing_fixtures.py")
    }
    let data = try Data(contentsOf: url)
    return (data, try JSONParser.parse(data))
  }

  /// A matrix from a JSON nested array.
  static func matrix(_ value: JSONValue?) throws -> Matrix {
    guard case .array(let rows)? = value else { throw SensingError.malformedFile("not a matrix") }
    return try Matrix(rowsOf: rows.map { row in
      guard case .array(let xs) = row else { return [] }
      return xs.compactMap(\.doubleValue)
    })
  }
}

/// A user-written operator that implements only the protocol's requirements
/// (so the default fused gradient is exercised), wrapping explicit matrices
/// and computing everything from the definition `⟨A_i, M⟩/√m`.
struct NaiveOperator: MeasurementOperator {
  let matrices: [Matrix]
  var measurementCount: Int { matrices.count }
  var n1: Int { matrices[0].rows }
  var n2: Int { matrices[0].columns }
  var name: String { "naive" }

  func apply(u: Matrix, v: Matrix, into out: inout [Double], workspace: inout SensingWorkspace) {
    out = apply(u.timesTransposed(v))
  }

  func apply(_ m: Matrix) -> [Double] {
    matrices.map { Matrix.frobeniusInner($0, m) / Double(measurementCount).squareRoot() }
  }

  func adjoint(_ z: [Double]) -> Matrix {
    var g = Matrix(rows: n1, columns: n2)
    for (zi, a) in zip(z, matrices) { g.add(a, scaledBy: zi / Double(measurementCount).squareRoot()) }
    return g
  }

  func adjointProducts(_ z: [Double], weight: Double, u: Matrix, v: Matrix, gv: inout Matrix, gtu: inout Matrix, workspace: inout SensingWorkspace) {
    let g = weight * adjoint(z)
    gv = g * v
    gtu = g.transposedTimes(u)
  }

  func measurementMatrix(_ i: Int) -> Matrix { matrices[i] }
}
