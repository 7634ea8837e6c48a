import Flow
import Validated

/// One inequality of the form `g(t) ≤ b(t)` with `b` the solution of the
/// linear comparison equation `ḃ = a(t)·b + c(t)`, `b(0) = g(0)`, `c ≥ 0`,
/// checked along validated steps.
///
/// - L3: `g = ‖Z‖_F`, `a = ‖X + E‖`, `c = 0` (then `b = ‖Z(0)‖_F e^{∫a}`).
/// - L4 (U side): `g = ‖N_U‖_F`, `a = −λ_min(VᵀV)`, `c = ‖PEV‖_F`; that `b` is
///   exactly the right-hand side of L4 (variation of constants).
/// - Negative controls: L3 with `a = ½‖X + E‖`; L4 with `c = 0`.
///
/// On each sub-interval `[t_a, t_b]` of a step the inequality is *established*
/// by either
/// 1. **the crude test** `sup g ≤ inf b` (sup from the step's Taylor model,
///    inf from the rigorous enclosure of `b` propagated by
///    `b(t_b) ∈ e^{[a]Δ}[b(t_a)] + [c]Δ·hull(1, e^{[a][0,Δ]})`; the exponential
///    is ``Interval/exp(_:)``), valid on its own, or
/// 2. **the differential test** `sup ½(g²)' ≤ inf([a]g² + [c]g)` over the
///    sub-interval, given that the inequality holds at `t_a`: then
///    `e = b − g` satisfies `e' ≥ a·e` wherever `g > 0`, so `e` cannot become
///    negative (comparison principle; where `g = 0`, `g ≤ b` since `b ≥ 0`).
/// `½(g²)'` is the polynomial `⟨N, Ṅ⟩` of the state, evaluated on the Taylor
/// model (no transcendental needed). If some sub-interval stays undecided after
/// the finest subdivision, the statement is *undecided* (unless refuted): a
/// **refutation** needs `g(t_j) > b(t_j)` certified at a narrow step end,
/// `lo g > hi b`.
struct ComparisonCheck {
  enum Kind { case zNorm(rateFactor: Double), noiseU(forcing: Bool), noiseV(forcing: Bool) }
  let kind: Kind
  let data: ProofData

  var name: String {
    switch kind {
    case .zNorm(let f): return f == 1 ? "‖Z‖_F" : "‖Z‖_F (rate ×\(f))"
    case .noiseU(let f): return f ? "‖N_U‖_F" : "‖N_U‖_F (no forcing)"
    case .noiseV(let f): return f ? "‖N_V‖_F" : "‖N_V‖_F (no forcing)"
    }
  }

  // MARK: quantities (generic: polynomial models or boxes)

  /// The polynomial part of `g²`.
  func g2<T: FlowScalar>(_ u: [T], _ v: [T]) -> T {
    let F = PGFVectorField.self
    switch kind {
    case .zNorm: return F.inner(u, u) + F.inner(v, v)
    case .noiseU:
      let a = F.transposeTimes(data.field.phi, u, columns: data.k)
      return F.inner(u, u) - F.inner(a, a)
    case .noiseV:
      let b = F.transposeTimes(data.field.psi, v, columns: data.k)
      return F.inner(v, v) - F.inner(b, b)
    }
  }

  /// The polynomial part of `½(g²)' = ⟨N, Ṅ⟩` given `(U̇, V̇)`.
  func halfDerivative<T: FlowScalar>(_ u: [T], _ v: [T], _ du: [T], _ dv: [T]) -> T {
    let F = PGFVectorField.self
    switch kind {
    case .zNorm: return F.inner(u, du) + F.inner(v, dv)
    case .noiseU:
      let a = F.transposeTimes(data.field.phi, u, columns: data.k)
      let da = F.transposeTimes(data.field.phi, du, columns: data.k)
      return F.inner(u, du) - F.inner(a, da)
    case .noiseV:
      let b = F.transposeTimes(data.field.psi, v, columns: data.k)
      let db = F.transposeTimes(data.field.psi, dv, columns: data.k)
      return F.inner(v, dv) - F.inner(b, db)
    }
  }

  /// The correction `±ε‖A‖_F²` to `g²` from the inexact orthonormality (box).
  func g2Correction(_ u: [Interval], _ v: [Interval]) -> Interval {
    let F = PGFVectorField.self
    switch kind {
    case .zNorm: return .zero
    case .noiseU:
      let a = F.transposeTimes(data.field.phi, u, columns: data.k)
      let s = (Interval(data.epsPhi) * F.inner(a, a)).magnitude
      return Interval(-s, s)
    case .noiseV:
      let b = F.transposeTimes(data.field.psi, v, columns: data.k)
      let s = (Interval(data.epsPsi) * F.inner(b, b)).magnitude
      return Interval(-s, s)
    }
  }

  /// The correction `±ε‖A‖_F‖Ȧ‖_F` to `½(g²)'` (box).
  func derivativeCorrection(_ u: [Interval], _ v: [Interval]) -> Interval {
    let F = PGFVectorField.self
    switch kind {
    case .zNorm: return .zero
    case .noiseU, .noiseV:
      let (du, dv) = data.field.evaluate(u: u, v: v)
      let isU: Bool = { if case .noiseU = kind { return true } else { return false } }()
      let basis = isU ? data.field.phi : data.field.psi
      let a = F.transposeTimes(basis, isU ? u : v, columns: data.k)
      let da = F.transposeTimes(basis, isU ? du : dv, columns: data.k)
      let s = (Interval(isU ? data.epsPhi : data.epsPsi) * F.inner(a, a).squareRoot * F.inner(da, da).squareRoot).magnitude
      return Interval(-s, s)
    }
  }

  /// `g²` enclosed on a box.
  func g2Box(_ y: [Interval]) -> Interval {
    let (u, v) = data.split(y)
    let x = g2(u, v) + g2Correction(u, v)
    return Interval(Swift.max(0, x.lo), Swift.max(0, x.hi))
  }

  /// The rate `a` over a box.
  func rate(_ u: [Interval], _ v: [Interval]) throws -> Interval {
    switch kind {
    case .zNorm(let f): return f * data.normXPlusE
    case .noiseU:
      let g = IntervalMatrix(rows: data.n2, columns: data.k, elements: v).gram
      return -(try SymmetricEigenvalueBounds(g).minimum)
    case .noiseV:
      let g = IntervalMatrix(rows: data.n1, columns: data.k, elements: u).gram
      return -(try SymmetricEigenvalueBounds(g).minimum)
    }
  }

  /// For the noise parts: the Gram matrix (`VᵀV` or `UᵀU`) on the step's Taylor
  /// model, rotated by the float eigenvectors `Q` of its midpoint at `θ = ½`
  /// (`QᵀMQ`, polynomial entries), and `δ ≥ ‖QᵀQ − I‖_∞`; `nil` for `‖Z‖`.
  func rotatedGram(_ u: [IntervalPolynomial], _ v: [IntervalPolynomial]) throws -> ([IntervalPolynomial], Double)? {
    let F = PGFVectorField.self
    let k = data.k
    let gm: [IntervalPolynomial]
    switch kind {
    case .zNorm: return nil
    case .noiseU: gm = F.gram(v, columns: k)
    case .noiseV: gm = F.gram(u, columns: k)
    }
    let mid = Matrix(rows: k, columns: k, elements: gm.map { $0.range(over: Interval(0.5)).mid })
    let q = try SymmetricEigendecomposition(mid).eigenvectors
    let qtm = F.transposeTimes(q, gm, columns: k)  // QᵀM
    var mq = qtm
    for i in 0..<k { for j in 0..<k { mq[i * k + j] = qtm[j * k + i] } }  // (QᵀM)ᵀ = MQ (M symmetric)
    let rot = F.transposeTimes(q, mq, columns: k)  // QᵀMQ
    var c = IntervalMatrix(q).gram
    for i in 0..<k { c[i, i] = c[i, i] - .one }
    return (rot, c.infinityNormUpperBound)
  }

  /// The polynomial part of `c²` on the Taylor model: `‖EV‖_F² − ‖Φ̃ᵀEV‖_F²`
  /// (U side) or `‖EᵀU‖_F² − ‖Ψ̃ᵀEᵀU‖_F²` (V side); `nil` without forcing.
  /// Evaluating on the model keeps the cancellation between the two terms exact
  /// coefficient by coefficient (on a box it would swamp the small difference).
  func forcingSquared(_ u: [IntervalPolynomial], _ v: [IntervalPolynomial]) -> IntervalPolynomial? {
    let F = PGFVectorField.self
    guard let e = data.field.e, hasForcing else { return nil }
    switch kind {
    case .zNorm: return nil
    case .noiseU:
      let ev = F.times(e, v, columns: data.k)
      let a = F.transposeTimes(data.field.phi, ev, columns: data.k)
      return F.inner(ev, ev) - F.inner(a, a)
    case .noiseV:
      let etu = F.transposeTimes(e, u, columns: data.k)
      let b = F.transposeTimes(data.field.psi, etu, columns: data.k)
      return F.inner(etu, etu) - F.inner(b, b)
    }
  }

  /// `±ε‖Φ̃ᵀEV‖_F²` (or the V mirror) on a box: the inexact-orthonormality term of `c²`.
  func forcingCorrection(_ u: [Interval], _ v: [Interval]) -> Interval {
    let F = PGFVectorField.self
    guard let e = data.field.e, hasForcing else { return .zero }
    let x: Interval
    switch kind {
    case .zNorm: return .zero
    case .noiseU:
      let a = F.transposeTimes(data.field.phi, F.times(e, v, columns: data.k), columns: data.k)
      x = Interval(data.epsPhi) * F.inner(a, a)
    case .noiseV:
      let b = F.transposeTimes(data.field.psi, F.transposeTimes(e, u, columns: data.k), columns: data.k)
      x = Interval(data.epsPsi) * F.inner(b, b)
    }
    return Interval(-x.magnitude, x.magnitude)
  }

  /// Whether this part has a forcing term `c` (L4 with its integral).
  var hasForcing: Bool {
    switch kind {
    case .noiseU(let f), .noiseV(let f): return f
    case .zNorm: return false
    }
  }

  /// The forcing `c ≥ 0` over a box: `‖PEV‖_F` (U side) or `‖QEᵀU‖_F` (V side).
  func forcing(_ u: [Interval], _ v: [Interval]) -> Interval {
    let F = PGFVectorField.self
    guard let e = data.field.e else { return .zero }
    switch kind {
    case .zNorm, .noiseU(forcing: false), .noiseV(forcing: false): return .zero
    case .noiseU:
      let ev = F.times(e, v, columns: data.k)
      let a = F.transposeTimes(data.field.phi, ev, columns: data.k)
      let x = F.inner(ev, ev) - F.inner(a, a) * (Interval.one + Interval(-data.epsPhi, data.epsPhi))
      return Interval(Swift.max(0, x.lo), Swift.max(0, x.hi)).squareRoot
    case .noiseV:
      let etu = F.transposeTimes(e, u, columns: data.k)
      let b = F.transposeTimes(data.field.psi, etu, columns: data.k)
      let x = F.inner(etu, etu) - F.inner(b, b) * (Interval.one + Interval(-data.epsPsi, data.epsPsi))
      return Interval(Swift.max(0, x.lo), Swift.max(0, x.hi)).squareRoot
    }
  }

  // MARK: the check along the steps

  struct Outcome {
    var refutedAt: Double? = nil
    var firstUndecided: Double? = nil
    var undecidedIntervals = 0
    var maxSubdivisions = 1
    var worstMargin = Double.infinity
  }

  /// The result of deciding one step at one subdivision level.
  struct StepDecision {
    var undecided = 0
    var firstUndecided: Double? = nil
    var bEnd: Interval
    var holdsEnd: Bool
  }

  /// Runs the check over all steps. Each step is decided with `2^level`
  /// sub-intervals, `level` starting at `min(6, maxLevel)` and raised by 2 up
  /// to `maxLevel` while some sub-interval stays undecided. The enclosure of
  /// `b` is propagated over the same sub-intervals.
  func run(_ steps: [ValidatedStep], maxLevel: Int) throws -> Outcome {
    var out = Outcome()
    var b = g2Box(data.y0.map { Interval($0) }).squareRoot  // b(0) = g(0)
    var holds = true  // g ≤ b at the current time (true at t = 0: equality)
    for s in steps {
      var level = Swift.min(6, maxLevel)
      var d = try decide(s, level: level, b: b, holds: holds)
      while d.undecided > 0 && level < maxLevel {
        level = Swift.min(level + 2, maxLevel)
        d = try decide(s, level: level, b: b, holds: holds)
      }
      out.maxSubdivisions = Swift.max(out.maxSubdivisions, 1 << level)
      if d.undecided > 0 {
        out.undecidedIntervals += d.undecided
        if out.firstUndecided == nil { out.firstUndecided = d.firstUndecided }
      }
      b = d.bEnd
      holds = d.holdsEnd
      // Refutation / margin at the narrow step end.
      let gEnd = g2Box(s.endpoint).squareRoot
      out.worstMargin = Swift.min(out.worstMargin, (Interval(b.lo) - Interval(gEnd.hi)).lo)
      if gEnd.lo > b.hi && out.refutedAt == nil {
        out.refutedAt = s.t1
        break  // a certified counterexample decides the statement; later steps cannot change it
      }
      // Certified at the step end: later steps may use the differential test again.
      if gEnd.hi <= b.lo { holds = true }
    }
    return out
  }

  /// Decides one step with `2^level` sub-intervals, given `b(t0) ∈ b` and
  /// whether `g ≤ b` is known at `t0`.
  func decide(_ s: ValidatedStep, level: Int, b: Interval, holds holdsStart: Bool) throws -> StepDecision {
    let m = 1 << level
    let (uP, vP) = data.split(s.model)
    let g2P = g2(uP, vP)
    let delta = s.h * Interval(1 / Double(m))  // exact scaling by a power of two
    let gramModel = try rotatedGram(uP, vP)
    let (uW, vW) = data.split(s.whole)
    // Corrections from the inexact orthonormality of Φ̃, Ψ̃ (~1e-16 relative), once per step on the whole-step box.
    let g2Corr = g2Correction(uW, vW)
    let forcingModel = forcingSquared(uP, vP)
    let forcingCorr = forcingCorrection(uW, vW)
    let rateW = gramModel == nil ? try rate(uW, vW) : .zero
    let maxDegree = 4 * (s.model.first?.degree ?? 1) + 4
    var subs: [(sub: Interval, powers: [Interval], a: Interval, c: Interval, bInf: Double)] = []
    subs.reserveCapacity(m)
    var bCur = b
    for i in 0..<m {
      let sub = Interval(Double(i) / Double(m), Double(i + 1) / Double(m))  // exact dyadics
      let powers = IntervalPolynomial.powers(of: sub, upTo: maxDegree)
      let a: Interval
      if let (rot, defect) = gramModel {
        let box = IntervalMatrix(rows: data.k, columns: data.k, elements: rot.map { $0.range(powers: powers) })
        a = -(try SymmetricEigenvalueBounds(box, basisDefect: defect).minimum)
      } else {
        a = rateW
      }
      let c: Interval
      if let fm = forcingModel {
        let x = fm.range(powers: powers) + forcingCorr
        c = Interval(Swift.max(0, x.lo), Swift.max(0, x.hi)).squareRoot
      } else {
        c = .zero
      }
      let expRange = Interval.exp(a * Interval(0, delta.hi))  // ∋ e^{∫a} over any part of the sub-interval
      let bClip = Interval(Swift.max(0, bCur.lo), Swift.max(0, bCur.hi))  // b ≥ 0
      subs.append((sub, powers, a, c, Swift.max(0, (expRange * bClip).lo)))
      bCur = Interval.exp(a * delta) * bClip + c * delta * expRange
    }
    var result = StepDecision(bEnd: bCur, holdsEnd: holdsStart)
    // Whole-step crude test.
    let g2W = g2P.range(over: .unit) + g2Corr
    if g2W.hi <= Interval(subs.map(\.bInf).min() ?? 0).squared.lo {
      result.holdsEnd = true
      return result
    }
    var holds = holdsStart
    var dP: IntervalPolynomial? = nil
    var dCorr = Interval.zero
    for (i, x) in subs.enumerated() {
      let g2Sub = g2P.range(powers: x.powers) + g2Corr
      let g2S = Interval(Swift.max(0, g2Sub.lo), Swift.max(0, g2Sub.hi))
      var ok = g2S.hi <= Interval(x.bInf).squared.lo
      if !ok && holds {
        if dP == nil {
          let (du, dv) = data.field.evaluate(u: uP, v: vP)
          dP = halfDerivative(uP, vP, du, dv)
          dCorr = derivativeCorrection(uW, vW)
        }
        let d = dP!.range(powers: x.powers) + dCorr
        ok = d.hi <= (x.a * g2S + x.c * g2S.squareRoot).lo
      }
      if !ok {
        result.undecided += 1
        if result.firstUndecided == nil { result.firstUndecided = s.t0 + Double(i) / Double(m) * (s.t1 - s.t0) }
      }
      holds = ok
    }
    result.holdsEnd = holds
    return result
  }
}
