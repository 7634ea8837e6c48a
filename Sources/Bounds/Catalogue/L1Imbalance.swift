import Flow

/// **L1 Imbalance conservation** (identity).
///
/// Under the PGF, `D(t) = UᵀU − VᵀV` satisfies `D(t) = D(0)` for every `E`.
/// *Proof.* `Ḋ = VᵀGᵀU + UᵀGV − UᵀGV − VᵀGᵀU = 0` with `G = R + E`.
///
/// Checked as `‖D(t) − D(0)‖_F = 0` by the rtol-shrink rule; the round-off
/// scale is `‖U‖_F² + ‖V‖_F²` (the size of the terms that cancel).
public struct L1Imbalance: Statement {
  public init() {}
  public var id: String { "L1" }
  public var title: String { "Imbalance conservation" }
  public var status: Status { .identity }
  public var statement: String { "Under the PGF, D(t) = UᵀU − VᵀV satisfies D(t) = D(0) for every E." }
  public var proof: String { "Ḋ = VᵀGᵀU + UᵀGV − UᵀGV − VᵀGᵀU = 0 with G = R + E (theory.md §3, L1)." }

  public func measure(_ context: ScenarioContext, on trajectory: Trajectory, refined: Bool) throws -> [Conclusion] {
    let d0 = trajectory.samples[0].state.imbalance
    let drift = trajectory.values { ($0.state.imbalance - d0).frobeniusNorm }
    let scale = trajectory.values { $0.state.zFrobeniusSquared }
    return [
      .equal("‖D(t) − D(0)‖_F = 0", trajectory, lhs: drift, rhs: Array(repeating: 0, count: drift.count), scale: scale)
    ]
  }
}
