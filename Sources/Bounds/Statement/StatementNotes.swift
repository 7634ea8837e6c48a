import Foundation

/// Notes and corrections to theory.md that this package's statements carry
/// (Markdown files in the module's `Resources/notes/`, one per statement id).
public enum StatementNotes {
  /// The note `Resources/notes/<id>.md` of this module, without its final newline, if present.
  public static func shipped(_ id: String) -> String? {
    guard let url = Bundle.module.url(forResource: id, withExtension: "md", subdirectory: "notes"),
      let text = try? String(contentsOf: url, encoding: .utf8)
    else { return nil }
    return text.hasSuffix("\n") ? String(text.dropLast()) : text
  }
}
