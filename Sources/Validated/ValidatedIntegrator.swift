import Flow
import Foundation

/// Settings of the validated integrator.
///
/// Defaults: order `p = 12`, local remainder width tolerance `1e-13`, maximum
/// step `0.25`, minimum step `1e-6`, at most 200 000 steps, adaptive steps.
public struct ValidatedOptions: Sendable, Equatable {
  /// Taylor order `p` (the remainder is of order `p + 1`).
  public var order: Int = 12
  /// Target for the width of each step's Lagrange remainder enclosure
  /// (absolute, per component): the step-size control keeps it near this value.
  public var tolerance: Double = 1e-13
  /// Largest step.
  public var maxStep: Double = 0.25
  /// Smallest step before giving up.
  public var minStep: Double = 1e-6
  /// A fixed step (no adaptation) when set.
  public var fixedStep: Double? = nil
  /// Step budget.
  public var maxSteps: Int = 200_000
  /// Whether to use Lohner's QR representation (`true`) or plain interval
  /// boxes (`false`, for comparison: suffers the wrapping effect).
  public var lohner: Bool = true

  /// The defaults above.
  public init() {}

  /// Checks ranges.
  ///
  /// - Throws: ``ValidationError/invalidArgument(_:)`` naming the bad setting.
  public func validate() throws {
    guard (1...40).contains(order) else { throw ValidationError.invalidArgument("order must be in 1...40 (got \(order)); e.g. --order 12") }
    guard tolerance.isFinite, tolerance > 0 else { throw ValidationError.invalidArgument("tolerance must be finite and > 0 (got \(tolerance))") }
    guard maxStep.isFinite, maxStep > 0, minStep > 0, minStep <= maxStep else {
      throw ValidationError.invalidArgument("need 0 < minStep ≤ maxStep (got \(minStep), \(maxStep))")
    }
    if let h = fixedStep { guard h.isFinite, h > 0 else { throw ValidationError.invalidArgument("fixed step must be finite and > 0 (got \(h))") } }
  }
}

/// One validated step from `t0` to `t1`: the exact solution through every
/// point of the previous step's enclosure is enclosed over the whole step and
/// at its end.
public struct ValidatedStep: Sendable {
  /// Start time (exact double).
  public let t0: Double
  /// End time (exact double).
  public let t1: Double
  /// Enclosure of the step length `t1 − t0`.
  public let h: Interval
  /// Enclosure of `y(t1)` (Lohner representation evaluated, intersected with
  /// the direct mean-value form).
  public let endpoint: [Interval]
  /// Enclosure of `y(t)` for every `t ∈ [t0, t1]`.
  public let whole: [Interval]
  /// Taylor model: `y(t0 + hθ) ∈ model(θ)` for every `θ ∈ [0, 1]` (one
  /// polynomial per component; the top coefficient is the remainder enclosure).
  public let model: [IntervalPolynomial]
  /// Largest endpoint enclosure width.
  public var endpointWidth: Double { endpoint.map(\.width).max() ?? 0 }
  /// Largest width of the remainder term `ỹ_{p+1}` (the local error).
  public let remainderWidth: Double

  /// The part of the model on `θ ∈ sub` (an interval of `[0, 1]`), as a box.
  public func box(over sub: Interval) -> [Interval] {
    let powers = IntervalPolynomial.powers(of: sub, upTo: model.map(\.degree).max() ?? 0)
    return zip(model, whole).map { p, w in
      let r = p.range(powers: powers)
      return r.intersection(w) ?? r
    }
  }
}

/// A validated Taylor integrator (interval Taylor series + Lohner's QR method)
/// for the polynomial ODE `ẏ = f(y)` of a ``PGFVectorField``.
///
/// Each step `[t_j, t_j + h]`:
/// 1. **A-priori enclosure** (Picard–Lindelöf): find a box `Ỹ` with
///    `[y_j] + [0, h]·f(Ỹ) ⊆ Ỹ` by iterating from an inflated first guess;
///    then every solution starting in `[y_j]` exists on the step and stays in `Ỹ`.
/// 2. **Taylor expansion** of order `p` by automatic differentiation
///    (``TaylorTape``): `y(t_j + h) = Σ_{i≤p} ỹᵢ(y_j) + ỹ_{p+1}(y(ξ))`, the
///    remainder enclosed by `ỹ_{p+1}(Ỹ)` (componentwise Lagrange form).
/// 3. **Lohner's method** against wrapping: the set is kept as
///    `ŷ_j + B_j r_j` (point, float matrix, interval vector); by the mean-value
///    theorem `Σ ỹᵢ(y) ∈ Σ ỹᵢ(ŷ_j) + [J](B_j r_j)` with `[J]` the interval
///    Jacobian of the Taylor polynomial over `[y_j]`. The new `B` is the `Q` of
///    a column-pivoted QR of `mid([J]B_j)`; its inverse is enclosed rigorously
///    (`Q⁻¹ ∈ (I + [±ε])Qᵀ`, `ε = δ/(1−δ)`, `δ ≥ ‖QᵀQ − I‖_∞`).
/// 4. **Step-size control**: the step is chosen so that the remainder width is
///    near ``ValidatedOptions/tolerance``; a step whose a-priori enclosure
///    fails or whose remainder is 10× too wide is halved.
public struct ValidatedIntegrator: Sendable {
  /// The vector field.
  public let field: PGFVectorField
  /// Its recorded tape.
  public let tape: TaylorTape
  /// Settings.
  public let options: ValidatedOptions

  /// An integrator for `field`.
  ///
  /// - Throws: ``ValidationError/invalidArgument(_:)`` for bad options.
  public init(field: PGFVectorField, options: ValidatedOptions = ValidatedOptions()) throws {
    try options.validate()
    self.field = field
    self.options = options
    self.tape = TaylorTape(dimension: field.dimension) { field.evaluate($0) }
  }

  /// Validated steps from the exact initial point `y0` at `t = 0` to `tEnd`;
  /// `onStep` may return `false` to stop early.
  ///
  /// - Throws: ``ValidationError/stepFailure(_:)`` when a step cannot be
  ///   validated at the minimum step size or the budget is exhausted.
  public func integrate(from y0: [Double], to tEnd: Double, onStep: (ValidatedStep) throws -> Bool = { _ in true }) throws -> [ValidatedStep] {
    guard tEnd.isFinite, tEnd > 0 else { throw ValidationError.invalidArgument("final time must be finite and > 0 (got \(tEnd)); e.g. --t-end 10") }
    let n = field.dimension
    precondition(y0.count == n, "initial state has the wrong length")
    var yHat = y0
    var b = Matrix.identity(n)
    var r = Array(repeating: Interval.zero, count: n)
    var box = y0.map { Interval($0) }
    var t = 0.0
    var steps: [ValidatedStep] = []
    var h = options.fixedStep ?? initialStep(y0)
    while t < tEnd {
      guard steps.count < options.maxSteps else { throw ValidationError.stepFailure("step budget \(options.maxSteps) exhausted at t = \(t)") }
      var attempt = min(h, options.maxStep)
      if options.fixedStep != nil { attempt = h }
      var done: (ValidatedStep, [Double], Matrix, [Interval])? = nil
      while done == nil {
        var t1 = t + attempt
        if t1 >= tEnd || tEnd - t1 < 1e-3 * attempt { t1 = tEnd }
        if let res = try step(t0: t, t1: t1, yHat: yHat, b: b, r: r, box: box) {
          let tooWide = options.fixedStep == nil && res.0.remainderWidth > 10 * options.tolerance && attempt > options.minStep
          if !tooWide { done = res; break }
        }
        attempt *= 0.5
        guard attempt >= options.minStep else {
          throw ValidationError.stepFailure("no validated step ≥ \(options.minStep) from t = \(t) (enclosure width \(box.map(\.width).max() ?? 0))")
        }
      }
      let (s, nyHat, nb, nr) = done!
      steps.append(s)
      yHat = nyHat; b = nb; r = nr; box = s.endpoint
      let used = s.t1 - t
      t = s.t1
      if options.fixedStep == nil {
        let ratio = options.tolerance / max(s.remainderWidth, 1e-300)
        let factor = min(2, max(0.3, 0.9 * pow(ratio, 1.0 / Double(options.order + 1))))
        h = min(options.maxStep, used * factor)
      }
      guard try onStep(s) else { break }
    }
    return steps
  }

  /// A first step from the size of the point Taylor coefficients.
  func initialStep(_ y0: [Double]) -> Double {
    let p = options.order
    let c = tape.coefficients(at: y0, step: 1.0, order: p + 1)
    let top = c[p + 1].map { Swift.abs($0) }.max() ?? 0
    guard top > 0 else { return options.maxStep }
    return min(options.maxStep, 0.5 * pow(options.tolerance / top, 1.0 / Double(p + 1)))
  }

  /// `[y] + [0, h]·f(Y)`.
  func picard(_ box: [Interval], _ enclosure: [Interval], _ h: Interval) -> [Interval] {
    let f = field.evaluate(enclosure)
    let span = Interval(0, h.hi)
    return zip(box, f).map { $0 + span * $1 }
  }

  /// One step attempt; `nil` when the a-priori enclosure cannot be validated.
  func step(t0: Double, t1: Double, yHat: [Double], b: Matrix, r: [Interval], box: [Interval])
    throws -> (ValidatedStep, [Double], Matrix, [Interval])?
  {
    let n = field.dimension
    let p = options.order
    let h = Interval(t1) - Interval(t0)
    // 1. A-priori enclosure: iterate the Picard operator T(Y) = [y_j] + [0, h]·f(Y) with
    //    ε-inflation (Rump): Y ← inflate(T(Y)); stop when T(Y) ⊆ Y (then Y is validated).
    func inflate(_ x: Interval) -> Interval {
      let grow = 0.1 * x.radius + 1e-15 * Swift.abs(x.mid) + 1e-300
      return Interval((x.lo - grow).nextDown, (x.hi + grow).nextUp)
    }
    var enc = picard(box, box, h).map(inflate)
    var validated = false
    for _ in 0..<25 {
      let next = picard(box, enc, h)
      guard next.allSatisfy({ $0.lo.isFinite && $0.hi.isFinite }) else { return nil }
      if zip(enc, next).allSatisfy({ $0.contains($1) }) {
        enc = next
        validated = true
        break
      }
      enc = next.map(inflate)
    }
    guard validated else { return nil }
    // 2. Remainder.
    let rem = tape.coefficients(at: enc, step: h, order: p + 1)[p + 1]
    guard rem.allSatisfy({ $0.lo.isFinite && $0.hi.isFinite }) else { return nil }
    // 3. Taylor coefficients and Jacobian over the box; at the point.
    let (vals, jac) = tape.coefficientsWithJacobian(at: box, step: h, order: p)
    let pointC = tape.coefficients(at: yHat.map { Interval($0) }, step: h, order: p)
    var phiHat = pointC[0]
    for i in 1...p { for c in 0..<n { phiHat[c] += pointC[i][c] } }
    let m = zip(phiHat, rem).map { $0 + $1 }
    var jm = IntervalMatrix(rows: n, columns: n, elements: jac[0])
    for i in 1...p { for e in 0..<(n * n) { jm.elements[e] += jac[i][e] } }
    // Taylor model over the step: y(t0 + hθ) = Σ_{i≤p} θⁱ ỹᵢ(y_j) + θ^{p+1} ỹ_{p+1}(y(ξ_θ)),
    // ỹᵢ(y_j) ∈ vals[i] (fixed for the step) and ỹ_{p+1}(y(ξ_θ)) ∈ rem for every θ.
    let modelExact = (0..<n).map { c in IntervalPolynomial((0...p).map { vals[$0][c] } + [rem[c]]) }
    // Whole-step box from the model, inside the a-priori enclosure.
    let whole = zip(modelExact.map { $0.range(over: .unit) }, enc).map { $0.intersection($1) ?? $0 }
    let remW = rem.map(\.width).max() ?? 0
    if !options.lohner {
      // Plain interval method: y(t1) ∈ Σỹᵢ(ŷ) + rem + [J]([y] − ŷ) (mean-value form on a box).
      let end = zip(m, jm * zip(box, yHat).map { $0 - Interval($1) }).map { $0 + $1 }
      let s = ValidatedStep(t0: t0, t1: t1, h: h, endpoint: end, whole: whole, model: modelExact, remainderWidth: remW)
      return (s, end.map(\.mid), b, zip(end, end.map(\.mid)).map { $0 - Interval($1) })
    }
    // 4. Lohner update.
    let jb = jm * b
    let newHat = m.map(\.mid)
    let sVec = zip(m, newHat).map { $0 - Interval($1) }
    let a = jb.midpoint
    // Column pivoting: longest (‖column‖·width of r) first.
    let order = (0..<n).sorted { i, j in
      let ci = columnNorm(a, i) * (r[i].width + 1e-300), cj = columnNorm(a, j) * (r[j].width + 1e-300)
      return ci > cj || (ci == cj && i < j)
    }
    var ap = Matrix(rows: n, columns: n)
    for (dst, src) in order.enumerated() { for i in 0..<n { ap[i, dst] = a[i, src] } }
    let q = QRDecomposition(ap).q
    guard q.rows == n, q.columns == n else { return nil }
    let qinv = try inverseEnclosure(ofNearlyOrthogonal: q)
    let rNew = zip(qinv * jb * r, qinv * sVec).map { $0 + $1 }
    let lohnerBox = zip(newHat, IntervalMatrix(q) * rNew).map { Interval($0) + $1 }
    let directBox = zip(m, jb * r).map { $0 + $1 }
    let end = zip(lohnerBox, directBox).map { $0.intersection($1) ?? $0 }
    let s = ValidatedStep(t0: t0, t1: t1, h: h, endpoint: end, whole: whole, model: modelExact, remainderWidth: remW)
    return (s, newHat, q, rNew)
  }

  func columnNorm(_ a: Matrix, _ j: Int) -> Double {
    var s = 0.0
    for i in 0..<a.rows { s += a[i, j] * a[i, j] }
    return s.squareRoot()
  }
}

/// An enclosure of `Q⁻¹` for a float matrix `Q` with nearly orthonormal
/// columns: with `C = Qᵀ` and `δ ≥ ‖CQ − I‖_∞ < 1`, `(CQ)⁻¹ = I + F` with
/// `‖F‖_∞ ≤ δ/(1 − δ)` (Neumann series), so `Q⁻¹ = (I + F)C ∈ (I + [±ε])C`.
///
/// - Throws: ``ValidationError/notDecidable(_:)`` when `δ ≥ ½`.
public func inverseEnclosure(ofNearlyOrthogonal q: Matrix) throws -> IntervalMatrix {
  let n = q.rows
  let c = IntervalMatrix(q.transposed)
  var cq = c * IntervalMatrix(q)
  for i in 0..<n { cq[i, i] = cq[i, i] - .one }
  let delta = cq.infinityNormUpperBound
  guard delta < 0.5 else { throw ValidationError.notDecidable("QR factor not orthogonal enough (δ = \(delta))") }
  let eps = (Interval(delta) / (Interval.one - Interval(delta))).hi
  var f = IntervalMatrix(rows: n, columns: n, repeating: Interval(-eps, eps))
  for i in 0..<n { f[i, i] = Interval.one + Interval(-eps, eps) }
  return f * c
}
