import Foundation
import Report
import Testing

/// `docs/adding-a-conjecture.md` quotes the example client package verbatim:
/// every code block marked `<!-- file: PATH -->` equals the file at PATH, and
/// every Swift file of `Examples/ClientCatalogue` is quoted.
@Suite("Tutorial drift")
struct TutorialDriftTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let example = "Examples/ClientCatalogue"

  /// (path, quoted code) for each marked block of the tutorial.
  static func quotedBlocks(_ tutorial: String) throws -> [(String, String)] {
    var out: [(String, String)] = []
    var rest = Substring(tutorial)
    while let marker = rest.range(of: "<!-- file: ") {
      let afterMarker = rest[marker.upperBound...]
      let close = try #require(afterMarker.range(of: " -->\n```swift\n"))
      let path = String(afterMarker[..<close.lowerBound])
      let code = afterMarker[close.upperBound...]
      let end = try #require(code.range(of: "\n```\n"))
      out.append((path, String(code[..<end.lowerBound]) + "\n"))
      rest = code[end.upperBound...]
    }
    return out
  }

  @Test("every quoted block equals the example package's file")
  func blocksMatchFiles() throws {
    let blocks = try Self.quotedBlocks(try StaticDocs.text("adding-a-conjecture.md"))
    #expect(blocks.count >= 6)
    for (path, code) in blocks {
      let file = try String(contentsOf: Self.root.appendingPathComponent(path), encoding: .utf8)
      #expect(file == code, "the tutorial's block for \(path) differs from the file; copy the file into the tutorial")
    }
  }

  @Test("every Swift file of the example package is quoted")
  func everyFileQuoted() throws {
    let quoted = Set(try Self.quotedBlocks(try StaticDocs.text("adding-a-conjecture.md")).map(\.0))
    let base = Self.root.appendingPathComponent(Self.example)
    var files = ["Package.swift"]
    for folder in ["Sources", "Tests"] {
      let found = try #require(FileManager.default.enumerator(atPath: base.appendingPathComponent(folder).path))
      files += found.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }.map { "\(folder)/\($0)" }
    }
    #expect(!files.isEmpty)
    for f in files { #expect(quoted.contains("\(Self.example)/\(f)"), "\(Self.example)/\(f) is not quoted in the tutorial") }
  }
}
