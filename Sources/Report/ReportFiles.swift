import Bounds
import Plotting
import Foundation

/// A set of generated files (relative path → contents) and their atomic
/// installation into an output folder.
///
/// ``write(to:)`` first writes every file into a staging folder next to the
/// destination; only when all of them are written does it move each generated
/// top-level entry into place with `rename` (replacing the old one). A failed
/// or interrupted run therefore leaves the previous docs intact (at worst a
/// stray staging folder, removed on the next run, which also restores a folder
/// a run was killed while swapping); staging folders of concurrent live runs
/// are not touched, so each run installs a complete set; files that are not
/// generated (hand-written pages) are never touched.
public struct ReportFiles: Sendable, Equatable {
  /// Relative path → contents.
  public private(set) var files: [String: String] = [:]

  /// An empty set.
  public init() {}

  /// Adds (or replaces) a file.
  public mutating func add(_ path: String, _ contents: String) {
    precondition(!path.hasPrefix("/") && !path.contains(".."), "ReportFiles: relative paths only (\(path))")
    files[path] = contents
  }

  /// The paths, sorted.
  public var paths: [String] { files.keys.sorted() }

  /// Installs the files under `directory` atomically (see the type's description).
  public func write(to directory: String) throws {
    let fm = FileManager.default
    let root = URL(fileURLWithPath: directory)
    do {
      try fm.createDirectory(at: root, withIntermediateDirectories: true)
    } catch {
      throw ReportError.malformed("cannot create output folder '\(directory)': \(error.localizedDescription)")
    }
    // Leftovers of killed runs: restore a folder a run was killed while swapping (its
    // previous version is in `.staging-PID/.old-TOP`), then remove the staging folder.
    // Staging folders of live runs (concurrent reports) are left alone.
    for stale in (try? fm.contentsOfDirectory(atPath: root.path)) ?? [] where stale.hasPrefix(".staging-") {
      if let pid = Int32(stale.dropFirst(".staging-".count)), pid != getpid(), kill(pid, 0) == 0 { continue }
      let folder = root.appendingPathComponent(stale)
      for old in (try? fm.contentsOfDirectory(atPath: folder.path)) ?? [] where old.hasPrefix(".old-") {
        let target = root.appendingPathComponent(String(old.dropFirst(".old-".count)))
        if !fm.fileExists(atPath: target.path) { try? fm.moveItem(at: folder.appendingPathComponent(old), to: target) }
      }
      try? fm.removeItem(at: folder)
    }
    let staging = root.appendingPathComponent(".staging-\(ProcessInfo.processInfo.processIdentifier)")
    try? fm.removeItem(at: staging)
    do {
      for path in paths {
        let url = staging.appendingPathComponent(path)
        try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(files[path]!.utf8).write(to: url)
      }
      // Move each generated top-level entry into place; folders replace folders wholesale.
      let tops = Set(paths.map { String($0.split(separator: "/").first!) }).sorted()
      for top in tops {
        let source = staging.appendingPathComponent(top)
        let target = root.appendingPathComponent(top)
        var isFolder: ObjCBool = false
        if fm.fileExists(atPath: target.path, isDirectory: &isFolder), isFolder.boolValue {
          // rename(2) cannot replace a non-empty folder: move the old one aside first.
          let old = staging.appendingPathComponent(".old-\(top)")
          try fm.moveItem(at: target, to: old)
          try fm.moveItem(at: source, to: target)
        } else if rename(source.path, target.path) != 0 {  // atomic for files
          throw ReportError.malformed("rename to '\(target.path)' failed (errno \(errno))")
        }
      }
      try? fm.removeItem(at: staging)
    } catch {
      try? fm.removeItem(at: staging)
      throw ReportError.malformed("cannot write the report into '\(directory)': \(error.localizedDescription); the previous files are unchanged")
    }
  }
}
