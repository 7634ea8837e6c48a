import Flow

/// The PGF right-hand side with exact data, generic over the arithmetic.
///
/// `U̇ = ΦΣ(ΨᵀV) − U(VᵀV) + EV`, `V̇ = ΨΣ(ΦᵀU) − V(UᵀU) + EᵀU`, i.e. the PGF
/// `U̇ = (X − UVᵀ + E)V`, `V̇ = (X − UVᵀ + E)ᵀU` for the target
/// `X* = Φ̃ Σ̃ Ψ̃ᵀ` **taken exactly** from the stored double factors of the
/// problem's ``Target`` (the same factored target the floating-point flow uses)
/// and a constant perturbation `E` given by its double entries (exact).
/// Products with the constant data are formed as `Φ(Σ(ΨᵀV))`, never by
/// pre-multiplying constants in floating point, so an ``Interval`` evaluation
/// encloses the exact right-hand side.
///
/// State layout: `y = [vec U; vec V]`, both row-major (as ``Problem/initialState``).
public struct PGFVectorField: Sendable {
  /// Rows of X.
  public let n1: Int
  /// Columns of X.
  public let n2: Int
  /// Factor width k.
  public let k: Int
  /// `Φ̃` (`n1 × r`), exact doubles.
  public let phi: Matrix
  /// `Σ̃` (`r` values).
  public let sigma: [Double]
  /// `Ψ̃` (`n2 × r`).
  public let psi: Matrix
  /// The constant perturbation `E` (`n1 × n2`), or `nil` for `E = 0`.
  public let e: Matrix?

  /// The field of a target and a constant perturbation (`nil`: `E = 0`).
  ///
  /// - Precondition: `e` is `n1 × n2` when given.
  public init(target: Target, k: Int, e: Matrix?) {
    n1 = target.n1
    n2 = target.n2
    self.k = k
    phi = target.phi
    sigma = target.sigma
    psi = target.psi
    if let e { precondition(e.rows == n1 && e.columns == n2, "E must be n1 × n2") }
    self.e = e
  }

  /// Rank r.
  public var r: Int { sigma.count }
  /// State dimension `(n1 + n2)k`.
  public var dimension: Int { (n1 + n2) * k }

  /// `f(y)` for the state `y = [vec U; vec V]`.
  public func evaluate<T: FlowScalar>(_ y: [T]) -> [T] {
    let u = Array(y[0..<(n1 * k)])
    let v = Array(y[(n1 * k)...])
    let (du, dv) = evaluate(u: u, v: v)
    return du + dv
  }

  /// `(U̇, V̇)` for row-major `U` (`n1·k`) and `V` (`n2·k`).
  public func evaluate<T: FlowScalar>(u: [T], v: [T]) -> (du: [T], dv: [T]) {
    let a = Self.transposeTimes(phi, u, columns: k)  // ΦᵀU, r×k
    let b = Self.transposeTimes(psi, v, columns: k)  // ΨᵀV
    let sa = Self.scaleRows(a, sigma, columns: k)
    let sb = Self.scaleRows(b, sigma, columns: k)
    let gu = Self.gram(u, columns: k)
    let gv = Self.gram(v, columns: k)
    var du = Self.times(phi, sb, columns: k)  // ΦΣB
    var dv = Self.times(psi, sa, columns: k)
    let ugv = Self.product(u, gv, rows: n1, inner: k, columns: k)
    let vgu = Self.product(v, gu, rows: n2, inner: k, columns: k)
    for i in 0..<du.count { du[i] = du[i] - ugv[i] }
    for i in 0..<dv.count { dv[i] = dv[i] - vgu[i] }
    if let e {
      let ev = Self.times(e, v, columns: k)
      let etu = Self.transposeTimes(e, u, columns: k)
      for i in 0..<du.count { du[i] = du[i] + ev[i] }
      for i in 0..<dv.count { dv[i] = dv[i] + etu[i] }
    }
    return (du, dv)
  }

  /// `Σ_l c_l x_l` skipping zero constants (exact: `0·x = 0`).
  public static func combination<T: FlowScalar>(_ terms: [(Double, T)]) -> T {
    var acc: T? = nil
    for (c, x) in terms where c != 0 {
      let t = x.scaled(by: c)
      acc = acc.map { $0 + t } ?? t
    }
    return acc ?? T(constant: 0)
  }

  /// `M·X` for a constant `M` (`m × n`) and row-major `X` (`n × columns`).
  public static func times<T: FlowScalar>(_ m: Matrix, _ x: [T], columns: Int) -> [T] {
    var out: [T] = []
    out.reserveCapacity(m.rows * columns)
    for i in 0..<m.rows {
      for c in 0..<columns { out.append(combination((0..<m.columns).map { (m[i, $0], x[$0 * columns + c]) })) }
    }
    return out
  }

  /// `Mᵀ·X` for a constant `M` (`n × m`) and row-major `X` (`n × columns`).
  public static func transposeTimes<T: FlowScalar>(_ m: Matrix, _ x: [T], columns: Int) -> [T] {
    var out: [T] = []
    out.reserveCapacity(m.columns * columns)
    for l in 0..<m.columns {
      for c in 0..<columns { out.append(combination((0..<m.rows).map { (m[$0, l], x[$0 * columns + c]) })) }
    }
    return out
  }

  /// `diag(s)·X`.
  public static func scaleRows<T: FlowScalar>(_ x: [T], _ s: [Double], columns: Int) -> [T] {
    var out = x
    for l in 0..<s.count { for c in 0..<columns { out[l * columns + c] = x[l * columns + c].scaled(by: s[l]) } }
    return out
  }

  /// `XᵀX` for row-major `X` (`n × columns`); `(i, j)` and `(j, i)` share one value.
  public static func gram<T: FlowScalar>(_ x: [T], columns: Int) -> [T] {
    let n = x.count / columns
    var out = Array(repeating: T(constant: 0), count: columns * columns)
    for i in 0..<columns {
      for j in i..<columns {
        var acc = x[i] * x[j]
        for l in 1..<max(n, 1) { acc = acc + x[l * columns + i] * x[l * columns + j] }
        out[i * columns + j] = acc
        out[j * columns + i] = acc
      }
    }
    return out
  }

  /// `X·Y` for row-major `X` (`rows × inner`) and `Y` (`inner × columns`).
  public static func product<T: FlowScalar>(_ x: [T], _ y: [T], rows: Int, inner: Int, columns: Int) -> [T] {
    var out: [T] = []
    out.reserveCapacity(rows * columns)
    for i in 0..<rows {
      for c in 0..<columns {
        var acc = x[i * inner] * y[c]
        for l in 1..<max(inner, 1) { acc = acc + x[i * inner + l] * y[l * columns + c] }
        out.append(acc)
      }
    }
    return out
  }

  /// The Frobenius inner product `Σ xᵢyᵢ` of two equally long arrays.
  public static func inner<T: FlowScalar>(_ x: [T], _ y: [T]) -> T {
    precondition(x.count == y.count && !x.isEmpty, "inner product needs equal non-empty arrays")
    var acc = x[0] * y[0]
    for i in 1..<x.count { acc = acc + x[i] * y[i] }
    return acc
  }
}
