/// The fixed colour-blind-safe palette of Okabe and Ito (2008), reordered so
/// the first colours contrast most on white (yellow, the weakest, is last).
public enum Palette {
  /// Blue, vermillion, bluish green, reddish purple, orange, sky blue, black, yellow.
  public static let okabeIto: [String] = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442",
  ]

  /// The colour of palette slot `index` (wrapping around; negative slots count from the end).
  public static func color(_ index: Int) -> String {
    let n = okabeIto.count
    return okabeIto[((index % n) + n) % n]
  }
}
