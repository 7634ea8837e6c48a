#!/usr/bin/env python3
"""Generate the NumPy reference fixtures for the dense linear-algebra tests.

Writes small JSON files to Tests/FlowTests/Fixtures/linalg/. Every double is
written with Python's shortest round-trip ``repr`` (what ``json`` uses for
floats), so the Swift tests decode exactly the values NumPy used. Matrices are
``{"rows": m, "columns": n, "data": [row-major entries]}``.

Usage (from the package root):  python3 scripts/gen_linalg_fixtures.py
Requires numpy (generated with numpy 2.x). Deterministic: fixed seed.
"""
import json
import os

import numpy as np

SEED = 20240611
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "FlowTests", "Fixtures", "linalg")


def mat(a):
    a = np.asarray(a, dtype=np.float64)
    assert a.ndim == 2
    return {"rows": int(a.shape[0]), "columns": int(a.shape[1]), "data": [float(x) for x in a.reshape(-1)]}


def vec(x):
    return [float(v) for v in np.asarray(x, dtype=np.float64).reshape(-1)]


def write(name, payload):
    path = os.path.join(OUT, name)
    with open(path, "w") as f:
        json.dump(payload, f, allow_nan=False, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {os.path.relpath(path)} ({os.path.getsize(path)} bytes)")


def haar(rng, n):
    """A Haar-random n x n orthogonal matrix (QR of a Gaussian, sign-fixed)."""
    q, r = np.linalg.qr(rng.standard_normal((n, n)))
    return q * np.sign(np.diag(r))


def products(rng):
    cases = []
    for m, k, n in [(1, 1, 1), (5, 3, 4), (3, 5, 2), (12, 9, 7), (17, 13, 11)]:
        a = rng.standard_normal((m, k))
        b = rng.standard_normal((k, n))
        e = rng.standard_normal((m, n))
        x = rng.standard_normal(k)
        y = rng.standard_normal(m)
        cases.append({
            "name": f"{m}x{k}x{n}",
            "a": mat(a), "b": mat(b), "e": mat(e), "x": vec(x), "y": vec(y),
            "ab": mat(a @ b),          # A B
            "ate": mat(a.T @ e),       # Aᵀ E
            "ebt": mat(e @ b.T),       # E Bᵀ
            "gram": mat(a.T @ a),      # AᵀA
            "ax": vec(a @ x),          # A x
            "aty": vec(a.T @ y),       # Aᵀ y
        })
    write("products.json", {"seed": SEED, "cases": cases})


def svd_cases(rng):
    cases = []

    def add(name, a):
        a = np.asarray(a, dtype=np.float64)
        s = np.linalg.svd(a, compute_uv=False) if a.size else np.zeros(0)
        cases.append({
            "name": name,
            "matrix": mat(a),
            "singularValues": vec(s),
            "spectral": float(np.linalg.norm(a, 2)),
            "frobenius": float(np.linalg.norm(a, "fro")),
            "nuclear": float(np.linalg.norm(a, "nuc")),
            "rank": int(np.linalg.matrix_rank(a)),
            "condition": float(s[0] / s[-1]) if s[-1] > 0 else float("1e300"),
        })

    for m, n in [(1, 1), (5, 3), (3, 5), (12, 9), (40, 40), (50, 8), (8, 50)]:
        add(f"gaussian {m}x{n}", rng.standard_normal((m, n)))
    add("rank 4 of 12x9", rng.standard_normal((12, 4)) @ rng.standard_normal((4, 9)))
    add("rank 2 of 7x15", rng.standard_normal((7, 2)) @ rng.standard_normal((2, 15)))
    i = np.arange(9)
    add("hilbert 9x9", 1.0 / (i[:, None] + i[None, :] + 1.0))
    i, j = np.arange(14), np.arange(8)
    add("hilbert-like 14x8", 1.0 / (i[:, None] + j[None, :] + 1.0))
    s = np.logspace(0, -12, 10)
    u, v = haar(rng, 16)[:, :10], haar(rng, 10)
    add("graded kappa 1e12 16x10", (u * s) @ v.T)
    d = np.logspace(0, -12, 8)
    add("row-graded 8x8", d[:, None] * rng.standard_normal((8, 8)))
    add("scaled 1e150 6x4", 1e150 * rng.standard_normal((6, 4)))
    add("scaled 1e-150 4x6", 1e-150 * rng.standard_normal((4, 6)))
    add("zero 4x3", np.zeros((4, 3)))
    write("svd.json", {"seed": SEED, "cases": cases})


def eigen_cases(rng):
    cases = []

    def add(name, a):
        a = np.asarray(a, dtype=np.float64)
        sym = 0.5 * (a + a.T)
        cases.append({"name": name, "matrix": mat(a), "eigenvalues": vec(np.linalg.eigvalsh(sym))})

    for n in [1, 2, 6, 20]:
        g = rng.standard_normal((n, n))
        add(f"symmetric {n}x{n}", g + g.T)
    add("nonsymmetric 7x7 (symmetric part)", rng.standard_normal((7, 7)))
    b = rng.standard_normal((10, 3))
    add("psd rank 3 of 10x10", b @ b.T)
    q = haar(rng, 12)
    lam = np.concatenate([-np.logspace(0, -10, 6), np.logspace(-10, 0, 6)])
    add("graded indefinite 12x12", (q * lam) @ q.T)
    i = np.arange(8)
    add("hilbert 8x8", 1.0 / (i[:, None] + i[None, :] + 1.0))
    write("eigen.json", {"seed": SEED, "cases": cases})


def roundtrip():
    """Values with their exact hexadecimal form, to prove JSON decoding is exact."""
    vals = [0.1, 1.0 / 3.0, 2.0 / 3.0, np.pi, 1e-300, 5e-324, 1.7976931348623157e308, -123456.789e-5]
    write("roundtrip.json", {"values": [float(v) for v in vals], "hex": [float(v).hex() for v in vals]})


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(SEED)
    products(rng)
    svd_cases(rng)
    eigen_cases(rng)
    roundtrip()


if __name__ == "__main__":
    main()
