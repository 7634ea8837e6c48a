import Bounds
import Foundation

/// P1: `‖W(t)‖_F ≤ ½‖Z(t)‖_F²` with `W = UVᵀ`, `Z = [U; V]`, for every `E`.
///
/// Proof: `‖UVᵀ‖_F ≤ ‖U‖_F‖V‖_F ≤ ½(‖U‖_F² + ‖V‖_F²) = ½‖Z‖_F²`
/// (submultiplicativity, then the AM–GM inequality).
public struct ProductBound: Statement {
  public init() {}
  public var id: String { "P1" }
  public var title: String { "The product is bounded by the factors' energy" }
  public var status: Status { .lemma }
  public var statement: String { "‖W(t)‖_F ≤ ½‖Z(t)‖_F² for every E" }
  public var proof: String { "‖UVᵀ‖_F ≤ ‖U‖_F‖V‖_F ≤ ½(‖U‖_F² + ‖V‖_F²) (submultiplicativity, then AM–GM)." }

  public func measure(_ context: ScenarioContext, on trajectory: Trajectory, refined: Bool) throws -> [Conclusion] {
    let product = trajectory.values { $0.state.u.timesTransposed($0.state.v).frobeniusNorm }
    let energy = trajectory.values { 0.5 * (pow($0.state.u.frobeniusNorm, 2) + pow($0.state.v.frobeniusNorm, 2)) }
    return [.atMost("‖W(t)‖_F ≤ ½‖Z(t)‖_F²", trajectory, value: product, bound: energy)]
  }
}
