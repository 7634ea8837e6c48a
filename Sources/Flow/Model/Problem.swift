/// A perturbed-gradient-flow problem: the target `X = ΦΣΨᵀ` and the initial
/// factors `U(0) ∈ R^{n1×k}`, `V(0) ∈ R^{n2×k}`.
///
/// The target is held as its factors `Φ, Σ, Ψ`. A dense `X` is held only
/// when a user gave one (``init(x:u0:v0:metadata:)``, or a problem file
/// with key `"X"`); problems built by ``generate(_:)`` or
/// ``init(target:u0:v0:metadata:)`` never form an `n1 × n2` matrix, so
/// memory and set-up cost are `O((n1 + n2)(r + k))`. Saving a problem and
/// loading it back (``ProblemFile``) reproduces every later computation bit
/// for bit in either form: a dense problem is saved as `"X"` and re-factored
/// on load exactly as before, a factored one is saved as `"Phi"`, `"sigma"`,
/// `"Psi"` and loaded without any factorization.
public struct Problem: Sendable {
  /// The target in factored form.
  public let target: Target
  /// The dense target `X` (`n1 × n2`) exactly as the user gave it, or `nil`
  /// for a factored problem (generated, or loaded from `"Phi"`/`"sigma"`/`"Psi"`).
  public let givenX: Matrix?
  /// Initial left factor `U(0)` (`n1 × k`).
  public let u0: Matrix
  /// Initial right factor `V(0)` (`n2 × k`).
  public let v0: Matrix
  /// Free-form provenance (seed, α, spectrum, …), carried into saved files.
  public var metadata: [String: String]

  /// Rows of X.
  public var n1: Int { target.n1 }
  /// Columns of X.
  public var n2: Int { target.n2 }
  /// The dense `X` (`n1 × n2`): ``givenX`` when the user gave one, else
  /// formed on each call as `ΦΣΨᵀ` (costs `O(n1·n2·r)` time and `8·n1·n2`
  /// bytes; for small diagnostics only, never used by the flow's factored path).
  public var x: Matrix { givenX ?? target.dense() }
  /// Whether the problem holds only the factored target (no user-given dense `X`).
  public var isFactored: Bool { givenX == nil }
  /// Width `k` of the factors.
  public var k: Int { u0.columns }
  /// Rank `r` of X (numerical rank of the dense X).
  public var r: Int { target.rank }
  /// The flow's state dimension `(n1 + n2)·k`.
  public var stateDimension: Int { (n1 + n2) * k }

  /// A problem from a dense target and initial factors; the compact SVD of
  /// `X` (and so its rank) is computed here.
  ///
  /// - Throws: ``ProblemError`` on shape mismatch (`U(0)` must be `n1 × k`,
  ///   `V(0)` `n2 × k`), `k < 1`, non-finite entries or `X = 0`.
  public init(x: Matrix, u0: Matrix, v0: Matrix, metadata: [String: String] = [:]) throws {
    guard x.isFinite else { throw ProblemError.nonFinite("X") }
    guard u0.isFinite else { throw ProblemError.nonFinite("U0") }
    guard v0.isFinite else { throw ProblemError.nonFinite("V0") }
    guard u0.columns >= 1 else { throw ProblemError.invalidValue("k must be ≥ 1 (U0 has \(u0.columns) columns)") }
    guard u0.rows == x.rows else {
      throw ProblemError.dimensionMismatch("U0 is \(u0.rows)×\(u0.columns) but X has \(x.rows) rows; U0 must be n1×k")
    }
    guard v0.rows == x.columns else {
      throw ProblemError.dimensionMismatch("V0 is \(v0.rows)×\(v0.columns) but X has \(x.columns) columns; V0 must be n2×k")
    }
    guard u0.columns == v0.columns else {
      throw ProblemError.dimensionMismatch("U0 has \(u0.columns) columns but V0 has \(v0.columns); both need k columns")
    }
    self.target = try Target(factoring: x)
    self.givenX = x
    self.u0 = u0
    self.v0 = v0
    self.metadata = metadata
  }

  /// A problem whose target is given in factored form: no dense `X` is
  /// formed or factored (set-up `O((n1 + n2)·k)` beyond the target itself).
  ///
  /// - Throws: ``ProblemError`` on shape mismatch, `k < 1` or non-finite entries.
  public init(target: Target, u0: Matrix, v0: Matrix, metadata: [String: String] = [:]) throws {
    guard u0.isFinite, v0.isFinite else { throw ProblemError.nonFinite("the initial factors") }
    guard u0.columns >= 1, u0.columns == v0.columns, u0.rows == target.n1, v0.rows == target.n2 else {
      throw ProblemError.dimensionMismatch(
        "U0 is \(u0.rows)×\(u0.columns) and V0 is \(v0.rows)×\(v0.columns) for a \(target.n1)×\(target.n2) target; need n1×k and n2×k with k ≥ 1")
    }
    self.target = target
    self.givenX = nil
    self.u0 = u0
    self.v0 = v0
    self.metadata = metadata
  }

  /// The initial state `y(0) = [vec(U(0)); vec(V(0))]` (row-major blocks).
  public var initialState: [Double] { u0.elements + v0.elements }
}

/// What a generated problem looks like: shapes, spectrum, initialization scale, seed.
///
/// Defaults: `n1 = 50`, `n2 = 40`, `k = 8`, spectrum geometric with
/// `σ₁ = 1`, `κ = 2`, `r = 4`, `α = 1e-3`, seed 1.
public struct ProblemSpec: Sendable, Hashable, CustomStringConvertible {
  /// Rows of X.
  public var n1: Int = 50
  /// Columns of X.
  public var n2: Int = 40
  /// Width of the factors (`k ≥ r` is the paper's setting; `k < r` is allowed).
  public var k: Int = 8
  /// The singular values of X (their count is the rank r).
  public var spectrum: Spectrum = .geometric(sigma1: 1, kappa: 2, rank: 4)
  /// Initialization scale: entries of `U(0)`, `V(0)` are iid `N(0, α²)`.
  public var alpha: Double = 1e-3
  /// Seed of every random draw (target bases and initialization use separate streams).
  public var seed: UInt64 = 1

  /// The largest `(n1 + n2)·k` (the entries of `U`, `V`) a generated problem may have,
  /// and the largest dense matrix the sensing operators build: 10⁸ entries, 800 MB.
  /// Larger shapes are refused with a message instead of exhausting memory (or
  /// overflowing `Int`) mid-run. `n1·n2` itself is not bounded: `X` stays factored.
  public static let maximumEntries = 100_000_000

  /// The defaults above.
  public init() {}

  /// A spec with the geometric spectrum from `σ₁ = sigma1` (default 1) down
  /// to `σ₁/κ` over `r` values.
  public init(n1: Int, n2: Int, k: Int, r: Int, kappa: Double, sigma1: Double = 1, alpha: Double, seed: UInt64) {
    self.n1 = n1
    self.n2 = n2
    self.k = k
    spectrum = .geometric(sigma1: sigma1, kappa: kappa, rank: r)
    self.alpha = alpha
    self.seed = seed
  }

  /// The rank `r` (the number of singular values).
  public var r: Int {
    switch spectrum {
    case .values(let s): return s.count
    case .geometric(_, _, let rank): return rank
    }
  }

  /// `κ = σ₁/σ_r` as specified (`σ₁/σ_r` of the listed values, or the geometric κ).
  public var kappa: Double {
    switch spectrum {
    case .values(let s): return (s.first ?? 1) / (s.last ?? 1)
    case .geometric(_, let kappa, _): return kappa
    }
  }

  /// The generated problem (``Problem/generate(_:)``).
  public func problem() throws -> Problem { try Problem.generate(self) }

  /// `"12×9 k=4 r=2 κ=2 α=0.01 seed 1"`.
  public var description: String { "\(n1)×\(n2) k=\(k) r=\(r) κ=\(kappa) α=\(alpha) seed \(seed)" }
}

extension Problem {
  /// A seeded random problem: `Φ`, `Ψ` are the Q factors of the QR
  /// decompositions of seeded Gaussian `n1 × r` and `n2 × r` matrices (stream
  /// `"target"`), `Σ` is the spectrum, and `U(0)`, `V(0)` have iid `N(0, α²)`
  /// entries (stream `"init"`). The target stays factored: `X` is never
  /// formed, so generation costs `O((n1 + n2)(r² + k))`.
  ///
  /// - Throws: ``ProblemError/invalidValue(_:)`` for `k < 1`, `r < 1`,
  ///   `r > min(n1, n2)`, `n1 < 1`, `n2 < 1`, `α ≤ 0` or a bad spectrum.
  public static func generate(_ spec: ProblemSpec) throws -> Problem {
    guard spec.n1 >= 1, spec.n2 >= 1 else {
      throw ProblemError.invalidValue("n1 and n2 must be ≥ 1 (got n1 = \(spec.n1), n2 = \(spec.n2))")
    }
    guard spec.k >= 1 else { throw ProblemError.invalidValue("k must be ≥ 1 (got k = \(spec.k)); pass --k 1 or more") }
    // Generation never forms an n1×n2 matrix (X stays factored), so only the factors' size is
    // bounded; a check at such a shape uses compact trajectories (L4, L7) or refuses the case.
    let (rows, rowsOverflow) = spec.n1.addingReportingOverflow(spec.n2)
    let (factorEntries, factorOverflow) = rows.multipliedReportingOverflow(by: spec.k)
    guard !rowsOverflow, !factorOverflow, factorEntries <= ProblemSpec.maximumEntries else {
      throw ProblemError.invalidValue(
        "(n1 + n2)·k = (\(spec.n1) + \(spec.n2))·\(spec.k) exceeds \(ProblemSpec.maximumEntries) entries of U, V; choose a smaller k or shape")
    }
    guard spec.alpha.isFinite, spec.alpha > 0 else {
      throw ProblemError.invalidValue("α must be finite and > 0 (got \(spec.alpha)); e.g. --alpha 1e-3")
    }
    // The rank before the values: a geometric spectrum of rank 10¹¹ would be built first.
    guard spec.r <= min(spec.n1, spec.n2) else {
      throw ProblemError.invalidValue(
        "rank r = \(spec.r) exceeds min(n1, n2) = \(min(spec.n1, spec.n2)); lower r or enlarge the shape")
    }
    let sigma = try spec.spectrum.values()
    let r = sigma.count
    guard r <= min(spec.n1, spec.n2) else {
      throw ProblemError.invalidValue(
        "rank r = \(r) exceeds min(n1, n2) = \(min(spec.n1, spec.n2)); lower r or enlarge the shape")
    }
    var targetRNG = SeededGenerator(seed: spec.seed, stream: "target")
    let phi = targetRNG.gaussianMatrix(rows: spec.n1, columns: r).orthonormalColumns()
    let psi = targetRNG.gaussianMatrix(rows: spec.n2, columns: r).orthonormalColumns()
    let target = try Target(phi: phi, sigma: sigma, psi: psi)
    var initRNG = SeededGenerator(seed: spec.seed, stream: "init")
    let u0 = initRNG.gaussianMatrix(rows: spec.n1, columns: spec.k, scale: spec.alpha)
    let v0 = initRNG.gaussianMatrix(rows: spec.n2, columns: spec.k, scale: spec.alpha)
    let metadata = [
      "seed": "\(spec.seed)", "alpha": "\(spec.alpha)",
      "sigma": sigma.map { "\($0)" }.joined(separator: ","),
    ]
    return try Problem(target: target, u0: u0, v0: v0, metadata: metadata)
  }
}
