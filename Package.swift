// swift-tools-version: 6.0
// The perturbed gradient flow for asymmetric matrix sensing (arXiv:2309.01796):
// an integrator, the flow, its lemmas as checkable predicates, and a CLI.
import Foundation
import PackageDescription

// Opt-in AVX2 code generation for the Sensing kernels (x86-64 machines with
// AVX2, i.e. Haswell/Zen or later): `PGF_NATIVE=1 swift build -c release`.
// The default build stays portable (x86-64 baseline / arm64).
let sensingSettings: [SwiftSetting] =
  ProcessInfo.processInfo.environment["PGF_NATIVE"] == "1"
  ? [.unsafeFlags(["-target-cpu", "haswell"]), .define("PGF_WIDE_TILES")] : []

let package = Package(
  name: "PerturbedGradientFlow",
  products: [
    .library(name: "Flow", targets: ["Flow"]),
    .library(name: "Bounds", targets: ["Bounds"]),
    .library(name: "Sensing", targets: ["Sensing"]),
    .executable(name: "pgf", targets: ["pgf"]),
  ],
  targets: [
    .target(name: "Flow"),
    .target(name: "Bounds", dependencies: ["Flow"]),
    .target(name: "Sensing", dependencies: ["Flow"], swiftSettings: sensingSettings),
    .executableTarget(name: "pgf", dependencies: ["Flow", "Bounds", "Sensing"]),
    .executableTarget(name: "pgf-bench", dependencies: ["Flow"], path: "Benchmarks/pgf-bench"),
    .executableTarget(name: "sense-bench", dependencies: ["Flow", "Sensing"], path: "Benchmarks/sense-bench"),
    .testTarget(name: "FlowTests", dependencies: ["Flow"], resources: [.copy("Fixtures")]),
    .testTarget(name: "BoundTests", dependencies: ["Bounds", "Flow"]),
    .testTarget(name: "CLITests", dependencies: ["pgf"], resources: [.copy("Fixtures")]),
    .testTarget(name: "SensingTests", dependencies: ["Sensing", "Flow"], resources: [.copy("Fixtures")]),
  ],
  swiftLanguageModes: [.v6]
)
