import Flow
import Validated
func scratch() throws {
  let problem = try Problem.generate(ProblemSpec(n1: 3, n2: 2, k: 2, r: 1, kappa: 1, alpha: 0.05, seed: 3))
  let field = PGFVectorField(target: problem.target, k: 2, e: nil)
  var o = ValidatedOptions()
  o.fixedStep = 0.1
  o.order = 8
  let lohner = try ValidatedIntegrator(field: field, options: o).integrate(from: problem.initialState, to: 4)
  o.lohner = false
  let boxes = try ValidatedIntegrator(field: field, options: o).integrate(from: problem.initialState, to: 4)
  print(lohner.count, boxes.count)
  for i in stride(from: 0, to: lohner.count, by: 5) { print(lohner[i].t1, lohner[i].endpointWidth, boxes[i].endpointWidth, lohner[i].remainderWidth) }
}
