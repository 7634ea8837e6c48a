import Foundation

/// Errors of the matrix-sensing layer: what is wrong and how to fix it.
///
/// Each case's `description` is one line suitable for the CLI.
public enum SensingError: Error, Equatable, CustomStringConvertible {
  /// A parameter outside its allowed range (m < 1, η ≤ 0, b > m, σ_ξ < 0, …).
  case invalidValue(String)
  /// Shapes that disagree (an `A_i` that is not `n1 × n2`, `y` of the wrong length, …).
  case dimensionMismatch(String)
  /// NaN or ±∞ where a finite number is required; the payload names the quantity.
  case nonFinite(String)
  /// A sensing problem file that cannot be read or parsed.
  case malformedFile(String)
  /// Gradient descent left the stable regime at `step` (1-based): non-finite
  /// iterates or `‖Z_j‖_F` above the documented explosion threshold.
  case diverged(step: Int, eta: Double, sigma1: Double, reason: String)

  public var description: String {
    switch self {
    case .invalidValue(let s): return s
    case .dimensionMismatch(let s): return "dimension mismatch: \(s)"
    case .nonFinite(let s): return "\(s) contains NaN or infinite values; supply finite numbers"
    case .malformedFile(let s): return s
    case .diverged(let step, let eta, let sigma1, let reason):
      let limit = 1 / sigma1
      return "gradient descent diverged at step \(step) (\(reason)); the step size η = \(short(eta)) is too large "
        + "(stable roughly for η below ~1/σ₁ = \(short(limit)), smaller when m is small); lower --eta, e.g. --eta \(short(0.25 * limit))"
    }
  }
}

/// `x` with 4 significant digits (for messages).
func short(_ x: Double) -> String { String(format: "%.4g", x) }
