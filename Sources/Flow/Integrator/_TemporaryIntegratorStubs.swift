// TEMPORARY: stand-in for the integrator API, replaced at integration.
public protocol ODESystem {
  var dimension: Int { get }
  mutating func evaluate(_ t: Double, _ y: [Double], into dydt: inout [Double]) throws
}
public struct IntegratorOptions: Sendable {
  public var relativeTolerance: Double = 1e-6
  public var absoluteTolerance: Double = 1e-9
  public var initialStep: Double? = nil
  public var maxStep: Double? = nil
  public var maxSteps: Int = 100_000
  public var recordDenseOutput: Bool = true
  public var recordSteps: Bool = true
  public init() {}
}
public struct IntegratorStatistics: Sendable, Equatable { public var evaluations = 0, acceptedSteps = 0, rejectedSteps = 0 }
public struct ODESolution: Sendable {
  public var times: [Double]; public var states: [[Double]]; public var statistics: IntegratorStatistics
  public var finalTime: Double { times.last! }; public var finalState: [Double] { states.last! }
}
public func integrate<S: ODESystem>(_ system: S, from t0: Double, to tEnd: Double, y0: [Double], options: IntegratorOptions = .init()) throws -> ODESolution {
  var sys = system; var y = y0; var t = t0; let n = 4000; let h = (tEnd - t0) / Double(n)
  var k1 = y, k2 = y, k3 = y, k4 = y, tmp = y; var st = IntegratorStatistics()
  for _ in 0..<n {
    try sys.evaluate(t, y, into: &k1); for i in 0..<y.count { tmp[i] = y[i] + 0.5 * h * k1[i] }
    try sys.evaluate(t + h / 2, tmp, into: &k2); for i in 0..<y.count { tmp[i] = y[i] + 0.5 * h * k2[i] }
    try sys.evaluate(t + h / 2, tmp, into: &k3); for i in 0..<y.count { tmp[i] = y[i] + h * k3[i] }
    try sys.evaluate(t + h, tmp, into: &k4)
    for i in 0..<y.count { y[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]) }
    t += h; st.evaluations += 4; st.acceptedSteps += 1
  }
  return ODESolution(times: [t0, tEnd], states: [y0, y], statistics: st)
}
