/// The package's version, recorded in generated reports and shard files.
public enum PackageVersion {
  /// Semantic version of the suite.
  public static let string = "0.1.0"
}
