/// Text extents for layout decisions (margins, legend size, wrapping,
/// overlap), from the advance widths of DejaVu Sans (``GlyphWidths``), the
/// first font the plots ask for and a wide one: estimates err on the large
/// side. A character the table lacks counts as one full em (the widest
/// glyphs); combining marks count as nothing.
enum TextMetrics {
  /// Height above the baseline that glyphs reach, in ems (DejaVu's ascender).
  static let ascent = 0.93
  /// Depth below the baseline that glyphs reach, in ems (DejaVu's descender).
  static let descent = 0.24
  /// Distance between the baselines of wrapped lines, in ems.
  static let lineSpacing = 1.25

  /// Estimated width in pixels of `text` at font size `size`.
  static func width(_ text: String, size: Double, bold: Bool = false) -> Double {
    var milli = 0
    let ascii = bold ? GlyphWidths.boldASCII : GlyphWidths.regularASCII
    let others = bold ? GlyphWidths.bold : GlyphWidths.regular
    for scalar in text.unicodeScalars {
      let v = scalar.value
      if v >= 0x20 && v < 0x7F {
        milli += Int(ascii[Int(v - 0x20)])
      } else if let w = others[v] {
        milli += Int(w)
      } else {
        milli += 1000
      }
    }
    return Double(milli) / 1000 * size
  }

  /// The box of a horizontal line of text whose baseline starts (`anchor`
  /// `"start"`), is centred (`"middle"`) or ends (`"end"`) at `(x, y)`.
  static func box(x: Double, y: Double, width: Double, size: Double, anchor: String) -> PlotRect {
    let left = anchor == "middle" ? x - width / 2 : anchor == "end" ? x - width : x
    return PlotRect(x: left, y: y - ascent * size, width: width, height: (ascent + descent) * size)
  }

  /// The box of a line of text rotated by −90° (reading upward) about its
  /// anchor `(x, y)`: `"start"` puts the text above the anchor, `"end"` below,
  /// `"middle"` centred on it.
  static func rotatedBox(x: Double, y: Double, width: Double, size: Double, anchor: String) -> PlotRect {
    let top = anchor == "middle" ? y - width / 2 : anchor == "end" ? y : y - width
    return PlotRect(x: x - ascent * size, y: top, width: (ascent + descent) * size, height: width)
  }

  /// `text` cut at the end with "…" so that it is at most `limit` pixels wide
  /// (unchanged when it fits; just "…" when nothing else fits).
  static func shortened(_ text: String, size: Double, bold: Bool = false, toFit limit: Double) -> String {
    guard width(text, size: size, bold: bold) > limit else { return text }
    var scalars = Array(text.unicodeScalars)
    while !scalars.isEmpty {
      scalars.removeLast()
      var candidate = String(String.UnicodeScalarView(scalars))
      while candidate.hasSuffix(" ") { candidate.removeLast() }
      candidate += "…"
      if width(candidate, size: size, bold: bold) <= limit { return candidate }
    }
    return "…"
  }

  /// `text` broken at spaces into lines at most `limit` pixels wide (after
  /// the last comma of a line when that keeps at least half of it, so that
  /// clauses stay whole; a word wider than a line is broken inside); at most
  /// `maxLines` lines, the last shortened with "…" when the text does not fit.
  static func wrapped(_ text: String, size: Double, bold: Bool = false, toFit limit: Double, maxLines: Int) -> [String] {
    let limit = Swift.max(limit, 0)
    var lines: [String] = []
    var current = ""
    func fits(_ s: String) -> Bool { width(s, size: size, bold: bold) <= limit }
    for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
      let joined = current.isEmpty ? word : current + " " + word
      if fits(joined) {
        current = joined
        continue
      }
      // Break after the line's last comma when that keeps at least half the line.
      let words = current.split(separator: " ").map(String.init)
      if let comma = words.indices.dropLast().last(where: { words[$0].hasSuffix(",") }),
        width(words[...comma].joined(separator: " "), size: size, bold: bold) >= limit / 2
      {
        lines.append(words[...comma].joined(separator: " "))
        current = (words[(comma + 1)...] + [word]).joined(separator: " ")
        if fits(current) { continue }
        current = words[(comma + 1)...].joined(separator: " ")
        lines.append(current)
        current = word
      } else {
        if !current.isEmpty { lines.append(current) }
        current = word
      }
      // A word wider than the line: break it inside.
      while !fits(current) {
        var head = Array(current.unicodeScalars)
        var tail: [Unicode.Scalar] = []
        while head.count > 1 && !fits(String(String.UnicodeScalarView(head))) { tail.insert(head.removeLast(), at: 0) }
        lines.append(String(String.UnicodeScalarView(head)))
        current = String(String.UnicodeScalarView(tail))
      }
    }
    if !current.isEmpty { lines.append(current) }
    guard lines.count > maxLines, maxLines > 0 else { return lines }
    let rest = lines[(maxLines - 1)...].joined(separator: " ")
    return Array(lines.prefix(maxLines - 1)) + [shortened(rest, size: size, bold: bold, toFit: limit)]
  }
}
