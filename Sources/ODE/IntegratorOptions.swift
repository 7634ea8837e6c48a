/// Tolerances, step-size controller and recording settings for ``DormandPrince``.
///
/// Defaults follow Hairer's DOPRI5 except the tolerances.
public struct IntegratorOptions: Sendable {
  /// Relative tolerance `rtol` (≥ 0, dimensionless). Default `1e-6`. As in DOPRI5 the
  /// error weight of component `i` is `atol_i + rtol·max(|y_i|, |y_new,i|)`: `rtol = 0`
  /// gives pure absolute control (then every `atol_i` must be > 0).
  public var relativeTolerance: Double = 1e-6
  /// Scalar absolute tolerance `atol` (≥ 0, state units). Default `1e-9`. `atol = 0`
  /// gives pure relative control (then `rtol` must be > 0).
  public var absoluteTolerance: Double = 1e-9
  /// Optional per-component absolute tolerances (each ≥ 0, > 0 where `rtol = 0`; `dimension` entries);
  /// overrides ``absoluteTolerance`` when set. Default `nil`.
  public var absoluteTolerances: [Double]? = nil
  /// Magnitude of the first step (time units, > 0; its sign is taken from the
  /// integration direction). `nil` (default): Hairer's HINIT rule.
  public var initialStep: Double? = nil
  /// Maximal step magnitude (time units, > 0). `nil` (default): `|tEnd − t0|`, as DOPRI5.
  public var maxStep: Double? = nil
  /// Budget of attempted (accepted + rejected) steps, as DOPRI5's NMAX. Default 100 000.
  /// Exactly `maxSteps` attempts are allowed (the Fortran allows NMAX + 1).
  public var maxSteps: Int = 100_000
  /// Safety factor of the controller, in (1e-4, 1). Default 0.9.
  public var safety: Double = 0.9
  /// Smallest step-size ratio `hnew/h`, in (0, 1]. Default 0.2 (DOPRI5's FAC1).
  public var minFactor: Double = 0.2
  /// Largest step-size ratio `hnew/h`, ≥ 1. Default 10 (DOPRI5's FAC2).
  public var maxFactor: Double = 10.0
  /// Lund stabilisation exponent β of the PI controller, in [0, 0.2]. Default 0.04.
  public var beta: Double = 0.04
  /// DOPRI5's stiffness test interval NSTIFF: the test `h·λ > 3.25` (λ estimated from
  /// the last two stages) runs after every `n`-th accepted step and, once it has fired,
  /// after every step; 15 consecutive stiff steps throw
  /// ``IntegrationError/probablyStiff(t:h:hLambda:acceptedSteps:)``. `nil` disables the
  /// test (DOPRI5's NSTIFF < 0). Default 1000 (DOPRI5's default).
  public var stiffnessCheckInterval: Int? = 1000
  /// Unit roundoff of the step-size underflow test `0.1|h| ≤ |t|·uround`.
  /// Default 2.3e-16 (DOPRI5's default).
  public var unitRoundoff: Double = 2.3e-16
  /// Keep every step's interpolant in ``ODESolution/dense``
  /// (memory: `5·dimension + 2` doubles per accepted step). Default `true`.
  public var recordDenseOutput: Bool = true
  /// Keep every accepted `(t, y)` in ``ODESolution/times`` / ``ODESolution/states``.
  /// When `false` only the initial and final points are kept. Default `true`.
  public var recordSteps: Bool = true
  /// Build the interpolant of every accepted step and expose the latest one as
  /// ``DormandPrince/lastSegment`` without keeping the others (memory: one segment),
  /// for callers that sample the solution while stepping. Default `false`.
  public var recordLastSegment: Bool = false

  /// Creates options; every parameter defaults to the property's documented default.
  public init(
    relativeTolerance: Double = 1e-6,
    absoluteTolerance: Double = 1e-9,
    absoluteTolerances: [Double]? = nil,
    initialStep: Double? = nil,
    maxStep: Double? = nil,
    maxSteps: Int = 100_000,
    safety: Double = 0.9,
    minFactor: Double = 0.2,
    maxFactor: Double = 10.0,
    beta: Double = 0.04,
    unitRoundoff: Double = 2.3e-16,
    stiffnessCheckInterval: Int? = 1000,
    recordDenseOutput: Bool = true,
    recordSteps: Bool = true
  ) {
    self.relativeTolerance = relativeTolerance
    self.absoluteTolerance = absoluteTolerance
    self.absoluteTolerances = absoluteTolerances
    self.initialStep = initialStep
    self.maxStep = maxStep
    self.maxSteps = maxSteps
    self.safety = safety
    self.minFactor = minFactor
    self.maxFactor = maxFactor
    self.beta = beta
    self.unitRoundoff = unitRoundoff
    self.stiffnessCheckInterval = stiffnessCheckInterval
    self.recordDenseOutput = recordDenseOutput
    self.recordSteps = recordSteps
  }

  /// Checks every option; returns the per-component absolute tolerances.
  ///
  /// Tolerances must be finite and ≥ 0 and every component must be controlled:
  /// `atol_i > 0` or `rtol > 0` (pure absolute and pure relative control are allowed,
  /// as in DOPRI5). The dimension must be ≥ 1.
  func validated(dimension n: Int) throws -> [Double] {
    func positive(_ v: Double) -> Bool { v.isFinite && v > 0 }
    func nonNegative(_ v: Double) -> Bool { v.isFinite && v >= 0 }
    guard n > 0 else { throw IntegrationError.emptySystem }
    guard nonNegative(relativeTolerance) else {
      throw IntegrationError.invalidTolerance(name: "relative tolerance", value: relativeTolerance)
    }
    let atol: [Double]
    if let vector = absoluteTolerances {
      guard vector.count == n else {
        throw IntegrationError.dimensionMismatch(expected: n, found: vector.count)
      }
      if let bad = vector.first(where: { !nonNegative($0) }) {
        throw IntegrationError.invalidTolerance(name: "absolute tolerance", value: bad)
      }
      atol = vector
    } else {
      guard nonNegative(absoluteTolerance) else {
        throw IntegrationError.invalidTolerance(name: "absolute tolerance", value: absoluteTolerance)
      }
      atol = Array(repeating: absoluteTolerance, count: n)
    }
    if relativeTolerance == 0, let i = atol.firstIndex(of: 0) {
      throw IntegrationError.zeroTolerances(component: absoluteTolerances == nil ? nil : i)
    }
    if let every = stiffnessCheckInterval, every <= 0 {
      throw IntegrationError.invalidOption(name: "stiffnessCheckInterval", value: Double(every))
    }
    if let h0 = initialStep, !positive(h0) { throw IntegrationError.invalidStep(name: "initialStep", value: h0) }
    if let hm = maxStep, !positive(hm) { throw IntegrationError.invalidStep(name: "maxStep", value: hm) }
    guard maxSteps > 0 else { throw IntegrationError.invalidOption(name: "maxSteps", value: Double(maxSteps)) }
    guard safety > 1e-4 && safety < 1 else { throw IntegrationError.invalidOption(name: "safety", value: safety) }
    guard minFactor > 0 && minFactor <= 1 else {
      throw IntegrationError.invalidOption(name: "minFactor", value: minFactor)
    }
    guard maxFactor >= 1 && maxFactor.isFinite else {
      throw IntegrationError.invalidOption(name: "maxFactor", value: maxFactor)
    }
    guard beta >= 0 && beta <= 0.2 else { throw IntegrationError.invalidOption(name: "beta", value: beta) }
    guard unitRoundoff > 1e-35 && unitRoundoff < 1 else {
      throw IntegrationError.invalidOption(name: "unitRoundoff", value: unitRoundoff)
    }
    return atol
  }
}
