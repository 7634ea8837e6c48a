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

  private let phiSigma: Matrix
  private let psiSigma: Matrix
  private let denseX: Matrix?
  private var u: Matrix
  private var v: Matrix
  private var signalU: Matrix  // ΦᵀU, r×k
  private var signalV: Matrix  // ΨᵀV, r×k
  private var gramU: Matrix  // UᵀU, k×k
  private var gramV: Matrix  // VᵀV, k×k
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
    n1 = target.n1
    n2 = target.n2
    self.k = k
    phiSigma = target.phiSigma
    psiSigma = target.psiSigma
    let r = target.rank
    u = Matrix(rows: n1, columns: k)
    v = Matrix(rows: n2, columns: k)
    signalU = Matrix(rows: r, columns: k)
    signalV = Matrix(rows: r, columns: k)
    gramU = Matrix(rows: k, columns: k)
    gramV = Matrix(rows: k, columns: k)
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
  public mutating func evaluate(_ t: Double, _ y: [Double], into dydt: inout [Double]) throws {
    precondition(y.count == dimension && dydt.count == dimension, "FlowField: state has \(y.count) entries, expected \(dimension)")
    let sizeU = n1 * k
    let sizeV = n2 * k
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
      Matrix.multiply(target.phi, transposingA: true, u, into: &signalU)
      Matrix.multiply(target.psi, transposingA: true, v, into: &signalV)
      Matrix.multiply(u, transposingA: true, u, into: &gramU)
      Matrix.multiply(v, transposingA: true, v, into: &gramV)
      Matrix.multiply(phiSigma, signalV, into: &rv)
      Matrix.multiply(u, gramV, alpha: -1, beta: 1, into: &rv)
      Matrix.multiply(psiSigma, signalU, into: &rtu)
      Matrix.multiply(v, gramU, alpha: -1, beta: 1, into: &rtu)
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
