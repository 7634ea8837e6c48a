/// How much a statement is trusted (theory.md §0).
public enum Status: String, Sendable, Codable, CaseIterable {
  /// An exact identity: checked by the rtol-shrink rule (theory.md §5).
  case identity
  /// A proved inequality: must hold up to the numerical error budget; a failure is a bug.
  case lemma
  /// The paper's theorem with named constants, calibrated once and validated on other cases.
  case claim
  /// Anything a user adds: the suite reports evidence or a counterexample.
  case conjecture
}
