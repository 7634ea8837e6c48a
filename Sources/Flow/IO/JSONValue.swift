import Foundation

/// A minimal JSON document model with a deterministic writer.
///
/// Numbers are written with Swift's shortest round-trip representation, so a
/// `Double` written and parsed back is bit-identical; keys of objects are
/// written in the order given. Non-finite numbers cannot be written (JSON has
/// none): the writer refuses them.
public indirect enum JSONValue: Sendable, Equatable {
  case number(Double)
  case integer(Int)
  case string(String)
  case bool(Bool)
  case null
  case array([JSONValue])
  case object([(String, JSONValue)])

  public static func == (a: JSONValue, b: JSONValue) -> Bool {
    switch (a, b) {
    case (.number(let x), .number(let y)): return x == y
    case (.integer(let x), .integer(let y)): return x == y
    case (.string(let x), .string(let y)): return x == y
    case (.bool(let x), .bool(let y)): return x == y
    case (.null, .null): return true
    case (.array(let x), .array(let y)): return x == y
    case (.object(let x), .object(let y)):
      return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    default: return false
    }
  }

  /// A matrix as nested row arrays.
  public static func matrix(_ m: Matrix) -> JSONValue {
    .array(m.nestedRows.map { .array($0.map(JSONValue.number)) })
  }

  /// Compact JSON text (one line).
  ///
  /// - Throws: ``ProblemError/nonFinite(_:)`` when a number is NaN or ±∞.
  public func serialized() throws -> String {
    var out = ""
    try write(into: &out)
    return out
  }

  private func write(into out: inout String) throws {
    switch self {
    case .number(let x):
      guard x.isFinite else { throw ProblemError.nonFinite("a value to be written as JSON") }
      out += "\(x)"  // shortest representation that parses back to the same Double
    case .integer(let i): out += "\(i)"
    case .string(let s): out += JSONValue.quote(s)
    case .bool(let b): out += b ? "true" : "false"
    case .null: out += "null"
    case .array(let items):
      out += "["
      for (i, item) in items.enumerated() {
        if i > 0 { out += "," }
        try item.write(into: &out)
      }
      out += "]"
    case .object(let pairs):
      out += "{"
      for (i, (key, value)) in pairs.enumerated() {
        if i > 0 { out += "," }
        out += JSONValue.quote(key) + ":"
        try value.write(into: &out)
      }
      out += "}"
    }
  }

  private static func quote(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 {
          out += String(format: "\\u%04x", scalar.value)
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }
}
