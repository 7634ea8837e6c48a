/// A rigorous enclosure of the exponential, built from outward-rounded `+ − × ÷`
/// only (no libm, so no assumption on the accuracy of the platform's `exp`).
///
/// For a double `x`: choose `m ≥ 0` with `|y| ≤ ½` for `y = x/2^m` (an exact
/// scaling by a power of two unless it underflows, which is excluded by taking
/// `m = 0` for `|x| ≤ ½`); sum the Taylor series of `e^y` to degree `N = 20` in
/// interval arithmetic; add the Lagrange-type tail bound
/// `|Σ_{n>N} yⁿ/n!| ≤ |y|^{N+1}/(N+1)! · 1/(1 − |y|/(N+2)) ≤ 2|y|^{N+1}/(N+1)!`
/// as `±` that bound; then square the interval `m` times (`e^x = (e^y)^{2^m}`).
/// Since `exp` is increasing, `exp([a, b]) ⊆ [low(e^a), high(e^b)]`.
/// Arguments above 709.78 give an upper bound of `+∞`; below −745.2 a lower
/// bound of 0.
extension Interval {
  /// An interval containing `{e^x : x ∈ a}`.
  public static func exp(_ a: Interval) -> Interval {
    let l = expEnclosure(a.lo).lo
    let h = expEnclosure(a.hi).hi
    return Interval(Swift.max(0, l), h)
  }

  /// An interval containing `e^x` for the double `x`.
  static func expEnclosure(_ x: Double) -> Interval {
    if x.isNaN { return Interval(0, .infinity) }
    if x == 0 { return .one }
    if x > 709.78 { return Interval(Double.greatestFiniteMagnitude, .infinity) }
    if x < -745.2 { return Interval(0, Double.leastNonzeroMagnitude) }
    var m = 0
    var y = x
    while Swift.abs(y) > 0.5 { y *= 0.5; m += 1 }  // exact: |y| ≥ ½ before each halving
    let yi = Interval(y)
    var sum = Interval.one
    var term = Interval.one
    let degree = 20
    for n in 1...degree {
      term = (term * yi).divided(by: n)
      sum += term
    }
    // Tail bound 2|y|^{N+1}/(N+1)!: |next term| ≤ |term|·|y|/(N+1).
    let tail = 2.0 * ((term * Interval(Swift.abs(y))).divided(by: degree + 1)).magnitude
    let tailUp = tail.nextUp
    sum = sum + Interval(-tailUp, tailUp)
    var result = Interval(Swift.max(0, sum.lo), sum.hi)
    for _ in 0..<m { result = result.squared }
    return result
  }
}
