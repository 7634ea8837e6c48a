import Flow

/// A matrix of ``Interval`` entries (row-major): the set of all real matrices
/// whose entries lie in the given intervals. Products and sums are outward
/// rounded entry by entry, so every result contains the exact result for every
/// member of the operands.
public struct IntervalMatrix: Sendable, Hashable {
  /// Number of rows.
  public let rows: Int
  /// Number of columns.
  public let columns: Int
  /// Entries, row-major (`rows · columns`).
  public var elements: [Interval]

  /// A matrix of intervals from row-major entries.
  ///
  /// - Precondition: `elements.count == rows · columns`.
  public init(rows: Int, columns: Int, elements: [Interval]) {
    precondition(elements.count == rows * columns, "IntervalMatrix needs rows·columns entries")
    self.rows = rows
    self.columns = columns
    self.elements = elements
  }

  /// The all-`value` matrix.
  public init(rows: Int, columns: Int, repeating value: Interval = .zero) {
    self.init(rows: rows, columns: columns, elements: Array(repeating: value, count: rows * columns))
  }

  /// The point matrix of a double matrix (exact).
  public init(_ m: Matrix) {
    self.init(rows: m.rows, columns: m.columns, elements: m.elements.map { Interval($0) })
  }

  /// Entry `(i, j)`.
  public subscript(i: Int, j: Int) -> Interval {
    get { elements[i * columns + j] }
    set { elements[i * columns + j] = newValue }
  }

  /// The transpose (exact).
  public var transposed: IntervalMatrix {
    var t = IntervalMatrix(rows: columns, columns: rows)
    for i in 0..<rows { for j in 0..<columns { t[j, i] = self[i, j] } }
    return t
  }

  /// The midpoint matrix (a double matrix inside the box).
  public var midpoint: Matrix { Matrix(rows: rows, columns: columns, elements: elements.map(\.mid)) }

  /// An upper bound on the largest entry width.
  public var maxWidth: Double { elements.map(\.width).max() ?? 0 }

  /// Whether every entry interval contains the corresponding entry of `m`.
  public func contains(_ m: Matrix) -> Bool {
    m.rows == rows && m.columns == columns && zip(elements, m.elements).allSatisfy { $0.contains($1) }
  }

  /// Entrywise `a + b`.
  public static func + (a: IntervalMatrix, b: IntervalMatrix) -> IntervalMatrix {
    precondition(a.rows == b.rows && a.columns == b.columns, "IntervalMatrix + needs equal shapes")
    return IntervalMatrix(rows: a.rows, columns: a.columns, elements: zip(a.elements, b.elements).map { $0 + $1 })
  }

  /// Entrywise `a − b`.
  public static func - (a: IntervalMatrix, b: IntervalMatrix) -> IntervalMatrix {
    precondition(a.rows == b.rows && a.columns == b.columns, "IntervalMatrix − needs equal shapes")
    return IntervalMatrix(rows: a.rows, columns: a.columns, elements: zip(a.elements, b.elements).map { $0 - $1 })
  }

  /// The product `a·b` (`O(m n p)` outward-rounded operations).
  public static func * (a: IntervalMatrix, b: IntervalMatrix) -> IntervalMatrix {
    precondition(a.columns == b.rows, "IntervalMatrix product needs a.columns == b.rows")
    var c = IntervalMatrix(rows: a.rows, columns: b.columns)
    for i in 0..<a.rows {
      for j in 0..<b.columns {
        var s = Interval.zero
        for l in 0..<a.columns { s += a[i, l] * b[l, j] }
        c[i, j] = s
      }
    }
    return c
  }

  /// The product of a double matrix and an interval matrix.
  public static func * (a: Matrix, b: IntervalMatrix) -> IntervalMatrix { IntervalMatrix(a) * b }

  /// The product of an interval matrix and a double matrix.
  public static func * (a: IntervalMatrix, b: Matrix) -> IntervalMatrix { a * IntervalMatrix(b) }

  /// The product with an interval vector.
  public static func * (a: IntervalMatrix, x: [Interval]) -> [Interval] {
    precondition(a.columns == x.count, "IntervalMatrix·vector needs matching length")
    return (0..<a.rows).map { i in
      var s = Interval.zero
      for l in 0..<a.columns { s += a[i, l] * x[l] }
      return s
    }
  }

  /// `AᵀA`, entry `(i, j)` and `(j, i)` computed once (so the result is a
  /// symmetric box containing `AᵀA` for every member `A`).
  public var gram: IntervalMatrix {
    var g = IntervalMatrix(rows: columns, columns: columns)
    for i in 0..<columns {
      for j in i..<columns {
        var s = Interval.zero
        for l in 0..<rows { s += i == j ? self[l, i].squared : self[l, i] * self[l, j] }
        g[i, j] = s
        g[j, i] = s
      }
    }
    return g
  }

  /// The Frobenius inner product `⟨A, B⟩ = Σ aᵢⱼbᵢⱼ`.
  public static func inner(_ a: IntervalMatrix, _ b: IntervalMatrix) -> Interval {
    precondition(a.rows == b.rows && a.columns == b.columns, "inner product needs equal shapes")
    var s = Interval.zero
    for (x, y) in zip(a.elements, b.elements) { s += x * y }
    return s
  }

  /// `‖A‖_F²` enclosed (sum of squared entry intervals).
  public var frobeniusSquared: Interval {
    var s = Interval.zero
    for x in elements { s += x.squared }
    return s
  }

  /// `‖A‖_F` enclosed: lower and upper bounds valid for every member.
  public var frobeniusNorm: Interval { frobeniusSquared.squareRoot }

  /// An upper bound on `‖A‖_∞ = max_i Σ_j |aᵢⱼ|` over the box.
  public var infinityNormUpperBound: Double {
    var best = 0.0
    for i in 0..<rows {
      var s = Interval.zero
      for j in 0..<columns { s += Interval(self[i, j].magnitude) }
      best = Swift.max(best, s.hi)
    }
    return best
  }
}
