import Bounds
import Plotting

/// Draws an ``ExperimentStatement``'s page: its ``ExperimentPage`` from the
/// units' results, with each ``FigureData`` rendered as an SVG line plot.
public enum ExperimentFigures {
  /// The page supplement of `statement` from a complete result.
  public static func supplement(_ statement: any ExperimentStatement, _ result: ShardResult) throws -> PageSupplement {
    let prefix = statement.id + ":"
    let results = result.extras.filter { $0.key.hasPrefix(prefix) }
    var sup = PageSupplement()
    let page: ExperimentPage
    do {
      page = try statement.experimentPage(results)
    } catch {
      sup.verdict = "experiment failed"
      sup.sections = ["## Experiment\n\nThe experiment's results could not be read: `\(error)`."]
      return sup
    }
    sup.verdict = page.verdict
    sup.cases = page.cases
    sup.worstRelativeSlack = page.worstRelativeSlack
    sup.sections = page.sections
    sup.figures = page.figures.map(draw)
    return sup
  }

  /// One figure as SVG.
  public static func draw(_ f: FigureData) -> LemmaFigures.Figure {
    let markers: [Marker] = [.circle, .square, .triangle, .diamond]
    let series = f.lines.enumerated().map { i, l in
      Series(l.label, xs: l.xs, ys: l.ys, line: l.dashed ? .dashed : .solid, marker: l.markers ? markers[i % markers.count] : .none, colorIndex: i)
    }
    let refs = f.marks.map { m in
      m.vertical ? ReferenceLine.vertical(at: m.value, label: m.label) : ReferenceLine.horizontal(at: m.value, label: m.label)
    }
    let plot = LinePlot(
      title: f.title, xAxis: Axis(label: f.xLabel, scale: f.xLog ? .log : .linear),
      yAxis: Axis(label: f.yLabel, scale: f.yLog ? .log : .linear), series: series, referenceLines: refs)
    return LemmaFigures.Figure(file: f.file, caption: f.caption, plot: plot)
  }
}
