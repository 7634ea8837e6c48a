/// A statement `pgf prove --lemma ID` can decide on one trajectory.
///
/// True statements (theory.md §3): ``l1``, ``l3``, ``l4``, and ``converge``
/// (`‖R(T)‖_F ≤ τ`, true or false depending on the instance). Planted wrong
/// statements (negative controls; they must never come out *proved*):
/// ``l3HalfExponent``, ``l4WithoutForcing``, ``l1Sum``.
public enum ProofStatement: String, Sendable, CaseIterable {
  /// L1: `D(t) = UᵀU − VᵀV` is conserved; decided as an enclosure of
  /// `D(t) − D(0)` that contains 0 and is narrower than the identity budget.
  case l1 = "L1"
  /// L3: `‖Z(t)‖_F ≤ ‖Z(0)‖_F exp(∫₀ᵗ‖X + E‖)`.
  case l3 = "L3"
  /// L4: `‖N_U(t)‖_F ≤ e^{−∫λ_V}‖N_U(0)‖_F + ∫e^{−∫ₛᵗλ_V}‖PEV‖_F` and the mirror for `N_V`.
  case l4 = "L4"
  /// `‖R(T)‖_F ≤ τ` at the final time `T`.
  case converge = "converge"
  /// Negative control: L3 with half the exponent, `‖Z(0)‖_F exp(½∫‖X + E‖)`.
  case l3HalfExponent = "L3-half"
  /// Negative control: L4 without its perturbation integral (pure decay).
  case l4WithoutForcing = "L4-noforcing"
  /// Negative control: "`UᵀU + VᵀV` is conserved" (false: it grows with the signal).
  case l1Sum = "L1-sum"

  /// Parses an id case-insensitively (`L1`, `l3`, `converge`, `L3-half`, …).
  ///
  /// - Throws: ``ProofError/unknownStatement(_:)`` listing the valid ids.
  public init(parsing id: String) throws {
    guard let s = ProofStatement.allCases.first(where: { $0.rawValue.lowercased() == id.lowercased() }) else {
      throw ProofError.unknownStatement(
        "unknown lemma '\(id)' for prove; use one of \(ProofStatement.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    self = s
  }

  /// Whether this is a planted wrong statement.
  public var isNegativeControl: Bool { [.l3HalfExponent, .l4WithoutForcing, .l1Sum].contains(self) }

  /// The statement in words.
  public var text: String {
    switch self {
    case .l1: return "D(t) = D(0) (imbalance conservation)"
    case .l3: return "‖Z(t)‖_F ≤ ‖Z(0)‖_F exp(∫₀ᵗ‖X+E‖)"
    case .l4: return "‖N_U(t)‖_F ≤ e^{−∫λ_V}‖N_U(0)‖_F + ∫e^{−∫ₛᵗλ_V}‖PEV‖_F, and the mirror for N_V"
    case .converge: return "‖R(T)‖_F ≤ τ"
    case .l3HalfExponent: return "‖Z(t)‖_F ≤ ‖Z(0)‖_F exp(½∫₀ᵗ‖X+E‖) (wrong)"
    case .l4WithoutForcing: return "‖N_U(t)‖_F ≤ e^{−∫λ_V}‖N_U(0)‖_F, and the mirror (wrong for E ≠ 0)"
    case .l1Sum: return "UᵀU + VᵀV is conserved (wrong)"
    }
  }
}

/// Bad input to the prover: one line naming the problem and the fix.
public enum ProofError: Error, Equatable, CustomStringConvertible {
  /// An unknown statement id.
  case unknownStatement(String)
  /// A perturbation family the validated mode cannot enclose.
  case unsupportedPerturbation(String)
  /// A missing or bad argument.
  case invalidArgument(String)

  /// The message.
  public var description: String {
    switch self {
    case .unknownStatement(let s), .unsupportedPerturbation(let s), .invalidArgument(let s): return s
    }
  }
}
