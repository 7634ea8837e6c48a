import Bounds
import Foundation
import Testing

@Suite("Tutorial drift")
struct TutorialDriftTests {
  /// The text between `// tutorial:NAME:begin` and `// tutorial:NAME:end` in this file.
  static func region(_ name: String) throws -> String {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("ConjectureTutorialExampleTests.swift").path
    let source = try String(contentsOfFile: path, encoding: .utf8)
    let begin = try #require(source.range(of: "// tutorial:\(name):begin\n"))
    let end = try #require(source.range(of: "// tutorial:\(name):end"))
    let lines = source[begin.upperBound..<end.lowerBound].split(separator: "\n", omittingEmptySubsequences: false)
    // The test region is indented inside its suite; the tutorial shows it at the left margin.
    let indent = lines.filter { !$0.isEmpty }.map { $0.prefix { $0 == " " }.count }.min() ?? 0
    return lines.map { $0.isEmpty ? "" : String($0.dropFirst(indent)) }.joined(separator: "\n")
  }

  @Test("docs/adding-a-conjecture.md quotes the compiled example verbatim")
  func tutorialQuotesTheCompiledCode() throws {
    let tutorial = DocsText.addingAConjecture
    for name in ["conjecture", "test"] {
      let code = try Self.region(name)
      #expect(tutorial.contains(code), "the tutorial's \(name) block differs from the compiled example in ConjectureTutorialExampleTests.swift")
    }
  }
}
