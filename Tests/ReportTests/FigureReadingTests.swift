import Bounds
import Foundation
import Plotting
import Report
import Testing

/// The report's figures read right: a bound is labelled as the bound (upper
/// or lower) whichever side of `lhs ≤ rhs` it is stored on, and no figure the
/// report makes overprints a text or lets one leave the canvas.
@Suite("Figure reading")
struct FigureReadingTests {
  static let times = (0...40).map { Double($0) / 4 }

  /// The pixel polylines of an SVG, in drawing order (one per series here).
  static func polylines(_ svg: String) -> [[(x: Double, y: Double)]] {
    svg.matches(of: /<polyline points="([^"]*)"/).map { m in
      m.1.split(separator: " ").map { pair in
        let c = pair.split(separator: ",").map { Double($0)! }
        return (c[0], c[1])
      }
    }
  }

  /// The mean pixel height (y grows downward) of the series named `name`.
  static func meanPixelY(_ figure: LemmaFigures.Figure, series name: String) throws -> Double {
    let index = try #require(figure.plots[0].series.firstIndex { $0.name == name }, "no series named \(name)")
    let lines = polylines(figure.svg)
    try #require(lines.count == figure.plots[0].series.count)
    return lines[index].map(\.y).reduce(0, +) / Double(lines[index].count)
  }

  @Test("≥: the series labelled \"lower bound\" is built from the bound and drawn below the value")
  func lowerBoundLabelled() throws {
    // σ grows from 0.01 to about 0.7 while its lower bound sinks below 0: the shape of L6.
    let value = Self.times.map { 0.01 + 0.69 / (1 + exp(-(($0 - 5) * 1.2))) }
    let bound = Self.times.map { 0.01 - 0.005 * $0 }
    let c = Conclusion.atLeast("σ_r(S(t)) ≥ e^{∫g}σ_r(S(0)) − ∫e^{∫ₛᵗg}h", times: Self.times, value: value, bound: bound)
    #expect(c.valueSide == .rhs && !c.boundIsUpper && c.quantity == "σ_r(S(t))")
    #expect(c.lhs == bound && c.rhs == value, "stored as bound ≤ value, so the verdict is unchanged")
    let figure = LemmaFigures.inequality(c, id: "L6", file: "L6-1.svg", on: "test case")
    let series = figure.plots[0].series
    let boundSeries = try #require(series.first { $0.name == "lower bound" })
    let valueSeries = try #require(series.first { $0.name == "σ_r(S(t)) (value)" })
    #expect(boundSeries.ys == bound && valueSeries.ys == value)
    #expect(boundSeries.line == .dashed && valueSeries.line == .solid)
    #expect(try Self.meanPixelY(figure, series: "lower bound") > Self.meanPixelY(figure, series: "σ_r(S(t)) (value)"), "the lower bound is drawn below")
    #expect(!figure.svg.contains("left side") && !figure.svg.contains("right side"))
    #expect(figure.svg.contains(">lower bound</text>") && figure.caption.contains("lower bound dashed"))
  }

  @Test("≤: the series labelled \"upper bound\" is built from the bound and drawn above the value")
  func upperBoundLabelled() throws {
    let value = Self.times.map { 0.06 - 0.001 * $0 }
    let bound = Self.times.map { 0.06 + 0.02 * $0 }
    let c = Conclusion.atMost("‖N_U(t)‖_F ≤ e^{−∫λ_V}‖N_U(0)‖_F + …", times: Self.times, value: value, bound: bound)
    #expect(c.valueSide == .lhs && c.boundIsUpper && c.quantity == "‖N_U(t)‖_F")
    let figure = LemmaFigures.inequality(c, id: "L4", file: "L4-1.svg", on: "test case")
    let series = figure.plots[0].series
    #expect(series.first { $0.name == "upper bound" }?.ys == bound)
    #expect(series.first { $0.name == "‖N_U(t)‖_F (value)" }?.ys == value)
    #expect(try Self.meanPixelY(figure, series: "upper bound") < Self.meanPixelY(figure, series: "‖N_U(t)‖_F (value)"))
  }

  @Test("a conclusion built directly names its value side; non-increasing checks bound by the running minimum")
  func directConclusions() {
    let lower = Conclusion(
      name: "L(tᵢ₋₁) ≤ L(tᵢ)", kind: .inequality, times: [1, 2], lhs: [1, 2], rhs: [2, 3], valueSide: .rhs, quantity: "L(tᵢ)")
    #expect(lower.values == [2, 3] && lower.bounds == [1, 2] && lower.quantity == "L(tᵢ)")
    let plain = Conclusion(name: "‖R(t)‖ ≤ c₅ε + τ for t ≥ T₂", kind: .inequality, times: [1], lhs: [1], rhs: [2])
    #expect(plain.valueSide == .lhs && plain.quantity == "‖R(t)‖")
    let c2 = Conclusion.atLeast("σ_r(W(t)) ≥ σ_r − ε − τ for t ≥ T₂", times: [1], value: [0.9], bound: [0.5])
    #expect(c2.quantity == "σ_r(W(t))" && c2.values == [0.9] && c2.lhs == [0.5])
    let part = Conclusion.atMost("(b) L(t) ≤ L(0) − ½∫(‖RV‖_F² + ‖UᵀR‖_F²)", times: [1], value: [1], bound: [2])
    #expect(part.quantity == "L(t)", "the part label is not the quantity")
    let noName = Conclusion.atLeast("no relation sign", times: [1], value: [1], bound: [0])
    #expect(noName.quantity == "no relation sign")
  }

  @Test("the ≥ statements of the catalogue store their value on the right")
  func catalogueLowerBounds() async throws {
    // L6 on the quick plan's representative case: σ_r(S(t)) is a singular value (≥ 0), the bound may go negative.
    let assembly = ReportAssembly(plan: .quick)
    let l6 = try #require(assembly.lemmas.first { $0.id == "L6" })
    let spec = try #require(assembly.representative(for: l6))
    let context = ScenarioContext(try spec.scenario(families: assembly.catalogue.families))
    let parts = try l6.measure(context, on: try context.base(), refined: false)
    let c = try #require(parts.first { $0.notApplicable == nil })
    #expect(c.valueSide == .rhs && c.quantity == "σ_r(S(t))")
    #expect(c.values.allSatisfy { $0 >= 0 }, "the value side holds the singular values")
    #expect(c.values == c.rhs && c.bounds == c.lhs)
  }

  @Test("every lemma figure of the quick plan reads right")
  func lemmaFigures() throws {
    let assembly = ReportAssembly(plan: .quick)
    var count = 0
    for lemma in assembly.lemmas {
      guard let spec = assembly.representative(for: lemma) else { continue }
      for figure in try LemmaFigures.figures(lemma, on: spec, families: assembly.catalogue.families) {
        count += 1
        #expect(figure.textProblems.isEmpty, "\(figure.file): \(figure.textProblems)")
        #expect(!figure.svg.contains("left side"), "\(figure.file)")
      }
    }
    #expect(count >= 15)
  }

  @Test("the claim phase figures read right (constructed sweep results)")
  func claimFigures() throws {
    let assembly = ReportAssembly(plan: .quick)
    let problem = try ClaimSweep.problem.problem.problem()
    var extras: [String: JSONValue] = [:]
    for claim in assembly.claims {
      for (i, family) in claim.sweptFamilies.enumerated() {
        for s in claim.sweptSizes(assembly.plan.claimBudget.sizes, family, problem) {
          // Errors from 1e-10 up to 1, settling times from 8 up, never settling past s = 3.
          let error = min(1, 1e-10 * pow(10, 3 * s) * Double(i + 1))
          extras[ClaimSweep.key(claim, family, s)] = .object([
            ("finalError", .exact(error)), ("settling", s > 3 ? .null : .exact(8 + 2 * s + Double(i))),
            ("promised", .exact(30)), ("tau", .exact(1e-2)),
          ])
        }
      }
      extras[ClaimSweep.criticalKey(claim)] = .object([("lower", .exact(1.5)), ("upper", .exact(1.75)), ("probes", .integer(3))])
    }
    let result = ShardResult(plan: "quick", packageVersion: "test", shards: ["1/1"], cases: [], extras: extras)
    var count = 0
    for claim in assembly.claims {
      for figure in try assembly.claimReport.supplement(claim, result).figures {
        count += 1
        #expect(figure.textProblems.isEmpty, "\(figure.file): \(figure.textProblems)")
        #expect(figure.layouts.count == 2)
      }
    }
    #expect(count == assembly.claims.count && count >= 2)
  }

  @Test("experiment figures of the report's shapes read right (constructed data)")
  func experimentFigures() {
    let xs = [1.0, 1.2, 1.4, 1.6, 1.8, 2, 2.5, 3]
    let shapes: [FigureData] = [
      FigureData(
        file: "C4-1.svg", caption: "", title: "C4: recovery probability against m/dof", xLabel: "m / dof", yLabel: "success probability",
        lines: [.init("P(relative error ≤ 1e-2)", xs: xs, ys: [0, 0, 0, 0, 0.4, 0.8, 1, 1])],
        marks: [.init(vertical: true, at: 1, label: "dof"), .init(vertical: true, at: 1.81, label: "δ_nuc"), .init(vertical: true, at: 1.85, label: "50 %")]),
      FigureData(
        file: "C8-1.svg", caption: "", title: "C8: max_j ‖Z_j‖ / ((3/2)√‖X‖)", xLabel: "run", yLabel: "ratio",
        lines: [.init("max ‖Z_j‖ / bound", xs: [1, 2, 3, 4, 5, 6], ys: [0.943, 0.943, 0.946, 0.966, 0.9425, 0.946])],
        marks: [.init(vertical: false, at: 1, label: "bound"), .init(vertical: false, at: 0.9428, label: "balanced limit √2/(3/2)")]),
      FigureData(
        file: "C5-1.svg", caption: "", title: "C5: error floor against a₀", xLabel: "a₀", yLabel: "‖U_KV_Kᵀ − X‖", xLog: true, yLog: true,
        lines: (1...4).map { k in FigureData.Line("case \(k) (measured slope 1.\(k)5)", xs: [7e-4, 2e-3, 7e-3, 2e-2, 7e-2], ys: [7e-5, 2e-4, 8e-4, 3e-3, 9e-3].map { $0 / Double(k) }) }
          + [FigureData.Line("slope 4/3 (reference)", xs: [2.4e-4, 7e-2], ys: [4.7e-6, 9e-3], markers: false, dashed: true)]),
      FigureData(
        file: "C9-2.svg", caption: "", title: "C9: batch size against κ", xLabel: "κ", yLabel: "b*", xLog: true, yLog: true,
        lines: [.init("b* fresh batches", xs: [1, 2, 4], ys: [8, 6, 5])]),
    ]
    for shape in shapes {
      let figure = ExperimentFigures.draw(shape)
      #expect(figure.textProblems.isEmpty, "\(figure.file): \(figure.textProblems)")
    }
  }
}
