import Foundation
import Plotting
import Testing

/// Texts never overprint and never leave the canvas: titles wrap, long labels
/// shorten, annotations move out of each other's way, crowded tick labels thin.
@Suite("Text layout")
struct TextLayoutTests {
  static let canvas = PlotRect(x: 0, y: 0, width: 640, height: 400)

  @Test("the audit finds an overlap and a text off the canvas")
  func auditBites() {
    // A legend forced into the top-right corner, over a horizontal line label there.
    var plot = LinePlot(title: "forced", xAxis: Axis(range: 0...1), yAxis: Axis(range: 0...1), legend: .inside(.topRight))
    plot.series = [Series("a series with a long legend entry", xs: [0, 1], ys: [0, 0.1])]
    plot.referenceLines = [.horizontal(at: 0.97, label: "a label at the top right")]
    let layout = plot.layout()
    let problems = TextAudit.problems([layout], canvas: Self.canvas)
    #expect(problems.contains { $0.kind == "overlap" && Set($0.texts.map(\.role)) == [.legend, .lineLabel] }, "\(problems)")
    // The same layout on a smaller canvas: its texts leave it.
    let small = TextAudit.problems([layout], canvas: PlotRect(x: 0, y: 0, width: 300, height: 200))
    #expect(small.contains { $0.kind == "outside the canvas" })
  }

  @Test("every text of the plot is listed with a box of its own")
  func textsListed() {
    var plot = LinePlot(title: "T", xAxis: Axis(label: "x label"), yAxis: Axis(label: "y label", scale: .log))
    plot.series = [Series("s", xs: [0, 1, 2], ys: [1e-3, -1, 1])]
    plot.referenceLines = [.vertical(at: 1, label: "v"), .horizontal(at: 0.5, label: "h")]
    plot.shadedIntervals = [ShadedInterval(from: 0, to: 0.5, label: "band")]
    let layout = plot.layout()
    let roles = layout.texts.map(\.role)
    #expect(roles.filter { $0 == .title }.count == 1 && roles.filter { $0 == .axisLabel }.count == 2)
    #expect(roles.filter { $0 == .lineLabel }.count == 2 && roles.contains(.bandCaption) && roles.contains(.legend))
    #expect(roles.contains(.note), "the omitted-points note")
    #expect(roles.filter { $0 == .tickLabel }.count == layout.x.labelledTicks.count + layout.y.labelledTicks.count)
    #expect(layout.texts.allSatisfy { $0.box.width > 0 && $0.box.height > 0 })
    // Every listed text is in the SVG.
    let svg = plot.svg()
    for t in layout.texts where t.role != .tickLabel && t.role != .legend { #expect(svg.contains(">\(t.text)</text>"), "\(t.text)") }
  }

  @Test("a title too wide for the canvas wraps at spaces onto lines inside it, keeping every word")
  func titleWraps() {
    let title = "L6: σ_r(S(t)) ≥ e^{∫g}σ_r(S(0)) − ∫e^{∫ₛᵗg}h, g = σr − ½‖Z‖², h = ½‖Δ‖‖D‖ + ‖Ê_S‖"
    var plot = LinePlot(title: title, xAxis: Axis(label: "t"), yAxis: Axis(label: "value"))
    plot.series = [Series("value", xs: [0, 1], ys: [0, 1])]
    let layout = plot.layout()
    let lines = layout.texts.filter { $0.role == .title }
    #expect(lines.count == 2)
    #expect(lines.map(\.text).joined(separator: " ") == title)
    #expect(lines[1].text == "h = ½‖Δ‖‖D‖ + ‖Ê_S‖", "broken after a comma, keeping the clause whole")
    #expect(lines.allSatisfy { $0.box.x >= 0 && $0.box.maxX <= 640 })
    #expect(lines[0].box.maxY <= lines[1].box.y, "lines stacked, not overprinted")
    #expect(lines.allSatisfy { $0.box.maxY <= layout.plotArea.y }, "the plot area moves down")
    #expect(TextAudit.problems([layout], canvas: Self.canvas).isEmpty)
    // One line when it fits.
    plot.title = "L6: short"
    #expect(plot.layout().texts.filter { $0.role == .title }.count == 1)
  }

  @Test("a title of more than three lines is shortened with an ellipsis; long axis titles too")
  func titleShortens() {
    let words = (1...80).map { "word\($0)" }.joined(separator: " ")
    var plot = LinePlot(title: words, xAxis: Axis(label: words), yAxis: Axis(label: words))
    plot.series = [Series("s", xs: [0, 1], ys: [0, 1])]
    let layout = plot.layout()
    let lines = layout.texts.filter { $0.role == .title }
    #expect(lines.count == 3 && lines[2].text.hasSuffix("…"))
    let axes = layout.texts.filter { $0.role == .axisLabel }
    #expect(axes.count == 2 && axes.allSatisfy { $0.text.hasSuffix("…") })
    #expect(TextAudit.problems([layout], canvas: Self.canvas).isEmpty, "\(TextAudit.problems([layout], canvas: Self.canvas))")
  }

  @Test("phase diagram: band caption, bound and threshold labels and a horizontal label near them keep apart")
  func phaseDiagramLabels() {
    // The shape of the C1/C2 figures: a band [0, 1] with a caption wider than
    // the band, a bound line at its edge, a threshold near the right end and a
    // horizontal tolerance line whose label would sit under the threshold's.
    for threshold in [8.2, 11.4, 1.3] {
      var top = LinePlot(
        title: "C1: final error vs perturbation size", xAxis: Axis(label: "perturbation size s (units of the bound)"),
        yAxis: Axis(label: "‖R(T)‖_F / ‖X‖_F", scale: .log))
      let s = [0.5, 1, 2, 3, threshold]
      top.series = [
        Series("scaling", xs: s, ys: [6e-10, 3e-10, 3e-9, 1e-9, 1], marker: .circle),
        Series("greedyRel", xs: [0.5, 1, 2, 3], ys: [4e-10, 1.5e-9, 8e-9, 7e-5], marker: .square),
      ]
      top.referenceLines = [
        .vertical(at: 1, label: "bound (s = 1)"), .vertical(at: threshold, label: "sharp threshold δ = 1 (L9)", line: .dotted),
        .horizontal(at: 1e-2, label: "τ/‖X‖_F"),
      ]
      top.shadedIntervals = [ShadedInterval(from: 0, to: 1, label: "hypothesis holds")]
      var bottom = top
      bottom.yAxis = Axis(label: "settling time")
      bottom.series = [Series("scaling", xs: [0.5, 1, 2, 3], ys: [9, 9.4, 11, 13], marker: .circle)]
      bottom.referenceLines.removeLast()
      let figure = PanelFigure(panels: [top, bottom])
      let problems = TextAudit.problems(figure.layouts(), canvas: PlotRect(x: 0, y: 0, width: 640, height: 720))
      #expect(problems.isEmpty, "threshold \(threshold): \(problems)")
    }
  }

  @Test("vertical labels of close lines alternate between top and bottom; longer ones are shortened to fit")
  func closeVerticalLines() {
    var plot = LinePlot(title: "C4: recovery probability against m/dof", xAxis: Axis(label: "m / dof"), yAxis: Axis(label: "success probability"))
    plot.series = [Series("P(relative error ≤ 1e-2)", xs: [1, 1.2, 1.4, 1.6, 1.8, 2, 2.5, 3], ys: [0, 0, 0, 0, 0.4, 0.8, 1, 1], marker: .circle)]
    plot.referenceLines = [
      .vertical(at: 1, label: "dof"), .vertical(at: 1.81, label: "δ_nuc"), .vertical(at: 1.83, label: "50 %"),
      .vertical(at: 1.85, label: "90 %"), .vertical(at: 2.6, label: String(repeating: "a very long label ", count: 20)),
    ]
    let layout = plot.layout()
    #expect(TextAudit.problems([layout], canvas: Self.canvas).isEmpty, "\(TextAudit.problems([layout], canvas: Self.canvas))")
    let long = layout.texts.filter { $0.role == .lineLabel && $0.text.hasPrefix("a very") }
    #expect(long.count == 1 && long[0].text.hasSuffix("…") && long[0].box.height <= layout.plotArea.height)
  }

  @Test("crowded x tick labels are thinned until they keep apart", arguments: [200.0, 320, 640])
  func tickLabelsThin(width: Double) {
    var plot = LinePlot(xAxis: Axis(label: "x", scale: .log), yAxis: Axis(label: "y"))
    plot.series = [Series("s", xs: [1.234e-17, 9.87e12], ys: [0, 1])]
    var linear = LinePlot(xAxis: Axis(label: "x"), yAxis: Axis(label: "y"))
    linear.series = [Series("s", xs: [123456.7, 123456.9], ys: [0, 1])]
    for p in [plot, linear] {
      let layout = p.layout(width: width, height: 300)
      let problems = TextAudit.problems([layout], canvas: PlotRect(x: 0, y: 0, width: width, height: 300))
      #expect(problems.isEmpty, "\(problems)")
      #expect(layout.x.labelledTicks.count >= 2)
    }
  }

  @Test("one-decade log axes get 1-2-5 labels, written plainly near 1")
  func logOneDecade() {
    let axis = Axis(scale: .log).resolve([5, 8], targetTickCount: 8)
    #expect(axis.labelledTicks.map { $0.label!.plainText } == ["1", "2", "5", "10"])
    let tiny = Axis(scale: .log).resolve([5e-9, 8e-9], targetTickCount: 8)
    #expect(tiny.labelledTicks.count == 4 && tiny.labelledTicks[1].label == .power(mantissa: "2", exponent: -9))
  }

  @Test("the example figures read right")
  func examples() {
    for (name, layouts, canvas) in PlotExamples.layouts {
      let problems = TextAudit.problems(layouts, canvas: canvas)
      #expect(problems.isEmpty, "\(name): \(problems)")
    }
  }
}
