import Foundation

/// An experiment statement that can also be checked on one sensing problem
/// (`pgf check --lemma ID --n1 … --m M`): its per-run check (every step of one
/// GD run) applies to a single case, as a lemma's does to one flow case.
public protocol SingleCaseExperiment: ExperimentStatement {
  /// The experiment's units on one case (keys `"<id>:0"`, …). `steps` overrides
  /// the statement's own step count where it has one (`nil`: the statement's default).
  func experimentUnits(case sensingCase: SensingCase, steps: Int?) -> [ExtraUnit]
}

/// Runs an experiment statement outside the report: at a budget (its own sweep,
/// the same units `pgf report` runs) or, for a ``SingleCaseExperiment``, on one
/// case. Used by `pgf check --lemma ID --experiment quick|full` and by the
/// mutation harness's witnesses (scripts/mutate.py, docs/mutations.md).
public enum ExperimentCheck {
  /// The page of `statement` from its units at `budget`, computed in order.
  public static func page(_ statement: any ExperimentStatement, budget: SweepPlan.ExperimentBudget) throws -> ExperimentPage {
    try page(statement, units: statement.experimentUnits(budget: budget))
  }

  /// The page of `statement` on one case (`steps`: see ``SingleCaseExperiment/experimentUnits(case:steps:)``).
  public static func page(_ statement: any SingleCaseExperiment, case sensingCase: SensingCase, steps: Int? = nil) throws -> ExperimentPage {
    try page(statement, units: statement.experimentUnits(case: sensingCase, steps: steps))
  }

  static func page(_ statement: any ExperimentStatement, units: [ExtraUnit]) throws -> ExperimentPage {
    var results: [String: JSONValue] = [:]
    for u in units { results[u.key] = try u.compute() }
    return try statement.experimentPage(results)
  }

  /// The exit status of a page's verdict: 0 `"holds"`, 3 `"VIOLATED …"`, 4 anything else (not applicable).
  public static func exitStatus(_ page: ExperimentPage) -> Int32 {
    if page.verdict == "holds" { return 0 }
    return page.verdict.hasPrefix("VIOLATED") ? 3 : 4
  }
}
