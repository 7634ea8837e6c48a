/// Escaping of user text for SVG (XML 1.0) content and attribute values.
enum XMLText {
  /// `text` with `&`, `<`, `>`, `"` and `'` replaced by entities and the
  /// control characters XML 1.0 forbids (all below U+0020 except tab,
  /// newline and carriage return) removed.
  static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      case "\t", "\n", "\r": out.unicodeScalars.append(" ")
      default:
        if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
