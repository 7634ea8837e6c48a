import Flow
import Foundation
import Proofs
import Validated

let args = CommandLine.arguments
if args.contains("--scratch") { try scratch(); exit(0) }
func arg(_ name: String, _ d: String) -> String {
  if let i = args.firstIndex(of: "--" + name), i + 1 < args.count { return args[i + 1] }
  return d
}
let n1 = Int(arg("n1", "3"))!, n2 = Int(arg("n2", "2"))!, k = Int(arg("k", "2"))!, r = Int(arg("r", "1"))!
let alpha = Double(arg("alpha", "0.01"))!, tEnd = Double(arg("t-end", "10"))!
let pert = arg("perturbation", "zero")
let problem = try Problem.generate(ProblemSpec(n1: n1, n2: n2, k: k, r: r, kappa: 2, alpha: alpha, seed: UInt64(arg("seed", "1"))!))
let perturbation = try PerturbationSpec(parsing: pert).make(for: problem, seed: 1)
var options = ProofOptions()
options.integrator.order = Int(arg("order", "12"))!
options.integrator.tolerance = Double(arg("tol", "1e-13"))!
options.integrator.maxStep = Double(arg("max-step", "0.25"))!
let t0 = Date()
let run = try ProofRun(problem: problem, perturbation: perturbation, tEnd: tEnd, options: options)
let t1 = Date()
print("integrate: \(run.steps.count) steps, \(t1.timeIntervalSince(t0)) s, maxWidth \(run.steps.map(\.endpointWidth).max()!)")
for s in ProofStatement.allCases {
  let a = Date()
  let res = try run.decide(s, tau: Double(arg("tau", "1e-3")))
  print(s.rawValue, res.outcome, String(format: "%.3fs", Date().timeIntervalSince(a)), "margin", res.worstMargin, "subdiv", res.maxSubdivisions, res.reason)
}
