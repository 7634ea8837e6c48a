import Foundation

/// A strict JSON parser (RFC 8259) producing ``JSONValue``.
///
/// Numbers are converted with Swift's correctly rounded `Double(String)`, so
/// every number written by ``JSONValue/serialized()`` parses back to the same
/// bits (Foundation's `JSONSerialization` does not guarantee this on Linux).
/// `true`/`false` stay booleans and are never mistaken for numbers. Numbers
/// that overflow a `Double` parse as ±∞ and are reported by the reader that
/// asks for finite values. Nesting is limited to 64 levels.
public struct JSONParser {
  /// A parse failure with the byte offset where it happened.
  public struct Failure: Error, CustomStringConvertible {
    /// Byte offset into the input.
    public let offset: Int
    /// What was expected.
    public let reason: String
    public var description: String { "invalid JSON at byte \(offset): \(reason)" }
  }

  private let bytes: [UInt8]
  private var i = 0
  private static let maxDepth = 64

  /// Parses one JSON document (surrounding white space allowed).
  public static func parse(_ data: Data) throws -> JSONValue {
    var parser = JSONParser(bytes: [UInt8](data))
    parser.skipSpace()
    let value = try parser.value(depth: 0)
    parser.skipSpace()
    guard parser.i == parser.bytes.count else { throw parser.failure("unexpected trailing characters") }
    return value
  }

  private init(bytes: [UInt8]) { self.bytes = bytes }

  private func failure(_ reason: String) -> Failure { Failure(offset: i, reason: reason) }

  private mutating func skipSpace() {
    while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
  }

  private mutating func expect(_ literal: String) throws {
    for b in literal.utf8 {
      guard i < bytes.count, bytes[i] == b else { throw failure("expected '\(literal)'") }
      i += 1
    }
  }

  private mutating func value(depth: Int) throws -> JSONValue {
    guard depth < Self.maxDepth else { throw failure("nesting deeper than \(Self.maxDepth) levels") }
    guard i < bytes.count else { throw failure("unexpected end of input") }
    switch bytes[i] {
    case UInt8(ascii: "{"): return try object(depth: depth)
    case UInt8(ascii: "["): return try array(depth: depth)
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"):
      try expect("true")
      return .bool(true)
    case UInt8(ascii: "f"):
      try expect("false")
      return .bool(false)
    case UInt8(ascii: "n"):
      try expect("null")
      return .null
    default: return .number(try number())
    }
  }

  private mutating func object(depth: Int) throws -> JSONValue {
    i += 1
    var pairs: [(String, JSONValue)] = []
    skipSpace()
    if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
      i += 1
      return .object(pairs)
    }
    while true {
      skipSpace()
      guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw failure("expected a string key") }
      let key = try string()
      skipSpace()
      try expect(":")
      skipSpace()
      pairs.append((key, try value(depth: depth + 1)))
      skipSpace()
      guard i < bytes.count else { throw failure("unterminated object") }
      if bytes[i] == UInt8(ascii: ",") {
        i += 1
        continue
      }
      try expect("}")
      return .object(pairs)
    }
  }

  private mutating func array(depth: Int) throws -> JSONValue {
    i += 1
    var items: [JSONValue] = []
    skipSpace()
    if i < bytes.count, bytes[i] == UInt8(ascii: "]") {
      i += 1
      return .array(items)
    }
    while true {
      skipSpace()
      items.append(try value(depth: depth + 1))
      skipSpace()
      guard i < bytes.count else { throw failure("unterminated array") }
      if bytes[i] == UInt8(ascii: ",") {
        i += 1
        continue
      }
      try expect("]")
      return .array(items)
    }
  }

  private mutating func number() throws -> Double {
    let start = i
    func digits() -> Int {
      let s = i
      while i < bytes.count, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") { i += 1 }
      return i - s
    }
    if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
    let intStart = i
    guard digits() > 0 else { throw failure("expected a value") }
    if bytes[intStart] == UInt8(ascii: "0"), i - intStart > 1 { throw failure("leading zeros are not allowed") }
    if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
      i += 1
      guard digits() > 0 else { throw failure("expected digits after '.'") }
    }
    if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
      i += 1
      if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
      guard digits() > 0 else { throw failure("expected exponent digits") }
    }
    let text = String(decoding: bytes[start..<i], as: UTF8.self)
    guard let value = Double(text) else { throw failure("number '\(text)' out of range") }
    return value
  }

  private mutating func string() throws -> String {
    i += 1
    var scalars = String.UnicodeScalarView()
    var run: [UInt8] = []
    func flush() {
      if !run.isEmpty {
        scalars.append(contentsOf: String(decoding: run, as: UTF8.self).unicodeScalars)
        run.removeAll(keepingCapacity: true)
      }
    }
    while i < bytes.count {
      let b = bytes[i]
      switch b {
      case UInt8(ascii: "\""):
        i += 1
        flush()
        return String(scalars)
      case UInt8(ascii: "\\"):
        flush()
        i += 1
        guard i < bytes.count else { throw failure("unterminated escape") }
        let e = bytes[i]
        i += 1
        switch e {
        case UInt8(ascii: "\""): scalars.append("\"")
        case UInt8(ascii: "\\"): scalars.append("\\")
        case UInt8(ascii: "/"): scalars.append("/")
        case UInt8(ascii: "b"): scalars.append("\u{08}")
        case UInt8(ascii: "f"): scalars.append("\u{0C}")
        case UInt8(ascii: "n"): scalars.append("\n")
        case UInt8(ascii: "r"): scalars.append("\r")
        case UInt8(ascii: "t"): scalars.append("\t")
        case UInt8(ascii: "u"):
          var code = try hex4()
          if (0xD800..<0xDC00).contains(code) {
            try expect("\\u")
            let low = try hex4()
            guard (0xDC00..<0xE000).contains(low) else { throw failure("invalid surrogate pair") }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
          }
          guard let scalar = Unicode.Scalar(code) else { throw failure("invalid \\u escape") }
          scalars.append(scalar)
        default: throw failure("invalid escape")
        }
      default:
        guard b >= 0x20 else { throw failure("control character in string") }
        run.append(b)
        i += 1
      }
    }
    throw failure("unterminated string")
  }

  private mutating func hex4() throws -> UInt32 {
    guard i + 4 <= bytes.count, let v = UInt32(String(decoding: bytes[i..<(i + 4)], as: UTF8.self), radix: 16) else {
      throw failure("expected 4 hex digits")
    }
    i += 4
    return v
  }
}

extension JSONValue {
  /// The value for `key` of an object (`nil` if absent or not an object).
  public subscript(key: String) -> JSONValue? {
    guard case .object(let pairs) = self else { return nil }
    return pairs.first { $0.0 == key }?.1
  }

  /// The number, if this is one.
  public var doubleValue: Double? {
    switch self {
    case .number(let d): return d
    case .integer(let i): return Double(i)
    default: return nil
    }
  }
}
