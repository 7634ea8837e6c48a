import Bounds
import Foundation
import Plotting
import Proofs

/// The validated-mode page (`proofs.md`): the prose of `Resources/proofs.md`,
/// then the proved instances of this report (every statement decided on the
/// enclosures of ``ProofInstance/report``) and the enclosure width against t;
/// and the index's "proved (validated)" column.
public enum ProofPage {
  /// The page's file name in the docs folder.
  public static let file = "proofs.md"

  /// The unit key of an instance.
  public static func key(_ instance: ProofInstance) -> String { "proof:\(instance.key)" }

  /// The outcome of `statement` on each report instance that has a result.
  static func outcomes(_ statement: String, _ result: ShardResult) -> [(ProofInstance, String)] {
    ProofInstance.report.compactMap { instance in
      guard let json = result.extras[key(instance)], case .string(let outcome)? = json[statement]?["outcome"] else { return nil }
      return (instance, outcome)
    }
  }

  /// The index cell of a statement id: `"2 of 2"` proved instances, or `"—"` when it is not provable here.
  public static func indexCell(_ id: String, _ result: ShardResult) -> String {
    let rows = outcomes(id, result)
    guard !rows.isEmpty else { return "—" }
    return "[\(rows.filter { $0.1 == "proved" }.count) of \(rows.count)](proofs.md)"
  }

  /// The page and its figure, or `nil` when the result has no proof units.
  public static func page(_ result: ShardResult, provenance: String) -> (markdown: String, figure: LemmaFigures.Figure)? {
    let prose = (try? StaticDocs.text(file)) ?? "# Validated mode\n"
    let statements = ProofStatement.allCases
    var table = MarkdownTable(["instance"] + statements.map { $0.isNegativeControl ? "\($0.rawValue) (control)" : $0.rawValue } + ["steps", "max width"])
    var series: [Series] = []
    var any = false
    for (i, instance) in ProofInstance.report.enumerated() {
      guard let json = result.extras[key(instance)] else { continue }
      any = true
      if case .string(let error)? = json["error"] {
        table.append([instance.label] + statements.map { _ in "error" } + ["—", error])
        continue
      }
      var row = [instance.label]
      for s in statements {
        if case .string(let o)? = json[s.rawValue]?["outcome"] { row.append(o) } else { row.append("—") }
      }
      let first = json[statements[0].rawValue]
      row.append(first?["steps"]?.doubleValue.map { String(Int($0)) } ?? "—")
      row.append(first?["maxWidth"]?.doubleValue.map { ReportFormat.significant($0) } ?? "—")
      table.append(row)
      if case .array(let widths)? = json["widths"] {
        var ts: [Double] = [], ws: [Double] = []
        for w in widths {
          guard case .array(let v) = w, v.count >= 2, let t = v[0].doubleValue, let width = v[1].doubleValue else { continue }
          ts.append(t)
          ws.append(width)
        }
        series.append(Series("step-end width, \(instance.perturbation)", xs: ts, ys: ws, colorIndex: i))
      }
    }
    guard any else { return nil }
    let plot = LinePlot(
      title: "Validated enclosures on 3×2, k = 2, r = 1: width against t",
      xAxis: Axis(label: "t"), yAxis: Axis(label: "width of the step-end enclosure", scale: .log), series: series)
    let figure = LemmaFigures.Figure(
      file: "proof-widths.svg", caption: "width of the validated step-end enclosure against t (report instances)", plot: plot)
    let generated = """
      ## Proved instances of this report

      \(provenance) Each instance is integrated once by the validated integrator (order 12, remainder \
      tolerance 1e-13, steps ≤ 0.25) and every statement is decided on the same enclosures. The planted \
      wrong statements (controls) must come out *refuted* or *undecided*; with `E = 0`, `L4-noforcing` is \
      the same statement as L4 and true, so *proved* is correct there.

      \(table.text)
      ![enclosure width against t](figures/\(figure.file))

      """
    return (prose + "\n" + generated, figure)
  }
}
