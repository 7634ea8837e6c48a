import Foundation

/// Nested Clenshaw–Curtis rules on `[−1, 1]` used for every integral over a
/// trajectory.
///
/// The fine rule has the `N + 1 = 9` Chebyshev–Lobatto nodes
/// `xⱼ = −cos(πj/N)` (ascending, endpoints included); the coarse rule uses
/// every other node (5 nodes). ``fine`` and ``coarse`` are *cumulative
/// integration matrices*: `(S f)ⱼ = ∫_{−1}^{xⱼ} p(s) ds`, where `p` is the
/// polynomial interpolating `f` at the nodes. The difference between the fine
/// and coarse results is the quadrature error estimate.
///
/// The matrices are built once, by integrating each Lagrange basis polynomial
/// with a 24-point Gauss–Legendre rule (exact for the degree-8 basis).
public struct ChebyshevRule: Sendable {
  /// Number of sub-intervals `N` of the fine rule (nodes: `N + 1`).
  public static let order = 8
  /// The fine nodes on `[−1, 1]`, ascending.
  public let nodes: [Double]
  /// The fine cumulative integration matrix (`(N+1) × (N+1)`, row-major).
  public let fine: [[Double]]
  /// The coarse (every other node) cumulative integration matrix (`(N/2+1)²`).
  public let coarse: [[Double]]

  /// The shared rule.
  public static let shared = ChebyshevRule()

  private init() {
    let n = Self.order
    let x = (0...n).map { -cos(Double.pi * Double($0) / Double(n)) }
    nodes = x
    fine = Self.integrationMatrix(x)
    coarse = Self.integrationMatrix(stride(from: 0, through: n, by: 2).map { x[$0] })
  }

  /// `S[j][m] = ∫_{−1}^{x_j} ℓ_m(s) ds` for the Lagrange basis `ℓ_m` of `x`.
  static func integrationMatrix(_ x: [Double]) -> [[Double]] {
    let (gx, gw) = gaussLegendre(24)
    let count = x.count
    func lagrange(_ m: Int, _ s: Double) -> Double {
      var v = 1.0
      for i in 0..<count where i != m { v *= (s - x[i]) / (x[m] - x[i]) }
      return v
    }
    return (0..<count).map { j in
      (0..<count).map { m in
        let a = -1.0, b = x[j]
        if b == a { return 0 }
        var s = 0.0
        for (node, weight) in zip(gx, gw) {
          s += weight * lagrange(m, 0.5 * (b - a) * node + 0.5 * (b + a))
        }
        return 0.5 * (b - a) * s
      }
    }
  }

  /// Gauss–Legendre nodes and weights on `[−1, 1]` (Newton on `P_n`).
  static func gaussLegendre(_ n: Int) -> ([Double], [Double]) {
    var nodes = [Double](repeating: 0, count: n)
    var weights = [Double](repeating: 0, count: n)
    for i in 0..<n {
      var z = cos(Double.pi * (Double(i) + 0.75) / (Double(n) + 0.5))
      var dp = 0.0
      for _ in 0..<100 {
        var p0 = 1.0, p1 = 0.0
        for j in 1...n {
          let p2 = p1
          p1 = p0
          p0 = ((2 * Double(j) - 1) * z * p1 - (Double(j) - 1) * p2) / Double(j)
        }
        dp = Double(n) * (z * p0 - p1) / (z * z - 1)
        let dz = p0 / dp
        z -= dz
        if abs(dz) < 1e-16 { break }
      }
      nodes[i] = -z
      weights[i] = 2 / ((1 - z * z) * dp * dp)
    }
    return (nodes, weights)
  }
}
