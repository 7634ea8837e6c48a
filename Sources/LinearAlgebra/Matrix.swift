/// A dense, row-major matrix of `Double`.
///
/// Element `(i, j)` (zero-based row `i`, column `j`) lives at
/// `elements[i * columns + j]`. The type is a value type with copy-on-write
/// storage (it wraps a Swift `Array`), so passing it around is cheap and
/// mutation never aliases.
///
/// Shapes are checked with preconditions: a shape mismatch in a product or a
/// sum is a programming error, not a recoverable condition. Code that accepts
/// matrices from users (files, command line) validates them first and throws a
/// ``LinearAlgebraError`` instead.
public struct Matrix: Sendable, Equatable, Hashable {
  /// Number of rows (`m`).
  public private(set) var rows: Int
  /// Number of columns (`n`).
  public private(set) var columns: Int
  /// The `rows × columns` entries in row-major order.
  public var elements: [Double]

  /// A `rows × columns` matrix with every entry equal to `value` (default 0).
  public init(rows: Int, columns: Int, repeating value: Double = 0) {
    precondition(rows >= 0 && columns >= 0, "Matrix: negative dimension \(rows)×\(columns)")
    self.rows = rows
    self.columns = columns
    self.elements = Array(repeating: value, count: rows * columns)
  }

  /// A `rows × columns` matrix from its row-major `elements`.
  ///
  /// - Precondition: `elements.count == rows * columns`.
  public init(rows: Int, columns: Int, elements: [Double]) {
    precondition(rows >= 0 && columns >= 0, "Matrix: negative dimension \(rows)×\(columns)")
    precondition(
      elements.count == rows * columns,
      "Matrix: \(elements.count) elements given for a \(rows)×\(columns) matrix")
    self.rows = rows
    self.columns = columns
    self.elements = elements
  }

  /// A matrix from nested rows (`nested[i][j]` is entry `(i, j)`).
  ///
  /// - Throws: ``LinearAlgebraError/raggedRows(row:expected:found:)`` when the
  ///   rows have different lengths.
  public init(rowsOf nested: [[Double]]) throws {
    let m = nested.count
    let n = nested.first?.count ?? 0
    var storage: [Double] = []
    storage.reserveCapacity(m * n)
    for (i, row) in nested.enumerated() {
      guard row.count == n else {
        throw LinearAlgebraError.raggedRows(row: i, expected: n, found: row.count)
      }
      storage.append(contentsOf: row)
    }
    self.init(rows: m, columns: n, elements: storage)
  }

  /// The `n × n` identity matrix.
  public static func identity(_ n: Int) -> Matrix {
    var m = Matrix(rows: n, columns: n)
    for i in 0..<n { m.elements[i * n + i] = 1 }
    return m
  }

  /// The `d.count × d.count` diagonal matrix `diag(d)`.
  public static func diagonal(_ d: [Double]) -> Matrix {
    let n = d.count
    var m = Matrix(rows: n, columns: n)
    for i in 0..<n { m.elements[i * n + i] = d[i] }
    return m
  }

  /// Entry `(i, j)`, zero-based.
  @inlinable
  public subscript(i: Int, j: Int) -> Double {
    get { elements[i * columns + j] }
    set { elements[i * columns + j] = newValue }
  }

  /// `(rows, columns)`.
  public var shape: (rows: Int, columns: Int) { (rows, columns) }

  /// Whether the matrix is square.
  public var isSquare: Bool { rows == columns }

  /// Row `i` as an array.
  public func row(_ i: Int) -> [Double] {
    Array(elements[(i * columns)..<((i + 1) * columns)])
  }

  /// Column `j` as an array.
  public func column(_ j: Int) -> [Double] {
    (0..<rows).map { elements[$0 * columns + j] }
  }

  /// Rows as nested arrays (the inverse of ``init(rowsOf:)``).
  public var nestedRows: [[Double]] { (0..<rows).map(row) }

  /// The transpose `Aᵀ`.
  public var transposed: Matrix {
    var t = Matrix(rows: columns, columns: rows)
    // Blocked to stay cache-friendly for large matrices.
    let block = 32
    elements.withUnsafeBufferPointer { src in
      t.elements.withUnsafeMutableBufferPointer { dst in
        var i0 = 0
        while i0 < rows {
          let i1 = Swift.min(i0 + block, rows)
          var j0 = 0
          while j0 < columns {
            let j1 = Swift.min(j0 + block, columns)
            for i in i0..<i1 {
              for j in j0..<j1 { dst[j * rows + i] = src[i * columns + j] }
            }
            j0 = j1
          }
          i0 = i1
        }
      }
    }
    return t
  }

  /// Columns `range` as a new `rows × range.count` matrix.
  public func columns(_ range: Range<Int>) -> Matrix {
    precondition(range.lowerBound >= 0 && range.upperBound <= columns, "Matrix: column range out of bounds")
    var out = Matrix(rows: rows, columns: range.count)
    for i in 0..<rows {
      for (jj, j) in range.enumerated() { out.elements[i * range.count + jj] = elements[i * columns + j] }
    }
    return out
  }

  /// Rows `range` as a new `range.count × columns` matrix.
  public func rows(_ range: Range<Int>) -> Matrix {
    precondition(range.lowerBound >= 0 && range.upperBound <= rows, "Matrix: row range out of bounds")
    return Matrix(
      rows: range.count, columns: columns,
      elements: Array(elements[(range.lowerBound * columns)..<(range.upperBound * columns)]))
  }

  /// `[A B]`: the columns of `self` followed by the columns of `other`.
  public func appendingColumns(_ other: Matrix) -> Matrix {
    precondition(rows == other.rows, "Matrix: cannot append columns of a \(other.rows)-row matrix to a \(rows)-row one")
    var out = Matrix(rows: rows, columns: columns + other.columns)
    let n = out.columns
    for i in 0..<rows {
      for j in 0..<columns { out.elements[i * n + j] = elements[i * columns + j] }
      for j in 0..<other.columns { out.elements[i * n + columns + j] = other.elements[i * other.columns + j] }
    }
    return out
  }

  /// `[A; B]`: the rows of `self` followed by the rows of `other`.
  public func appendingRows(_ other: Matrix) -> Matrix {
    precondition(columns == other.columns, "Matrix: cannot stack a \(other.columns)-column matrix under a \(columns)-column one")
    return Matrix(rows: rows + other.rows, columns: columns, elements: elements + other.elements)
  }

  /// Whether every entry is finite (no NaN or ±∞).
  public var isFinite: Bool { elements.allSatisfy { $0.isFinite } }

  /// The trace `tr(A)` (sum of the diagonal of a square matrix).
  public var trace: Double {
    precondition(isSquare, "Matrix: trace of a non-square \(rows)×\(columns) matrix")
    var s = 0.0
    for i in 0..<rows { s += elements[i * columns + i] }
    return s
  }
}

/// Errors raised when user-supplied data cannot form a valid matrix or a
/// decomposition cannot be computed.
public enum LinearAlgebraError: Error, Equatable, CustomStringConvertible {
  /// Nested rows of unequal length.
  case raggedRows(row: Int, expected: Int, found: Int)
  /// A matrix holds NaN or ±∞.
  case nonFinite(name: String)
  /// An iterative decomposition did not converge in its sweep budget.
  case noConvergence(algorithm: String, sweeps: Int)

  /// A one-sentence explanation of the error with a hint how to fix it.
  public var description: String {
    switch self {
    case .raggedRows(let row, let expected, let found):
      return "row \(row) has \(found) entries but row 0 has \(expected); every row must have the same length"
    case .nonFinite(let name):
      return "\(name) contains NaN or infinite entries; supply finite numbers"
    case .noConvergence(let algorithm, let sweeps):
      return "\(algorithm) did not converge in \(sweeps) sweeps; the input is likely badly scaled or non-finite"
    }
  }
}

// MARK: - Elementwise arithmetic

extension Matrix {
  /// `A + B` (same shape).
  public static func + (a: Matrix, b: Matrix) -> Matrix {
    var c = a
    c += b
    return c
  }

  /// `A − B` (same shape).
  public static func - (a: Matrix, b: Matrix) -> Matrix {
    var c = a
    c -= b
    return c
  }

  /// `A += B` (same shape).
  public static func += (a: inout Matrix, b: Matrix) {
    precondition(a.rows == b.rows && a.columns == b.columns, "Matrix: adding \(b.rows)×\(b.columns) to \(a.rows)×\(a.columns)")
    a.elements.withUnsafeMutableBufferPointer { x in
      b.elements.withUnsafeBufferPointer { y in
        for i in 0..<x.count { x[i] += y[i] }
      }
    }
  }

  /// `A −= B` (same shape).
  public static func -= (a: inout Matrix, b: Matrix) {
    precondition(a.rows == b.rows && a.columns == b.columns, "Matrix: subtracting \(b.rows)×\(b.columns) from \(a.rows)×\(a.columns)")
    a.elements.withUnsafeMutableBufferPointer { x in
      b.elements.withUnsafeBufferPointer { y in
        for i in 0..<x.count { x[i] -= y[i] }
      }
    }
  }

  /// `s·A`.
  public static func * (s: Double, a: Matrix) -> Matrix {
    var c = a
    c *= s
    return c
  }

  /// `A *= s`.
  public static func *= (a: inout Matrix, s: Double) {
    a.elements.withUnsafeMutableBufferPointer { x in
      for i in 0..<x.count { x[i] *= s }
    }
  }

  /// `−A`.
  public static prefix func - (a: Matrix) -> Matrix { -1 * a }

  /// `self += alpha·x` (same shape), the BLAS `axpy`.
  public mutating func add(_ x: Matrix, scaledBy alpha: Double) {
    precondition(rows == x.rows && columns == x.columns, "Matrix: axpy of \(x.rows)×\(x.columns) into \(rows)×\(columns)")
    elements.withUnsafeMutableBufferPointer { y in
      x.elements.withUnsafeBufferPointer { xs in
        for i in 0..<y.count { y[i] += alpha * xs[i] }
      }
    }
  }

  /// The Frobenius inner product `⟨A, B⟩ = tr(AᵀB) = Σᵢⱼ AᵢⱼBᵢⱼ`.
  public static func frobeniusInner(_ a: Matrix, _ b: Matrix) -> Double {
    precondition(a.rows == b.rows && a.columns == b.columns, "Matrix: inner product of \(a.rows)×\(a.columns) and \(b.rows)×\(b.columns)")
    return a.elements.withUnsafeBufferPointer { x in
      b.elements.withUnsafeBufferPointer { y in
        var s = 0.0
        for i in 0..<x.count { s += x[i] * y[i] }
        return s
      }
    }
  }
}

extension Matrix: CustomStringConvertible {
  /// A readable multi-line rendering (for debugging; not a serialization format).
  public var description: String {
    var lines: [String] = ["Matrix \(rows)×\(columns)"]
    for i in 0..<Swift.min(rows, 8) {
      let shown = (0..<Swift.min(columns, 8)).map { j in "\(self[i, j])" }
      lines.append("  [" + shown.joined(separator: ", ") + (columns > 8 ? ", …]" : "]"))
    }
    if rows > 8 { lines.append("  …") }
    return lines.joined(separator: "\n")
  }
}
