import Foundation

/// Where ``PGFCommand`` writes: the command's output (stdout) and its usage
/// and error lines (stderr). ``process`` is the process's own streams; tests
/// pass closures that collect the lines to run the command line in-process.
public struct CommandOutput: Sendable {
  /// Receives each block of standard output (without the final newline).
  public var standardOutput: @Sendable (String) -> Void
  /// Receives each line of standard error (without the final newline).
  public var standardError: @Sendable (String) -> Void

  /// An output with the given sinks.
  public init(standardOutput: @escaping @Sendable (String) -> Void, standardError: @escaping @Sendable (String) -> Void) {
    self.standardOutput = standardOutput
    self.standardError = standardError
  }

  /// The process's stdout and stderr.
  public static let process = CommandOutput(
    standardOutput: { print($0) },
    standardError: { FileHandle.standardError.write(Data(($0 + "\n").utf8)) })
}
