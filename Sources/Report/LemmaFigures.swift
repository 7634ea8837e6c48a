import Bounds
import Plotting

/// Figures of one lemma on a representative case: for each inequality the
/// value and its bound over time; for each identity the defect on the base and
/// the refined trajectory (the rtol-shrink rule made visible).
public enum LemmaFigures {
  /// A figure: file stem, caption, SVG text, and where its texts went.
  public struct Figure: Sendable, Equatable {
    /// File name without folder, e.g. `"L4-1.svg"`.
    public let file: String
    /// One-line caption.
    public let caption: String
    /// The SVG document.
    public let svg: String
    /// The plot of each panel (one for a single plot), as drawn.
    public let plots: [LinePlot]
    /// The layout of each panel, with every text's estimated box.
    public let layouts: [PlotLayout]
    /// The canvas, `(0, 0)` to `(width, height)`.
    public let canvas: PlotRect

    /// Texts that overprint one another or leave the canvas (empty when the figure reads right).
    public var textProblems: [TextAudit.Problem] { TextAudit.problems(layouts, canvas: canvas) }

    /// A figure of one plot on a `width × height` canvas.
    public init(file: String, caption: String, plot: LinePlot, width: Double = 640, height: Double = 400) {
      self.file = file
      self.caption = caption
      svg = plot.svg(width: width, height: height)
      plots = [plot]
      layouts = [plot.layout(width: width, height: height)]
      canvas = PlotRect(x: 0, y: 0, width: width, height: height)
    }

    /// A figure of stacked panels on a `width × height` canvas.
    public init(file: String, caption: String, panels: PanelFigure, width: Double = 640, height: Double = 720) {
      self.file = file
      self.caption = caption
      svg = panels.svg(width: width, height: height)
      plots = panels.panels
      layouts = panels.layouts(width: width, height: height)
      canvas = PlotRect(x: 0, y: 0, width: width, height: height)
    }
  }

  /// At most this many points per series (evenly strided, endpoints kept).
  static let maxPoints = 400

  /// The figures of `lemma` on `descriptor`.
  public static func figures(_ lemma: any Statement, on descriptor: ScenarioSpec, families: PerturbationFamilies) throws -> [Figure] {
    let checkCase = try descriptor.scenario(families: families)
    let context = ScenarioContext(checkCase)
    let base = try lemma.measure(context, on: try context.base(), refined: false)
    let refined = try lemma.measure(context, on: try context.refined(), refined: true)
    var out: [Figure] = []
    for (i, (b, r)) in zip(base, refined).enumerated() where b.notApplicable == nil && !b.times.isEmpty {
      let file = "\(lemma.id)-\(i + 1).svg"
      switch b.kind {
      case .inequality:
        out.append(inequality(b, id: lemma.id, file: file, on: "\(descriptor)"))
      case .identity:
        let tolerances = (checkCase.relativeTolerance, checkCase.relativeTolerance * checkCase.refinement)
        out.append(identity(b, refined: r, tolerances: tolerances, id: lemma.id, file: file, on: "\(descriptor)"))
      }
    }
    return out
  }

  /// The figure of an inequality: the measured quantity (solid) and its bound
  /// (dashed), each labelled by what it is, whichever side of `lhs ≤ rhs` it
  /// was stored on. A log axis when the bound is positive, the positive values
  /// span over two decades, and the values are positive too, or the bound is
  /// an upper one and most values are positive (values ≤ 0 satisfy it
  /// trivially; they are counted in the figure's note and named in the caption).
  public static func inequality(_ c: Conclusion, id: String, file: String, on descriptor: String) -> Figure {
    let (t, value) = thin(c.times, c.values)
    let (_, bound) = thin(c.times, c.bounds)
    let positive = (value + bound).filter { $0 > 0 && $0.isFinite }
    let spread = (positive.max() ?? 1) / max(positive.min() ?? 1, Double.leastNormalMagnitude)
    let nonPositiveValues = value.filter { !($0 > 0) }.count
    let log =
      bound.allSatisfy { $0 > 0 } && spread > 100
      && (nonPositiveValues == 0 || (c.boundIsUpper && 2 * nonPositiveValues < value.count))
    let boundName = c.boundIsUpper ? "upper bound" : "lower bound"
    let plot = LinePlot(
      title: "\(id): \(c.name)",
      xAxis: Axis(label: "t"),
      yAxis: Axis(label: "value and \(boundName)", scale: log ? .log : .linear),
      series: [Series("\(c.quantity) (value)", xs: t, ys: value), Series(boundName, xs: t, ys: bound, line: .dashed)])
    let hidden = log && nonPositiveValues > 0 ? "; values ≤ 0, below the positive bound, are not drawn on the log axis" : ""
    return Figure(file: file, caption: "\(c.name) on \(descriptor): \(c.quantity) solid, its \(boundName) dashed\(hidden)", plot: plot)
  }

  /// The figure of an identity: `|lhs − rhs|` on the base and the refined
  /// trajectory, at their relative tolerances.
  public static func identity(_ base: Conclusion, refined: Conclusion, tolerances: (Double, Double), id: String, file: String, on descriptor: String)
    -> Figure
  {
    let (tb, db) = thin(base.times, zip(base.lhs, base.rhs).map { abs($0 - $1) })
    let (tr, dr) = thin(refined.times, zip(refined.lhs, refined.rhs).map { abs($0 - $1) })
    let plot = LinePlot(
      title: "\(id): defect of \(base.name)",
      xAxis: Axis(label: "t"),
      yAxis: Axis(label: "|left − right|", scale: .log),
      series: [
        Series("rtol \(ReportFormat.compact(tolerances.0))", xs: tb, ys: db),
        Series("rtol \(ReportFormat.compact(tolerances.1))", xs: tr, ys: dr, line: .dashed),
      ])
    return Figure(
      file: file, caption: "defect of \(base.name) on \(descriptor), base and refined tolerance (zeros are not drawn on the log axis)", plot: plot)
  }

  /// Every `k`-th point so that at most ``maxPoints`` remain (the last one kept).
  static func thin(_ t: [Double], _ y: [Double]) -> ([Double], [Double]) {
    guard t.count > maxPoints else { return (t, y) }
    let stride = (t.count + maxPoints - 1) / maxPoints
    var idx = Array(Swift.stride(from: 0, to: t.count, by: stride))
    if idx.last != t.count - 1 { idx.append(t.count - 1) }
    return (idx.map { t[$0] }, idx.map { y[$0] })
  }
}
