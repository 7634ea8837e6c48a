import Foundation

/// Hairer's HINIT (dopri5.f): initial step-size guess for a method of order `order`.
///
/// Uses sums (not means) in the weighted norms, the 1e-10 / 1e-15 thresholds, one
/// explicit Euler probe (one evaluation) and `min(100|h0|, h1, hmax)`.
/// `f0 = f(t, y)`; `f1`, `y1` are scratch vectors of length `n`.
func hairerInitialStep<S: ODESystem>(
  _ system: inout S, t: Double, y: [Double], f0: [Double], posneg: Double, hmax: Double,
  rtol: Double, atol: [Double], order: Int,
  f1: inout [Double], y1: inout [Double], evaluations: inout Int
) throws -> Double {
  let n = y.count
  var dnf = 0.0, dny = 0.0
  for i in 0..<n {
    let sk = atol[i] + rtol * abs(y[i])
    // A zero weight (pure relative control, y_i = 0) leaves the component unmeasured.
    guard sk > 0 else { continue }
    let a = f0[i] / sk, b = y[i] / sk
    dnf += a * a
    dny += b * b
  }
  var h = (dnf <= 1e-10 || dny <= 1e-10) ? 1e-6 : (dny / dnf).squareRoot() * 0.01
  h = min(h, hmax)
  h = posneg < 0 ? -abs(h) : abs(h)
  for i in 0..<n { y1[i] = y[i] + h * f0[i] }
  try evaluateChecked(&system, t + h, y1, into: &f1, evaluations: &evaluations)
  var der2 = 0.0
  for i in 0..<n {
    let sk = atol[i] + rtol * abs(y[i])
    guard sk > 0 else { continue }
    let q = (f1[i] - f0[i]) / sk
    der2 += q * q
  }
  der2 = der2.squareRoot() / h
  let der12 = max(abs(der2), dnf.squareRoot())
  let h1 = der12 <= 1e-15 ? max(1e-6, abs(h) * 1e-3) : pow(0.01 / der12, 1.0 / Double(order))
  h = min(100 * abs(h), h1, hmax)
  return posneg < 0 ? -h : h
}
