import Bounds

extension Catalogue {
  /// The client's catalogue: the suite's families plus `pulse`, the statement
  /// P1 and the conjecture K-noise. (Use `Catalogue.standard.adding(…)` to keep
  /// the suite's own statements beside them.)
  public static var client: Catalogue {
    Catalogue(
      statements: [ProductBound()], conjectures: [NoiseNeverGrows()],
      families: PerturbationFamilies.standard.adding([.pulse]))
  }
}
