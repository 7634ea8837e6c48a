import Bounds
import Flow
import Foundation
import Testing

/// Re-runs the calibration of ``ClaimConstants`` and prints the constants and
/// the record (only with `PGF_CALIBRATE=1`; minutes in debug).
@Suite("ClaimCalibration")
struct ClaimCalibrationTests {
  @Test("Re-run the calibration and print the constants (PGF_CALIBRATE=1)")
  func calibrate() throws {
    guard ProcessInfo.processInfo.environment["PGF_CALIBRATE"] == "1" else { return }
    let policy = Calibration.Policy()
    let result = try Calibration.run(Calibration.calibrationSet, policy: policy) { print("CALIBRATION PROGRESS " + $0) }
    let date = ISO8601DateFormatter().string(from: Date())
    print("CALIBRATION RESULT")
    // One print per line: nothing is truncated by the test runner's output handling.
    for line in result.record(date: date, problems: Calibration.calibrationSet, policy: policy).split(separator: "\n") {
      print("CALIBRATION RECORD " + line)
    }
    print("Current ClaimConstants.calibrated: \(ClaimConstants.calibrated)")
  }
}
