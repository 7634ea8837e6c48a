import Foundation
import Testing
@testable import ODE
import Flow

/// The C stage kernels (baseline and AVX2 instances, Sources/CRungeKutta) against the Swift
/// reference (``StageKernel/swift``), bit for bit: stage rows with 0…8 terms, weighted
/// rows, the error sum and the finiteness test, on lengths with every remainder of the
/// four- and eight-wide loops, inputs with signed zeros, and outputs pre-filled with
/// different garbage (so an entry one kernel fails to write cannot agree by accident);
/// then whole integrations run with each kernel, compared step for step.
@Suite("Stage kernels: C and AVX2 bit-identical to Swift")
struct StageKernelsTests {
  static let lengths = [1, 2, 3, 4, 5, 7, 8, 9, 12, 16, 17, 37, 100, 803]
  static let kernels = StageKernel.allCases.filter { $0 != .swift && $0.isAvailable }

  /// A small deterministic generator (SplitMix64) with Gaussian draws.
  struct RNG {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    mutating func uniform() -> Double { (Double(next() >> 11) + 0.5) / Double(1 << 53) }
    mutating func gaussian() -> Double { (-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform()) }
  }

  /// Gaussian entries spread over many magnitudes, every seventh one a signed zero.
  static func entries(_ count: Int, _ rng: inout RNG) -> [Double] {
    (0..<count).map { i in
      i % 7 == 3 ? (i % 2 == 0 ? 0.0 : -0.0) : rng.gaussian() * pow(10, Double(Int(rng.next() % 9)) - 4)
    }
  }

  static func mismatches(_ got: [Double], _ want: [Double]) -> [Int] {
    zip(got, want).enumerated().compactMap { i, p in p.0.bitPattern == p.1.bitPattern ? nil : i }
  }

  /// Runs a stage or weighted row with `kernel` over `terms` random stages.
  static func row(_ kernel: StageKernel, combine: Bool, y: [Double], h: Double, weights: [Double], stages: [[Double]],
                  fill: Double) -> [Double] {
    var out = [Double](repeating: fill, count: y.count)
    let flat = stages.flatMap { $0 }, n = y.count
    flat.withUnsafeBufferPointer { kb in
      weights.withUnsafeBufferPointer { wb in
        y.withUnsafeBufferPointer { yb in
          out.withUnsafeMutableBufferPointer { ob in
            withUnsafeTemporaryAllocation(of: UnsafePointer<Double>.self, capacity: max(stages.count, 1)) { p in
              for j in 0..<stages.count { p[j] = kb.baseAddress! + j * n }
              let w = wb.baseAddress ?? UnsafePointer(ob.baseAddress!)
              if combine {
                StageCombination.combine(count: n, y: yb.baseAddress!, h: h, weights: w,
                                         stages: UnsafePointer(p.baseAddress!), terms: stages.count,
                                         into: ob.baseAddress!, kernel: kernel)
              } else {
                StageCombination.weightedSum(count: n, h: h, weights: w, stages: UnsafePointer(p.baseAddress!),
                                             terms: stages.count, into: ob.baseAddress!, kernel: kernel)
              }
            }
          }
        }
      }
    }
    return out
  }

  @Test("stage rows and weighted rows (0…8 terms) match the Swift reference bit for bit")
  func rows() {
    #expect(!Self.kernels.isEmpty)
    var rng = RNG(state: 2024)
    var cases = 0
    for kernel in Self.kernels {
      for n in Self.lengths {
        for terms in 0...8 {
          let y = Self.entries(n, &rng)
          let stages = (0..<terms).map { _ in Self.entries(n, &rng) }
          let weights = (0..<terms).map { _ in rng.gaussian() }
          let h = rng.gaussian() * 0.1
          for combine in [true, false] {
            let want = Self.row(.swift, combine: combine, y: y, h: h, weights: weights, stages: stages, fill: 12345)
            let got = Self.row(kernel, combine: combine, y: y, h: h, weights: weights, stages: stages, fill: .nan)
            #expect(Self.mismatches(got, want).isEmpty,
                    "\(kernel) \(combine ? "stage" : "weighted") row n=\(n) terms=\(terms): \(Self.mismatches(got, want).prefix(3))")
            cases += 1
          }
        }
      }
    }
    #expect(cases == Self.kernels.count * Self.lengths.count * 9 * 2)
  }

  /// The error sum of `kernel`.
  static func errorSum(_ kernel: StageKernel, _ e: [Double], _ y: [Double], _ yn: [Double], _ atol: [Double],
                       _ rtol: Double) -> Double {
    e.withUnsafeBufferPointer { eb in
      y.withUnsafeBufferPointer { yb in
        yn.withUnsafeBufferPointer { ynb in
          atol.withUnsafeBufferPointer { ab in
            StageCombination.errorSum(count: e.count, error: eb.baseAddress!, y: yb.baseAddress!,
                                      yNew: ynb.baseAddress!, atol: ab.baseAddress!, rtol: rtol, kernel: kernel)
          }
        }
      }
    }
  }

  @Test("the weighted error sum matches the Swift reference bit for bit (ties |y| = |y_new|, zero weights, ∞)")
  func errorSums() {
    var rng = RNG(state: 77)
    for kernel in Self.kernels {
      for n in Self.lengths {
        let e = Self.entries(n, &rng).map { $0 * 1e-9 }
        let y = Self.entries(n, &rng)
        // Every third y_new is −y (a tie of magnitudes, where max picks y_new).
        var yn = Self.entries(n, &rng)
        for i in stride(from: 0, to: n, by: 3) { yn[i] = -y[i] }
        let atol = (0..<n).map { i in i % 5 == 0 ? 1e-12 : 1e-9 }
        for rtol in [1e-8, 0, 1e-3] {
          let want = Self.errorSum(.swift, e, y, yn, atol, rtol)
          let got = Self.errorSum(kernel, e, y, yn, atol, rtol)
          #expect(got.bitPattern == want.bitPattern, "\(kernel) error sum n=\(n) rtol=\(rtol): \(got) vs \(want)")
        }
        // A zero weight (atol 0, y = y_new = 0) gives 0/0: NaN on every kernel.
        var atol0 = atol, y0 = y, yn0 = yn
        atol0[n - 1] = 0
        y0[n - 1] = 0
        yn0[n - 1] = -0.0
        #expect(Self.errorSum(kernel, e, y0, yn0, atol0, 1e-8).isNaN == Self.errorSum(.swift, e, y0, yn0, atol0, 1e-8).isNaN)
        // An infinite y_new: every kernel gives the same (finite or infinite) sum.
        yn0 = yn
        yn0[n / 2] = -.infinity
        let wantInf = Self.errorSum(.swift, e, y, yn0, atol, 1e-8)
        #expect(Self.errorSum(kernel, e, y, yn0, atol, 1e-8).bitPattern == wantInf.bitPattern)
      }
    }
  }

  @Test("the finiteness test agrees with isFinite and copies exactly, for ±∞ and NaN at every position")
  func finiteness() {
    var rng = RNG(state: 5)
    for kernel in StageKernel.allCases where kernel.isAvailable {
      for n in Self.lengths {
        let clean = Self.entries(n, &rng)
        for bad in [Double.infinity, -.infinity, .nan] {
          for position in Set([0, n / 2, n - 1, max(0, n - 5)]).sorted() {
            var src = clean
            src[position] = bad
            var dst = [Double](repeating: 7, count: n)
            let finite = src.withUnsafeBufferPointer { s in
              dst.withUnsafeMutableBufferPointer { d in
                StageCombination.copyFinite(count: n, s.baseAddress!, into: d.baseAddress!, kernel: kernel)
              }
            }
            #expect(!finite, "\(kernel) n=\(n): \(bad) at \(position) not detected")
            #expect(zip(dst, src).allSatisfy { $0.bitPattern == $1.bitPattern }, "\(kernel) n=\(n): copy differs")
          }
        }
        let finite = clean.withUnsafeBufferPointer { s in
          StageCombination.copyFinite(count: n, s.baseAddress!, into: nil, kernel: kernel)
        }
        #expect(finite, "\(kernel) n=\(n): finite data reported non-finite")
      }
    }
  }

  /// A whole integration of a generated flow problem with `kernel`.
  static func integrate(_ kernel: StageKernel, _ problem: Problem) throws -> (times: [Double], states: [[Double]], dense: [Double]) {
    var options = IntegratorOptions.flow()
    options.recordDenseOutput = true
    var solver = try DormandPrince(system: FlowField(problem: problem), t0: 0, y0: problem.initialState, tEnd: 5,
                                   options: options, events: [], stageKernel: kernel)
    let solution = try solver.run()
    let dense = solution.dense.map { d in (0..<d.segmentCount).flatMap { d.segment($0).coefficients } } ?? []
    return (solution.times, solution.states, dense)
  }

  @Test("whole integrations give identical bits with every kernel", arguments: [(10, 10, 4, 2), (37, 29, 7, 3)])
  func integrations(shape: (Int, Int, Int, Int)) throws {
    let problem = try Problem.generate(ProblemSpec(n1: shape.0, n2: shape.1, k: shape.2, r: shape.3, kappa: 2, alpha: 1e-3, seed: 3))
    let want = try Self.integrate(.swift, problem)
    #expect(want.times.count > 10)
    for kernel in Self.kernels {
      let got = try Self.integrate(kernel, problem)
      #expect(got.times.map(\.bitPattern) == want.times.map(\.bitPattern), "\(kernel): step times differ")
      #expect(got.states.flatMap { $0 }.map(\.bitPattern) == want.states.flatMap { $0 }.map(\.bitPattern),
              "\(kernel): states differ")
      #expect(got.dense.map(\.bitPattern) == want.dense.map(\.bitPattern), "\(kernel): dense output differs")
    }
  }
}
