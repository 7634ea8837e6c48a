/// An explicit embedded Runge–Kutta method stored as data.
///
/// Stage `i` (0-based) is evaluated at `t + c[i]·h` on
/// `y + h·Σ_{j<i} a[i][j]·k_j`. The propagated solution is
/// `y + h·Σ b_j k_j`; the error estimate is `h·Σ e_j k_j` with
/// `e = b − bHat` (propagated minus embedded weights).
public struct ButcherTableau: Sendable {
  /// Stage nodes `c_i` (dimensionless fractions of the step), `stageCount` entries.
  public let c: [Double]
  /// Strictly lower-triangular coupling coefficients: `a[i]` holds `i` entries.
  public let a: [[Double]]
  /// Weights of the propagated (order `order`) solution.
  public let b: [Double]
  /// Error weights `e = b − bHat`; the local error estimate is `h·Σ e_j k_j`.
  public let e: [Double]
  /// Dense-output weights `d_j` of the continuous extension (Shampine 1986 in
  /// Hairer's form): the fifth interpolation coefficient is `h·Σ d_j k_j`.
  /// Empty when the method has no continuous extension.
  public let denseWeights: [Double]
  /// Classical order of the propagated solution.
  public let order: Int
  /// Classical order of the embedded solution.
  public let embeddedOrder: Int
  /// First-same-as-last: the last stage is evaluated at `(t + h, y_{n+1})`,
  /// so its derivative is reused as the first stage of the next step.
  public let isFSAL: Bool

  /// The nonzero weights of every row, flat (precomputed so the step routine allocates
  /// nothing and indexes no nested arrays): row `r` is `0..<s` for the rows of `a`, `s`
  /// for `b`, `s + 1` for `e`, `s + 2` for `denseWeights`; its terms are
  /// `rowStart[r] ..< rowStart[r + 1]`, stage `rowStages[t]` with weight `rowWeights[t]`,
  /// in increasing stage order.
  let rowStart: [Int], rowStages: [Int], rowWeights: [Double]

  /// Number of stages `s`.
  public var stageCount: Int { c.count }

  /// Weights of the embedded solution, `bHat = b − e`.
  public var bHat: [Double] { zip(b, e).map { $0 - $1 } }

  /// Creates a tableau; sizes are checked with preconditions.
  public init(
    c: [Double], a: [[Double]], b: [Double], e: [Double], denseWeights: [Double] = [],
    order: Int, embeddedOrder: Int, isFSAL: Bool
  ) {
    let s = c.count
    precondition(s >= 1 && a.count == s && b.count == s && e.count == s, "tableau sizes")
    precondition(a.indices.allSatisfy { a[$0].count == $0 }, "a must be strictly lower triangular")
    precondition(denseWeights.isEmpty || denseWeights.count == s, "dense weights size")
    precondition(!isFSAL || (c[s - 1] == 1 && a[s - 1] == Array(b[0..<(s - 1)]) && b[s - 1] == 0),
                 "FSAL needs c_s = 1 and a_s = b")
    self.c = c
    self.a = a
    self.b = b
    self.e = e
    self.denseWeights = denseWeights
    self.order = order
    self.embeddedOrder = embeddedOrder
    self.isFSAL = isFSAL
    var rowStart = [0], rowStages: [Int] = [], rowWeights: [Double] = []
    for row in a + [b, e, denseWeights] {
      for j in row.indices where row[j] != 0 {
        rowStages.append(j)
        rowWeights.append(row[j])
      }
      rowStart.append(rowStages.count)
    }
    self.rowStart = rowStart
    self.rowStages = rowStages
    self.rowWeights = rowWeights
  }

  /// Dormand–Prince 5(4) (1980) with Shampine's 4th-order dense output, coefficients
  /// exactly as in Hairer's `CDOPRI` (dopri5.f). Seven stages, FSAL.
  public static let dormandPrince54 = ButcherTableau(
    c: [0, 0.2, 0.3, 0.8, 8.0 / 9.0, 1, 1],
    a: [
      [],
      [0.2],
      [3.0 / 40.0, 9.0 / 40.0],
      [44.0 / 45.0, -56.0 / 15.0, 32.0 / 9.0],
      [19372.0 / 6561.0, -25360.0 / 2187.0, 64448.0 / 6561.0, -212.0 / 729.0],
      [9017.0 / 3168.0, -355.0 / 33.0, 46732.0 / 5247.0, 49.0 / 176.0, -5103.0 / 18656.0],
      [35.0 / 384.0, 0, 500.0 / 1113.0, 125.0 / 192.0, -2187.0 / 6784.0, 11.0 / 84.0],
    ],
    b: [35.0 / 384.0, 0, 500.0 / 1113.0, 125.0 / 192.0, -2187.0 / 6784.0, 11.0 / 84.0, 0],
    e: [71.0 / 57600.0, 0, -71.0 / 16695.0, 71.0 / 1920.0, -17253.0 / 339200.0, 22.0 / 525.0,
        -1.0 / 40.0],
    denseWeights: [
      -12715105075.0 / 11282082432.0, 0, 87487479700.0 / 32700410799.0,
      -10690763975.0 / 1880347072.0, 701980252875.0 / 199316789632.0,
      -1453857185.0 / 822651844.0, 69997945.0 / 29380423.0,
    ],
    order: 5, embeddedOrder: 4, isFSAL: true)
}
