import Flow
import Foundation
import Validated
func scratch() throws {
    let phi = try Matrix(rowsOf: [[0, -1], [1, 0], [0, 0]])
    let psi = try Matrix(rowsOf: [[0, 1], [0, 0], [1, 0]])
    let target = try Target(phi: phi, sigma: [2.0, 0.75], psi: psi)
    let a0 = [0.03, 0.01]
    let u0 = phi * Matrix.diagonal(a0), v0 = psi * Matrix.diagonal(a0)
    let field = PGFVectorField(target: target, k: 2, e: nil)
    var o = ValidatedOptions()
    o.order = 10
    o.tolerance = 1e-12
    let t0 = Date()
    let steps = try ValidatedIntegrator(field: field, options: o).integrate(from: u0.elements + v0.elements, to: 3)
    print(steps.count, Date().timeIntervalSince(t0), steps.map { $0.t1 - $0.t0 }.prefix(30))
}
