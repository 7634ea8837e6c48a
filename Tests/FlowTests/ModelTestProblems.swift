import Flow

/// Small seeded problems shared by the model tests.
enum TestProblems {
  /// A generated problem with the given shape (σ geometric from 1, κ = 2).
  static func make(n1: Int = 12, n2: Int = 9, k: Int = 4, r: Int = 2, alpha: Double = 0.1, seed: UInt64 = 7, kappa: Double = 2) throws -> Problem {
    try Problem.generate(ProblemSpec(n1: n1, n2: n2, k: k, r: r, kappa: kappa, alpha: alpha, seed: seed))
  }

  /// A random `(U, V)` state of size `scale` for a problem.
  static func randomState(_ problem: Problem, scale: Double = 0.5, seed: UInt64 = 3) -> (Matrix, Matrix) {
    var rng = SeededGenerator(seed: seed, stream: "test.state")
    return (
      rng.gaussianMatrix(rows: problem.n1, columns: problem.k, scale: scale),
      rng.gaussianMatrix(rows: problem.n2, columns: problem.k, scale: scale)
    )
  }

  /// Largest absolute entrywise difference.
  static func maxDifference(_ a: Matrix, _ b: Matrix) -> Double { (a - b).maxAbs }

  /// Largest absolute entrywise difference of two vectors.
  static func maxDifference(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count)
    return zip(a, b).map { abs($0 - $1) }.max() ?? 0
  }
}
