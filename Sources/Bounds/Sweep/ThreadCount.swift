import Foundation

/// How many threads independent work (report cases, a compact trajectory's samples) uses.
///
/// Results never depend on it: work items are computed independently and collected by index.
public enum ThreadCount {
  /// The environment variable that overrides the default (`PGF_THREADS=1` runs serially).
  public static let environmentVariable = "PGF_THREADS"

  /// `PGF_THREADS` when it is a positive integer, else the active processor count (≥ 1).
  public static var automatic: Int {
    if let text = ProcessInfo.processInfo.environment[environmentVariable], let n = Int(text), n >= 1 { return n }
    return max(1, ProcessInfo.processInfo.activeProcessorCount)
  }

  /// `body(i)` for `i` in `0..<count` on up to `threads` threads, results in index order.
  /// The first error (by index) is rethrown after all items ran.
  public static func map<T: Sendable>(
    _ count: Int, threads: Int, _ body: @Sendable (Int) throws -> T
  ) throws -> [T] {
    if count == 0 { return [] }
    let width = max(1, min(threads, count))
    if width == 1 { return try (0..<count).map(body) }
    let slots = ResultSlots<T>(count)
    DispatchQueue.concurrentPerform(iterations: width) { worker in
      var i = worker
      while i < count {
        slots.set(i, Result { try body(i) })
        i += width
      }
    }
    return try slots.collect()
  }
}

/// One result slot per index, each written by exactly one worker of ``ThreadCount/map(_:threads:_:)``
/// before `concurrentPerform` returns (so reads after it are ordered after the writes).
private final class ResultSlots<T: Sendable>: @unchecked Sendable {
  private let count: Int
  private let slots: UnsafeMutablePointer<Result<T, any Error>?>

  init(_ count: Int) {
    self.count = count
    slots = .allocate(capacity: count)
    slots.initialize(repeating: nil, count: count)
  }

  deinit {
    slots.deinitialize(count: count)
    slots.deallocate()
  }

  func set(_ i: Int, _ value: Result<T, any Error>) { slots[i] = value }

  func collect() throws -> [T] { try (0..<count).map { try slots[$0]!.get() } }
}
