extension Matrix {
  /// The Frobenius norm `‖A‖_F = (Σᵢⱼ aᵢⱼ²)^{1/2}`.
  ///
  /// Computed without spurious overflow or underflow: the plain sum of
  /// squares is used when it stays in the safe range, otherwise the entries
  /// are rescaled by `max |aᵢⱼ|` first (so e.g. entries of size `1e200` give
  /// a finite result). NaN if any entry is NaN; `0` for an empty matrix.
  public var frobeniusNorm: Double {
    if elements.isEmpty { return 0 }
    return elements.withUnsafeBufferPointer { DenseKernels.norm2($0.count, $0.baseAddress!) }
  }

  /// The spectral norm `‖A‖ = σ₁(A)`, the largest singular value
  /// (`0` for an empty matrix).
  ///
  /// Uses the QR-preconditioned one-sided Jacobi SVD (values only), so a
  /// tall-thin or short-wide matrix is reduced to its `min(m, n)`-sized
  /// triangular factor without forming a Gram matrix; accurate to a few ulps.
  ///
  /// - Throws: ``LinearAlgebraError/nonFinite(name:)`` for NaN/±∞ entries,
  ///   ``LinearAlgebraError/noConvergence(algorithm:sweeps:)`` if the SVD fails.
  public func spectralNorm() throws -> Double {
    try singularValues().first ?? 0
  }

  /// The nuclear (trace) norm `‖A‖_* = Σᵢ σᵢ(A)` (`0` for an empty matrix).
  ///
  /// - Throws: as ``spectralNorm()``.
  public func nuclearNorm() throws -> Double {
    // Ascending summation order (small values first) for accuracy.
    try singularValues().reversed().reduce(0, +)
  }

  /// The largest entry magnitude `max_{i,j} |aᵢⱼ|` (the max norm).
  ///
  /// `0` for an empty matrix; NaN if any entry is NaN.
  public var maxAbs: Double {
    elements.withUnsafeBufferPointer { x in
      var m = 0.0
      for v in x {
        if v.isNaN { return .nan }
        m = Swift.max(m, abs(v))
      }
      return m
    }
  }
}
