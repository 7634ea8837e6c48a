import Bounds
import Plotting

/// Figures of one lemma on a representative case: for each inequality the
/// value and its bound over time; for each identity the defect on the base and
/// the refined trajectory (the rtol-shrink rule made visible).
public enum LemmaFigures {
  /// A figure: file stem, caption and SVG text.
  public struct Figure: Sendable, Equatable {
    /// File name without folder, e.g. `"L4-1.svg"`.
    public let file: String
    /// One-line caption.
    public let caption: String
    /// The SVG document.
    public let svg: String
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
        let (t, lhs) = thin(b.times, b.lhs)
        let (_, rhs) = thin(b.times, b.rhs)
        let values = lhs + rhs
        let positive = values.allSatisfy { $0 > 0 }
        let spread = (values.max() ?? 1) / max(values.min() ?? 1, Double.leastNormalMagnitude)
        let plot = LinePlot(
          title: "\(lemma.id): \(b.name)",
          xAxis: Axis(label: "t"),
          yAxis: Axis(label: "value", scale: positive && spread > 100 ? .log : .linear),
          series: [Series("left side", xs: t, ys: lhs), Series("right side (bound)", xs: t, ys: rhs, line: .dashed)])
        out.append(Figure(file: file, caption: "\(b.name) on \(descriptor) (left side solid, bound dashed)", svg: plot.svg()))
      case .identity:
        let (tb, db) = thin(b.times, zip(b.lhs, b.rhs).map { abs($0 - $1) })
        let (tr, dr) = thin(r.times, zip(r.lhs, r.rhs).map { abs($0 - $1) })
        let plot = LinePlot(
          title: "\(lemma.id): defect of \(b.name)",
          xAxis: Axis(label: "t"),
          yAxis: Axis(label: "|left − right|", scale: .log),
          series: [
            Series("rtol \(ReportFormat.compact(checkCase.relativeTolerance))", xs: tb, ys: db),
            Series("rtol \(ReportFormat.compact(checkCase.relativeTolerance * checkCase.refinement))", xs: tr, ys: dr, line: .dashed),
          ])
        out.append(Figure(file: file, caption: "defect of \(b.name) on \(descriptor), base and refined tolerance (zeros are not drawn on the log axis)", svg: plot.svg()))
      }
    }
    return out
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
