/// `fixed`: a constant `E = ε M/‖M‖` with `M` a seeded Gaussian `n1 × n2` matrix,
/// so `‖E‖ = ε` exactly (satisfies `H_abs(ε)`).
///
/// Dense by nature: one evaluation costs `O(n1·n2·k)`.
public struct FixedPerturbation: Perturbation {
  /// The size `ε = ‖E‖`.
  public let size: Double
  /// The dense `E` (`n1 × n2`).
  public let e: Matrix

  /// `E = ε M/‖M‖`, `M` drawn from stream `"perturbation.fixed"` of `seed`.
  ///
  /// - Throws: ``ProblemError/invalidValue(_:)`` for a negative or non-finite `size`.
  public init(size: Double, n1: Int, n2: Int, seed: UInt64) throws {
    try checkSize(size, name: "fixed")
    var rng = SeededGenerator(seed: seed, stream: "perturbation.fixed")
    let m = rng.gaussianMatrix(rows: n1, columns: n2)
    self.size = size
    self.e = (size / (try m.spectralNorm())) * m
  }

  /// `"fixed:ε"`.
  public var name: String { "fixed:\(size)" }

  /// `EV += E·V`, `EᵀU += Eᵀ·U`.
  public func accumulate(_ context: PerturbationContext, ev: inout Matrix, etu: inout Matrix) {
    Matrix.multiply(e, context.v, beta: 1, into: &ev)
    Matrix.multiply(e, transposingA: true, context.u, beta: 1, into: &etu)
  }

  /// `E`.
  public func matrix(_ context: PerturbationContext) -> Matrix { e }

  /// `ε`.
  public func spectralNorm(_ context: PerturbationContext) -> Double { size }
}

/// Validates a perturbation size (`≥ 0`, finite).
func checkSize(_ size: Double, name: String) throws {
  guard size.isFinite, size >= 0 else {
    throw ProblemError.invalidValue("perturbation size for \(name) must be finite and ≥ 0 (got \(size)); e.g. \(name):0.1")
  }
}
