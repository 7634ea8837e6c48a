/// The fixed opening and closing of every SVG document the plots write.
enum SVGDocument {
  /// The `<svg>` start tag (with font defaults) and a white background.
  static func header(width: Double, height: Double) -> String {
    let w = NumberFormat.coordinate(width), h = NumberFormat.coordinate(height)
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\""
      + " font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n"
      + "<rect x=\"0\" y=\"0\" width=\"\(w)\" height=\"\(h)\" fill=\"#FFFFFF\"/>"
  }

  /// The closing tag.
  static let footer = "</svg>"
}
