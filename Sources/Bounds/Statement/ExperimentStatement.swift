/// A statement checked by an experiment of its own rather than on the sweep
/// plan's flow cases: gradient descent against the flow, a phase transition in
/// the number of measurements, an exponent measured by a sweep. The report
/// runs its ``experimentUnits(budget:)`` (sharded like every other unit, each a
/// deterministic JSON result) and turns the results into the page with
/// ``experimentPage(_:)``.
public protocol ExperimentStatement: Statement {
  /// The units of the experiment at a plan's budget (keys must start with `"<id>:"`).
  func experimentUnits(budget: SweepPlan.ExperimentBudget) -> [ExtraUnit]
  /// The verdict, the page's sections and its figures from the units' results (by key).
  func experimentPage(_ results: [String: JSONValue]) throws -> ExperimentPage
}

extension ExperimentStatement {
  /// Experiments are not checked on a flow trajectory: a single scenario gives no conclusion.
  public func measure(_ context: ScenarioContext, on trajectory: Trajectory, refined: Bool) throws -> [Conclusion] {
    [.skipped(title, reason: "checked by its own experiment (pgf report), not on one flow trajectory")]
  }
}

/// What an experiment statement's page shows: the verdict for the index, the
/// Markdown sections and the figures as data (the report draws them).
public struct ExperimentPage: Sendable {
  /// The index's verdict column, e.g. `"holds"`, `"VIOLATED (1 of 6)"`, `"not applicable"`.
  public var verdict: String
  /// The index's "cases checked" column, e.g. `"6 step sizes × 3 problems"`.
  public var cases: String
  /// The index's worst-relative-slack column (already formatted), if the statement has one.
  public var worstRelativeSlack: String?
  /// Markdown sections appended to the page (each starts with `## `).
  public var sections: [String]
  /// Figures, drawn by the report.
  public var figures: [FigureData]

  /// A page.
  public init(verdict: String, cases: String, worstRelativeSlack: String? = nil, sections: [String] = [], figures: [FigureData] = []) {
    self.verdict = verdict
    self.cases = cases
    self.worstRelativeSlack = worstRelativeSlack
    self.sections = sections
    self.figures = figures
  }
}

/// A line plot described as data, so statements can ask for figures without
/// depending on the plotting module (the report draws it).
public struct FigureData: Sendable, Equatable {
  /// One data series.
  public struct Line: Sendable, Equatable {
    /// Legend label (say what the quantity is).
    public var label: String
    /// Abscissae.
    public var xs: [Double]
    /// Ordinates.
    public var ys: [Double]
    /// Draw markers at the points (sweeps) rather than a bare line (time series).
    public var markers: Bool
    /// Dashed (references, fits) rather than solid.
    public var dashed: Bool

    /// A series.
    public init(_ label: String, xs: [Double], ys: [Double], markers: Bool = true, dashed: Bool = false) {
      self.label = label
      self.xs = xs
      self.ys = ys
      self.markers = markers
      self.dashed = dashed
    }
  }

  /// A labelled vertical (`x = value`) or horizontal (`y = value`) line.
  public struct Mark: Sendable, Equatable {
    /// `true`: vertical at x = value; `false`: horizontal at y = value.
    public var vertical: Bool
    /// Where.
    public var value: Double
    /// Its label, e.g. `"dof = r(n1 + n2 − r)"`.
    public var label: String

    /// A mark.
    public init(vertical: Bool, at value: Double, label: String) {
      self.vertical = vertical
      self.value = value
      self.label = label
    }
  }

  /// File name in `figures/`, e.g. `"C3-1.svg"`.
  public var file: String
  /// One-line caption.
  public var caption: String
  /// Title above the plot.
  public var title: String
  /// Horizontal axis label.
  public var xLabel: String
  /// Vertical axis label.
  public var yLabel: String
  /// Logarithmic horizontal axis.
  public var xLog: Bool
  /// Logarithmic vertical axis.
  public var yLog: Bool
  /// The series.
  public var lines: [Line]
  /// Reference lines.
  public var marks: [Mark]

  /// A figure.
  public init(
    file: String, caption: String, title: String, xLabel: String, yLabel: String, xLog: Bool = false, yLog: Bool = false,
    lines: [Line], marks: [Mark] = []
  ) {
    self.file = file
    self.caption = caption
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.xLog = xLog
    self.yLog = yLog
    self.lines = lines
    self.marks = marks
  }
}
