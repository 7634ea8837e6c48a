#!/usr/bin/env python3
"""Peer benchmark for one matrix-sensing gradient-descent step: numpy (one
BLAS thread) against the Swift release build of `sense-bench`, alternating.

    swift build -c release --product sense-bench
    OPENBLAS_NUM_THREADS=1 python3 scripts/bench_sensing.py [--rounds 5] [--case dense|rankOne|all]

The numpy step is the natural vectorized one (BLAS gemv/gemm, no Python loops):
  dense   (A as an m x n1*n2 array):  z = y - A @ vec(U V^T)/sqrt(m);  G = (A^T z)/sqrt(m);
          U, V = U + eta G V, V + eta G^T U
  rankOne (a: m x n1, b: m x n2):     P = a U; Q = b V; z = y - rowsum(P*Q)/sqrt(m);
          GV = a^T (z*Q)/sqrt(m); GtU = b^T (z*P)/sqrt(m); U, V = U + eta GV, V + eta GtU
Each round: the Swift binary (3 warm-ups, median of N steps), then numpy
(3 warm-ups, median of N steps). Reported: the median over rounds of each
side's per-round median, and the ratio numpy/swift. Peak memory from
/usr/bin/time -v (maximum resident set size) of one Swift run and of one
numpy run per case.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")
import numpy as np  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, os.environ.get("SENSE_BENCH_BUILD", ".build"), "release", "sense-bench")
CASES = {"dense": (50, 50, 2, 4, 1000, 41), "rankOne": (1000, 1000, 5, 10, 50_000, 7)}


def setup(name):
    n1, n2, r, k, m, _ = CASES[name]
    rng = np.random.default_rng(1)
    phi, _ = np.linalg.qr(rng.standard_normal((n1, r)))
    psi, _ = np.linalg.qr(rng.standard_normal((n2, r)))
    sigma = 2.0 ** (-np.arange(r) / max(r - 1, 1))
    alpha = 0.3 / np.sqrt(n1 + n2)
    u = alpha * rng.standard_normal((n1, k))
    v = alpha * rng.standard_normal((n2, k))
    if name == "dense":
        a = rng.standard_normal((m, n1 * n2))
        x = (phi * sigma) @ psi.T
        y = a @ x.ravel() / np.sqrt(m)
        return (a,), y, u, v
    a = rng.standard_normal((m, n1))
    b = rng.standard_normal((m, n2))
    y = np.einsum("ij,ij->i", a @ (phi * sigma), b @ psi) / np.sqrt(m)
    return (a, b), y, u, v


def step(name, ops, y, u, v, eta=0.25):
    m = y.shape[0]
    c = 1.0 / np.sqrt(m)
    if name == "dense":
        (a,) = ops
        n1, n2 = u.shape[0], v.shape[0]
        z = y - c * (a @ (u @ v.T).ravel())
        g = (c * (a.T @ z)).reshape(n1, n2)
        return u + eta * (g @ v), v + eta * (g.T @ u)
    a, b = ops
    p = a @ u
    q = b @ v
    z = c * (y - c * np.einsum("ij,ij->i", p, q))
    return u + eta * (a.T @ (z[:, None] * q)), v + eta * (b.T @ (z[:, None] * p))


def numpy_median(name, state, repeats):
    ops, y, u, v = state
    for _ in range(3):
        u, v = step(name, ops, y, u, v)
    samples = []
    for _ in range(repeats):
        t = time.perf_counter()
        u, v = step(name, ops, y, u, v)
        samples.append(time.perf_counter() - t)
    state[2], state[3] = u, v
    return statistics.median(samples)


def swift_median(name, repeats):
    out = subprocess.run([BIN, "--case", name, "--repeats", str(repeats)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])["median"]


def peak_kib(cmd):
    out = subprocess.run(["/usr/bin/time", "-v"] + cmd, capture_output=True, text=True, check=True)
    return int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", out.stderr).group(1))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--case", default="all", choices=["all", "dense", "rankOne"])
    ap.add_argument("--no-memory", action="store_true")
    args = ap.parse_args()
    if not os.path.exists(BIN):
        sys.exit("build first: swift build -c release --product sense-bench")
    names = list(CASES) if args.case == "all" else [args.case]
    print(f"numpy {np.__version__}, OPENBLAS_NUM_THREADS={os.environ['OPENBLAS_NUM_THREADS']}, rounds {args.rounds}")
    for name in names:
        repeats = CASES[name][5]
        state = list(setup(name))
        sw, npy = [], []
        for _ in range(args.rounds):
            sw.append(swift_median(name, repeats))
            npy.append(numpy_median(name, state, repeats))
        s, p = statistics.median(sw), statistics.median(npy)
        row = {"case": name, "swift_s": s, "numpy_s": p, "speedup": p / s,
               "swift_rounds": sw, "numpy_rounds": npy}
        if not args.no_memory:
            row["swift_peak_MiB"] = peak_kib([BIN, "--case", name, "--repeats", "3"]) / 1024
            row["numpy_peak_MiB"] = peak_kib([sys.executable, os.path.abspath(__file__), "--peak-only", name]) / 1024
        print(json.dumps(row))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--peak-only":
        st = list(setup(sys.argv[2]))
        numpy_median(sys.argv[2], st, 3)
    else:
        main()
