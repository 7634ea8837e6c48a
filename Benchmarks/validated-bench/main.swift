// Release-build benchmark of the validated mode (not a test):
//   validated-bench sweep  [--t-end T] [--limit SECONDS] [--out FILE.json]
//       decides L1, L3, L4, converge and the negative controls on growing shapes,
//       records outcomes, steps, widths and medians of the run times;
//   validated-bench widths [--out FILE.csv]
//       enclosure width against t on the representative 3×2, k=2, r=1 case;
//   validated-bench one --n1 3 --n2 2 --k 2 --r 1 --alpha 0.01 --t-end 15 --tau 1e-3 --perturbation zero
import Flow
import Foundation
import Proofs
import Validated

let args = CommandLine.arguments
func arg(_ name: String, _ d: String) -> String {
  if let i = args.firstIndex(of: "--" + name), i + 1 < args.count { return args[i + 1] }
  return d
}
let mode = args.count > 1 && !args[1].hasPrefix("--") ? args[1] : "one"

func makeProblem(_ n1: Int, _ n2: Int, _ k: Int, _ r: Int, alpha: Double, seed: UInt64 = 1) throws -> Problem {
  try Problem.generate(ProblemSpec(n1: n1, n2: n2, k: k, r: r, kappa: 1, alpha: alpha, seed: seed))
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
  let t0 = Date()
  try body()
  return Date().timeIntervalSince(t0)
}

func median(_ x: [Double]) -> Double { x.sorted()[x.count / 2] }

switch mode {
case "sweep":
  let tEnd = Double(arg("t-end", "10"))!
  let limit = Double(arg("limit", "300"))!
  var shapes = [(3, 2, 2, 1), (4, 3, 2, 1), (5, 4, 2, 1), (4, 4, 3, 2), (6, 5, 3, 2), (8, 6, 3, 2), (8, 8, 4, 2), (10, 8, 4, 2)]
  if let list = args.firstIndex(of: "--shapes").map({ args[$0 + 1] }) {  // e.g. 12x10x4x2,16x12x4x2
    shapes = list.split(separator: ",").map { item in
      let v = item.split(separator: "x").map { Int($0)! }
      return (v[0], v[1], v[2], v[3])
    }
  }
  let perturbations = arg("perturbations", "zero,fixed:0.05").split(separator: ",").map(String.init)
  var rows: [JSONValue] = []
  for (n1, n2, k, r) in shapes {
    for pert in perturbations {
      let problem = try makeProblem(n1, n2, k, r, alpha: 0.01)
      let perturbation = try PerturbationSpec(parsing: pert).make(for: problem, seed: 1)
      var run: ProofRun? = nil
      let small = problem.stateDimension <= 14
      var times: [Double] = []
      for _ in 0..<(small ? 3 : 1) {  // warm-up + medians for the small cases
        times.append(try seconds { run = try ProofRun(problem: problem, perturbation: perturbation, tEnd: tEnd) })
      }
      let tau = pert == "zero" ? 1e-2 : 0.1
      var decisions: [(String, JSONValue)] = []
      var total = median(times)
      for s in ProofStatement.allCases {
        var res: ProofResult? = nil
        let ts = try (0..<(small ? 3 : 1)).map { _ in try seconds { res = try run!.decide(s, tau: tau) } }
        total += median(ts)
        decisions.append((s.rawValue, .object([
          ("outcome", .string(res!.outcome.rawValue)), ("seconds", .number(median(ts))),
          ("worstMargin", res!.json.objectValue("worstMargin")), ("maxSubdivisions", .integer(res!.maxSubdivisions)),
        ])))
      }
      let row: JSONValue = .object([
        ("shape", .string("\(n1)x\(n2) k=\(k) r=\(r)")), ("dimension", .integer(problem.stateDimension)),
        ("perturbation", .string(pert)), ("tEnd", .number(tEnd)), ("tau", .number(tau)),
        ("steps", .integer(run!.steps.count)), ("integrateSeconds", .number(median(times))),
        ("maxWidth", .number(run!.steps.map(\.endpointWidth).max()!)),
        ("decisions", .object(decisions)), ("totalSeconds", .number(total)),
      ])
      print(try row.serialized())
      rows.append(row)
      if total > limit { break }
    }
    if let last = rows.last, case .number(let t)? = last.objectField("totalSeconds"), t > limit { break }
  }
  let out = arg("out", "docs/proofs-sweep.json")
  try (try JSONValue.array(rows).serialized() + "\n").write(toFile: out, atomically: true, encoding: .utf8)
  print("wrote \(out)")
case "widths":
  let problem = try makeProblem(3, 2, 2, 1, alpha: 0.01)
  let run = try ProofRun(problem: problem, perturbation: ZeroPerturbation(), tEnd: 15)
  var csv = "t0,t1,h,endpointWidth,wholeStepWidth,remainderWidth\n"
  for s in run.steps {
    csv += "\(s.t0),\(s.t1),\(s.t1 - s.t0),\(s.endpointWidth),\(s.whole.map(\.width).max()!),\(s.remainderWidth)\n"
  }
  let out = arg("out", "docs/proof-widths.csv")
  try csv.write(toFile: out, atomically: true, encoding: .utf8)
  print("wrote \(out) (\(run.steps.count) steps)")
default:
  let problem = try makeProblem(Int(arg("n1", "3"))!, Int(arg("n2", "2"))!, Int(arg("k", "2"))!, Int(arg("r", "1"))!,
                                alpha: Double(arg("alpha", "0.01"))!)
  let perturbation = try PerturbationSpec(parsing: arg("perturbation", "zero")).make(for: problem, seed: 1)
  var options = ProofOptions()
  options.integrator.order = Int(arg("order", "12"))!
  options.integrator.tolerance = Double(arg("tol", "1e-13"))!
  options.integrator.maxStep = Double(arg("max-step", "0.25"))!
  var run: ProofRun? = nil
  let ti = try seconds { run = try ProofRun(problem: problem, perturbation: perturbation, tEnd: Double(arg("t-end", "10"))!, options: options) }
  if args.contains("--show-steps") { for s in run!.steps where Int(s.t0 * 4) != Int(s.t1 * 4) { print("t", s.t1, "h", s.t1 - s.t0, "rem", s.remainderWidth) } }
  print("integrate: \(run!.steps.count) steps, \(ti) s, maxWidth \(run!.steps.map(\.endpointWidth).max()!)")
  for s in ProofStatement.allCases {
    var res: ProofResult? = nil
    let t = try seconds { res = try run!.decide(s, tau: Double(arg("tau", "1e-3"))) }
    print(s.rawValue, res!.outcome, String(format: "%.3fs", t), try res!.json.serialized())
  }
}

extension JSONValue {
  func objectField(_ key: String) -> JSONValue? {
    if case .object(let pairs) = self { return pairs.first { $0.0 == key }?.1 }
    return nil
  }
  func objectValue(_ key: String) -> JSONValue { objectField(key) ?? .null }
}
