#!/usr/bin/env python3
"""Fixtures for Tests/SensingTests (and the pgf sense CLI test) from an
independent numpy implementation of matrix-sensing gradient descent and of
the nuclear-norm statistical dimension.

    python3 scripts/gen_sensing_fixtures.py

Writes
  Tests/SensingTests/Fixtures/sensing_gd.json   (also copied to Tests/CLITests/Fixtures/)
      a saved problem {X, U0, V0, A, y} in the pgf problem-file format plus
      eta, steps and numpy's final U, V, W = U V^T after `steps` GD steps
      G = A*(y - A(U V^T)) with A(M)_i = <A_i, M>/sqrt(m), U+ = U + eta G V,
      V+ = V + eta G^T U (both from the same iterate).
  Tests/SensingTests/Fixtures/delta_nuc.json
      Monte Carlo delta_nuc = inf_tau [r(n1+n2-r) + r tau^2 + E sum (s_i(G)-tau)_+^2]
      for 50x50 r=2, 60x40 r=3 (theory.md: ~422, ~584), 12x10 r=2 and 20x15 r=3
      (numpy RNG, 4000 samples each, scipy minimize_scalar).
Randomness is numpy's (PCG64, seed 20251201): independent of the Swift streams.
"""
import json
import os
import shutil

import numpy as np
from scipy.optimize import minimize_scalar

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "SensingTests", "Fixtures")
CLI_OUT = os.path.join(ROOT, "Tests", "CLITests", "Fixtures")


def gd_fixture(rng):
    n1, n2, r, k = 6, 5, 2, 3
    sigma = np.array([1.0, 0.5])
    m = 5 * r * (n1 + n2)  # 110
    phi, _ = np.linalg.qr(rng.standard_normal((n1, r)))
    psi, _ = np.linalg.qr(rng.standard_normal((n2, r)))
    x = phi @ np.diag(sigma) @ psi.T
    alpha = 0.05
    u0 = alpha * rng.standard_normal((n1, k))
    v0 = alpha * rng.standard_normal((n2, k))
    a = rng.standard_normal((m, n1, n2))
    noise = 1e-3
    y = np.einsum("ijk,jk->i", a, x) / np.sqrt(m) + noise * rng.standard_normal(m)
    eta = 0.25 / sigma[0]
    steps = 150
    u, v = u0.copy(), v0.copy()
    for _ in range(steps):
        z = y - np.einsum("ijk,jk->i", a, u @ v.T) / np.sqrt(m)
        g = np.einsum("i,ijk->jk", z, a) / np.sqrt(m)
        u, v = u + eta * g @ v, v + eta * g.T @ u
    w = u @ v.T
    return {
        "X": x.tolist(), "U0": u0.tolist(), "V0": v0.tolist(), "A": a.tolist(), "y": y.tolist(),
        "noise": noise, "eta": eta, "steps": steps,
        "U_final": u.tolist(), "V_final": v.tolist(), "W_final": w.tolist(),
        "relativeError": float(np.linalg.norm(w - x) / np.linalg.norm(x)),
        "metadata": {"source": "scripts/gen_sensing_fixtures.py (numpy)"},
    }


def delta_nuc(rng, n1, n2, r, samples=4000):
    s = [np.linalg.svd(rng.standard_normal((n1 - r, n2 - r)), compute_uv=False) for _ in range(samples)]
    s = np.array(s)

    def f(tau):
        return r * (n1 + n2 - r) + r * tau**2 + np.mean(np.sum(np.maximum(s - tau, 0) ** 2, axis=1))

    res = minimize_scalar(f, bounds=(0, s.max()), method="bounded", options={"xatol": 1e-10})
    tau = res.x
    per = np.sum(np.maximum(s - tau, 0) ** 2, axis=1)
    return {"n1": n1, "n2": n2, "r": r, "samples": samples, "value": float(res.fun), "tau": float(tau),
            "standardError": float(per.std(ddof=1) / np.sqrt(samples))}


def main():
    rng = np.random.default_rng(20251201)
    os.makedirs(OUT, exist_ok=True)
    os.makedirs(CLI_OUT, exist_ok=True)
    gd = gd_fixture(rng)
    path = os.path.join(OUT, "sensing_gd.json")
    with open(path, "w") as fh:
        json.dump(gd, fh)
    shutil.copy(path, os.path.join(CLI_OUT, "sensing_gd.json"))
    cases = [delta_nuc(rng, 50, 50, 2), delta_nuc(rng, 60, 40, 3),
             delta_nuc(rng, 12, 10, 2), delta_nuc(rng, 20, 15, 3)]
    with open(os.path.join(OUT, "delta_nuc.json"), "w") as fh:
        json.dump({"cases": cases}, fh, indent=1)
    print("GD relative error", gd["relativeError"])
    for c in cases:
        print("delta_nuc", c)


if __name__ == "__main__":
    main()
