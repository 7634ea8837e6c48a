extension DocsText {
  /// `docs/adding-a-conjecture.md`. Its two Swift blocks are the compiled
  /// example in `Tests/BoundTests/ConjectureTutorialExampleTests.swift`
  /// (checked by `TutorialDriftTests`).
  public static let addingAConjecture = #"""
    # Adding a conjecture

    A **conjecture** is a statement nobody has proved. In this suite it is a predicate over a trajectory
    plus the region of problems it claims to hold on (a *parameter box*). You write it in about fifteen
    lines and get, for free:

    - `check` on any case, like a lemma (a base run and a refined run, hypotheses checked, a verdict with
      the worst slack, where it happened and the numerical-error budget);
    - a **falsification search**: seeded random sampling of the box, local refinement toward the
      smallest slack, and, if a counterexample turns up, *shrinking* it to the smallest shape and
      perturbation size that still fails — with a printed report;
    - a row and a page in the report (`pgf report`), and `pgf check --lemma <id>` on the command line.

    This tutorial adds the conjecture *"without a perturbation, the noise ‖N_U(t)‖_F never grows"*
    (it is true: it follows from lemma L4). Every step below is a command or a file you create;
    follow them from the root of a fresh clone.

    ## 1. Write the conjecture

    Create `Sources/Bounds/Conjecture/Examples/NoiseNeverGrows.swift` with:

    ```swift
    import Flow

    struct NoiseNeverGrows: Conjecture {
      var id: String { "K-noise" }
      var title: String { "Without E the noise never grows" }
      var statement: String { "E ≡ 0 ⇒ ‖N_U(t)‖_F is non-increasing" }
      var box: ParameterBox { ParameterBox(n1: 2...8, n2: 2...8, k: 1...4, r: 1...3, families: [.zero]) }

      func measure(_ context: CheckContext, on trajectory: Trajectory, refined: Bool) throws -> [Measurement] {
        let noise = trajectory.values { $0.state.noiseU.frobeniusNorm }
        let scale = trajectory.values { $0.state.u.frobeniusNorm }  // N_U = PU: round-off ~ ε‖U‖_F
        return [.nonIncreasing("‖N_U‖_F", trajectory, noise, scale: scale)]
      }
    }
    ```

    What each line does:

    - `id`, `title`, `statement` name it in listings and pages (use the paper's notation).
    - `box` is where it claims to hold: shapes `n1 × n2` with factor width `k` and rank `r`, here with
      `E ≡ 0` only (`families: [.zero]`). Other coordinates and their defaults: `kappa` (κ = σ₁/σ_r,
      1…3), `alpha` (initialization scale, 1e-3…1e-2), `size` (perturbation size: ε = s·σ_r for the
      absolute families `fixed`, `rotating`, `alignedKill`, `greedy`; δ = s for `scaling`, `greedyRel`),
      `seeds`, and `horizon` (`.fixed(T)` or `.transientMultiple(c)`).
    - `measure` computes the conclusion at every sample of a trajectory. A `Sample` holds the state
      view `state` (`u`, `v`, `noiseU` = N_U, `noiseV`, `signalU` = A, `signalV` = B, `imbalance` = D,
      `signalError` = Ξ, `residualNorms`, `loss`, …) and the perturbation's `ev` = EV, `etu` = EᵀU and
      `perturbationNorm` = ‖E‖. Return `Measurement`s: `.atMost(name, trajectory, value:, bound:)`
      (value ≤ bound), `.atLeast(…)`, `.equal(…, lhs:, rhs:, scale:)` (an identity, checked by the
      rtol-shrink rule), `.nonIncreasing(name, trajectory, values, scale:)`. For integrals and
      Gronwall-type bounds use `trajectory.cumulativeIntegral(values)` and
      `trajectory.solveComparison(a:b:initial:)` (y' = a(t)y + b(t)); both carry error estimates that
      the verdict adds to its budget.
    - The `scale` line matters. `N_U = PU` is computed from `U`, so its round-off is about
      ε_mach·‖U‖_F even when `N_U ≈ 0` (for instance `r = n1`, where `P = 0`). Without it, the search
      "falsified" this true conjecture on a 2×2, r = 2 case by a 1e-16 wiggle. Always tell the check
      how large the cancelling terms are.
    - The hypotheses default to the declared size of the perturbation (`H_abs(ε)` or `H_rel(δ)`), and
      each is checked on the trajectory, never assumed: a counterexample is always a case where the
      hypotheses held and the conclusion failed.

    ## 2. Register it

    In `Sources/Bounds/Conjecture/Conjecture.swift`, add it to the list of shipped conjectures:

    ```swift
    public static let all: [any Conjecture] = [
      K1NoAmplification(),
      LossMonotoneWithoutPerturbation(),
      LossMonotoneUnderSmallPerturbation(),
      NoiseNeverGrows(),
    ]
    ```

    This puts it in `pgf lemmas`, `pgf check` and the report.

    ## 3. Test it

    Create `Tests/BoundTests/NoiseNeverGrowsTests.swift`:

    ```swift
    import Testing
    @testable import Bounds

    @Suite("NoiseNeverGrows")
    struct NoiseNeverGrowsTests {
    @Test("‖N_U‖_F never grows without a perturbation", arguments: [1, 2] as [UInt64])
    func noiseNeverGrows(seed: UInt64) {
      let result = FalsificationSearch(NoiseNeverGrows(), seed: seed).run()
      #expect(!result.foundCounterexample, "\(result.report)")
    }
    }
    ```

    (`@testable` because the struct is internal to the `Bounds` module; mark it and its members
    `public` instead if other packages should use it.) Run it:

    ```sh
    swift test --filter NoiseNeverGrows
    ```

    It passes: each seed samples 12 random points of the box, refines 6 times toward the smallest slack
    and finds nothing (`FalsificationSearch.Budget.small`; pass `budget: .thorough` for 48/24/30). A
    failing search prints its report, for example the shipped false conjecture
    `K-loss-small-E` ("a small absolute perturbation never makes the loss increase"):

    ```text
    Conjecture K-loss-small-E — A small absolute perturbation never makes the loss increase (false)
      COUNTEREXAMPLE found after 12 evaluations (…)
      case: 2×2 k=1 r=1 κ=1.482 α=0.003921 rotating:0.006745 (s=0.01·σr) seed 55
      violated: L(t) ≤ min_{s<t} L(s)
        at t = 11.67, slack -8.5e-06 (relative -0.84), error budget 3.4e-12
        hypotheses: H_abs(0.006745) held
      before shrinking: 4×3 k=3 r=2 …
    ```

    ## 4. Check one case from the command line

    ```sh
    swift run -c release pgf lemmas
    swift run -c release pgf check --lemma K-noise --n1 6 --n2 5 --k 3 --r 2 --t-end 20
    ```

    `pgf check` takes every `pgf simulate` flag, including `--problem FILE` for a problem you saved or
    wrote yourself, and `--json` for one machine-readable object.

    ## 5. See it in the report

    ```sh
    swift run -c release pgf report --quick --out /tmp/my-docs
    grep K-noise /tmp/my-docs/index.md
    ```

    The index has a row for `K-noise` with the search's outcome, and `/tmp/my-docs/lemmas/K-noise.md`
    is its page (statement, search report). To update the committed docs, run
    `swift run -c release pgf report` (the full sweep; a few minutes on 2 cores) and commit `docs/`.

    ## If the search finds a counterexample

    The report names the shrunk case; reproduce it with `pgf check` and the flags it prints, and look at
    the part that failed and the time it failed at. Then decide: the conjecture is false (keep it, the
    counterexample is the result — see `K1` and `K-loss-small-E`), or its box is too large (restrict
    it), or the predicate ignores round-off (add a `scale`). Never loosen a proved lemma to make a
    conjecture pass.
    """#
}
