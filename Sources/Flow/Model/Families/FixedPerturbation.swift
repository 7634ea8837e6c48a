/// `fixed`: a constant `E = ε M/‖M‖` with `M` seeded Gaussian, so `‖E‖ = ε`
/// exactly (satisfies `H_abs(ε)`).
///
/// Size rule: when `n1·n2 ≤` ``denseEntryLimit`` (10⁶ entries, 8 MB) `M` is a
/// dense `n1 × n2` Gaussian matrix and one evaluation costs `O(n1·n2·k)`.
/// Above it `M = G Hᵀ` with `G` (`n1 × q`) and `H` (`n2 × q`) Gaussian,
/// `q =` ``lowRank`` `= 8` (a rank-8 Gaussian perturbation, no `n1 × n2`
/// matrix is formed): an evaluation costs `O((n1 + n2)·q·k)` and `‖M‖` comes
/// from the `q × q` core of its factored form.
public struct FixedPerturbation: Perturbation {
  /// Largest `n1·n2` for which `M` is dense (10⁶).
  public static let denseEntryLimit = 1_000_000
  /// Rank `q` of `M` above ``denseEntryLimit`` (8).
  public static let lowRank = 8

  /// The size `ε = ‖E‖`.
  public let size: Double
  /// The dense `E` when `n1·n2 ≤` ``denseEntryLimit``, else `nil`.
  public let denseE: Matrix?
  /// `E = L Rᵀ` in factored form when `n1·n2 >` ``denseEntryLimit``, else `nil`.
  public let factoredE: LowRankMatrix?

  /// `E = ε M/‖M‖`, `M` drawn from stream `"perturbation.fixed"` of `seed`
  /// (dense or rank-8 by the size rule above).
  ///
  /// - Throws: ``ProblemError/invalidValue(_:)`` for a negative or non-finite `size`.
  public init(size: Double, n1: Int, n2: Int, seed: UInt64) throws {
    try checkSize(size, name: "fixed")
    var rng = SeededGenerator(seed: seed, stream: "perturbation.fixed")
    self.size = size
    if n1 * n2 <= Self.denseEntryLimit {
      let m = rng.gaussianMatrix(rows: n1, columns: n2)
      denseE = (size / (try m.spectralNorm())) * m
      factoredE = nil
    } else {
      let g = rng.gaussianMatrix(rows: n1, columns: Self.lowRank)
      let h = rng.gaussianMatrix(rows: n2, columns: Self.lowRank)
      let norm = try LowRankMatrix(left: g, right: h).singularValues().first ?? 1
      denseE = nil
      factoredE = LowRankMatrix(left: (size / norm) * g, right: h)
    }
  }

  /// The dense `E` (`n1 × n2`; formed on each call in the low-rank case).
  public var e: Matrix { denseE ?? factoredE!.dense() }

  /// `"fixed:ε"`.
  public var name: String { "fixed:\(size)" }

  /// `EV += E·V`, `EᵀU += Eᵀ·U`.
  public func accumulate(_ context: PerturbationContext, ev: inout Matrix, etu: inout Matrix) {
    if let e = denseE {
      Matrix.multiply(e, context.v, beta: 1, into: &ev)
      Matrix.multiply(e, transposingA: true, context.u, beta: 1, into: &etu)
    } else {
      factoredE!.accumulate(v: context.v, u: context.u, ev: &ev, etu: &etu, alpha: 1)
    }
  }

  /// `E`.
  public func matrix(_ context: PerturbationContext) -> Matrix { e }

  /// `ε`.
  public func spectralNorm(_ context: PerturbationContext) -> Double { size }
}

extension LowRankMatrix {
  /// `ev += α·M·V` and `etu += α·Mᵀ·U` for `M = L C Rᵀ` with a `q × q` core,
  /// in `O((m + n)·q·k)` without forming `M`.
  func accumulate(v: Matrix, u: Matrix, ev: inout Matrix, etu: inout Matrix, alpha: Double) {
    var rv = Matrix(rows: right.columns, columns: v.columns)
    Matrix.multiply(right, transposingA: true, v, into: &rv)
    var crv = Matrix(rows: core.rows, columns: v.columns)
    Matrix.multiply(core, rv, into: &crv)
    Matrix.multiply(left, crv, alpha: alpha, beta: 1, into: &ev)
    var lu = Matrix(rows: left.columns, columns: u.columns)
    Matrix.multiply(left, transposingA: true, u, into: &lu)
    var clu = Matrix(rows: core.columns, columns: u.columns)
    Matrix.multiply(core, transposingA: true, lu, into: &clu)
    Matrix.multiply(right, clu, alpha: alpha, beta: 1, into: &etu)
  }
}

/// Validates a perturbation size (`≥ 0`, finite).
func checkSize(_ size: Double, name: String) throws {
  guard size.isFinite, size >= 0 else {
    throw ProblemError.invalidValue("perturbation size for \(name) must be finite and ≥ 0 (got \(size)); e.g. \(name):0.1")
  }
}
