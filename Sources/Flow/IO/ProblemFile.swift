import Foundation

/// Reading and writing problems and states as JSON.
///
/// A problem file is one JSON object in one of two forms, plus `"U0"`
/// (`n1 × k`), `"V0"` (`n2 × k`) and an optional `"metadata"` object of strings:
/// - dense: key `"X"` (`n1 × n2`). Any `X` is accepted: its rank and compact
///   SVD are computed on load. Written for problems built from a user's `X`.
/// - factored: keys `"Phi"` (`n1 × r`, orthonormal columns), `"sigma"`
///   (`σ₁ ≥ … ≥ σ_r > 0`) and `"Psi"` (`n2 × r`); no factorization on load.
///   Written for generated and other factored problems, so a file for
///   `n1 = n2 = 10⁵` holds `(n1 + n2)(r + k)` numbers, not `n1·n2`.
/// When both `"X"` and `"Phi"` are present, `"X"` wins. Matrices are row-major
/// nested arrays of numbers. A state file has keys `"t"`, `"U"`, `"V"`.
/// Numbers are written in shortest round-trip form, so a saved and reloaded
/// problem (either form) is bit-identical and simulates to identical bits.
public enum ProblemFile {
  /// The JSON text of a problem.
  public static func encode(_ problem: Problem) throws -> String {
    let meta = problem.metadata.keys.sorted().map { ($0, JSONValue.string(problem.metadata[$0]!)) }
    let targetEntries: [(String, JSONValue)]
    if let x = problem.givenX {
      targetEntries = [("X", .matrix(x))]
    } else {
      targetEntries = [("Phi", .matrix(problem.target.phi)), ("Psi", .matrix(problem.target.psi))]
    }
    return try JSONValue.object(targetEntries + [
      ("U0", .matrix(problem.u0)), ("V0", .matrix(problem.v0)),
      ("n1", .integer(problem.n1)), ("n2", .integer(problem.n2)), ("k", .integer(problem.k)),
      ("r", .integer(problem.r)), ("sigma", .array(problem.target.sigma.map(JSONValue.number))),
      ("metadata", .object(meta)),
    ]).serialized() + "\n"
  }

  /// A problem from JSON data.
  ///
  /// - Throws: ``ProblemError/malformedFile(_:)`` (not JSON, missing key, not
  ///   a matrix of numbers), ``ProblemError/nonFinite(_:)``, or the shape
  ///   errors of ``Problem/init(x:u0:v0:metadata:)``.
  public static func decode(_ data: Data, source: String = "problem file") throws -> Problem {
    let object = try topLevelObject(data, source: source)
    let x: Matrix? = object["X"] != nil || object["Phi"] == nil ? try matrix(object, "X", source: source) : nil
    let u0 = try matrix(object, "U0", source: source)
    let v0 = try matrix(object, "V0", source: source)
    var metadata: [String: String] = [:]
    if case .object(let pairs)? = object["metadata"] {
      for (key, value) in pairs {
        if case .string(let s) = value { metadata[key] = s } else { metadata[key] = (try? value.serialized()) ?? "" }
      }
    }
    if let x { return try Problem(x: x, u0: u0, v0: v0, metadata: metadata) }
    let phi = try matrix(object, "Phi", source: source)
    let psi = try matrix(object, "Psi", source: source)
    guard case .array(let values)? = object["sigma"], !values.isEmpty else {
      throw ProblemError.malformedFile("\(source): a factored problem needs \"sigma\", a non-empty array of singular values")
    }
    var sigma: [Double] = []
    for (i, value) in values.enumerated() {
      guard let d = value.doubleValue else { throw ProblemError.malformedFile("\(source): \"sigma\"[\(i)] is not a number") }
      guard d.isFinite else { throw ProblemError.nonFinite("\(source): \"sigma\"[\(i)]") }
      sigma.append(d)
    }
    return try Problem(target: try Target(phi: phi, sigma: sigma, psi: psi), u0: u0, v0: v0, metadata: metadata)
  }

  /// A problem from a file path.
  public static func load(path: String) throws -> Problem {
    try decode(try readFileData(path), source: path)
  }

  /// The JSON text of a state `(t, U, V)`.
  public static func encodeState(t: Double, u: Matrix, v: Matrix) throws -> String {
    try JSONValue.object([("t", .number(t)), ("U", .matrix(u)), ("V", .matrix(v))]).serialized() + "\n"
  }

  /// A state `(t, U, V)` from JSON data.
  public static func decodeState(_ data: Data, source: String = "state file") throws -> (t: Double, u: Matrix, v: Matrix) {
    let object = try topLevelObject(data, source: source)
    guard let t = object["t"]?.doubleValue else {
      throw ProblemError.malformedFile("\(source): key \"t\" must be a number")
    }
    guard t.isFinite else { throw ProblemError.nonFinite("\(source): \"t\"") }
    return (t, try matrix(object, "U", source: source), try matrix(object, "V", source: source))
  }

  /// The bytes of a file, or a one-line error naming the path.
  public static func readFileData(_ path: String) throws -> Data {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ProblemError.malformedFile("cannot read '\(path)': no such file or not readable")
    }
    return data
  }

  private static func topLevelObject(_ data: Data, source: String) throws -> JSONValue {
    let parsed: JSONValue
    do {
      parsed = try JSONParser.parse(data)
    } catch {
      throw ProblemError.malformedFile("\(source) is not valid JSON (\(error)); expected an object with keys \"X\" (or \"Phi\", \"sigma\", \"Psi\"), \"U0\", \"V0\"")
    }
    guard case .object = parsed else {
      throw ProblemError.malformedFile("\(source): the top level must be a JSON object")
    }
    return parsed
  }

  private static func matrix(_ object: JSONValue, _ key: String, source: String) throws -> Matrix {
    guard let value = object[key] else {
      throw ProblemError.malformedFile("\(source): missing key \"\(key)\" (a row-major nested array of numbers)")
    }
    guard case .array(let rows) = value, !rows.isEmpty else {
      throw ProblemError.malformedFile("\(source): \"\(key)\" must be a non-empty array of rows")
    }
    var nested: [[Double]] = []
    nested.reserveCapacity(rows.count)
    for (i, row) in rows.enumerated() {
      guard case .array(let entries) = row else {
        throw ProblemError.malformedFile("\(source): \"\(key)\" row \(i) is not an array of numbers")
      }
      var numbers: [Double] = []
      numbers.reserveCapacity(entries.count)
      for (j, entry) in entries.enumerated() {
        guard let d = entry.doubleValue else {
          throw ProblemError.malformedFile("\(source): \"\(key)\"[\(i)][\(j)] is not a number")
        }
        guard d.isFinite else { throw ProblemError.nonFinite("\(source): \"\(key)\"[\(i)][\(j)]") }
        numbers.append(d)
      }
      nested.append(numbers)
    }
    do {
      let m = try Matrix(rowsOf: nested)
      guard m.columns > 0 else { throw ProblemError.malformedFile("\(source): \"\(key)\" has empty rows") }
      return m
    } catch let e as LinearAlgebraError {
      throw ProblemError.malformedFile("\(source): \"\(key)\": \(e)")
    }
  }
}

/// Writes files atomically: the text goes to a temporary file in the same
/// folder, which is then renamed over the destination, so a reader (or an
/// interrupted run) never sees a partial file and a failure leaves any
/// previous file intact.
public enum AtomicFile {
  /// Writes `text` to `path` atomically.
  ///
  /// - Throws: ``ProblemError/malformedFile(_:)`` naming the path when the
  ///   folder does not exist or is not writable.
  public static func write(_ text: String, to path: String) throws {
    let url = URL(fileURLWithPath: path)
    do {
      try Data(text.utf8).write(to: url, options: .atomic)
    } catch {
      throw ProblemError.malformedFile("cannot write '\(path)': \(error.localizedDescription); check that its folder exists and is writable")
    }
  }
}
