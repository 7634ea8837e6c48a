import Plotting
import Foundation
import Testing

@Suite("Plot")
struct PlotTests {
  // MARK: Axes

  @Test("log axis: major ticks at consecutive decades covering the data")
  func logDecades() {
    let axis = Axis(scale: .log).resolve([3e-8, 0.5, 7.0], targetTickCount: 12)
    let majors = axis.ticks.filter(\.isMajor)
    #expect(axis.lower <= 3e-8 && axis.upper >= 7)
    #expect(axis.lower == 1e-8 && axis.upper == 10)
    let exponents = majors.map { log10($0.value) }
    #expect(exponents == (-8...1).map(Double.init))
    #expect(majors.allSatisfy { $0.label == .power(mantissa: nil, exponent: Int(log10($0.value).rounded())) })
    // Minor ticks at 2…9 × 10ᵏ, none labelled, strictly between decades.
    let minors = axis.ticks.filter { !$0.isMajor }
    #expect(minors.count == 9 * 8)
    #expect(minors.allSatisfy { $0.label == nil })
    #expect(axis.ticks.map(\.value) == axis.ticks.map(\.value).sorted())
  }

  @Test("log axis: many decades are labelled every k-th decade, minor ticks optional")
  func logManyDecades() {
    let axis = Axis(scale: .log, minorTicks: false).resolve([1e-30, 1e10], targetTickCount: 8)
    let exponents = axis.ticks.map { Int(log10($0.value).rounded()) }
    #expect(axis.ticks.allSatisfy { $0.isMajor })
    #expect(exponents.count <= 9 && exponents.count >= 3)
    let steps = Set(zip(exponents.dropFirst(), exponents).map { $0 - $1 })
    #expect(steps.count == 1 && steps.first! > 1)
    #expect(axis.lower <= 1e-30 && axis.upper >= 1e10)
  }

  @Test("log axis: non-positive and non-finite values are ignored")
  func logIgnoresNonPositive() {
    let axis = Axis(scale: .log).resolve([-5, 0, .nan, .infinity, 2e-3, 4e-1], targetTickCount: 6)
    #expect(axis.lower == 1e-3 && axis.upper == 1)
    #expect(axis.fraction(of: 0) == nil && axis.fraction(of: -1) == nil && axis.fraction(of: .nan) == nil)
  }

  @Test("log axis within one decade still gets at least two labels")
  func logNarrow() {
    let axis = Axis(scale: .log, range: 2...8).resolve([], targetTickCount: 6)
    #expect(axis.lower == 2 && axis.upper == 8)
    #expect(axis.labelledTicks.count >= 2)
    #expect(axis.ticks.allSatisfy { $0.value >= 2 && $0.value <= 8 })
  }

  @Test("linear axis: equally spaced ticks with a 1-2-5 step, covering the data")
  func linearNice() {
    for (values, target) in [([0.0, 3.0], 6), ([-0.013, 0.047], 5), ([1234.0, 98765.0], 7), ([0.31, 0.32], 4)] {
      let axis = Axis().resolve(values, targetTickCount: target)
      let v = axis.ticks.map(\.value)
      #expect(axis.lower <= values.min()! && axis.upper >= values.max()!)
      #expect(v.first == axis.lower && v.last == axis.upper, "auto range ends on ticks")
      #expect(v.count >= 2 && v.count <= 3 * target + 1)
      let step = v[1] - v[0]
      #expect(zip(v.dropFirst(), v).allSatisfy { abs(($0 - $1) - step) <= 1e-9 * step })
      let mantissa = step / pow(10, floor(log10(step)))
      #expect([1.0, 2.0, 5.0].contains { abs(mantissa - $0) < 1e-6 }, "step \(step)")
    }
  }

  @Test("linear tick labels: fixed decimals from the step, no -0, powers for extremes")
  func linearLabels() {
    let a = Axis().resolve([0, 1], targetTickCount: 5)
    #expect(a.ticks.compactMap { $0.label?.plainText } == ["0", "0.2", "0.4", "0.6", "0.8", "1.0"])
    let b = Axis().resolve([-0.5, 0.5], targetTickCount: 2)
    #expect(b.ticks.compactMap { $0.label?.plainText } == ["-0.5", "0", "0.5"])
    let c = Axis().resolve([0, 3e-6], targetTickCount: 3)
    #expect(c.labelledTicks.dropFirst().allSatisfy {
      if case .power(_, -6) = $0.label! { return true } else { return false }
    })
    #expect(c.labelledTicks.last?.label?.plainText == "3e-06")
  }

  @Test("degenerate ranges are padded around the value")
  func degenerate() {
    for value in [0.0, 5.0, -2e-7, 1e12] {
      let axis = Axis().resolve([value, value, value], targetTickCount: 5)
      #expect(axis.lower < value && axis.upper > value, "\(value)")
      #expect(axis.fraction(of: value)! > 0.2 && axis.fraction(of: value)! < 0.8)
    }
    let log = Axis(scale: .log).resolve([1e-3], targetTickCount: 5)
    #expect(log.lower < 1e-3 && log.upper > 1e-3)
    let empty = Axis().resolve([], targetTickCount: 5)
    #expect(empty.lower == 0 && empty.upper == 1)
  }

  @Test("mapping is strictly increasing and sends the range ends to 0 and 1")
  func monotone() {
    for scale in [Scale.linear, .log] {
      let axis = Axis(scale: scale).resolve([1e-4, 250], targetTickCount: 6)
      let probes = (0...60).map { 1e-4 * pow(250 / 1e-4, Double($0) / 60) }
      let fractions = probes.compactMap(axis.fraction(of:))
      #expect(fractions.count == probes.count)
      #expect(zip(fractions.dropFirst(), fractions).allSatisfy { $0 > $1 })
      #expect(abs(axis.fraction(of: axis.lower)!) < 1e-12 && abs(axis.fraction(of: axis.upper)! - 1) < 1e-12)
    }
  }

  // MARK: Rendering

  @Test("every drawn point lies inside the plot area, in data order")
  func pointsInside() {
    let xs = (0...40).map { Double($0) / 4 }
    var plot = LinePlot(xAxis: Axis(label: "t"), yAxis: Axis(label: "v", scale: .log))
    plot.series = [Series("decay", xs: xs, ys: xs.map { exp(-2 * $0) }, marker: .circle)]
    let layout = plot.layout()
    let svg = plot.svg()
    let lines = polylines(svg)
    #expect(lines.count == 1)
    let pts = lines.flatMap { $0 }
    #expect(pts.count == xs.count)
    #expect(pts.allSatisfy { layout.plotArea.contains($0.0, $0.1, tolerance: 0.006) })
    #expect(zip(pts.dropFirst(), pts).allSatisfy { $0.0 > $1.0 && $0.1 > $1.1 }, "x right, decreasing y goes down")
    // The pixel positions agree with the layout's mapping.
    let expected = layout.pixel(x: xs[7], y: exp(-2 * xs[7]))!
    #expect(abs(pts[7].0 - expected.x) <= 0.005 && abs(pts[7].1 - expected.y) <= 0.005)
    #expect(svg.components(separatedBy: "<circle").count - 1 == xs.count + 1, "one per point, one in the legend")
  }

  @Test("fixed ranges clip lines at the plot area edge")
  func clipping() {
    var plot = LinePlot(xAxis: Axis(range: 0...1), yAxis: Axis(range: 0...1))
    plot.series = [Series("", xs: [-1, 0.5, 2], ys: [0.5, 0.5, 3])]
    let layout = plot.layout()
    let pts = polylines(plot.svg()).flatMap { $0 }
    #expect(pts.count == 3)
    #expect(pts.allSatisfy { layout.plotArea.contains($0.0, $0.1, tolerance: 0.006) })
    #expect(abs(pts[0].0 - layout.plotArea.x) < 0.01)
  }

  @Test("NaN and infinities are skipped, break the line, and never reach the SVG")
  func nonFinite() {
    var plot = LinePlot(yAxis: Axis(scale: .log))
    plot.series = [
      Series("a", xs: [0, 1, 2, 3, 4, 5], ys: [1, 2, .nan, 4, -1, 8]),
      Series("b", xs: [.infinity, 1, 2], ys: [1, 1, 1, 9]),
    ]
    let svg = plot.svg()
    #expect(plot.omitted == OmittedPoints(nonFinite: 2, nonPositiveOnLogAxis: 1, unpaired: 1))
    #expect(!svg.lowercased().contains("nan") && !svg.lowercased().contains("inf"))
    #expect(polylines(svg).map(\.count) == [2, 2])  // a: [0,1] and [3] (dot), [5] (dot); b: [1,2]
    #expect(svg.contains("omitted: 1 non-positive (log scale), 2 non-finite, 1 unpaired"))
    #expect(isWellFormed(svg))
  }

  @Test("text is XML-escaped everywhere")
  func escaping() {
    let nasty = "a < b & c > \"d\" 'e'\u{7}"
    var plot = LinePlot(title: nasty, xAxis: Axis(label: nasty), yAxis: Axis(label: nasty))
    plot.series = [Series(nasty, xs: [0, 1], ys: [0, 1])]
    plot.referenceLines = [.vertical(at: 0.5, label: nasty), .horizontal(at: 0.5, label: nasty)]
    plot.shadedIntervals = [ShadedInterval(from: 0.2, to: 0.4, label: nasty)]
    let svg = plot.svg()
    let escaped = "a &lt; b &amp; c &gt; &quot;d&quot; &apos;e&apos;"
    #expect(svg.components(separatedBy: escaped).count - 1 == 7)
    #expect(!svg.contains("\u{7}") && !svg.contains("a < b"))
    #expect(isWellFormed(svg))
  }

  @Test("empty, single-point and constant series render sensibly")
  func degenerateSeries() {
    var empty = LinePlot(title: "empty")
    empty.series = [Series("nothing", xs: [], ys: [])]
    let e = empty.svg()
    #expect(e.contains(">no data<") && isWellFormed(e) && polylines(e).isEmpty)

    var single = LinePlot(yAxis: Axis(scale: .log))
    single.series = [Series("one", xs: [2], ys: [3e-5])]
    #expect(circles(single.svg()).count == 2, "the dot and its legend sample")
    single.legend = .hidden
    let layout = single.layout()
    let s = single.svg()
    let dot = circles(s)
    #expect(dot.count == 1)
    #expect(layout.plotArea.contains(dot[0].0, dot[0].1))
    #expect(layout.x.lower < 2 && layout.x.upper > 2 && layout.y.lower < 3e-5 && layout.y.upper > 3e-5)

    var flat = LinePlot()
    flat.series = [Series("flat", xs: [1, 2, 3], ys: [7, 7, 7])]
    let f = flat.layout()
    let pts = polylines(flat.svg()).flatMap { $0 }
    #expect(pts.count == 3 && Set(pts.map(\.1)).count == 1)
    #expect(pts[0].1 > f.plotArea.y + 1 && pts[0].1 < f.plotArea.maxY - 1, "constant line inside, not on the frame")
  }

  @Test("output is deterministic and uses two-decimal coordinates")
  func deterministic() {
    func make() -> LinePlot {
      var p = LinePlot(title: "t", xAxis: Axis(label: "x"), yAxis: Axis(label: "y", scale: .log))
      p.series = (0..<3).map { k in
        Series("s\(k)", xs: (0...50).map { Double($0) / 7 }, ys: (0...50).map { exp(-Double(k + 1) * Double($0) / 7) })
      }
      p.referenceLines = [.vertical(at: 1, label: "bound (s = 1)")]
      return p
    }
    let a = make().svg(), b = make().svg()
    #expect(a == b)
    let numbers = polylines(a).flatMap { $0 }.count
    #expect(numbers > 0)
    let coordinate = /points="([^"]*)"/
    for match in a.matches(of: coordinate) {
      for pair in match.1.split(separator: " ") {
        #expect(pair.split(separator: ",").allSatisfy { $0.split(separator: ".").last?.count == 2 })
      }
    }
  }

  @Test("series get distinct palette colours and one legend entry each")
  func coloursAndLegend() {
    var plot = LinePlot()
    plot.series = (0..<4).map { Series("family \($0)", xs: [0, 1], ys: [Double($0), Double($0) + 1]) }
    let svg = plot.svg()
    let strokes = svg.matches(of: /<polyline[^>]*stroke="(#[0-9A-F]{6})"/).map { String($0.1) }
    #expect(strokes == Array(Palette.okabeIto.prefix(4)))
    for k in 0..<4 { #expect(svg.contains(">family \(k)</text>")) }
  }

  @Test("legend goes into a free corner, or outside when every corner is covered")
  func legendPlacement() {
    // Data only in the bottom-left: the legend takes the top right, inside, covering nothing.
    var sparse = LinePlot(xAxis: Axis(range: 0...10), yAxis: Axis(range: 0...1))
    let sx = [0.0, 1, 2, 3], sy = [0.0, 0.1, 0.2, 0.3]
    sparse.series = [Series("rising", xs: sx, ys: sy, marker: .square)]
    let s = sparse.layout()
    let box = try! #require(s.legend)
    #expect(!s.legendIsOutside && box.x > s.plotArea.x + s.plotArea.width / 2 && box.y < s.plotArea.y + s.plotArea.height / 2)
    for (x, y) in zip(sx, sy) {
      let p = s.pixel(x: x, y: y)!
      #expect(!box.contains(p.x, p.y, tolerance: 3))
    }
    // Zig-zag through all four corners: no free corner, so outside on the right.
    var dense = LinePlot()
    let xs = (0...200).map { Double($0) / 200 }
    dense.series = [
      Series("up", xs: xs, ys: xs.map { $0 + 0.3 * sin(40 * $0) }),
      Series("down", xs: xs, ys: xs.map { 1 - $0 + 0.3 * cos(40 * $0) }),
    ]
    let d = dense.layout()
    let outside = try! #require(d.legend)
    #expect(d.legendIsOutside && outside.x >= d.plotArea.maxX && outside.maxX <= d.frame.maxX)
    // Unnamed series: no legend.
    var anonymous = LinePlot()
    anonymous.series = [Series("", xs: [0, 1], ys: [0, 1])]
    #expect(anonymous.layout().legend == nil)
  }

  @Test("reference lines and shaded interval sit at their data values")
  func referenceLinesAndBands() {
    var plot = LinePlot(xAxis: Axis(range: 0...3))
    plot.series = [Series("e", xs: [0, 3], ys: [1, 2])]
    plot.referenceLines = [.vertical(at: 1, label: "bound (s = 1)"), .horizontal(at: 5, label: "cap", line: .dotted)]
    plot.shadedIntervals = [ShadedInterval(from: -.infinity, to: 1, label: "hypothesis holds")]
    let layout = plot.layout()
    let svg = plot.svg()
    #expect(layout.y.upper >= 5, "reference values count towards the range")
    let x1 = layout.pixel(x: 1, y: 1)!.x
    let vertical = svg.matches(of: /<line x1="([0-9.]+)" y1="([0-9.]+)" x2="([0-9.]+)" y2="([0-9.]+)" stroke="#444444"[^>]*stroke-dasharray/)
    #expect(vertical.contains { abs(Double($0.1)! - x1) < 0.01 && Double($0.1) == Double($0.3) })
    let band = try! #require(svg.firstMatch(of: /<rect x="([0-9.]+)" y="[0-9.]+" width="([0-9.]+)"[^>]*fill-opacity/))
    #expect(abs(Double(band.1)! - layout.plotArea.x) < 0.01 && abs(Double(band.1)! + Double(band.2)! - x1) < 0.02)
    #expect(svg.contains(">bound (s = 1)</text>") && svg.contains(">hypothesis holds</text>") && svg.contains(">cap</text>"))
  }

  @Test("tick label notations: superscripts in tspans with a true minus, or e-notation")
  func notations() {
    var plot = LinePlot(yAxis: Axis(scale: .log))
    plot.series = [Series("", xs: [0, 1], ys: [1e-6, 1e-2])]
    let sup = plot.svg()
    #expect(sup.contains("10<tspan") && sup.contains(">\u{2212}6</tspan>"))
    plot.yAxis.notation = .eNotation
    let plain = plot.svg()
    #expect(!plain.contains("<tspan") && plain.contains(">1e-06</text>") && plain.contains(">1e-02</text>"))
  }

  @Test("panel figure: panels stacked, plot areas aligned, x range shared")
  func panels() {
    var top = LinePlot(title: "final error", yAxis: Axis(label: "error", scale: .log))
    top.series = [Series("a", xs: [0, 1, 2, 3], ys: [1e-9, 1e-7, 1e-3, 1])]
    var bottom = LinePlot(title: "convergence time", yAxis: Axis(label: "time (a long label 123456)"))
    bottom.series = [Series("a", xs: [0.5, 1, 1.5], ys: [10, 20, 400000])]
    let figure = PanelFigure(panels: [top, bottom])
    let layouts = figure.layouts(width: 640, height: 720)
    #expect(layouts.count == 2)
    #expect(layouts[0].plotArea.x == layouts[1].plotArea.x && layouts[0].plotArea.maxX == layouts[1].plotArea.maxX)
    #expect(layouts[0].frame.maxY <= layouts[1].frame.y && layouts[0].plotArea.maxY < layouts[1].plotArea.y)
    #expect(layouts[0].x.lower == layouts[1].x.lower && layouts[0].x.upper == layouts[1].x.upper)
    let svg = figure.svg(width: 640, height: 720)
    #expect(svg.hasPrefix("<svg") && svg.contains("height=\"720.00\"") && isWellFormed(svg))
    #expect(svg.contains("<g id=\"p0\">") && svg.contains("<g id=\"p1\">"))
    let pts = polylines(svg)
    #expect(pts.count == 2)
    #expect(pts[1].allSatisfy { layouts[1].plotArea.contains($0.0, $0.1, tolerance: 0.006) })
  }

  /// Writes the example figures to `$PGF_PLOT_EXAMPLES` (a directory) when set; for looking at them.
  @Test(
    "example figures written to $PGF_PLOT_EXAMPLES (skipped unless set)",
    .enabled(if: ProcessInfo.processInfo.environment["PGF_PLOT_EXAMPLES"] != nil, "set PGF_PLOT_EXAMPLES=DIR to write the example figures"))
  func examples() throws {
    let dir = try #require(ProcessInfo.processInfo.environment["PGF_PLOT_EXAMPLES"])
    var written = 0
    for (name, svg) in PlotExamples.all {
      try svg.write(toFile: dir + "/" + name + ".svg", atomically: true, encoding: .utf8)
      written += 1
    }
    #expect(written == PlotExamples.all.count && written > 0)
  }
}

/// The polylines' points, in pixels.
private func polylines(_ svg: String) -> [[(Double, Double)]] {
  svg.matches(of: /<polyline points="([^"]*)"/).map { m in
    m.1.split(separator: " ").map { pair in
      let c = pair.split(separator: ",").map { Double($0)! }
      return (c[0], c[1])
    }
  }
}

/// The circles' centres, in pixels.
private func circles(_ svg: String) -> [(Double, Double)] {
  svg.matches(of: /<circle cx="([-0-9.]+)" cy="([-0-9.]+)"/).map { (Double($0.1)!, Double($0.2)!) }
}

/// A small XML check: balanced tags, quoted attributes, and text and
/// attribute values free of raw `<` and of `&` outside entities.
private func isWellFormed(_ svg: String) -> Bool {
  var stack: [Substring] = []
  var rest = Substring(svg)
  let entity = /&(amp|lt|gt|quot|apos);/
  func textOK(_ t: Substring) -> Bool {
    t.replacing(entity, with: "").allSatisfy { $0 != "&" && $0 != "<" && $0 != ">" }
  }
  while let open = rest.firstIndex(of: "<") {
    guard textOK(rest[..<open]) else { return false }
    guard let match = rest[open...].prefixMatch(of: /<(\/?)([a-zA-Z]+)((?:\s+[a-zA-Z0-9:-]+="[^"<]*")*)\s*(\/?)>/) else { return false }
    let (_, closing, name, attributes, selfClosing) = match.output
    guard textOK(attributes.replacing(/="|"/, with: " ")) else { return false }
    if !closing.isEmpty {
      guard stack.popLast() == name else { return false }
    } else if selfClosing.isEmpty {
      stack.append(name)
    }
    rest = rest[match.range.upperBound...]
  }
  return stack.isEmpty && textOK(rest)
}
