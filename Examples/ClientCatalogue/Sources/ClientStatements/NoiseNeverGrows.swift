import Bounds
import Foundation

/// K-noise: without a perturbation the noise `‖N_U(t)‖_F` never grows
/// (true: it follows from L4, so the search must find nothing).
public struct NoiseNeverGrows: Conjecture {
  public init() {}
  public var id: String { "K-noise" }
  public var title: String { "Without E the noise never grows" }
  public var statement: String { "E ≡ 0 ⇒ ‖N_U(t)‖_F is non-increasing" }
  public var box: ParameterBox { ParameterBox(n1: 2...8, n2: 2...8, k: 1...4, r: 1...3, families: [.zero]) }

  public func measure(_ context: ScenarioContext, on trajectory: Trajectory, refined: Bool) throws -> [Conclusion] {
    let noise = trajectory.values { $0.state.noiseU.frobeniusNorm }
    let scale = trajectory.values { $0.state.u.frobeniusNorm }  // N_U = PU: round-off ~ ε‖U‖_F
    return [.nonIncreasing("‖N_U‖_F", trajectory, noise, scale: scale)]
  }
}
