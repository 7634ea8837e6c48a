import Bounds
import Foundation

/// The `pgf` command line as a library: every subcommand, run on the
/// statements, conjectures and perturbation families of a ``Catalogue``.
///
/// `pgf` is `PGFCommand(catalogue: .standard)`; a client package runs the same
/// command line on its own catalogue (`.standard.adding(…)`) and gets `check`,
/// `search` and `report` for its statements with the same flags, outputs and
/// exit statuses.
///
/// Exit statuses: 0 success (`check`: the conclusion holds); 1 an error (one
/// line `pgf: error: …` on stderr); 2 a usage error (also a bare `pgf`, which
/// prints the usage to stderr); 3 `check` found a violation (the conclusion
/// failed while every hypothesis held), `search` found a counterexample, or
/// `prove` refuted the statement; 4 `check` found the conclusion not applicable
/// (a hypothesis failed, or no part of it applies — the JSON `holds` is `null`
/// with a `reason`), or `prove` left the statement undecided.
public struct PGFCommand: Sendable {
  /// What the subcommands work on.
  public let catalogue: Catalogue
  /// The program name used in messages (default `"pgf"`).
  public let name: String

  /// A command line on `catalogue`.
  public init(catalogue: Catalogue, name: String = "pgf") {
    self.catalogue = catalogue
    self.name = name
  }

  /// The top-level usage text.
  public var usage: String {
    """
    usage: \(name) <command> [options]

    commands:
      simulate   integrate the perturbed gradient flow and print a summary
      lemmas     list the statements and conjectures with their ids and statuses [--json]
      sense      gradient descent / SGD for matrix sensing (pgf sense --m 200 --json …)
      check      check one statement on a problem (\(name) check --lemma L4 …)
      search     search a conjecture's parameter box for a counterexample (\(name) search --lemma K1)
      prove      prove a statement on one small instance with rigorous enclosures (pgf prove --lemma L4)
      report     regenerate docs/ from the sweeps (\(name) report [--quick] [--out DIR])
      calibrate  re-run the calibration of the claims' constants and print the record
      diagnose   print the diagnosis of the first calibration's validation failure
      help       show this text (\(name) help <command> for a command's options)

    Exit statuses: 0 success (check: the conclusion holds); 1 an error, printed as one line
    on stderr; 2 a usage error; 3 check found a violation (the conclusion fails while every
    hypothesis holds), search a counterexample, prove a refutation; 4 check found the
    conclusion not applicable (a hypothesis fails or no part applies), prove undecided.
    """
  }

  /// Runs the process's own arguments (`CommandLine.arguments`).
  public func run() async -> Int32 { await run(Array(CommandLine.arguments.dropFirst())) }

  /// Runs `arguments` (without the program name) and returns the exit status;
  /// output goes to stdout, errors and progress to stderr.
  public func run(_ arguments: [String]) async -> Int32 { await run(arguments, output: .process) }

  /// Runs `arguments` (without the program name) and returns the exit status;
  /// the command's output and its usage and error lines go to `output`
  /// (progress of long commands still goes to the process's stderr).
  public func run(_ arguments: [String], output: CommandOutput) async -> Int32 {
    let print = output.standardOutput
    let standardError = output.standardError
    func printed(_ text: String) -> Int32 {
      print(text)
      return 0
    }
    var tokens = arguments
    guard let command = tokens.first else {
      standardError(usage)
      return 2
    }
    tokens.removeFirst()
    let wantsHelp = tokens.contains("--help") || tokens.contains("-h")
    do {
      switch command {
      case "simulate":
        if wantsHelp { return printed(SimulateCommand.help) }
        print(try SimulateCommand.run(tokens, families: catalogue.families))
      case "lemmas":
        if wantsHelp { return printed(CheckCommand.lemmasHelp) }
        print(try CheckCommand.lemmas(tokens, catalogue: catalogue))
      case "check":
        if wantsHelp { return printed(CheckCommand.help) }
        let (output, status) = try CheckCommand.run(tokens, catalogue: catalogue)
        print(output)
        return status
      case "search":
        if wantsHelp { return printed(SearchCommand.help) }
        let (output, found) = try SearchCommand.run(tokens, catalogue: catalogue)
        print(output)
        return found ? 3 : 0
      case "prove":
        if wantsHelp { return printed(ProveCommand.help) }
        let (output, status) = try ProveCommand.run(tokens, catalogue: catalogue)
        print(output)
        return status
      case "sense":
        if wantsHelp { return printed(SenseCommand.help) }
        print(try SenseCommand.run(tokens))
      case "report":
        if wantsHelp { return printed(ReportCommand.help) }
        print(try await ReportCommand.run(tokens, catalogue: catalogue))
      case "calibrate":
        if wantsHelp { return printed(ProcedureCommand.calibrateHelp) }
        print(try ProcedureCommand.calibrate(tokens))
      case "diagnose":
        if wantsHelp { return printed(ProcedureCommand.diagnoseHelp) }
        print(try ProcedureCommand.diagnose(tokens))
      case "help", "--help", "-h":
        switch tokens.first {
        case "simulate": print(SimulateCommand.help)
        case "lemmas": print(CheckCommand.lemmasHelp)
        case "check": print(CheckCommand.help)
        case "search": print(SearchCommand.help)
        case "report": print(ReportCommand.help)
        case "prove": print(ProveCommand.help)
        case "sense": print(SenseCommand.help)
        case "calibrate": print(ProcedureCommand.calibrateHelp)
        case "diagnose": print(ProcedureCommand.diagnoseHelp)
        default: print(usage)
        }
      default:
        throw UsageError("unknown command '\(command)'; run '\(name) help' for the list")
      }
      return 0
    } catch let error as UsageError {
      standardError("\(name): error: \(error.description)")
      return 2
    } catch {
      standardError("\(name): error: \(String(describing: error))")
      return 1
    }
  }
}

/// Writes one line to stderr.
func standardError(_ line: String) {
  FileHandle.standardError.write(Data((line + "\n").utf8))
}
