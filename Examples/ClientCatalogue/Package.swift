// swift-tools-version: 6.0
// A client package: its own statement, conjecture and perturbation family,
// checked, searched and reported by the suite's command line without editing
// the suite. It depends on the suite by path (the repository root, two levels up).
import Foundation
import PackageDescription

// A path dependency is named after its folder, whatever the clone is called.
let suite = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent().deletingLastPathComponent()

let package = Package(
  name: "ClientCatalogue",
  dependencies: [.package(path: suite.path)],
  targets: [
    .target(
      name: "ClientStatements",
      dependencies: [
        .product(name: "Bounds", package: suite.lastPathComponent),
        .product(name: "PGFCommandLine", package: suite.lastPathComponent),
      ]),
    .executableTarget(name: "client-pgf", dependencies: ["ClientStatements"]),
    .testTarget(name: "ClientStatementsTests", dependencies: ["ClientStatements"]),
  ],
  swiftLanguageModes: [.v6]
)
