/// Every statement the suite checks, in theory.md order.
public enum Catalogue {
  /// The implemented lemmas and claims, in theory.md order.
  public static let lemmas: [any Lemma] = [
    L1Imbalance(),
    L2EnergyBalance(),
    L3GrowthEnvelope(),
    L4NoiseContainment(),
    L5AntiAlignmentDecay(),
    L6SignalGrowth(),
    L7ResidualDecomposition(),
    L8SignalErrorContraction(),
    L9RelativeSharpness(),
    L10AbsoluteSharpness(),
    C1RelativeConvergence(),
    C2AbsoluteRobustness(),
  ]

  /// Lemmas and claims, then the shipped conjectures (``ConjectureCatalogue``).
  public static var all: [any Lemma] { lemmas + ConjectureCatalogue.all.map { $0 as any Lemma } }

  /// Statements listed in theory.md that are not implemented yet, with the reason.
  public static let pending: [(id: String, title: String, status: Status, reason: String)] = [
    ("C3", "Gradient descent follows the flow", .claim, "comes with matrix sensing (gradient descent / SGD), not built yet"),
    ("C4", "Matrix sensing", .claim, "comes with matrix sensing (Gaussian measurement operator), not built yet"),
  ]

  /// The lemma with this id (case-insensitive), if implemented.
  public static func lemma(id: String) -> (any Lemma)? {
    all.first { $0.id.lowercased() == id.lowercased() }
  }
}
