import Flow
import Foundation
import Sensing

/// sense-bench: times one gradient-descent step of matrix sensing
/// (`Ĝ = 𝒜*(y − 𝒜(UVᵀ))`, `U += ηĜV`, `V += ηĜᵀU`) in a release build.
///
///     swift run -c release sense-bench --case dense   [--repeats 30]
///     swift run -c release sense-bench --case rankOne [--repeats 7]
///     (--m M overrides the number of measurements, e.g. to probe cache effects)
///
/// Cases (the issue-8 speed targets):
/// - `dense`:   dense Gaussian operator, X 50×50, r = 2, k = 4, m = 1000;
/// - `rankOne`: rank-one operator, X 1000×1000, r = 5, k = 10, m = 50 000.
/// Method: 3 warm-up steps, then `--repeats` timed steps on a monotonic
/// clock; prints one JSON line with the median, min and max seconds per step.
/// Every step advances the iterate, as in a real run (η = 0.25/σ₁ is stable).
struct BenchError: Error, CustomStringConvertible {
  let description: String
}

func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }

func main() throws {
  var caseName = "dense"
  var repeats = 0
  var mOverride: Int? = nil
  var args = Array(CommandLine.arguments.dropFirst())
  while !args.isEmpty {
    let flag = args.removeFirst()
    guard let value = args.first else { throw BenchError(description: "usage: sense-bench --case dense|rankOne [--repeats N]") }
    args.removeFirst()
    switch flag {
    case "--case": caseName = value
    case "--m":
      guard let v = Int(value), v >= 1 else { throw BenchError(description: "--m needs a positive integer") }
      mOverride = v
    case "--repeats":
      guard let r = Int(value), r >= 1 else { throw BenchError(description: "--repeats needs a positive integer") }
      repeats = r
    default: throw BenchError(description: "unknown option \(flag); usage: sense-bench --case dense|rankOne [--repeats N]")
    }
  }
  let (n1, n2, r, k, mDefault, kind): (Int, Int, Int, Int, Int, OperatorKind)
  switch caseName {
  case "dense": (n1, n2, r, k, mDefault, kind) = (50, 50, 2, 4, 1000, .gaussian)
  case "rankOne": (n1, n2, r, k, mDefault, kind) = (1000, 1000, 5, 10, 50_000, .rankOne)
  default: throw BenchError(description: "unknown case \(caseName); use dense or rankOne")
  }
  let m = mOverride ?? mDefault
  if repeats == 0 { repeats = kind == .gaussian ? 41 : 7 }

  // Problem with a factored target (no O(n³) SVD for the large case).
  var rng = SeededGenerator(seed: 1, stream: "target")
  let phi = rng.gaussianMatrix(rows: n1, columns: r).orthonormalColumns()
  let psi = rng.gaussianMatrix(rows: n2, columns: r).orthonormalColumns()
  let sigma = try Spectrum.geometric(sigma1: 1, kappa: 2, rank: r).values()
  let target = try Target(phi: phi, sigma: sigma, psi: psi)
  var initRNG = SeededGenerator(seed: 1, stream: "init")
  let alpha = 0.3 / Double(n1 + n2).squareRoot()  // ‖Z(0)‖ ≈ 0.3–0.4: inside the stable range at η = 0.25
  let problem = try Problem(
    target: target, u0: initRNG.gaussianMatrix(rows: n1, columns: k, scale: alpha),
    v0: initRNG.gaussianMatrix(rows: n2, columns: k, scale: alpha))
  let setupStart = ContinuousClock.now
  let sensing = try SensingProblem.make(problem: problem, spec: SensingSpec(measurements: m, operatorKind: kind, noise: 0.01, operatorSeed: 1))
  let setup = seconds(ContinuousClock.now - setupStart)

  let op = sensing.measurementOperator
  let y = sensing.measurements
  let eta = 0.25
  var u = problem.u0, v = problem.v0
  var gv = Matrix(rows: n1, columns: k), gtu = Matrix(rows: n2, columns: k)
  var residual = [Double](repeating: 0, count: m)
  var workspace = SensingWorkspace()
  func step() {
    op.gradientProducts(y: y, subset: nil, weight: 1, u: u, v: v, residual: &residual, gv: &gv, gtu: &gtu, workspace: &workspace)
    u.add(gv, scaledBy: eta)
    v.add(gtu, scaledBy: eta)
  }
  for _ in 0..<3 { step() }
  var samples: [Double] = []
  let clock = ContinuousClock()
  for _ in 0..<repeats {
    let start = clock.now
    step()
    samples.append(seconds(clock.now - start))
  }
  samples.sort()
  let check = (u.frobeniusNorm + v.frobeniusNorm)
  print(try JSONValue.object([
    ("case", .string(caseName)), ("n1", .integer(n1)), ("n2", .integer(n2)), ("r", .integer(r)), ("k", .integer(k)),
    ("m", .integer(m)), ("repeats", .integer(repeats)), ("setupSeconds", .number(setup)),
    ("median", .number(samples[samples.count / 2])), ("min", .number(samples.first!)), ("max", .number(samples.last!)),
    ("checksum", .number(check)),
  ]).serialized())
}

do {
  try main()
} catch {
  FileHandle.standardError.write(Data("sense-bench: error: \(error)\n".utf8))
  exit(1)
}
