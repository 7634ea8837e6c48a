#!/usr/bin/env python3
"""Compare `pgf simulate` with scipy's DOP853 at tight tolerance (issue 2, acceptance 3).

The problem is generated and saved by pgf itself (--save-problem), so both
integrators start from bit-identical X, U0, V0. scipy integrates the gradient
flow U' = (X - UV^T)V, V' = (X - UV^T)^T U with DOP853 at rtol 1e-12,
atol 1e-15 (dense numpy right-hand side: an independent implementation), and
the relative difference ||Y_pgf - Y_ref||_F / ||Y_ref||_F of the final
state Y = [U; V] is printed. Exit status 1 if it exceeds --max-rel (1e-6).

  python3 scripts/compare_dop853.py                 # build release pgf, compare, print
  python3 scripts/compare_dop853.py --write-fixture # also refresh the Swift test's fixture

Defaults follow the acceptance case: (n1, n2, k, r) = (50, 40, 8, 4),
alpha = 1e-3, t = 40, pgf at rtol 1e-8, atol 1e-12.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
from scipy.integrate import solve_ivp

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURE = os.path.join(ROOT, "Tests", "FlowTests", "Fixtures", "flow", "dop853_reference.json")


def flow_rhs(x, n1, n2, k):
    def f(_t, y):
        u = y[: n1 * k].reshape(n1, k)
        v = y[n1 * k:].reshape(n2, k)
        r = x - u @ v.T
        return np.concatenate([(r @ v).ravel(), (r.T @ u).ravel()])
    return f


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n1", type=int, default=50)
    ap.add_argument("--n2", type=int, default=40)
    ap.add_argument("--k", type=int, default=8)
    ap.add_argument("--r", type=int, default=4)
    ap.add_argument("--alpha", type=float, default=1e-3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--t-end", type=float, default=40.0)
    ap.add_argument("--rtol", type=float, default=1e-8)
    ap.add_argument("--atol", type=float, default=1e-12)
    ap.add_argument("--max-rel", type=float, default=1e-6)
    ap.add_argument("--pgf", default=None, help="path to a built pgf (default: build release)")
    ap.add_argument("--write-fixture", action="store_true")
    a = ap.parse_args()

    pgf = a.pgf
    if pgf is None:
        subprocess.run(["swift", "build", "-c", "release", "--product", "pgf"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
        pgf = os.path.join(ROOT, ".build", "release", "pgf")

    with tempfile.TemporaryDirectory() as tmp:
        prob_path = os.path.join(tmp, "problem.json")
        state_path = os.path.join(tmp, "state.json")
        cmd = [pgf, "simulate", "--n1", str(a.n1), "--n2", str(a.n2), "--k", str(a.k), "--r", str(a.r),
               "--alpha", repr(a.alpha), "--seed", str(a.seed), "--t-end", repr(a.t_end),
               "--rtol", repr(a.rtol), "--atol", repr(a.atol),
               "--save-problem", prob_path, "--save-state", state_path, "--json"]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        summary = json.loads(out)
        with open(prob_path) as fh:
            problem = json.load(fh)
        with open(state_path) as fh:
            state = json.load(fh)

    x = np.array(problem["X"], dtype=float)
    u0 = np.array(problem["U0"], dtype=float)
    v0 = np.array(problem["V0"], dtype=float)
    n1, n2 = x.shape
    k = u0.shape[1]
    y0 = np.concatenate([u0.ravel(), v0.ravel()])
    ref = solve_ivp(flow_rhs(x, n1, n2, k), (0.0, a.t_end), y0, method="DOP853", rtol=1e-12, atol=1e-15)
    if ref.status != 0:
        sys.exit(f"DOP853 failed: {ref.message}")
    y_ref = ref.y[:, -1]
    y_pgf = np.concatenate([np.array(state["U"], dtype=float).ravel(), np.array(state["V"], dtype=float).ravel()])
    rel = np.linalg.norm(y_pgf - y_ref) / np.linalg.norm(y_ref)
    res_ref = np.linalg.norm(x - y_ref[: n1 * k].reshape(n1, k) @ y_ref[n1 * k:].reshape(n2, k).T)
    print(f"problem {n1}x{n2}, k={k}, r={a.r}, alpha={a.alpha}, seed={a.seed}, t={a.t_end}")
    print(f"pgf   DOPRI5 rtol {a.rtol:g} atol {a.atol:g}: {summary['steps']} steps, {summary['nfev']} evaluations, "
          f"||R(T)||_F = {summary['residualFro']:.6e}")
    print(f"scipy DOP853 rtol 1e-12 atol 1e-15: {ref.t.size - 1} steps, {ref.nfev} evaluations, ||R(T)||_F = {res_ref:.6e}")
    print(f"relative difference of the final state ||Y_pgf - Y_ref||_F / ||Y_ref||_F = {rel:.3e} (limit {a.max_rel:g})")

    if a.write_fixture:
        fixture = {
            "description": "scripts/compare_dop853.py: pgf-generated problem, final state by scipy DOP853 rtol 1e-12 atol 1e-15",
            "t": a.t_end, "X": problem["X"], "U0": problem["U0"], "V0": problem["V0"],
            "U": y_ref[: n1 * k].reshape(n1, k).tolist(), "V": y_ref[n1 * k:].reshape(n2, k).tolist(),
        }
        os.makedirs(os.path.dirname(FIXTURE), exist_ok=True)
        with open(FIXTURE, "w") as fh:
            json.dump(fixture, fh, separators=(",", ":"))
            fh.write("\n")
        print(f"wrote {os.path.relpath(FIXTURE, ROOT)}")
    sys.exit(0 if rel <= a.max_rel else 1)


if __name__ == "__main__":
    main()
