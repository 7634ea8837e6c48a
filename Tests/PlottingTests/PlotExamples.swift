import Plotting
import Foundation

/// Example figures for eyeballing the plot library (see `PlotTests.examples`).
enum PlotExamples {
  /// (file name, SVG) pairs.
  static var all: [(String, String)] {
    [("norm_and_bound", normAndBound().svg()), ("phase_diagram", phaseDiagram().svg(width: 640, height: 760)),
     ("degenerate", degenerate().svg())]
  }

  /// (file name, panel layouts, canvas) of the same figures, for the text audit.
  static var layouts: [(String, [PlotLayout], PlotRect)] {
    let plot = PlotRect(x: 0, y: 0, width: 640, height: 400)
    return [
      ("norm_and_bound", [normAndBound().layout()], plot),
      ("phase_diagram", phaseDiagram().layouts(width: 640, height: 760), PlotRect(x: 0, y: 0, width: 640, height: 760)),
      ("degenerate", [degenerate().layout()], plot),
    ]
  }

  /// A decaying norm and its Gronwall bound on a log axis spanning 1e-8…1e1.
  static func normAndBound() -> LinePlot {
    let ts = (0...400).map { Double($0) * 0.05 }
    let value = ts.map { 2.0 * exp(-0.9 * $0) * (1 + 0.3 * sin(3 * $0)) }
    let bound = ts.map { 5.0 * exp(-0.75 * $0) }
    var plot = LinePlot(
      title: "‖N_U(t)‖_F and its Gronwall bound", xAxis: Axis(label: "t"),
      yAxis: Axis(label: "‖N_U(t)‖_F", scale: .log))
    plot.series = [
      Series("‖N_U(t)‖_F", xs: ts, ys: value),
      Series("Gronwall bound", xs: ts, ys: bound, line: .dashed),
    ]
    plot.referenceLines = [.horizontal(at: 1e-6, label: "tolerance 1e-6", line: .dotted)]
    return plot
  }

  /// Final error and convergence time versus perturbation size for three families.
  static func phaseDiagram() -> PanelFigure {
    let s = (0...30).map { Double($0) * 0.1 }
    let families: [(String, Double, Marker)] = [("fixed", 1.35, .circle), ("rotating", 1.6, .square), ("greedy", 1.15, .triangle)]
    var error = LinePlot(
      title: "Final error vs perturbation size", xAxis: Axis(label: "perturbation size s"),
      yAxis: Axis(label: "final error ‖UVᵀ − M‖_F", scale: .log))
    var time = LinePlot(
      title: "Convergence time vs perturbation size", xAxis: Axis(label: "perturbation size s"),
      yAxis: Axis(label: "convergence time"))
    for (name, threshold, marker) in families {
      error.series.append(Series(name, xs: s, ys: s.map { $0 < threshold ? 1e-9 * exp(3 * $0) : 0.05 * $0 }, marker: marker))
      time.series.append(Series(name, xs: s, ys: s.map { $0 < threshold ? 8 / (threshold - $0 + 0.2) : .nan }, marker: marker))
    }
    let lines: [ReferenceLine] = [.vertical(at: 1, label: "bound (s = 1)"), .vertical(at: 1.15, label: "sharp threshold", line: .dotted)]
    error.referenceLines = lines
    time.referenceLines = lines
    error.shadedIntervals = [ShadedInterval(from: 0, to: 1, label: "hypothesis holds")]
    time.shadedIntervals = error.shadedIntervals
    return PanelFigure(panels: [error, time])
  }

  /// Robustness cases in one plot: a single point, a constant series, NaNs.
  static func degenerate() -> LinePlot {
    var plot = LinePlot(title: "degenerate <cases> & \"quotes\"", xAxis: Axis(label: "x"), yAxis: Axis(label: "y"))
    plot.series = [
      Series("single point", xs: [1], ys: [2]),
      Series("constant", xs: [0, 1, 2], ys: [2, 2, 2], line: .dotted),
      Series("with NaN", xs: [0, 0.5, 1, 1.5, 2], ys: [1, .nan, 1.5, .infinity, 1.8], marker: .diamond),
    ]
    return plot
  }
}
