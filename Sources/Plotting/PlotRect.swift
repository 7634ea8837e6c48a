/// An axis-aligned rectangle in SVG pixel coordinates (y grows downward).
public struct PlotRect: Sendable, Hashable {
  /// Left edge.
  public var x: Double
  /// Top edge.
  public var y: Double
  /// Width (≥ 0).
  public var width: Double
  /// Height (≥ 0).
  public var height: Double

  /// A rectangle with top-left corner `(x, y)`.
  public init(x: Double, y: Double, width: Double, height: Double) {
    self.x = x
    self.y = y
    self.width = width
    self.height = height
  }

  /// Right edge.
  public var maxX: Double { x + width }
  /// Bottom edge.
  public var maxY: Double { y + height }

  /// Whether `(px, py)` lies inside, edges included, allowing `tolerance` pixels.
  public func contains(_ px: Double, _ py: Double, tolerance: Double = 0) -> Bool {
    px >= x - tolerance && px <= maxX + tolerance && py >= y - tolerance && py <= maxY + tolerance
  }

  /// Whether the two rectangles overlap with positive area.
  public func intersects(_ other: PlotRect) -> Bool {
    x < other.maxX && other.x < maxX && y < other.maxY && other.y < maxY
  }
}
