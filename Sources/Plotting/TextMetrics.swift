/// Rough text extents for layout decisions (margins, legend size, overlap),
/// assuming a DejaVu-Sans-like proportional font.
enum TextMetrics {
  /// Estimated width in pixels of `text` at font size `size`.
  static func width(_ text: String, size: Double) -> Double {
    var ems = 0.0
    for scalar in text.unicodeScalars {
      switch scalar {
      case " ", "i", "l", "j", "t", "f", "r", "I", ".", ",", ":", ";", "(", ")", "[", "]", "'", "|", "!":
        ems += 0.36
      case "m", "w", "M", "W", "%", "@":
        ems += 0.9
      case "A"..."Z", "0"..."9", "=", "+", "<", ">", "−", "_", "~":
        ems += 0.68
      default:
        ems += 0.6
      }
    }
    return ems * size
  }
}
