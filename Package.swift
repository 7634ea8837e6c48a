// swift-tools-version: 6.0
// The perturbed gradient flow for asymmetric matrix sensing (arXiv:2309.01796):
// linear algebra and a Dormand–Prince integrator, the flow, its statements as
// checkable predicates, sweeps, reports, and a command line that takes its
// catalogue as a value. One target per stage of the data flow:
//
//   CTallSkinny ─► LinearAlgebra ─┐
//   CRungeKutta ─► ODE ───────────┴─► Flow ─► Sensing ─► Bounds ─► Report ─► PGFCommandLine ─► pgf
//                                      └─► Validated ─► Proofs ──────┘ (Plotting ─► Report)
import Foundation
import PackageDescription

// Opt-in AVX2 code generation for the Sensing kernels (x86-64 machines with
// AVX2, i.e. Haswell/Zen or later): `PGF_NATIVE=1 swift build -c release`.
// The default build stays portable (x86-64 baseline / arm64) and has no unsafe flags.
let sensingSettings: [SwiftSetting] =
  ProcessInfo.processInfo.environment["PGF_NATIVE"] == "1"
  ? [.unsafeFlags(["-target-cpu", "haswell"]), .define("PGF_WIDE_TILES")] : []
// The same opt-in for the flow's inner loop (tall-skinny kernels, Runge–Kutta stage
// combinations): AVX2 code for the same source, so `SIMD4<Double>` is one register.
let nativeSettings: [SwiftSetting] =
  ProcessInfo.processInfo.environment["PGF_NATIVE"] == "1" ? [.unsafeFlags(["-target-cpu", "haswell"])] : []

let package = Package(
  name: "PerturbedGradientFlow",
  products: [
    .library(name: "LinearAlgebra", targets: ["LinearAlgebra"]),
    .library(name: "ODE", targets: ["ODE"]),
    .library(name: "Flow", targets: ["Flow"]),
    .library(name: "Sensing", targets: ["Sensing"]),
    .library(name: "Bounds", targets: ["Bounds"]),
    .library(name: "Validated", targets: ["Validated"]),
    .library(name: "Proofs", targets: ["Proofs"]),
    .library(name: "Plotting", targets: ["Plotting"]),
    .library(name: "Report", targets: ["Report"]),
    .library(name: "PGFCommandLine", targets: ["PGFCommandLine"]),
    .executable(name: "pgf", targets: ["pgf"]),
  ],
  targets: [
    // The tall-skinny kernels in C, bit-identical to the Swift ones, with an AVX2 instance
    // chosen at run time (x86-64): AVX2 speed in the default build without unsafe flags.
    .target(name: "CTallSkinny"),
    .target(name: "LinearAlgebra", dependencies: ["CTallSkinny"], swiftSettings: nativeSettings),
    // The integrator's per-component passes in C, bit-identical to the Swift ones, with an
    // AVX2 instance chosen at run time (x86-64), like CTallSkinny.
    .target(name: "CRungeKutta"),
    .target(name: "ODE", dependencies: ["CRungeKutta"], swiftSettings: nativeSettings),
    .target(name: "Flow", dependencies: ["LinearAlgebra", "ODE"]),
    .target(name: "Sensing", dependencies: ["Flow"], swiftSettings: sensingSettings),
    .target(name: "Bounds", dependencies: ["Flow", "Sensing"], resources: [.copy("Resources")]),
    .target(name: "Validated", dependencies: ["Flow"]),
    .target(name: "Proofs", dependencies: ["Validated", "Flow"]),
    .target(name: "Plotting"),
    .target(name: "Report", dependencies: ["Bounds", "Plotting", "Proofs"], resources: [.copy("Resources")]),
    .target(name: "PGFCommandLine", dependencies: ["Flow", "Sensing", "Bounds", "Report", "Proofs"]),
    .executableTarget(name: "pgf", dependencies: ["PGFCommandLine"]),
    .executableTarget(name: "pgf-bench", dependencies: ["Flow"], path: "Benchmarks/pgf-bench"),
    .executableTarget(name: "sense-bench", dependencies: ["Sensing"], path: "Benchmarks/sense-bench"),
    .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra"], resources: [.copy("Fixtures")]),
    .testTarget(name: "ODETests", dependencies: ["ODE", "Flow"], resources: [.copy("Fixtures")]),
    .testTarget(name: "FlowTests", dependencies: ["Flow"], resources: [.copy("Fixtures")]),
    .testTarget(name: "BoundsTests", dependencies: ["Bounds"]),
    .testTarget(name: "PlottingTests", dependencies: ["Plotting"]),
    .testTarget(name: "ReportTests", dependencies: ["Report", "Bounds"]),
    .testTarget(name: "ValidatedTests", dependencies: ["Validated", "Proofs", "Flow"]),
    .executableTarget(name: "validated-bench", dependencies: ["Proofs"], path: "Benchmarks/validated-bench"),
    .testTarget(name: "SensingTests", dependencies: ["Sensing"], resources: [.copy("Fixtures")]),
    .testTarget(name: "CommandLineTests", dependencies: ["pgf", "PGFCommandLine", "Bounds"], resources: [.copy("Fixtures")]),
  ],
  swiftLanguageModes: [.v6]
)
