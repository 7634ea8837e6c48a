import Foundation
import Flow

/// The region of problems a ``Conjecture`` claims to hold on: shapes
/// `(n1, n2, k, r)`, condition number `κ`, initialization scale `α`,
/// perturbation families and sizes, seeds and horizon.
///
/// A point of the box (a ``ParameterPoint``) becomes a ``Scenario`` through
/// ``ParameterPoint/checkCase()``: the target is `X = ΦΣΨᵀ` with
/// `Σ` geometric from `σ₁ = 1` down to `σ_r = 1/κ`, `U(0)`, `V(0)` have iid
/// `N(0, α²)` entries (``Problem/generate(_:)`` with the point's seed), and
/// the perturbation is the family at size
/// - `ε = s·σ_r` for the absolute families (`fixed`, `rotating`,
///   `alignedKill`, `greedy`): sizes are in units of `σ_r`, so `s < 1` is
///   the regime of C2 and `s ≥ 1` the sharp threshold of L10;
/// - `δ = s` for the relative families (`scaling`, `greedyRel`);
/// - nothing for `zero`.
///
/// Coordinates: integers `n1, n2, k, r`; continuous `κ`, `α` (both searched on
/// a log scale) and `s` (linear); categorical family and seed.
public struct ParameterBox: Sendable, Equatable {
  /// The horizon `T` of a point.
  public enum Horizon: Sendable, Equatable {
    /// `T` fixed.
    case fixed(Double)
    /// `T = c · ln(σ₁/α) / γ` with the rate `γ = σ_r − ε` (absolute families),
    /// `σ_r(1 − δ)` (relative) or `σ_r` (zero): `c` multiples of the
    /// spectral-phase time of L10/C2 (the time the slowest signal mode needs to
    /// grow from `α` to `σ_r`).
    case transientMultiple(Double)
  }

  /// Rows of X.
  public var n1: ClosedRange<Int>
  /// Columns of X.
  public var n2: ClosedRange<Int>
  /// Width of the factors.
  public var k: ClosedRange<Int>
  /// Rank of X (clamped to `min(n1, n2)` at each point).
  public var r: ClosedRange<Int>
  /// Whether points keep `k ≥ r` (the paper's setting): `k` is raised to `r`.
  public var requireKAtLeastR: Bool
  /// Condition number `κ = σ₁/σ_r` (`σ₁ = 1`).
  public var kappa: ClosedRange<Double>
  /// Initialization scale `α`.
  public var alpha: ClosedRange<Double>
  /// The perturbation families (drawn uniformly).
  public var families: [PerturbationFamily]
  /// Perturbation size `s`: `ε = s·σ_r` (absolute families) or `δ = s` (relative).
  public var size: ClosedRange<Double>
  /// Seeds of the problem and the perturbation (drawn uniformly).
  public var seeds: ClosedRange<UInt64>
  /// The horizon.
  public var horizon: Horizon

  /// A box; every range defaults to a small, cheap region (shapes up to 8×8,
  /// `κ ∈ [1, 3]`, `α ∈ [1e-3, 1e-2]`, `E ≡ 0`, horizon 20).
  public init(
    n1: ClosedRange<Int> = 2...8, n2: ClosedRange<Int> = 2...8, k: ClosedRange<Int> = 1...4, r: ClosedRange<Int> = 1...3,
    requireKAtLeastR: Bool = true, kappa: ClosedRange<Double> = 1...3, alpha: ClosedRange<Double> = 1e-3...1e-2,
    families: [PerturbationFamily] = [.zero], size: ClosedRange<Double> = 0...0, seeds: ClosedRange<UInt64> = 1...1000,
    horizon: Horizon = .fixed(20)
  ) {
    precondition(!families.isEmpty, "ParameterBox: at least one perturbation family")
    precondition(n1.lowerBound >= 1 && n2.lowerBound >= 1 && k.lowerBound >= 1 && r.lowerBound >= 1, "ParameterBox: shapes must be ≥ 1")
    precondition(kappa.lowerBound >= 1 && alpha.lowerBound > 0 && size.lowerBound >= 0, "ParameterBox: κ ≥ 1, α > 0, s ≥ 0")
    self.n1 = n1
    self.n2 = n2
    self.k = k
    self.r = r
    self.requireKAtLeastR = requireKAtLeastR
    self.kappa = kappa
    self.alpha = alpha
    self.families = families
    self.size = size
    self.seeds = seeds
    self.horizon = horizon
  }

  /// A uniformly drawn point (integers uniform, `κ` and `α` log-uniform, `s`
  /// uniform), made feasible by ``feasible(_:)``.
  public func randomPoint<G: RandomNumberGenerator>(using rng: inout G) -> ParameterPoint {
    func logUniform(_ range: ClosedRange<Double>) -> Double {
      range.lowerBound == range.upperBound
        ? range.lowerBound : Foundation.exp(Double.random(in: Foundation.log(range.lowerBound)...Foundation.log(range.upperBound), using: &rng))
    }
    let n1 = Int.random(in: self.n1, using: &rng)
    let n2 = Int.random(in: self.n2, using: &rng)
    let k = Int.random(in: self.k, using: &rng)
    let r = Int.random(in: self.r, using: &rng)
    let kappa = logUniform(self.kappa)
    let alpha = logUniform(self.alpha)
    let family = families[Int.random(in: 0..<families.count, using: &rng)]
    let size = family == .zero ? 0 : Double.random(in: self.size, using: &rng)
    let seed = UInt64.random(in: seeds, using: &rng)
    return feasible(ParameterPoint(n1: n1, n2: n2, k: k, r: r, kappa: kappa, alpha: alpha, family: family, size: size, seed: seed, box: self))
  }

  /// The point clamped into the box and made consistent: `r ≤ min(n1, n2)`,
  /// `k ≥ r` when ``requireKAtLeastR``, `κ = 1` when `r = 1` (the target is
  /// `σ₁ΦΨᵀ`, so `κ = σ₁/σ_r = 1` whatever was drawn; the label then says so),
  /// size 0 for `zero`, horizon resolved.
  public func feasible(_ p: ParameterPoint) -> ParameterPoint {
    var q = p
    q.n1 = q.n1.clamped(to: n1)
    q.n2 = q.n2.clamped(to: n2)
    q.r = min(q.r.clamped(to: r), q.n1, q.n2)
    q.k = q.k.clamped(to: k)
    if requireKAtLeastR { q.k = max(q.k, q.r) }
    q.kappa = q.r == 1 ? 1 : q.kappa.clamped(to: kappa)
    q.alpha = q.alpha.clamped(to: alpha)
    q.size = q.family == .zero ? 0 : q.size.clamped(to: size)
    q.tEnd = horizonTime(q)
    return q
  }

  /// The horizon `T` of a point (see ``Horizon``).
  public func horizonTime(_ p: ParameterPoint) -> Double {
    switch horizon {
    case .fixed(let t): return t
    case .transientMultiple(let c): return c * p.spectralPhaseTime
    }
  }
}

/// One point of a ``ParameterBox``: a concrete problem, perturbation, seed and horizon.
public struct ParameterPoint: Sendable, Equatable, Hashable, CustomStringConvertible {
  /// The problem's coordinates (geometric spectrum from `σ₁ = 1`).
  public var problemSpec: ProblemSpec
  /// Perturbation family.
  public var family: PerturbationFamily
  /// Size `s` (`ε = s·σ_r` absolute, `δ = s` relative).
  public var size: Double
  /// Horizon `T`.
  public var tEnd: Double

  /// Rows of X.
  public var n1: Int {
    get { problemSpec.n1 }
    set { problemSpec.n1 = newValue }
  }
  /// Columns of X.
  public var n2: Int {
    get { problemSpec.n2 }
    set { problemSpec.n2 = newValue }
  }
  /// Width of the factors.
  public var k: Int {
    get { problemSpec.k }
    set { problemSpec.k = newValue }
  }
  /// Rank of X.
  public var r: Int {
    get { problemSpec.r }
    set { problemSpec.spectrum = .geometric(sigma1: 1, kappa: kappa, rank: newValue) }
  }
  /// `κ = σ₁/σ_r` with `σ₁ = 1`.
  public var kappa: Double {
    get { problemSpec.kappa }
    set { problemSpec.spectrum = .geometric(sigma1: 1, kappa: newValue, rank: r) }
  }
  /// Initialization scale `α`.
  public var alpha: Double {
    get { problemSpec.alpha }
    set { problemSpec.alpha = newValue }
  }
  /// Seed of the problem and the perturbation.
  public var seed: UInt64 {
    get { problemSpec.seed }
    set { problemSpec.seed = newValue }
  }

  /// A point; `tEnd` from the box's horizon (use ``ParameterBox/feasible(_:)`` to clamp).
  public init(n1: Int, n2: Int, k: Int, r: Int, kappa: Double, alpha: Double, family: PerturbationFamily, size: Double, seed: UInt64, box: ParameterBox) {
    self.init(n1: n1, n2: n2, k: k, r: r, kappa: kappa, alpha: alpha, family: family, size: size, seed: seed, tEnd: 0)
    tEnd = box.horizonTime(self)
  }

  /// A point with an explicit horizon.
  public init(n1: Int, n2: Int, k: Int, r: Int, kappa: Double, alpha: Double, family: PerturbationFamily, size: Double, seed: UInt64, tEnd: Double) {
    problemSpec = ProblemSpec(n1: n1, n2: n2, k: k, r: r, kappa: kappa, alpha: alpha, seed: seed)
    self.family = family
    self.size = size
    self.tEnd = tEnd
  }

  /// `σ₁ = 1`.
  public var sigma1: Double { 1 }
  /// `σ_r`, the smallest singular value of the generated target: `σ₁/κ` for
  /// `r ≥ 2`, and `σ₁` for `r = 1` (a geometric spectrum of one value is `σ₁`
  /// alone, whatever `κ` says; ``ParameterBox/feasible(_:)`` sets `κ = 1` there).
  public var sigmaR: Double { r == 1 ? sigma1 : sigma1 / kappa }
  /// The family's actual size: `ε = s·σ_r` (absolute), `δ = s` (relative), 0 (zero).
  public var familySize: Double {
    if family == .zero { return 0 }
    return family.isRelative ? size : size * sigmaR
  }
  /// The perturbation spec `family:ε` or `family:δ`.
  public var perturbationSpec: PerturbationSpec { PerturbationSpec(family: family, size: familySize) }

  /// The rate `γ` of the slowest signal mode in the spectral phase: `σ_r − ε`
  /// (absolute), `σ_r(1 − δ)` (relative), `σ_r` (zero); `0` when the size is
  /// at or past the sharp threshold.
  public var slowestRate: Double {
    if family == .zero { return sigmaR }
    return max(0, family.isRelative ? sigmaR * (1 - size) : sigmaR - familySize)
  }

  /// `ln(σ₁/α)/γ` (L10, C2's `T₂` with `c₄ = 1`); `+∞` when `γ = 0`.
  public var spectralPhaseTime: Double {
    let g = slowestRate
    return g > 0 ? Foundation.log(sigma1 / alpha) / g : .infinity
  }

  /// The problem of ``problemSpec``.
  public func problem() throws -> Problem { try problemSpec.problem() }

  /// The check case (random perturbation families drawn from the same seed).
  public func checkCase() throws -> Scenario {
    guard tEnd.isFinite, tEnd > 0 else {
      throw ProblemError.invalidValue("horizon T = \(tEnd) at \(self): the size is at or past the sharp threshold, choose a fixed horizon")
    }
    return try Scenario(problem: problem(), perturbation: perturbationSpec, seed: seed, tEnd: tEnd, label: description)
  }

  /// E.g. `"3×2 k=1 r=1 κ=1.7 α=0.005 rotating:0.03 (s=0.1) seed 7 T=20"`.
  public var description: String {
    let pert = family == .zero ? "zero" : "\(family.name):\(Self.short(familySize)) (s=\(Self.short(size))\(family.isRelative ? "" : "·σr"))"
    return "\(n1)×\(n2) k=\(k) r=\(r) κ=\(Self.short(kappa)) α=\(Self.short(alpha)) \(pert) seed \(seed) T=\(Self.short(tEnd))"
  }

  /// Every parameter exactly (shortest round-trip decimals, ``ReportFormat/exact(_:)``),
  /// e.g. `"n1=2 n2=2 k=1 r=1 κ=1 α=0.0039215686274509803 fixed:0.039 seed 55 T=22.5"`.
  public var exactDescription: String {
    "n1=\(n1) n2=\(n2) k=\(k) r=\(r) κ=\(ReportFormat.exact(kappa)) α=\(ReportFormat.exact(alpha)) \(perturbationSpec) seed \(seed) T=\(ReportFormat.exact(tEnd))"
  }

  /// The `pgf check` flags that rebuild this point's case bit for bit: the
  /// same ``ProblemSpec`` (shape, geometric spectrum from `σ₁ = 1`, `α`,
  /// seed), the perturbation `family:ε` with its absolute size (drawn from
  /// the same seed), the horizon, and the default tolerances and grid of
  /// ``checkCase()``. Every number is exact (``ReportFormat/exact(_:)``).
  public var checkArguments: [String] {
    [
      "--n1", "\(n1)", "--n2", "\(n2)", "--k", "\(k)", "--r", "\(r)", "--kappa", ReportFormat.exact(kappa),
      "--alpha", ReportFormat.exact(alpha), "--seed", "\(seed)", "--perturbation", perturbationSpec.family.sizeKind == .none ? family.name : "\(family.name):\(ReportFormat.exact(familySize))",
      "--t-end", ReportFormat.exact(tEnd),
    ]
  }

  /// `pgf check --lemma ID …` with ``checkArguments``.
  public func checkCommand(lemma id: String) -> String { (["pgf", "check", "--lemma", id] + checkArguments).joined(separator: " ") }

  /// Whether every shrinkable coordinate (`n1, n2, k, r, s`) is `≤` the other point's.
  public func isNoLarger(than other: ParameterPoint) -> Bool {
    n1 <= other.n1 && n2 <= other.n2 && k <= other.k && r <= other.r && size <= other.size
  }

  static func short(_ x: Double) -> String {
    if x == x.rounded() && abs(x) < 1e6 { return String(Int(x)) }
    return String(format: "%.4g", x)
  }
}

extension Comparable {
  fileprivate func clamped(to range: ClosedRange<Self>) -> Self { min(max(self, range.lowerBound), range.upperBound) }
}
