import Bounds
import Foundation

/// The hand-written pages that `pgf report` installs next to the generated
/// ones (so an `--out` folder is complete): the mathematics in the project's
/// words (`theory.md`) and the tutorial (`adding-a-conjecture.md`). Their text
/// is Markdown in this module's `Resources/`, copied byte for byte.
public enum StaticDocs {
  /// The names of the pages, in `Resources/` and in the output folder.
  public static let names = ["theory.md", "adding-a-conjecture.md"]

  /// The text of one page (`name` from ``names``).
  ///
  /// - Throws: ``ReportError/malformed(_:)`` when the resource is missing (a broken install).
  public static func text(_ name: String) throws -> String {
    let base = (name as NSString).deletingPathExtension
    guard let url = Bundle.module.url(forResource: base, withExtension: "md"),
      let text = try? String(contentsOf: url, encoding: .utf8)
    else { throw ReportError.malformed("the report's resource \(name) is missing next to the executable; reinstall the package") }
    return text
  }

  /// Relative path → contents.
  public static func files() throws -> [(String, String)] { try names.map { ($0, try text($0)) } }
}
