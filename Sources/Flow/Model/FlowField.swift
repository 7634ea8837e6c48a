/// The right-hand side of the perturbed gradient flow (PGF),
///
///     U̇ = (X − UVᵀ + E)V,   V̇ = (X − UVᵀ + E)ᵀU,
///
/// on the flat state `y = [vec(U); vec(V)]` (row-major `U`, then row-major
/// `V`; length `(n1 + n2)k`).
///
/// With ``Evaluation/factored`` (the default) the residual products use the
/// factored target, `RV = ΦΣ(ΨᵀV) − U(VᵀV)` and `RᵀU = ΨΣ(ΦᵀU) − V(UᵀU)`,
/// so one evaluation with `zero` or a low-rank perturbation costs
/// `O((n1 + n2)·k·(r + k))`. ``Evaluation/dense`` forms `X − UVᵀ` and costs
/// `O(n1·n2·k)`; it exists as an independent cross-check and a benchmark
/// baseline. All intermediate matrices are workspaces kept in the field and
/// overwritten in place on every call.
public struct FlowField: ODESystem {
  /// How the residual products are formed.
  public enum Evaluation: Sendable {
    /// Through `X = ΦΣΨᵀ`: `O((n1 + n2)k(r + k))`.
    case factored
    /// Through the dense `X − UVᵀ`: `O(n1·n2·k)`.
    case dense
  }

  /// The target.
  public let target: Target
  /// The perturbation `E(t, U, V)`.
  public let perturbation: any Perturbation
  /// The evaluation path.
  public let evaluation: Evaluation
  /// `n1`, `n2`, `k`.
  public let n1: Int, n2: Int, k: Int

  private let denseX: Matrix?
  /// `evaluation == .factored && perturbation.isZero`, fixed at creation (the hot path's test).
  private let factoredZero: Bool
  private var u: Matrix
  private var v: Matrix
  private var work: FactoredWorkspace
  private var rv: Matrix  // RV
  private var rtu: Matrix  // RᵀU
  private var du: Matrix
  private var dv: Matrix
  private var residualDense: Matrix?

  /// The field for `problem` under `perturbation` (default `zero`).
  public init(problem: Problem, perturbation: any Perturbation = ZeroPerturbation(), evaluation: Evaluation = .factored) {
    self.init(target: problem.target, k: problem.k, perturbation: perturbation, evaluation: evaluation, denseX: problem.givenX)
  }

  /// The field for a target given in factored form and factor width `k`.
  public init(target: Target, k: Int, perturbation: any Perturbation = ZeroPerturbation(), evaluation: Evaluation = .factored, denseX: Matrix? = nil) {
    precondition(k >= 1, "FlowField: k must be ≥ 1")
    self.target = target
    self.perturbation = perturbation
    self.evaluation = evaluation
    factoredZero = evaluation == .factored && perturbation.isZero
    n1 = target.n1
    n2 = target.n2
    self.k = k
    let r = target.rank
    u = Matrix(rows: n1, columns: k)
    v = Matrix(rows: n2, columns: k)
    work = FactoredWorkspace(rank: r, k: k)
    rv = Matrix(rows: n1, columns: k)
    rtu = Matrix(rows: n2, columns: k)
    du = rv
    dv = rtu
    if evaluation == .dense {
      let x = denseX ?? target.dense()
      self.denseX = x
      residualDense = x
    } else {
      self.denseX = nil
      residualDense = nil
    }
  }

  /// `(n1 + n2)·k`.
  public var dimension: Int { (n1 + n2) * k }

  /// Writes `[vec((R + E)V); vec((R + E)ᵀU)]` into `dydt`.
  ///
  /// Factored path without a perturbation (the hot path): four tall-skinny
  /// products straight from `y` into `dydt`, no copies and no allocation:
  /// `[Φ U]ᵀU`, `[Ψ V]ᵀV` (``TallSkinny/transposeProduct(rows:a1:m1:a2:m2:y:k:into:)``),
  /// then `RV = [Φ U]·[ΣΨᵀV; −VᵀV]` and `RᵀU = [Ψ V]·[ΣΦᵀU; −UᵀU]`
  /// (``TallSkinny/product(rows:a1:c1:m1:a2:c2:m2:k:into:)``).
  public mutating func evaluate(_ t: Double, _ y: [Double], into dydt: inout [Double]) throws {
    precondition(y.count == dimension && dydt.count == dimension, "FlowField: state has \(y.count) entries, expected \(dimension)")
    let sizeU = n1 * k, sizeV = n2 * k
    if factoredZero {
      y.withUnsafeBufferPointer { yb in
        dydt.withUnsafeMutableBufferPointer { db in
          guard let yp = yb.baseAddress, let dp = db.baseAddress else { return }
          work.residualProducts(target, u: yp, v: yp + sizeU, rv: dp, rtu: dp + sizeU)
        }
      }
      return
    }
    y.withUnsafeBufferPointer { src in
      u.elements.withUnsafeMutableBufferPointer { dst in
        for i in 0..<sizeU { dst[i] = src[i] }
      }
      v.elements.withUnsafeMutableBufferPointer { dst in
        for i in 0..<sizeV { dst[i] = src[sizeU + i] }
      }
    }
    switch evaluation {
    case .factored:
      // Locals (moved out, so no copy on write) keep the raw-buffer accesses off `self`.
      let u = self.u, v = self.v, target = self.target
      var rv = self.rv, rtu = self.rtu
      self.rv = Matrix(rows: 0, columns: 0)
      self.rtu = self.rv
      u.elements.withUnsafeBufferPointer { ub in
        v.elements.withUnsafeBufferPointer { vb in
          rv.elements.withUnsafeMutableBufferPointer { rvb in
            rtu.elements.withUnsafeMutableBufferPointer { rtub in
              guard let up = ub.baseAddress, let vp = vb.baseAddress,
                let rvp = rvb.baseAddress, let rtup = rtub.baseAddress
              else { return }
              work.residualProducts(target, u: up, v: vp, rv: rvp, rtu: rtup)
            }
          }
        }
      }
      self.rv = rv
      self.rtu = rtu
    case .dense:
      // R = X − UVᵀ, then RV and RᵀU.
      var r = residualDense!
      residualDense = nil
      r.elements.withUnsafeMutableBufferPointer { dst in
        denseX!.elements.withUnsafeBufferPointer { x in
          for i in 0..<dst.count { dst[i] = x[i] }
        }
      }
      Matrix.multiply(u, v, transposingB: true, alpha: -1, beta: 1, into: &r)
      Matrix.multiply(r, v, into: &rv)
      Matrix.multiply(r, transposingA: true, u, into: &rtu)
      residualDense = r
    }
    if perturbation.isZero {
      write(rv, rtu, into: &dydt)
      return
    }
    copy(rv, into: &du)
    copy(rtu, into: &dv)
    let context = PerturbationContext(t: t, target: target, u: u, v: v, residualV: rv, residualTransposeU: rtu)
    try perturbation.accumulate(context, ev: &du, etu: &dv)
    write(du, dv, into: &dydt)
  }

  /// The raw form of ``evaluate(_:_:into:)`` (see ``ODESystem/evaluate(_:_:intoRaw:)``): on the
  /// factored path without a perturbation, the same four kernel calls straight into
  /// `dydt` (`dimension` doubles, not overlapping `y`); `false` on every other path.
  public mutating func evaluate(_ t: Double, _ y: [Double], intoRaw dydt: UnsafeMutablePointer<Double>) throws -> Bool {
    guard factoredZero else { return false }
    precondition(y.count == dimension, "FlowField: state has \(y.count) entries, expected \(dimension)")
    let sizeU = n1 * k
    y.withUnsafeBufferPointer { yb in
      guard let yp = yb.baseAddress else { return }
      work.residualProducts(target, u: yp, v: yp + sizeU, rv: dydt, rtu: dydt + sizeU)
    }
    return true
  }

  private func copy(_ source: Matrix, into destination: inout Matrix) {
    destination.elements.withUnsafeMutableBufferPointer { dst in
      source.elements.withUnsafeBufferPointer { src in
        for i in 0..<dst.count { dst[i] = src[i] }
      }
    }
  }

  private func write(_ a: Matrix, _ b: Matrix, into dydt: inout [Double]) {
    let sizeU = n1 * k
    let sizeV = n2 * k
    dydt.withUnsafeMutableBufferPointer { dst in
      a.elements.withUnsafeBufferPointer { src in
        for i in 0..<sizeU { dst[i] = src[i] }
      }
      b.elements.withUnsafeBufferPointer { src in
        for i in 0..<sizeV { dst[sizeU + i] = src[i] }
      }
    }
  }
}

/// The small `(r + k) × k` workspaces of the factored right-hand side.
struct FactoredWorkspace {
  /// Factor width `k`.
  let k: Int
  /// The tall-skinny kernel in use (``TallSkinny/Kernel/preferred``, read once).
  let kernel = TallSkinny.Kernel.preferred
  var signalU: Matrix  // [Φ U]ᵀU = [ΦᵀU; UᵀU]
  var signalV: Matrix  // [Ψ V]ᵀV = [ΨᵀV; VᵀV]
  var coefficientsU: Matrix  // [Σ·ΨᵀV; −VᵀV]: RV = [Φ U]·coefficientsU
  var coefficientsV: Matrix  // [Σ·ΦᵀU; −UᵀU]: RᵀU = [Ψ V]·coefficientsV

  init(rank r: Int, k: Int) {
    self.k = k
    signalU = Matrix(rows: r + k, columns: k)
    signalV = signalU
    coefficientsU = signalU
    coefficientsV = signalU
  }

  /// `RV` and `RᵀU` of the factored target from raw `U` (`n1 × k`) and `V` (`n2 × k`)
  /// into `rv`, `rtu` (which must not overlap `u`, `v`); uses this workspace's small matrices.
  mutating func residualProducts(
    _ target: Target, u: UnsafePointer<Double>, v: UnsafePointer<Double>,
    rv: UnsafeMutablePointer<Double>, rtu: UnsafeMutablePointer<Double>
  ) {
    let r = target.rank, n1 = target.n1, n2 = target.n2
    let sigma = target.sigma
    target.phi.elements.withUnsafeBufferPointer { phiB in
      target.psi.elements.withUnsafeBufferPointer { psiB in
        signalU.elements.withUnsafeMutableBufferPointer { suB in
          signalV.elements.withUnsafeMutableBufferPointer { svB in
            coefficientsU.elements.withUnsafeMutableBufferPointer { cuB in
              coefficientsV.elements.withUnsafeMutableBufferPointer { cvB in
                let phi = phiB.baseAddress!, psi = psiB.baseAddress!
                let su = suB.baseAddress!, sv = svB.baseAddress!, cu = cuB.baseAddress!, cv = cvB.baseAddress!
                TallSkinny.transposeProduct(rows: n1, a1: phi, m1: r, a2: u, m2: k, y: u, k: k, into: su, kernel: kernel)
                TallSkinny.transposeProduct(rows: n2, a1: psi, m1: r, a2: v, m2: k, y: v, k: k, into: sv, kernel: kernel)
                // cu = [Σ·ΨᵀV; −VᵀV], cv = [Σ·ΦᵀU; −UᵀU].
                for p in 0..<r {
                  let s = sigma[p]
                  for j in 0..<k {
                    cu[p * k + j] = s * sv[p * k + j]
                    cv[p * k + j] = s * su[p * k + j]
                  }
                }
                for i in (r * k)..<((r + k) * k) {
                  cu[i] = -sv[i]
                  cv[i] = -su[i]
                }
                TallSkinny.product(rows: n1, a1: phi, c1: cu, m1: r, a2: u, c2: cu + r * k, m2: k, k: k, into: rv,
                                   kernel: kernel)
                TallSkinny.product(rows: n2, a1: psi, c1: cv, m1: r, a2: v, c2: cv + r * k, m2: k, k: k, into: rtu,
                                   kernel: kernel)
              }
            }
          }
        }
      }
    }
  }
}
