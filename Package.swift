// swift-tools-version: 6.0
// The perturbed gradient flow for asymmetric matrix sensing (arXiv:2309.01796):
// an integrator, the flow, its lemmas as checkable predicates, and a CLI.
import PackageDescription

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
    .target(name: "Sensing", dependencies: ["Flow"]),
    .executableTarget(name: "pgf", dependencies: ["Flow", "Bounds", "Sensing"]),
    .executableTarget(name: "pgf-bench", dependencies: ["Flow"], path: "Benchmarks/pgf-bench"),
    .testTarget(name: "FlowTests", dependencies: ["Flow"], resources: [.copy("Fixtures")]),
    .testTarget(name: "BoundTests", dependencies: ["Bounds", "Flow"]),
    .testTarget(name: "CLITests", dependencies: ["pgf"], resources: [.copy("Fixtures")]),
    .testTarget(name: "SensingTests", dependencies: ["Sensing", "Flow"], resources: [.copy("Fixtures")]),
  ],
  swiftLanguageModes: [.v6]
)
