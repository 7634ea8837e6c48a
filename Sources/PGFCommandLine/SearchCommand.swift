import Bounds
import Foundation

/// `pgf search`: the falsification search of one conjecture over its parameter box.
enum SearchCommand {
  static let help = """
    usage: pgf search --lemma ID [--seed S] [--budget small|thorough] [--witness] [--json]

    Seeded random sampling of the conjecture's parameter box, local refinement toward the
    smallest slack, then shrinking of a counterexample; prints the search report (every
    counterexample with the `pgf check` command that reproduces it).

      --lemma ID        a conjecture of the catalogue (see pgf lemmas)
      --seed S          seed of the search's random draws (default 1)
      --budget B        small (default; 12 random points) or thorough (48)
      --witness         search the conjecture's witness box (the region of a known failure
                        mechanism, e.g. K1's 2×2 constant-E steady state) instead of its box
      --json            one JSON object: lemma, found, evaluations, worstRelativeSlack,
                        worstSlack and at (exact), command (the pgf check command that
                        reproduces the counterexample bit for bit, or null), report

    Exit status: 0 when no counterexample was found, 3 when one was; 1 on errors, 2 on
    usage errors.
    """

  /// Runs the search; returns the text and whether a counterexample was found.
  static func run(_ tokens: [String], catalogue: Catalogue) throws -> (output: String, found: Bool) {
    let args = try Arguments(tokens, valued: ["lemma", "seed", "budget"], switches: ["json", "witness"])
    guard args.positional.isEmpty else { throw UsageError("unexpected argument '\(args.positional[0])'") }
    guard let id = args.string("lemma") else { throw UsageError("--lemma ID is required; run 'pgf lemmas' for the conjectures") }
    guard let conjecture = catalogue.conjecture(id: id) else {
      let ids = catalogue.conjectures.map(\.id).joined(separator: ", ")
      throw UsageError("'\(id)' is not a conjecture of the catalogue; conjectures: \(ids)")
    }
    let budget: FalsificationSearch.Budget
    switch args.string("budget") ?? "small" {
    case "small": budget = .small
    case "thorough": budget = .thorough
    case let other: throw UsageError("--budget must be small or thorough, got '\(other)'")
    }
    var box = conjecture.box
    if args.has("witness") {
      guard let w = conjecture.witnessBox else { throw UsageError("\(conjecture.id) has no witness box; drop --witness") }
      box = w
    }
    let result = FalsificationSearch(conjecture, box: box, seed: try args.uint64("seed") ?? 1, budget: budget).run()
    if args.has("json") {
      let json = JSONValue.object([
        ("lemma", .string(conjecture.id)), ("found", .bool(result.foundCounterexample)),
        ("evaluations", .integer(result.evaluations)),
        ("worstRelativeSlack", .finite(result.verdict?.worstRelativeSlack ?? .nan)),
        ("worstSlack", .finite(result.verdict?.worstSlack ?? .nan)), ("at", .finite(result.verdict?.at ?? .nan)),
        ("command", result.counterexample.map { .string($0.point.checkCommand(lemma: conjecture.id)) } ?? .null),
        ("report", .string(result.report)),
      ])
      return (try json.serialized(), result.foundCounterexample)
    }
    return (result.report, result.foundCounterexample)
  }
}
