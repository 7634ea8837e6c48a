import Foundation
/// A usage error on the command line: the message names the flag and the fix.
struct UsageError: Error, CustomStringConvertible {
  let description: String
  init(_ message: String) { description = message }
}

/// Parsed `--flag value` and `--switch` arguments of one subcommand.
///
/// Every flag must be declared; an undeclared or repeated flag, a missing
/// value (also a flag where the value should be: `--out --quick`) or a value
/// of the wrong type is a ``UsageError``.
struct Arguments {
  private var values: [String: String] = [:]
  private var switches: Set<String> = []
  private(set) var positional: [String] = []

  /// Parses `tokens` given the flags that take a value and the bare switches.
  init(_ tokens: [String], valued: Set<String>, switches allowedSwitches: Set<String>) throws {
    var i = 0
    while i < tokens.count {
      let token = tokens[i]
      if token.hasPrefix("--") {
        var name = String(token.dropFirst(2))
        var inlineValue: String?
        if let eq = name.firstIndex(of: "=") {
          inlineValue = String(name[name.index(after: eq)...])
          name = String(name[..<eq])
        }
        if allowedSwitches.contains(name) {
          guard inlineValue == nil else { throw UsageError("--\(name) takes no value") }
          switches.insert(name)
        } else if valued.contains(name) {
          guard values[name] == nil else { throw UsageError("--\(name) is given twice") }
          if let v = inlineValue {
            values[name] = v
          } else {
            guard i + 1 < tokens.count else { throw UsageError("--\(name) needs a value") }
            // `--out --quick` is a missing value, not the path "--quick" (write --out=--quick for that).
            guard !tokens[i + 1].hasPrefix("--") else {
              throw UsageError("--\(name) needs a value, got the flag '\(tokens[i + 1])'; write --\(name)=VALUE for a value that starts with --")
            }
            values[name] = tokens[i + 1]
            i += 1
          }
        } else {
          let known = (valued.union(allowedSwitches)).sorted().map { "--\($0)" }.joined(separator: " ")
          throw UsageError("unknown option --\(name); this command takes \(known)")
        }
      } else {
        positional.append(token)
      }
      i += 1
    }
  }

  func has(_ name: String) -> Bool { values[name] != nil || switches.contains(name) }
  func string(_ name: String) -> String? { values[name] }

  func int(_ name: String) throws -> Int? {
    guard let s = values[name] else { return nil }
    guard let v = Int(s) else { throw UsageError("--\(name) expects an integer, got '\(s)'") }
    return v
  }

  func double(_ name: String) throws -> Double? {
    guard let s = values[name] else { return nil }
    guard let v = Double(s) else { throw UsageError("--\(name) expects a number, got '\(s)'") }
    guard v.isFinite else { throw UsageError("--\(name) must be finite, got '\(s)'") }
    return v
  }

  func uint64(_ name: String) throws -> UInt64? {
    guard let s = values[name] else { return nil }
    guard let v = UInt64(s) else { throw UsageError("--\(name) expects a non-negative integer, got '\(s)'") }
    return v
  }

  func doubles(_ name: String) throws -> [Double]? {
    guard let s = values[name] else { return nil }
    let parts = s.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    var out: [Double] = []
    for p in parts {
      guard let v = Double(p), v.isFinite else {
        throw UsageError("--\(name) expects comma-separated finite numbers like \"1,0.5\", got '\(s)'")
      }
      out.append(v)
    }
    return out
  }
}

