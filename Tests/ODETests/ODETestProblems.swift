import Foundation
@testable import ODE
import Flow

/// Right-hand sides shared by the integrator tests. Operation order matches
/// scripts/gen_dopri5_fixtures.py so both sides round identically.
enum ODETestProblems {
  static func vanDerPol(mu: Double) -> ClosureSystem {
    ClosureSystem(dimension: 2) { _, y, dy in
      let y0 = y[0], y1 = y[1]
      dy[0] = y1
      dy[1] = mu * (1.0 - y0 * y0) * y1 - y0
    }
  }

  static func lotkaVolterra(_ a: Double, _ b: Double, _ c: Double, _ d: Double) -> ClosureSystem {
    ClosureSystem(dimension: 2) { _, y, dy in
      let x = y[0], z = y[1]
      dy[0] = a * x - b * x * z
      dy[1] = c * x * z - d * z
    }
  }

  static func arenstorf(mu: Double) -> ClosureSystem {
    let mup = 1.0 - mu
    return ClosureSystem(dimension: 4) { _, y, dy in
      let y1 = y[0], y2 = y[1], y3 = y[2], y4 = y[3]
      let d1 = pow((y1 + mu) * (y1 + mu) + y2 * y2, 1.5)
      let d2 = pow((y1 - mup) * (y1 - mup) + y2 * y2, 1.5)
      dy[0] = y3
      dy[1] = y4
      dy[2] = y1 + 2.0 * y4 - mup * (y1 + mu) / d1 - mu * (y1 - mup) / d2
      dy[3] = y2 - 2.0 * y3 - mup * y2 / d1 - mu * y2 / d2
    }
  }

  /// Perturbed gradient flow of ½‖X − UVᵀ‖²: U' = (X − UVᵀ)V, V' = (X − UVᵀ)ᵀU,
  /// y = [vec(U); vec(V)] row-major, U n1×k, V n2×k. Keeps a residual workspace.
  struct GradientFlow: ODESystem {
    let n1: Int, n2: Int, k: Int
    let x: [Double]
    var r: [Double]
    var dimension: Int { (n1 + n2) * k }

    init(n1: Int, n2: Int, k: Int, x: [Double]) {
      self.n1 = n1; self.n2 = n2; self.k = k; self.x = x
      r = [Double](repeating: 0, count: n1 * n2)
    }

    mutating func evaluate(_ t: Double, _ y: [Double], into out: inout [Double]) {
      let vOff = n1 * k
      for i in 0..<n1 {
        for j in 0..<n2 {
          var s = 0.0
          for l in 0..<k { s += y[i * k + l] * y[vOff + j * k + l] }
          r[i * n2 + j] = x[i * n2 + j] - s
        }
      }
      for i in 0..<n1 {
        for l in 0..<k {
          var s = 0.0
          for j in 0..<n2 { s += r[i * n2 + j] * y[vOff + j * k + l] }
          out[i * k + l] = s
        }
      }
      for j in 0..<n2 {
        for l in 0..<k {
          var s = 0.0
          for i in 0..<n1 { s += r[i * n2 + j] * y[i * k + l] }
          out[vOff + j * k + l] = s
        }
      }
    }
  }

  /// Counts its evaluations (inspect through `DormandPrince.system`).
  struct Counting<Inner: ODESystem>: ODESystem {
    var inner: Inner
    var calls = 0
    var dimension: Int { inner.dimension }
    mutating func evaluate(_ t: Double, _ y: [Double], into dydt: inout [Double]) throws {
      calls += 1
      try inner.evaluate(t, y, into: &dydt)
    }
  }
}

/// One parity fixture written by scripts/gen_dopri5_fixtures.py.
struct DOPRI5Fixture: Decodable {
  let name: String
  let problem: String
  let parameters: [Double]
  let t0: Double
  let tEnd: Double
  let y0: [Double]
  let relativeTolerance: Double
  let absoluteTolerance: Double?
  let initialStep: Double?
  let maxStep: Double?
  let times: [Double]
  let stateIndices: [Int]
  let states: [[Double]]
  let finalT: Double
  let finalState: [Double]
  let nfev: Int
  let nstep: Int
  let naccpt: Int
  let nrejct: Int

  static func load(_ name: String) throws -> DOPRI5Fixture { try loadIntegratorFixture(name) }
}

/// Decodes `Fixtures/integrator/dopri5_<name>.json` from the test bundle.
func loadIntegratorFixture<T: Decodable>(_ name: String) throws -> T {
  guard let root = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
    throw CocoaError(.fileNoSuchFile)
  }
  let url = root.appendingPathComponent("integrator/dopri5_\(name).json")
  return try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
}
