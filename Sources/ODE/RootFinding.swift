/// Brent's zeroin on a bracket `[a, b]` with `fa`, `fb` of opposite signs (or one zero).
/// Converges to `≈ 2·ulp(root)` in the abscissa; at most `maxIterations` evaluations.
func brentRoot(_ a0: Double, _ b0: Double, fa fa0: Double, fb fb0: Double,
               maxIterations: Int = 200, _ f: (Double) -> Double) -> Double {
  if fa0 == 0 { return a0 }
  if fb0 == 0 { return b0 }
  let eps = Double.ulpOfOne
  let xtol = 4 * Double.leastNormalMagnitude
  var a = a0, b = b0, fa = fa0, fb = fb0
  var c = a, fc = fa, d = b - a, e = d
  func sameSign(_ x: Double, _ y: Double) -> Bool { (x > 0 && y > 0) || (x < 0 && y < 0) }
  for _ in 0..<maxIterations {
    if sameSign(fb, fc) { c = a; fc = fa; d = b - a; e = d }
    if abs(fc) < abs(fb) { a = b; b = c; c = a; fa = fb; fb = fc; fc = fa }
    let tol1 = 2 * eps * abs(b) + 0.5 * xtol
    let xm = 0.5 * (c - b)
    if abs(xm) <= tol1 || fb == 0 { return b }
    if abs(e) >= tol1 && abs(fa) > abs(fb) {
      var p: Double, q: Double
      let s = fb / fa
      if a == c {
        p = 2 * xm * s
        q = 1 - s
      } else {
        let qq = fa / fc, r = fb / fc
        p = s * (2 * xm * qq * (qq - r) - (b - a) * (r - 1))
        q = (qq - 1) * (r - 1) * (s - 1)
      }
      if p > 0 { q = -q }
      p = abs(p)
      if 2 * p < 3 * xm * q - abs(tol1 * q) && p < abs(0.5 * e * q) {
        e = d
        d = p / q
      } else {
        d = xm; e = d
      }
    } else {
      d = xm; e = d
    }
    a = b; fa = fb
    b += abs(d) > tol1 ? d : (xm > 0 ? tol1 : -tol1)
    fb = f(b)
  }
  return b
}
