/// The hand-written pages that `pgf report` installs next to the generated
/// ones (so an `--out` folder is complete): the mathematics in the project's
/// words and the conjecture tutorial. Their text lives in `DocsText`.
public enum StaticDocs {
  /// Relative path → contents.
  public static var files: [(String, String)] {
    [("theory.md", DocsText.theory), ("adding-a-conjecture.md", DocsText.addingAConjecture)]
  }
}
