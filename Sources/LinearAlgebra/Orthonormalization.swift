extension Matrix {
  /// An orthonormal basis of the column space: the factor `Q` of the thin
  /// Householder QR `A = QR` (see ``QRDecomposition``), `m × min(m, n)` with
  /// `QᵀQ = I`.
  ///
  /// With the `diag(R) ≥ 0` convention, for a full-column-rank `A` column `k`
  /// of `Q` spans the same nested subspace as columns `0…k` of `A` with
  /// positive orientation, so orthonormalizing an `n × r` Gaussian matrix
  /// draws a Haar-distributed orthonormal basis (`Φ`, `Ψ`).
  public func orthonormalColumns() -> Matrix {
    QRDecomposition(self).q
  }
}
