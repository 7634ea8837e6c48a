import Flow
import Foundation

/// `pgf`: the command line of the perturbed-gradient-flow suite.
let topHelp = """
  usage: pgf <command> [options]

  commands:
    simulate   integrate the perturbed gradient flow and print a summary
    sense      matrix sensing by gradient descent / SGD (pgf sense --m 200 …)
    lemmas     list the lemmas and claims with their ids and statuses
    check      check one lemma or claim on a problem (pgf check --lemma L4 …)
    report     regenerate docs/ from the sweeps (pgf report [--quick] [--out DIR])
    help       show this text (pgf help <command> for a command's options)

  Errors print one line to stderr and exit with status 1 (2 for usage errors).
  """

func main() async -> Int32 {
  var tokens = Array(CommandLine.arguments.dropFirst())
  guard let command = tokens.first else {
    print(topHelp)
    return 0
  }
  tokens.removeFirst()
  do {
    switch command {
    case "simulate":
      if tokens.contains("--help") || tokens.contains("-h") {
        print(SimulateCommand.help)
        return 0
      }
      print(try SimulateCommand.run(tokens))
    case "sense":
      if tokens.contains("--help") || tokens.contains("-h") {
        print(SenseCommand.help)
        return 0
      }
      print(try SenseCommand.run(tokens))
    case "lemmas":
      guard tokens.isEmpty else { throw UsageError("pgf lemmas takes no arguments") }
      print(CheckCommand.lemmas())
    case "check":
      if tokens.contains("--help") || tokens.contains("-h") {
        print(CheckCommand.help)
        return 0
      }
      let (output, violation) = try CheckCommand.run(tokens)
      print(output)
      return violation ? 3 : 0
    case "report":
      if tokens.contains("--help") || tokens.contains("-h") {
        print(ReportCommand.help)
        return 0
      }
      print(try await ReportCommand.run(tokens))
    case "help", "--help", "-h":
      switch tokens.first {
      case "simulate": print(SimulateCommand.help)
      case "sense": print(SenseCommand.help)
      case "check": print(CheckCommand.help)
      case "report": print(ReportCommand.help)
      default: print(topHelp)
      }
    default:
      throw UsageError("unknown command '\(command)'; run 'pgf help' for the list")
    }
    return 0
  } catch let error as UsageError {
    FileHandle.standardError.write(Data("pgf: error: \(error.description)\n".utf8))
    return 2
  } catch {
    FileHandle.standardError.write(Data("pgf: error: \(String(describing: error))\n".utf8))
    return 1
  }
}

exit(await main())
