import Flow
import Foundation

/// Reading and writing sensing problems as JSON.
///
/// A sensing problem file is a Flow problem file (keys `"X"`, `"U0"`, `"V0"`,
/// see ``ProblemFile``) plus `"A"`, an array of `m` matrices, each an
/// `n1 × n2` row-major nested array (the raw `A_i` of `𝒜(M)_i = ⟨A_i, M⟩/√m`),
/// and `"y"`, an array of `m` numbers. Rank-one operators are written with
/// their dense `A_i = a_ib_iᵀ`, so there is one format; a loaded file always
/// gives a ``DenseMeasurementOperator`` (kind `"explicit"`). Optional
/// `"noise"` (σ_ξ, used for fresh SGD batches).
public enum SensingProblemFile {
  /// The JSON text of a sensing problem (the Flow keys, then `"A"`, `"y"`, `"m"`, `"noise"`).
  public static func encode(_ problem: SensingProblem) throws -> String {
    let flowText = try ProblemFile.encode(problem.problem)
    guard case .object(var pairs) = try JSONParser.parse(Data(flowText.utf8)) else {
      throw SensingError.malformedFile("internal: the problem did not encode as an object")
    }
    let op = problem.measurementOperator
    let a = (0..<op.measurementCount).map { JSONValue.matrix(op.measurementMatrix($0)) }
    pairs.append(("A", .array(a)))
    pairs.append(("y", .array(problem.measurements.map(JSONValue.number))))
    pairs.append(("m", .integer(op.measurementCount)))
    pairs.append(("noise", .number(problem.noiseLevel)))
    pairs.append(("operator", .string(problem.operatorKind?.rawValue ?? "explicit")))
    return try JSONValue.object(pairs).serialized() + "\n"
  }

  /// What a file holds: the Flow problem and, when present, the operator and `y`.
  public struct Contents: Sendable {
    /// `X`, `U0`, `V0`.
    public let problem: Problem
    /// The operator of `"A"` (`nil` when the key is absent).
    public let measurementOperator: DenseMeasurementOperator?
    /// `"y"` (`nil` when absent).
    public let measurements: [Double]?
    /// `"noise"` (`nil` when absent).
    public let noise: Double?
  }

  /// Decodes a file's contents.
  ///
  /// - Throws: ``SensingError`` (`"A"` not a list of `n1 × n2` matrices,
  ///   `"y"` not `m` numbers, `"y"` without `"A"`, non-finite entries) or the
  ///   ``ProblemError`` of the Flow keys.
  public static func decodeContents(_ data: Data, source: String = "problem file") throws -> Contents {
    let problem = try ProblemFile.decode(data, source: source)
    let object = try JSONParser.parse(data)
    let n1 = problem.n1, n2 = problem.n2
    var op: DenseMeasurementOperator? = nil
    if let a = object["A"] {
      guard case .array(let items) = a, !items.isEmpty else {
        throw SensingError.malformedFile("\(source): \"A\" must be a non-empty array of m matrices, each \(n1)×\(n2) (the shape of X)")
      }
      var storage: [Double] = []
      storage.reserveCapacity(items.count * n1 * n2)
      for (i, item) in items.enumerated() {
        guard case .array(let rows) = item, rows.count == n1 else {
          throw SensingError.dimensionMismatch("\(source): \"A\"[\(i)] must have \(n1) rows (the shape of X is \(n1)×\(n2))")
        }
        for (r, row) in rows.enumerated() {
          guard case .array(let entries) = row, entries.count == n2 else {
            throw SensingError.dimensionMismatch("\(source): \"A\"[\(i)] row \(r) must have \(n2) entries (the shape of X is \(n1)×\(n2))")
          }
          for (c, entry) in entries.enumerated() {
            guard let d = entry.doubleValue else { throw SensingError.malformedFile("\(source): \"A\"[\(i)][\(r)][\(c)] is not a number") }
            guard d.isFinite else { throw SensingError.nonFinite("\(source): \"A\"[\(i)][\(r)][\(c)]") }
            storage.append(d)
          }
        }
      }
      op = try DenseMeasurementOperator(m: items.count, n1: n1, n2: n2, elements: storage)
    }
    var y: [Double]? = nil
    if let yv = object["y"] {
      guard op != nil else {
        throw SensingError.malformedFile("\(source): \"y\" is given without \"A\"; add the m measurement matrices \"A\" or drop \"y\"")
      }
      guard case .array(let items) = yv else { throw SensingError.malformedFile("\(source): \"y\" must be an array of m numbers") }
      var values: [Double] = []
      for (i, item) in items.enumerated() {
        guard let d = item.doubleValue else { throw SensingError.malformedFile("\(source): \"y\"[\(i)] is not a number") }
        guard d.isFinite else { throw SensingError.nonFinite("\(source): \"y\"[\(i)]") }
        values.append(d)
      }
      guard values.count == op!.measurementCount else {
        throw SensingError.dimensionMismatch("\(source): \"y\" has \(values.count) entries but \"A\" has m = \(op!.measurementCount) matrices; give one y_i per A_i")
      }
      y = values
    }
    var noise: Double? = nil
    if let nv = object["noise"] {
      guard let d = nv.doubleValue, d.isFinite, d >= 0 else {
        throw SensingError.malformedFile("\(source): \"noise\" must be a finite number ≥ 0")
      }
      noise = d
    }
    return Contents(problem: problem, measurementOperator: op, measurements: y, noise: noise)
  }

  /// A complete sensing problem from a file that has `"A"`: `y` from `"y"`
  /// when present, else `𝒜(X)` (noise-free).
  public static func decode(_ data: Data, source: String = "problem file") throws -> SensingProblem {
    let contents = try decodeContents(data, source: source)
    guard let op = contents.measurementOperator else {
      throw SensingError.malformedFile("\(source): missing key \"A\" (m measurement matrices, each the shape of X)")
    }
    let y = contents.measurements ?? op.apply(contents.problem.target)
    return try SensingProblem(problem: contents.problem, measurementOperator: op, measurements: y, noiseLevel: contents.noise ?? 0)
  }

  /// ``decode(_:source:)`` of a file.
  public static func load(path: String) throws -> SensingProblem {
    try decode(try ProblemFile.readFileData(path), source: path)
  }
}
