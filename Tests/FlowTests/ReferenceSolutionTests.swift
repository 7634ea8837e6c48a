import Flow
import Foundation
import Testing

/// The acceptance case of the Flow issue: a pgf-generated (50, 40, 8, 4)
/// problem with α = 1e-3 integrated to t = 40 at rtol 1e-8, atol 1e-12 must
/// match scipy's DOP853 at rtol 1e-12 to 1e-6 relative. The reference final
/// state comes from `scripts/compare_dop853.py --write-fixture` (an
/// independent numpy right-hand side and integrator).
@Suite("Reference solution (scipy DOP853)")
struct ReferenceSolutionTests {
  @Test("final state agrees with DOP853 at rtol 1e-12 to 1e-6 relative")
  func dop853() throws {
    let url = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
      .appendingPathComponent("flow/dop853_reference.json")
    let data = try Data(contentsOf: url)
    let problem = try ProblemFile.decode(data)
    let reference = try ProblemFile.decodeState(data)  // keys "t", "U", "V" of the same file
    #expect(problem.n1 == 50 && problem.n2 == 40 && problem.k == 8 && problem.r == 4)
    var options = Simulation.defaultOptions
    options.relativeTolerance = 1e-8
    options.absoluteTolerance = 1e-12
    let result = try Simulation(problem: problem, tEnd: reference.t, options: options).run()
    let ours = result.final.u.elements + result.final.v.elements
    let ref = reference.u.elements + reference.v.elements
    let diff = zip(ours, ref).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot()
    let norm = ref.map { $0 * $0 }.reduce(0, +).squareRoot()
    #expect(diff / norm <= 1e-6, "relative difference \(diff / norm)")
  }
}
