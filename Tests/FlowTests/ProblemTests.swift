import Flow
import Foundation
import Testing

@Suite("Problems, files and determinism")
struct ProblemTests {
  @Test("the same seed gives the same problem; another seed does not")
  func determinism() throws {
    let a = try TestProblems.make(seed: 42)
    let b = try TestProblems.make(seed: 42)
    let c = try TestProblems.make(seed: 43)
    #expect(a.x == b.x && a.u0 == b.u0 && a.v0 == b.v0)
    #expect(a.target.phi == b.target.phi && a.target.sigma == b.target.sigma)
    #expect(a.x != c.x && a.u0 != c.u0)
  }

  @Test("generated targets have the requested spectrum and orthonormal factors", arguments: [(12, 9, 2, 1.0), (30, 50, 5, 10.0), (6, 6, 6, 2.0)])
  func spectrum(shape: (Int, Int, Int, Double)) throws {
    let (n1, n2, r, kappa) = shape
    let p = try TestProblems.make(n1: n1, n2: n2, k: r + 1, r: r, kappa: kappa)
    let expected = try Spectrum.geometric(sigma1: 1, kappa: kappa, rank: r).values()
    #expect(p.r == r)
    for (s, e) in zip(p.target.sigma, expected) { #expect(abs(s - e) <= 1e-13) }
    #expect(abs(p.target.kappa - kappa) <= 1e-12 * kappa)
    #expect((p.target.phi.transposedTimes(p.target.phi) - .identity(r)).maxAbs <= 1e-13)
    #expect((p.target.dense() - p.x).maxAbs <= 1e-14)
  }

  @Test("initialization has scale α")
  func initializationScale() throws {
    let p = try TestProblems.make(n1: 200, n2: 150, k: 10, r: 3, alpha: 1e-3)
    // ‖U(0)‖_F² / (n1 k) estimates α²: with 2000 samples it is within 10%.
    let ratio = p.u0.frobeniusNorm / (Double(p.n1 * p.k).squareRoot() * 1e-3)
    #expect(abs(ratio - 1) < 0.1)
  }

  @Test("invalid shapes and values are rejected with a message naming the problem")
  func validation() {
    func message(_ body: () throws -> Void) -> String {
      do { try body() } catch { return "\(error)" }
      return "no error"
    }
    var spec = ProblemSpec()
    spec.k = 0
    #expect(message { _ = try Problem.generate(spec) }.contains("k must be ≥ 1"))
    spec = ProblemSpec()
    spec.spectrum = .geometric(sigma1: 1, kappa: 2, rank: 41)
    #expect(message { _ = try Problem.generate(spec) }.contains("exceeds min(n1, n2)"))
    spec = ProblemSpec()
    spec.alpha = 0
    #expect(message { _ = try Problem.generate(spec) }.contains("α must be"))
    spec = ProblemSpec()
    spec.spectrum = .values([0.5, 1])
    #expect(message { _ = try Problem.generate(spec) }.contains("non-increasing"))
    let x = Matrix(rows: 3, columns: 2, elements: [1, 0, 0, 1, 0, 0])
    #expect(message { _ = try Problem(x: x, u0: Matrix(rows: 2, columns: 1), v0: Matrix(rows: 2, columns: 1)) }.contains("dimension mismatch"))
    var bad = x
    bad[0, 0] = .nan
    #expect(message { _ = try Problem(x: bad, u0: Matrix(rows: 3, columns: 1), v0: Matrix(rows: 2, columns: 1)) }.contains("NaN"))
    #expect(message { _ = try PerturbationSpec(parsing: "wobble:1") }.contains("unknown perturbation 'wobble'"))
    #expect(message { _ = try PerturbationSpec(parsing: "rotating") }.contains("needs a size"))
    #expect(message { _ = try PerturbationSpec(parsing: "rotating:-1") }.contains("≥ 0"))
  }

  @Test("a saved problem loads back bit for bit")
  func problemRoundTrip() throws {
    let p = try TestProblems.make(n1: 13, n2: 8, k: 5, r: 3, alpha: 1e-3, seed: 99)
    let text = try ProblemFile.encode(p)
    let q = try ProblemFile.decode(Data(text.utf8))
    #expect(q.x == p.x && q.u0 == p.u0 && q.v0 == p.v0)
    #expect(q.target.phi == p.target.phi && q.target.sigma == p.target.sigma && q.target.psi == p.target.psi)
  }

  @Test("doubles survive the JSON writer and parser exactly")
  func numberRoundTrip() throws {
    var rng = SeededGenerator(seed: 5)
    var values: [Double] = [0, -0.0, 1, -1, 0.1, 1e-300, Double.leastNonzeroMagnitude, 1.7976931348623157e308, 123456789012345680, 2.5e-8]
    for _ in 0..<500 { values.append(rng.nextGaussian() * Foundation.pow(10, Double(Int(rng.next() % 40)) - 20)) }
    let m = Matrix(rows: 1, columns: values.count, elements: values)
    let text = try ProblemFile.encodeState(t: 0.3, u: m, v: m)
    let (t, u, _) = try ProblemFile.decodeState(Data(text.utf8))
    #expect(t == 0.3)
    for (a, b) in zip(u.elements, values) { #expect(a.bitPattern == b.bitPattern || (a == 0 && b == 0), "\(b) came back as \(a)") }
  }

  @Test("malformed files give one-line errors", arguments: [
    ("not json", "not valid JSON"),
    ("[1,2]", "top level must be a JSON object"),
    ("{\"X\": [[1,0],[0,1]], \"U0\": [[1],[1]]}", "missing key \"V0\""),
    ("{\"X\": [[1,0],[0]], \"U0\": [[1],[1]], \"V0\": [[1],[1]]}", "row 1 has 1 entries"),
    ("{\"X\": [[1,\"a\"],[0,1]], \"U0\": [[1],[1]], \"V0\": [[1],[1]]}", "is not a number"),
    ("{\"X\": [[1,0],[0,1e999]], \"U0\": [[1],[1]], \"V0\": [[1],[1]]}", ""),
    ("{\"X\": [[0,0],[0,0]], \"U0\": [[1],[1]], \"V0\": [[1],[1]]}", "X is zero"),
  ])
  func malformed(text: String, expected: String) {
    do {
      _ = try ProblemFile.decode(Data(text.utf8))
      Issue.record("accepted: \(text)")
    } catch {
      let message = "\(error)"
      #expect(!message.contains("\n"))
      #expect(expected.isEmpty || message.contains(expected), "\(message)")
    }
  }

  @Test("boolean entries are not numbers, but 0 and 1 are")
  func booleans() throws {
    let ok = "{\"X\": [[1,0],[0,1]], \"U0\": [[1],[0]], \"V0\": [[0],[1]]}"
    #expect(try ProblemFile.decode(Data(ok.utf8)).x == .identity(2))
    let bad = "{\"X\": [[true,0],[0,1]], \"U0\": [[1],[0]], \"V0\": [[0],[1]]}"
    #expect(throws: ProblemError.self) { try ProblemFile.decode(Data(bad.utf8)) }
  }
}
