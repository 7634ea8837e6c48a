import Bounds
import Flow
import Foundation
import Testing

/// Compact trajectories (samples made while the integrator steps, only `k`-sized
/// quantities kept) against the full ones, the Gram form of `‖N_U N_Vᵀ‖_F²` against
/// the dense product, and a large shape that a full trajectory could not hold cheaply.
///
/// Oracles: the full trajectory (dense output of every step, sampled afterwards) is an
/// independent path to the same sample times and states, so every kept quantity and every
/// verdict must agree bit for bit; the dense `n1 × n2` product `N_U N_Vᵀ` is the definition
/// its Gram form must match.
@Suite("Compact trajectories")
struct CompactTrajectoryTests {
  static func scenario(_ perturbation: String, storage: TrajectoryStorage, threads: Int) throws -> Scenario {
    var c = try Cases.make(Cases.shapes[0], perturbation, seed: 1, tEnd: 10)
    c.storage = storage
    c.threads = threads
    return c
  }

  @Test("compact and full trajectories keep the same samples, bit for bit", arguments: ["zero", "rotating:0.2"])
  func sameSamples(perturbation: String) throws {
    let c = try Self.scenario(perturbation, storage: .full, threads: 1)
    let full = try Trajectory(problem: c.problem, perturbation: c.perturbation, tEnd: c.tEnd, storage: .full)
    let compact = try Trajectory(problem: c.problem, perturbation: c.perturbation, tEnd: c.tEnd, storage: .compact, threads: 2)
    #expect(full.storage == .full && compact.storage == .compact)
    #expect(compact.times == full.times)
    #expect(compact.panelCount == full.panelCount)
    #expect(compact.solution.statistics.acceptedSteps == full.solution.statistics.acceptedSteps)
    #expect(compact.solution.finalState == full.solution.finalState)
    #expect(compact.solution.dense == nil && compact.solution.states.count == 2)
    for (a, b) in zip(full.samples, compact.samples) {
      #expect(a.holdsFactors && !b.holdsFactors && b.state.u.rows == 0 && b.ev.rows == 0)
      #expect(a.norms == b.norms)
      #expect(a.state.residualSingularValues == b.state.residualSingularValues)
      #expect(a.state.gramU == b.state.gramU && a.state.gramV == b.state.gramV)
      #expect(a.state.signalError == b.state.signalError && a.perturbationNorm == b.perturbationNorm)
    }
    // The norms are those of the matrices the full sample holds.
    let s = full.samples[full.samples.count / 2]
    #expect(s.norms.noiseU == s.state.noiseU.frobeniusNorm && s.norms.u == s.state.u.frobeniusNorm)
    let svd = try s.state.noiseU.singularValues()
    #expect(abs(s.norms.noiseUSpectral - svd[0]) <= 1e-12 * svd[0])
  }

  @Test("compact samples compute only a statement's declared quantities, each with the full sample's bits",
        arguments: ["zero", "rotating:0.2"])
  func declaredQuantities(perturbation: String) throws {
    let c = try Self.scenario(perturbation, storage: .full, threads: 1)
    let full = try Trajectory(problem: c.problem, perturbation: c.perturbation, tEnd: c.tEnd, storage: .full)
    func bits(_ x: Double) -> UInt64 { x.bitPattern }
    for lemma in [L4NoiseContainment(), L7ResidualDecomposition()] as [any Statement] {
      let q = lemma.compactSampleQuantities
      #expect(q != .all && !q.isEmpty)
      let compact = try Trajectory(
        problem: c.problem, perturbation: c.perturbation, tEnd: c.tEnd, storage: .compact, threads: 2, quantities: q)
      #expect(compact.quantities == q && full.quantities == .all)
      #expect(compact.times == full.times)
      for (a, b) in zip(full.samples, compact.samples) {
        #expect(b.quantities == q && b.state.hasResidualSpectrum == q.contains(.residualSpectrum))
        #expect([a.norms.u, a.norms.v, a.norms.noiseU, a.norms.noiseV].map(bits) == [b.norms.u, b.norms.v, b.norms.noiseU, b.norms.noiseV].map(bits))
        #expect(a.state.gramU == b.state.gramU && a.state.gramV == b.state.gramV && a.state.signalError == b.state.signalError)
        if q.contains(.residualSpectrum) {
          #expect(a.state.residualSingularValues.map(bits) == b.state.residualSingularValues.map(bits))
        }
        if q.contains(.perturbation) {
          #expect([a.norms.projectedEV, a.norms.projectedETU, a.perturbationNorm].map(bits)
                    == [b.norms.projectedEV, b.norms.projectedETU, b.perturbationNorm].map(bits))
        }
        if q.contains(.noiseSpectral) {
          #expect([a.norms.noiseUSpectral, a.norms.noiseVSpectral].map(bits) == [b.norms.noiseUSpectral, b.norms.noiseVSpectral].map(bits))
        }
        if q.contains(.residualBlocks) {
          #expect([a.norms.signalNoiseSquared, a.norms.noiseSignalSquared, a.norms.noiseNoiseSquared].map(bits)
                    == [b.norms.signalNoiseSquared, b.norms.noiseSignalSquared, b.norms.noiseNoiseSquared].map(bits))
        }
      }
    }
  }

  @Test("a context's requests accumulate; a trajectory built without a requested quantity is rebuilt")
  func requestsAccumulate() throws {
    let context = ScenarioContext(try Self.scenario("rotating:0.2", storage: .compact, threads: 2))
    #expect(context.sampleQuantities == .all && context.requestedQuantities == nil)
    let l4 = try L4NoiseContainment().check(context)
    #expect(try context.base().quantities == L4NoiseContainment().compactSampleQuantities)
    #expect(try context.refined().quantities == L4NoiseContainment().compactSampleQuantities)
    let l7 = try L7ResidualDecomposition().check(context)
    let union = L4NoiseContainment().compactSampleQuantities.union(L7ResidualDecomposition().compactSampleQuantities)
    let rebuilt = try context.base().quantities
    #expect(context.sampleQuantities == union && rebuilt == union)
    // The same verdicts as on fresh full contexts (every quantity computed).
    let fullCase = try Self.scenario("rotating:0.2", storage: .full, threads: 1)
    #expect(try l4.json.serialized() == L4NoiseContainment().check(ScenarioContext(fullCase)).json.serialized())
    #expect(try l7.json.serialized() == L7ResidualDecomposition().check(ScenarioContext(fullCase)).json.serialized())
    // Full storage ignores requests: every quantity.
    let fullContext = ScenarioContext(fullCase)
    fullContext.require([.noiseSpectral])
    let fullQuantities = try fullContext.base().quantities
    #expect(fullContext.requestedQuantities == nil && fullQuantities == .all)
  }

  @Test("L4 and L7 give identical verdicts on full and compact trajectories (1 and 2 threads)", arguments: ["zero", "fixed:0.3", "rotating:0.2"])
  func sameVerdicts(perturbation: String) throws {
    for lemma in [L4NoiseContainment(), L7ResidualDecomposition()] as [any Statement] {
      let full = try lemma.check(ScenarioContext(Self.scenario(perturbation, storage: .full, threads: 1)))
      for threads in [1, 2] {
        let compact = try lemma.check(ScenarioContext(Self.scenario(perturbation, storage: .compact, threads: threads)))
        #expect(try compact.json.serialized() == full.json.serialized())
      }
      #expect(full.holds == true)
    }
  }

  @Test("a statement that reads U, V or E per sample refuses a compact case with a clear error")
  func refusesCompact() throws {
    let context = ScenarioContext(try Self.scenario("fixed:0.3", storage: .compact, threads: 1))
    #expect(throws: ProblemError.self) { try L3GrowthEnvelope().check(context) }
    #expect(throws: ProblemError.self) { try L2EnergyBalance().check(context) }
  }

  @Test("above 10⁶ entries ‖N_U N_Vᵀ‖_F² comes from the Gram matrices and matches the dense product")
  func gramCrossTerm() throws {
    let problem = try Problem.generate(ProblemSpec(n1: 1100, n2: 1000, k: 3, r: 2, kappa: 2, alpha: 0.3, seed: 4))
    #expect(problem.n1 * problem.n2 > SampleNorms.denseCrossLimit)
    let state = try FlowState(t: 0, target: problem.target, u: problem.u0, v: problem.v0)
    let norms = try SampleNorms(state: state, ev: Matrix(rows: 1100, columns: 3), etu: Matrix(rows: 1000, columns: 3))
    let cross = state.noiseU.timesTransposed(state.noiseV)
    let dense = Matrix.frobeniusInner(cross, cross)
    #expect(dense > 0)
    #expect(abs(norms.noiseNoiseSquared - dense) <= 1e-12 * dense)
  }

  @Test("L4 and L7 at n1 = n2 = 4500 run on a compact trajectory and hold")
  func largeShape() throws {
    let problem = try Problem.generate(ProblemSpec(n1: 4500, n2: 4500, k: 5, r: 2, kappa: 2, alpha: 1e-2, seed: 1))
    var c = try Scenario(problem: problem, perturbation: PerturbationSpec(parsing: "rotating:0.1"), seed: 1, tEnd: 0.5)
    c.gridIntervals = 2
    let context = ScenarioContext(c)
    #expect(context.storage == .compact)
    for lemma in [L4NoiseContainment(), L7ResidualDecomposition()] as [any Statement] {
      let verdict = try lemma.check(context)
      #expect(verdict.holds == true && verdict.hypothesisHolds != false, "\(lemma.id): \(verdict.worstPart)")
      #expect(verdict.parts.contains { $0.notApplicable == nil })
    }
    let base = try context.base()
    #expect(base.samples.allSatisfy { !$0.holdsFactors })
    #expect(base.solution.dense == nil && base.solution.states.count == 2)
  }
}

@Suite("Threads")
struct ThreadCountTests {
  @Test("ThreadCount.map returns results in index order for any thread count and rethrows the first error")
  func mapOrder() throws {
    let serial = (0..<37).map { $0 * $0 + 1 }
    for threads in [1, 2, 5, 64] {
      #expect(try ThreadCount.map(37, threads: threads) { $0 * $0 + 1 } == serial)
    }
    struct Failure: Error, Equatable { let index: Int }
    #expect(throws: Failure(index: 3)) {
      try ThreadCount.map(10, threads: 2) { i in if i == 3 || i == 7 { throw Failure(index: i) }; return i }
    }
  }

  @Test("a report sweep on 1 and on 2 threads gives byte-identical results")
  func sweepDeterminism() async throws {
    let plan = SweepPlan(
      name: "threads",
      cases: [
        ScenarioSpec(n1: 5, n2: 4, k: 2, r: 1, kappa: 1, alpha: 1e-2, seed: 1, perturbation: "zero", tEnd: 4),
        ScenarioSpec(n1: 4, n2: 5, k: 2, r: 2, kappa: 2, alpha: 1e-2, seed: 2, perturbation: "rotating:0.1", tEnd: 4),
        ScenarioSpec(n1: 5, n2: 5, k: 3, r: 2, kappa: 3, alpha: 1e-2, seed: 3, perturbation: "scaling:0.5", tEnd: 4),
        ScenarioSpec(n1: 6, n2: 4, k: 2, r: 2, kappa: 2, alpha: 1e-2, seed: 4, perturbation: "fixed:0.2", tEnd: 4),
      ])
    var runner = ReportRunner(
      plan: plan, lemmas: [L1Imbalance(), L4NoiseContainment(), L7ResidualDecomposition()],
      extras: [ExtraUnit(key: "e") { .number(2.5) }])
    runner.threads = 1
    let one = try await runner.run(shard: .all).serialized()
    runner.threads = 2
    let two = try await runner.run(shard: .all).serialized()
    #expect(one == two)
    #expect(try ShardResult(parsing: one, source: "one thread").cases.map(\.index) == [0, 1, 2, 3])
  }
}
