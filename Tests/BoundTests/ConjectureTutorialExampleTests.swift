import Bounds
import Testing

// The tutorial's example (docs/adding-a-conjecture.md quotes the two marked regions verbatim;
// `TutorialDriftTests` fails if they drift apart). Without a perturbation, L4 makes ‖N_U‖_F
// non-increasing, so this conjecture is true. The `scale` line matters: a first version without it
// was "falsified" on a 2×2, r = 2 case where P = I − ΦΦᵀ = 0 and ‖N_U‖_F ≈ 1e-16 is round-off of PU.

// tutorial:conjecture:begin
struct NoiseNeverGrows: Conjecture {
  var id: String { "K-noise" }
  var title: String { "Without E the noise never grows" }
  var statement: String { "E ≡ 0 ⇒ ‖N_U(t)‖_F is non-increasing" }
  var box: ParameterBox { ParameterBox(n1: 2...8, n2: 2...8, k: 1...4, r: 1...3, families: [.zero]) }

  func measure(_ context: CheckContext, on trajectory: Trajectory, refined: Bool) throws -> [Measurement] {
    let noise = trajectory.values { $0.state.noiseU.frobeniusNorm }
    let scale = trajectory.values { $0.state.u.frobeniusNorm }  // N_U = PU: round-off ~ ε‖U‖_F
    return [.nonIncreasing("‖N_U‖_F", trajectory, noise, scale: scale)]
  }
}
// tutorial:conjecture:end

@Suite("Conjecture tutorial")
struct ConjectureTutorialExampleTests {
  // tutorial:test:begin
  @Test("‖N_U‖_F never grows without a perturbation", arguments: [1, 2] as [UInt64])
  func noiseNeverGrows(seed: UInt64) {
    let result = FalsificationSearch(NoiseNeverGrows(), seed: seed).run()
    #expect(!result.foundCounterexample, "\(result.report)")
  }
  // tutorial:test:end
}
