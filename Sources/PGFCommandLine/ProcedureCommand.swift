import Bounds
import Foundation

/// `pgf calibrate` and `pgf diagnose`: the claims' procedures, which print their records.
enum ProcedureCommand {
  static let calibrateHelp = """
    usage: pgf calibrate [--first]

    Re-runs the calibration of the claims' constants (Calibration.run on
    Calibration.calibrationSet; --first: the first, narrower set) and prints the
    constants and the record. Progress goes to stderr. Minutes in a release build.
    Compare with ClaimConstants.calibrated: the constants are copied once, never tuned.
    """

  static let diagnoseHelp = """
    usage: pgf diagnose

    Prints the diagnosis of the first calibration's validation failure (one line per
    problem: σ_r(S(0))/α̂ and the claims' settling times in units of ln(σ₁/α̂)/σ_r).
    """

  static func calibrate(_ tokens: [String]) throws -> String {
    let args = try Arguments(tokens, valued: [], switches: ["first"])
    guard args.positional.isEmpty else { throw UsageError("unexpected argument '\(args.positional[0])'") }
    let problems = args.has("first") ? Calibration.firstCalibrationSet : Calibration.calibrationSet
    let policy = Calibration.Policy()
    let result = try Calibration.run(problems, policy: policy) { standardError("pgf calibrate: " + $0) }
    let date = ISO8601DateFormatter().string(from: Date())
    return result.record(date: date, problems: problems, policy: policy) + "\ncurrent ClaimConstants.calibrated: \(ClaimConstants.calibrated)"
  }

  static func diagnose(_ tokens: [String]) throws -> String {
    let args = try Arguments(tokens, valued: [], switches: [])
    guard args.positional.isEmpty else { throw UsageError("pgf diagnose takes no arguments") }
    return try ClaimDiagnosis.run { standardError("pgf diagnose: " + $0) }.joined(separator: "\n")
  }
}
