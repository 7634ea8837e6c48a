import Flow
import Foundation
import Testing
@testable import Sensing

@Suite("Sensing problem files")
struct ProblemFileTests {
  @Test("save then load reproduces the operator (rank-one written densely) and y bit for bit",
        arguments: OperatorKind.allCases)
  func roundTrip(kind: OperatorKind) throws {
    let sp = try SensingCases.make(n1: 5, n2: 4, k: 2, r: 1, m: 13, kind: kind, noise: 0.1)
    let text = try SensingProblemFile.encode(sp)
    let back = try SensingProblemFile.decode(Data(text.utf8))
    #expect(back.measurements == sp.measurements)
    #expect(back.noiseLevel == 0.1)
    for i in 0..<13 { #expect(back.measurementOperator.measurementMatrix(i) == sp.measurementOperator.measurementMatrix(i)) }
    let o = GradientDescentOptions(eta: 0.2, steps: 30)
    let a = try GradientDescent(problem: sp, options: o).run()
    let b = try GradientDescent(problem: back, options: o).run()
    #expect(SensingCases.relative(a.u.timesTransposed(a.v), b.u.timesTransposed(b.v)) <= 1e-13)
  }

  @Test("files whose A or y disagree with X are refused with one line", arguments: [
    (#"{"X": [[1, 0], [0, 1]], "U0": [[1], [1]], "V0": [[1], [1]], "A": [[[1, 0], [0, 1]], [[1, 0, 0], [0, 1, 0]]], "y": [1, 2]}"#, "\"A\"[1] row 0 must have 2 entries"),
    (#"{"X": [[1, 0], [0, 1]], "U0": [[1], [1]], "V0": [[1], [1]], "A": [[[1, 0], [0, 1]]], "y": [1, 2]}"#, "\"y\" has 2 entries"),
    (#"{"X": [[1, 0], [0, 1]], "U0": [[1], [1]], "V0": [[1], [1]], "A": [[[1, 0]]], "y": [1]}"#, "must have 2 rows"),
    (#"{"X": [[1, 0], [0, 1]], "U0": [[1], [1]], "V0": [[1], [1]], "A": [[[1, 0], [0, 1e999]]], "y": [1]}"#, "NaN or infinite"),
    (#"{"X": [[1, 0], [0, 1]], "U0": [[1], [1]], "V0": [[1], [1]], "y": [1]}"#, "without \"A\""),
  ])
  func badFiles(text: String, message: String) throws {
    #expect { try SensingProblemFile.decode(Data(text.utf8)) } throws: { e in
      "\(e)".contains(message) && !"\(e)".contains("\n")
    }
  }
}
