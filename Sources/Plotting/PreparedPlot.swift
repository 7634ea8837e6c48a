/// A series reduced to drawable runs: maximal stretches of consecutive
/// points that can be placed on both axes.
struct PreparedSeries {
  /// The original series.
  let series: Series
  /// Its stroke colour.
  let color: String
  /// Runs of placeable points, in data units; a gap separates runs.
  let runs: [[(x: Double, y: Double)]]
}

/// A plot's data after filtering, with the values the axes must cover.
struct PreparedPlot {
  /// The series, in order.
  let series: [PreparedSeries]
  /// What was dropped.
  let omitted: OmittedPoints
  /// The x values of all placeable points and vertical reference lines.
  let xValues: [Double]
  /// The y values of all placeable points and horizontal reference lines.
  let yValues: [Double]
  /// Whether there is no placeable point at all.
  var isEmpty: Bool { series.allSatisfy { $0.runs.isEmpty } }
}

extension LinePlot {
  /// Splits every series into runs of placeable points and counts the rest.
  func prepare() -> PreparedPlot {
    var omitted = OmittedPoints()
    var xValues: [Double] = [], yValues: [Double] = []
    var prepared: [PreparedSeries] = []
    for (index, s) in series.enumerated() {
      let count = Swift.min(s.xs.count, s.ys.count)
      omitted.unpaired += Swift.max(s.xs.count, s.ys.count) - count
      var runs: [[(x: Double, y: Double)]] = []
      var run: [(x: Double, y: Double)] = []
      for i in 0..<count {
        let x = s.xs[i], y = s.ys[i]
        if xAxis.canShow(x) && yAxis.canShow(y) {
          run.append((x, y))
          xValues.append(x)
          yValues.append(y)
          continue
        }
        if !x.isFinite || !y.isFinite { omitted.nonFinite += 1 } else { omitted.nonPositiveOnLogAxis += 1 }
        if !run.isEmpty { runs.append(run) }
        run = []
      }
      if !run.isEmpty { runs.append(run) }
      prepared.append(PreparedSeries(series: s, color: Palette.color(s.colorIndex ?? index), runs: runs))
    }
    for line in referenceLines {
      switch line.orientation {
      case .vertical: if xAxis.canShow(line.value) { xValues.append(line.value) }
      case .horizontal: if yAxis.canShow(line.value) { yValues.append(line.value) }
      }
    }
    return PreparedPlot(series: prepared, omitted: omitted, xValues: xValues, yValues: yValues)
  }
}
