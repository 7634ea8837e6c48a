/// Errors in the definition of a problem: what is wrong and how to fix it.
///
/// Each case's `description` is a single line suitable for the CLI.
public enum ProblemError: Error, Equatable, CustomStringConvertible {
  /// Shapes that do not fit together (e.g. `U` has a different number of rows than `X`).
  case dimensionMismatch(String)
  /// A value outside its allowed range (k < 1, r > min(n1, n2), α ≤ 0, …).
  case invalidValue(String)
  /// NaN or ±∞ where a finite number is required; the payload names the quantity.
  case nonFinite(String)
  /// A problem or state file that cannot be read or parsed.
  case malformedFile(String)
  /// An unknown perturbation family name.
  case unknownPerturbation(String)

  public var description: String {
    switch self {
    case .dimensionMismatch(let s): return "dimension mismatch: \(s)"
    case .invalidValue(let s): return s
    case .nonFinite(let s): return "\(s) contains NaN or infinite values; supply finite numbers"
    case .malformedFile(let s): return s
    case .unknownPerturbation(let s): return s
    }
  }
}
