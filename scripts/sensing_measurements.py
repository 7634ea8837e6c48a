#!/usr/bin/env python3
"""Phase-2 measurements for issue 8, driven through `pgf sense` (release build):
C3 observed order, a phase-transition sketch, the noise slope, effective delta
and an error-floor slope. Standard library only; prints JSON lines.

    swift build -c release --product pgf
    python3 scripts/sensing_measurements.py > measurements.jsonl
"""
import json
import math
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PGF = os.path.join(ROOT, os.environ.get("PGF_BUILD", ".build"), "release", "pgf")


def sense(*args):
    out = subprocess.run([PGF, "sense", "--json", *map(str, args)], capture_output=True, text=True)
    if out.returncode != 0:
        return {"error": out.stderr.strip()}
    return json.loads(out.stdout)


def slope(xs, ys):
    pts = [(math.log(x), math.log(y)) for x, y in zip(xs, ys) if x > 0 and y > 0 and math.isfinite(y)]
    mx = sum(p[0] for p in pts) / len(pts)
    my = sum(p[1] for p in pts) / len(pts)
    return sum((p[0] - mx) * (p[1] - my) for p in pts) / sum((p[0] - mx) ** 2 for p in pts)


def emit(obj):
    print(json.dumps(obj), flush=True)


def c3():
    cases = [
        ("20x15 r2 k3 gaussian m=5r(n1+n2)", ["--n1", 20, "--n2", 15, "--r", 2, "--k", 3, "--alpha", "1e-2"]),
        ("20x15 r2 k3 rankOne", ["--n1", 20, "--n2", 15, "--r", 2, "--k", 3, "--alpha", "1e-2", "--operator", "rankOne"]),
        ("16x12 k=r=3 kappa 4", ["--n1", 16, "--n2", 12, "--r", 3, "--k", 3, "--kappa", 4, "--alpha", "1e-2"]),
        ("12x10 r2 wide k=12", ["--n1", 12, "--n2", 10, "--r", 2, "--k", 12, "--alpha", "1e-2"]),
        ("20x15 r2 k3 noise 0.01", ["--n1", 20, "--n2", 15, "--r", 2, "--k", 3, "--alpha", "1e-2", "--noise", "0.01"]),
    ]
    for name, flags in cases:
        gaps = []
        for eta in [0.2, 0.1, 0.05]:
            r = sense(*flags, "--eta", eta, "--t-end", 40, "--compare-flow", "--delta-stride", 0)
            gaps.append((eta, r.get("flowGap"), r.get("relativeError")))
        orders = [math.log2(gaps[i][1] / gaps[i + 1][1]) for i in range(len(gaps) - 1)]
        emit({"measure": "C3", "case": name, "gaps": gaps, "orders": orders})


def phase_transition():
    flags = ["--n1", 20, "--n2", 15, "--r", 2, "--k", 3, "--alpha", "1e-3", "--delta-stride", 0]
    dof = 2 * (20 + 15 - 2)
    nuc = sense(*flags, "--m", 100, "--steps", 1, "--delta-nuc", 400)
    emit({"measure": "deltaNuc", "shape": "20x15 r2", "dof": dof, "deltaNuc": nuc.get("deltaNuc"), "se": nuc.get("deltaNucStandardError")})
    for kind in ["gaussian", "rankOne"]:
        for ratio in [0.8, 1.0, 1.1, 1.2, 1.3, 1.5, 1.75, 2.0, 2.5, 3.0]:
            m = int(round(ratio * dof))
            errs = [sense(*flags, "--operator", kind, "--m", m, "--seed", s).get("relativeError", float("inf")) for s in range(1, 11)]
            ok = sum(1 for e in errs if e <= 1e-2)
            emit({"measure": "C4", "operator": kind, "m": m, "m/dof": m / dof, "success": ok / len(errs),
                  "medianError": sorted(errs)[len(errs) // 2]})


def noise_and_delta():
    flags = ["--n1", 20, "--n2", 15, "--r", 2, "--k", 3, "--alpha", "1e-4"]
    levels = [1e-3, 3e-3, 1e-2, 3e-2, 1e-1]
    errs = []
    for s in levels:
        r = sense(*flags, "--noise", s)
        errs.append(r["relativeError"])
    emit({"measure": "noise", "levels": levels, "errors": errs, "slope": slope(levels, errs)})
    for ratio in [1.5, 3, 5, 10]:
        m = int(ratio * 2 * (20 + 15))
        r = sense(*flags, "--m", m)
        emit({"measure": "deltaEff", "m": m, "m/(r(n1+n2))": ratio, "maxEffectiveDelta": r["maxEffectiveDelta"],
              "relativeError": r["relativeError"], "imbalanceDefectRelative": r["imbalanceDefectRelative"]})


def error_floor():
    flags = ["--n1", 20, "--n2", 15, "--r", 2, "--k", 3, "--m", 700, "--delta-stride", 0]
    a0s, errs = [], []
    for alpha in [1e-2, 3e-3, 1e-3, 3e-4, 1e-4]:
        r = sense(*flags, "--alpha", alpha)
        a0s.append(r["a0"])
        errs.append(r["spectralError"])
    emit({"measure": "errorFloor", "a0": a0s, "spectralError": errs, "slope": slope(a0s, errs), "proved": 4 / 3})


if __name__ == "__main__":
    which = sys.argv[1:] or ["c3", "phase", "noise", "floor"]
    for w in which:
        {"c3": c3, "phase": phase_transition, "noise": noise_and_delta, "floor": error_floor}[w]()
