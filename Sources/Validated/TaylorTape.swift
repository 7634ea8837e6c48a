/// One recorded operation of a polynomial vector field (see ``TaylorTape``).
public enum TapeOperation: Sendable, Hashable {
  /// State component `i`.
  case input(Int)
  /// `x + y` of two earlier nodes.
  case add(Int, Int)
  /// `x − y`.
  case subtract(Int, Int)
  /// `x · y`.
  case multiply(Int, Int)
  /// `c · x` for an exact double `c`.
  case scale(Int, Double)
  /// `x + c` for an exact double `c`.
  case offset(Int, Double)
}

/// The recorder behind ``TapeVariable`` (reference type: every variable of one
/// recording appends to the same list). Used on one thread only, during
/// ``TaylorTape/init(dimension:field:)``.
public final class TapeRecorder {
  /// Operations so far.
  var operations: [TapeOperation] = []
  init() {}
  func append(_ op: TapeOperation) -> Int {
    operations.append(op)
    return operations.count - 1
  }
}

/// A value seen while recording a polynomial function once: a constant (folded
/// at record time) or a node of the tape.
public enum TapeVariable: FlowScalar {
  /// An exact constant.
  case constant(Double)
  /// Node `index` of `recorder`'s tape.
  case node(Int, TapeRecorder)

  /// The constant `c`.
  public init(constant c: Double) { self = .constant(c) }

  /// `c · x` (zero and one folded).
  public func scaled(by c: Double) -> TapeVariable {
    switch self {
    case .constant(let x): return .constant(c * x)  // only reached for constant-only data
    case .node(let i, let rec):
      if c == 0 { return .constant(0) }
      if c == 1 { return self }
      return .node(rec.append(.scale(i, c)), rec)
    }
  }

  /// Sum (constants folded).
  public static func + (a: TapeVariable, b: TapeVariable) -> TapeVariable {
    switch (a, b) {
    case (.constant(let x), .constant(let y)): return .constant(x + y)
    case (.constant(let c), .node(let i, let rec)), (.node(let i, let rec), .constant(let c)):
      return c == 0 ? .node(i, rec) : .node(rec.append(.offset(i, c)), rec)
    case (.node(let i, let rec), .node(let j, _)): return .node(rec.append(.add(i, j)), rec)
    }
  }

  /// Difference (constants folded).
  public static func - (a: TapeVariable, b: TapeVariable) -> TapeVariable {
    switch (a, b) {
    case (.node(let i, let rec), .node(let j, _)): return .node(rec.append(.subtract(i, j)), rec)
    default: return a + b.scaled(by: -1)
    }
  }

  /// Product (constants folded into a scale).
  public static func * (a: TapeVariable, b: TapeVariable) -> TapeVariable {
    switch (a, b) {
    case (.constant(let x), .constant(let y)): return .constant(x * y)
    case (.constant(let c), .node), (.node, .constant(let c)):
      let n = { if case .constant = a { return b } else { return a } }()
      return n.scaled(by: c)
    case (.node(let i, let rec), .node(let j, _)): return .node(rec.append(.multiply(i, j)), rec)
    }
  }
}

/// Scalars the Taylor-coefficient recursion runs on (`Double` for step-size
/// estimates, ``Interval`` for rigorous coefficients).
public protocol TaylorScalar: FlowScalar {
  /// `self / n` for a positive integer `n` (outward rounded for intervals).
  func divided(by n: Int) -> Self
}

extension Double: TaylorScalar {
  /// `self / n`.
  public func divided(by n: Int) -> Double { self / Double(n) }
}
extension Interval: TaylorScalar {}

/// A polynomial vector field `f: Rᴺ → Rᴺ` recorded once as a list of `+ − ×`
/// operations, and the Taylor-coefficient recursion of the ODE `ẏ = f(y)`
/// (automatic differentiation in Taylor mode).
///
/// For `y(t₀ + hθ) = Σᵢ ỹᵢ θⁱ` (coefficients scaled by `hⁱ`), `ỹ₀ = y(t₀)` and
/// `ỹ_{i+1} = h·[f(y)]ᵢ/(i+1)`, where `[f(y)]ᵢ` is coefficient `i` of the
/// composition, computed node by node: a product node uses the Cauchy
/// convolution `Σ_{m≤i} aₘ b_{i−m}`. Coefficients up to order `q` cost
/// `O(q² · #products)`.
public struct TaylorTape: Sendable {
  /// The recorded operations.
  public let operations: [TapeOperation]
  /// For each state component, the node (or constant) giving `fᵢ`.
  public let outputs: [Output]
  /// `N`.
  public let dimension: Int

  /// A component of `f`: a node, or a constant.
  public enum Output: Sendable, Hashable {
    /// Node index.
    case node(Int)
    /// A constant component.
    case constant(Double)
  }

  /// Records `field` (evaluated once on ``TapeVariable``s).
  public init(dimension: Int, field: ([TapeVariable]) -> [TapeVariable]) {
    let rec = TapeRecorder()
    let inputs = (0..<dimension).map { TapeVariable.node(rec.append(.input($0)), rec) }
    let out = field(inputs)
    precondition(out.count == dimension, "the field must return N components")
    operations = rec.operations
    outputs = out.map {
      switch $0 {
      case .constant(let c): return .constant(c)
      case .node(let i, _): return .node(i)
      }
    }
    self.dimension = dimension
  }

  /// Scaled Taylor coefficients `ỹ₀ … ỹ_q` of the solution through `y0`
  /// (`result[i][component]`), step `h`.
  public func coefficients<T: TaylorScalar>(at y0: [T], step h: T, order q: Int) -> [[T]] {
    let n = operations.count
    let width = q + 1
    var c = Array(repeating: T(constant: 0), count: n * width)
    var result = [y0]
    var inputNodes = Array(repeating: 0, count: dimension)
    for (idx, op) in operations.enumerated() { if case .input(let i) = op { inputNodes[i] = idx } }
    for i in 0...q {
      for (idx, op) in operations.enumerated() {
        let value: T
        switch op {
        case .input(let comp): value = result[i][comp]
        case .add(let a, let b): value = c[a * width + i] + c[b * width + i]
        case .subtract(let a, let b): value = c[a * width + i] - c[b * width + i]
        case .scale(let a, let s): value = c[a * width + i].scaled(by: s)
        case .offset(let a, let s): value = i == 0 ? c[a * width] + T(constant: s) : c[a * width + i]
        case .multiply(let a, let b):
          var acc = c[a * width] * c[b * width + i]
          if i > 0 { for m in 1...i { acc = acc + c[a * width + m] * c[b * width + i - m] } }
          value = acc
        }
        c[idx * width + i] = value
      }
      if i < q {
        result.append(outputs.map { out in
          let fi: T
          switch out {
          case .node(let node): fi = c[node * width + i]
          case .constant(let v): fi = T(constant: i == 0 ? v : 0)
          }
          return (h * fi).divided(by: i + 1)
        })
      }
    }
    return result
  }

  /// Interval Taylor coefficients `ỹ₀ … ỹ_q` through every `y0` in the box and
  /// their Jacobians `∂ỹᵢ/∂y₀` over the box (`jacobian[i]` is `N × N`
  /// row-major), by forward-mode differentiation of the recursion.
  public func coefficientsWithJacobian(at y0: [Interval], step h: Interval, order q: Int)
    -> (values: [[Interval]], jacobian: [[Interval]])
  {
    let n = operations.count
    let nn = dimension
    let width = q + 1
    var c = Array(repeating: Interval.zero, count: n * width)
    var d = Array(repeating: Interval.zero, count: n * width * nn)
    var values = [y0]
    var jac: [[Interval]] = [(0..<(nn * nn)).map { $0 / nn == $0 % nn ? Interval.one : Interval.zero }]
    for i in 0...q {
      for (idx, op) in operations.enumerated() {
        let base = (idx * width + i) * nn
        switch op {
        case .input(let comp):
          c[idx * width + i] = values[i][comp]
          for j in 0..<nn { d[base + j] = jac[i][comp * nn + j] }
        case .add(let a, let b), .subtract(let a, let b):
          let sign: Double = { if case .add = op { return 1 } else { return -1 } }()
          c[idx * width + i] = c[a * width + i] + sign * c[b * width + i]
          let ba = (a * width + i) * nn, bb = (b * width + i) * nn
          for j in 0..<nn { d[base + j] = d[ba + j] + sign * d[bb + j] }
        case .scale(let a, let s):
          c[idx * width + i] = s * c[a * width + i]
          let ba = (a * width + i) * nn
          for j in 0..<nn { d[base + j] = s * d[ba + j] }
        case .offset(let a, let s):
          c[idx * width + i] = i == 0 ? c[a * width] + Interval(s) : c[a * width + i]
          let ba = (a * width + i) * nn
          for j in 0..<nn { d[base + j] = d[ba + j] }
        case .multiply(let a, let b):
          var acc = Interval.zero
          for j in 0..<nn { d[base + j] = .zero }
          for m in 0...i {
            let xa = c[a * width + m], yb = c[b * width + i - m]
            acc += xa * yb
            let da = (a * width + m) * nn, db = (b * width + i - m) * nn
            for j in 0..<nn {
              let t1 = d[da + j], t2 = d[db + j]
              if t1 != .zero { d[base + j] += t1 * yb }
              if t2 != .zero { d[base + j] += xa * t2 }
            }
          }
          c[idx * width + i] = acc
        }
      }
      if i < q {
        var next = [Interval](), nextJ = [Interval](repeating: .zero, count: nn * nn)
        for (comp, out) in outputs.enumerated() {
          switch out {
          case .node(let node):
            next.append((h * c[node * width + i]).divided(by: i + 1))
            let b = (node * width + i) * nn
            for j in 0..<nn where d[b + j] != .zero { nextJ[comp * nn + j] = (h * d[b + j]).divided(by: i + 1) }
          case .constant(let v):
            next.append(i == 0 ? (h * Interval(v)).divided(by: 1) : .zero)
          }
        }
        values.append(next)
        jac.append(nextJ)
      }
    }
    return (values, jac)
  }
}
