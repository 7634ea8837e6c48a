import Flow

/// The size a perturbation is declared to have, which decides the hypotheses
/// `H_abs(ε)` / `H_rel(δ)` that are checked.
public enum PerturbationBound: Sendable, Equatable, CustomStringConvertible {
  /// No size declared.
  case unspecified
  /// `H_abs(ε)`: `‖E(t)‖ ≤ ε`.
  case absolute(Double)
  /// `H_rel(δ)`: `‖E(t)‖ ≤ δ‖R(t)‖_F`.
  case relative(Double)

  /// The declared bound of a named family (`zero` is `H_abs(0)`).
  public init(_ spec: PerturbationSpec) {
    switch spec.family.sizeKind {
    case .none: self = .absolute(0)
    case .absolute: self = .absolute(spec.size)
    case .relative: self = .relative(spec.size)
    case .parameter: self = .unspecified
    }
  }

  public var description: String {
    switch self {
    case .unspecified: return "unspecified"
    case .absolute(let e): return "H_abs(\(e))"
    case .relative(let d): return "H_rel(\(d))"
    }
  }
}

/// One case to check a lemma on: a problem, a perturbation with its declared
/// bound, a horizon, and integrator tolerances.
public struct Scenario: Sendable {
  /// The problem `(X, U(0), V(0))`.
  public var problem: Problem
  /// The perturbation `E(t, U, V)`.
  public var perturbation: any Perturbation
  /// The perturbation's declared size (decides `H_abs` / `H_rel`).
  public var bound: PerturbationBound
  /// The horizon `T`.
  public var tEnd: Double
  /// rtol of the base trajectory (default 1e-8).
  public var relativeTolerance: Double = 1e-8
  /// atol of the base trajectory (default 1e-12).
  public var absoluteTolerance: Double = 1e-12
  /// The refined trajectory uses `rtol · refinement`, `atol · refinement` (default 1e-3).
  public var refinement: Double = 1e-3
  /// Uniform grid intervals of the sampled trajectory (default 64).
  public var gridIntervals: Int = Trajectory.defaultGridIntervals
  /// A human-readable label, e.g. `"12×9 k=4 r=2 rotating:0.1 seed 3"`.
  public var label: String
  /// How the case's trajectories keep their samples (default ``TrajectoryStorage/automatic``).
  public var storage: TrajectoryStorage = .automatic
  /// Threads that make a compact trajectory's samples (default ``ThreadCount/automatic``;
  /// results do not depend on it).
  public var threads: Int = ThreadCount.automatic

  /// A case with an explicit perturbation.
  public init(problem: Problem, perturbation: any Perturbation, bound: PerturbationBound, tEnd: Double, label: String? = nil) {
    self.problem = problem
    self.perturbation = perturbation
    self.bound = bound
    self.tEnd = tEnd
    self.label = label ?? "\(problem.n1)×\(problem.n2) k=\(problem.k) r=\(problem.r) \(perturbation.name)"
  }

  /// A case with a named perturbation family (random families drawn from `seed`).
  public init(problem: Problem, perturbation spec: PerturbationSpec, seed: UInt64 = 1, tEnd: Double, label: String? = nil) throws {
    self.init(problem: problem, perturbation: try spec.make(for: problem, seed: seed), bound: PerturbationBound(spec), tEnd: tEnd, label: label)
  }
}

/// The trajectories of one case, built on first use and shared by every check
/// of that case (base at the case's rtol, refined at `rtol · refinement`).
public final class ScenarioContext {
  /// The case.
  public let checkCase: Scenario
  private var baseTrajectory: Trajectory?
  private var refinedTrajectory: Trajectory?

  /// A context for `checkCase`.
  public init(_ checkCase: Scenario) { self.checkCase = checkCase }

  /// The storage of this case's trajectories (``TrajectoryStorage/full`` or ``TrajectoryStorage/compact``).
  public var storage: TrajectoryStorage { checkCase.storage.resolved(for: checkCase.problem) }

  /// The costlier per-sample quantities requested so far (``require(_:)``); `nil` until the
  /// first request, which means ``SampleQuantities/all``.
  public private(set) var requestedQuantities: SampleQuantities?

  /// The quantities this context's compact trajectories compute: the union of the requests,
  /// or ``SampleQuantities/all`` when nothing was requested.
  public var sampleQuantities: SampleQuantities { requestedQuantities ?? .all }

  /// Asks that the trajectories compute `quantities` (a statement's
  /// ``Statement/compactSampleQuantities``). Only compact trajectories compute fewer than
  /// ``SampleQuantities/all``; the set only grows (the union of every request), and a
  /// trajectory already built without part of it is dropped and rebuilt on next use. What a
  /// trajectory computes has the same bits for every set, so verdicts do not depend on the
  /// order of requests.
  public func require(_ quantities: SampleQuantities) {
    guard storage == .compact else { return }
    let union = (requestedQuantities ?? []).union(quantities)
    requestedQuantities = union
    if let t = baseTrajectory, !t.quantities.isSuperset(of: union) { baseTrajectory = nil }
    if let t = refinedTrajectory, !t.quantities.isSuperset(of: union) { refinedTrajectory = nil }
  }

  /// Builds the base and the refined trajectory, both at once on two threads when the case
  /// is compact, has `threads ≥ 2` and neither is built yet (they are independent; each is the
  /// same, bit for bit, as when built alone); otherwise does nothing (``base()`` and
  /// ``refined()`` build them on first use). Errors: the base trajectory's first.
  public func prepare() throws {
    guard storage == .compact, checkCase.threads >= 2, baseTrajectory == nil, refinedTrajectory == nil else { return }
    let context = UncheckedContext(self)
    let both = try ThreadCount.map(2, threads: 2) { i in try context.value.trajectory(refined: i == 1) }
    baseTrajectory = both[0]
    refinedTrajectory = both[1]
  }

  /// The base trajectory.
  public func base() throws -> Trajectory {
    if let t = baseTrajectory { return t }
    let t = try trajectory(refined: false)
    baseTrajectory = t
    return t
  }

  /// The refined trajectory (tolerances × `refinement`).
  public func refined() throws -> Trajectory {
    if let t = refinedTrajectory { return t }
    let t = try trajectory(refined: true)
    refinedTrajectory = t
    return t
  }

  private func trajectory(refined: Bool) throws -> Trajectory {
    let c = checkCase
    let f = refined ? c.refinement : 1
    return try Trajectory(
      problem: c.problem, perturbation: c.perturbation, tEnd: c.tEnd,
      relativeTolerance: c.relativeTolerance * f, absoluteTolerance: c.absoluteTolerance * f,
      gridIntervals: c.gridIntervals, storage: c.storage, threads: c.threads, quantities: sampleQuantities)
  }

  /// Another trajectory with the case's horizon and grid (e.g. the unperturbed
  /// reference of L9 or the modified target of L10), at base or refined tolerance.
  public func companion(problem: Problem, perturbation: any Perturbation = ZeroPerturbation(), tEnd: Double? = nil, refined: Bool) throws -> Trajectory {
    let c = checkCase
    let f = refined ? c.refinement : 1
    return try Trajectory(
      problem: problem, perturbation: perturbation, tEnd: tEnd ?? c.tEnd,
      relativeTolerance: c.relativeTolerance * f, absoluteTolerance: c.absoluteTolerance * f,
      gridIntervals: c.gridIntervals, storage: c.storage, threads: c.threads)
  }
}

/// Lets ``ScenarioContext/prepare()`` call the context's pure trajectory builder from two
/// threads (it reads only the immutable case and requested quantities, and writes nothing).
private struct UncheckedContext: @unchecked Sendable {
  let value: ScenarioContext
  init(_ value: ScenarioContext) { self.value = value }
}
