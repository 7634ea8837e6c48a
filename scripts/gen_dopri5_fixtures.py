#!/usr/bin/env python3
"""Generate step-for-step parity fixtures for the Swift DOPRI5 integrator.

The oracle is Hairer's Fortran DOPRI5 as wrapped by
``scipy.integrate.ode(f).set_integrator('dopri5', ...)``.  For every problem we
record, via ``set_solout``, the time of every accepted step (including t0), the
state at a subsample of those steps, the final state and the Fortran counters
(NFCN, NSTEP, NACCPT, NREJCT) read from the wrapper's IWORK array.

The right-hand sides are written with plain Python floats and explicit loops in
exactly the operation order used by the Swift tests, so both sides round the
same way.  ``beta=0.0`` makes the wrapper use the Fortran default beta = 0.04.

A second kind of fixture records where the Fortran stops with IDID = -4
("problem is probably stiff"): Van der Pol mu = 1000 with the default NSTIFF
(1000, scipy leaves IWORK(4) = 0) and IPRINT <= 0 (scipy's default verbosity),
so DOPRI5 returns at the 15th consecutive stiff step.

Usage:  python3 scripts/gen_dopri5_fixtures.py [name ...]   (no name: all)
Output: Tests/ODETests/Fixtures/integrator/dopri5_<name>.json
"""
import json
import math
import os
import random
import sys
import warnings

from scipy.integrate import ode

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                   "Tests", "ODETests", "Fixtures", "integrator")


# ---------------------------------------------------------------- problems --
def van_der_pol(mu):
    def f(t, y):
        y0, y1 = float(y[0]), float(y[1])
        return [y1, mu * (1.0 - y0 * y0) * y1 - y0]
    return f


def lotka_volterra(a, b, c, d):
    def f(t, y):
        x, z = float(y[0]), float(y[1])
        return [a * x - b * x * z, c * x * z - d * z]
    return f


def arenstorf(mu):
    mup = 1.0 - mu

    def f(t, y):
        y1, y2, y3, y4 = (float(v) for v in y)
        d1 = math.pow((y1 + mu) * (y1 + mu) + y2 * y2, 1.5)
        d2 = math.pow((y1 - mup) * (y1 - mup) + y2 * y2, 1.5)
        return [y3, y4,
                y1 + 2.0 * y4 - mup * (y1 + mu) / d1 - mu * (y1 - mup) / d2,
                y2 - 2.0 * y3 - mup * y2 / d1 - mu * y2 / d2]
    return f


def gradient_flow(x, n1, n2, k):
    """U' = (X - U V^T) V,  V' = (X - U V^T)^T U; y = [vec(U); vec(V)] row-major."""
    def f(t, y):
        y = [float(v) for v in y]
        u = y[:n1 * k]
        v = y[n1 * k:]
        r = [0.0] * (n1 * n2)
        for i in range(n1):
            for j in range(n2):
                s = 0.0
                for l in range(k):
                    s += u[i * k + l] * v[j * k + l]
                r[i * n2 + j] = x[i * n2 + j] - s
        out = [0.0] * (n1 * k + n2 * k)
        for i in range(n1):
            for l in range(k):
                s = 0.0
                for j in range(n2):
                    s += r[i * n2 + j] * v[j * k + l]
                out[i * k + l] = s
        for j in range(n2):
            for l in range(k):
                s = 0.0
                for i in range(n1):
                    s += r[i * n2 + j] * u[i * k + l]
                out[n1 * k + j * k + l] = s
        return out
    return f


# ------------------------------------------------------------------ runner --
def run(name, problem, params, f, t0, t_end, y0, rtol, atol,
        first_step=0.0, max_step=0.0, state_every=1):
    records = []

    def solout(t, y):
        records.append((float(t), [float(v) for v in y]))
        return 0

    r = ode(f).set_integrator("dopri5", rtol=rtol, atol=atol, nsteps=10**6,
                              beta=0.0, first_step=first_step,
                              max_step=max_step)
    r.set_solout(solout)
    r.set_initial_value(y0, t0)
    r.integrate(t_end)
    assert r.successful(), name
    iw = r._integrator.iwork
    times = [t for t, _ in records]
    idx = list(range(0, len(records), state_every))
    if idx[-1] != len(records) - 1:
        idx.append(len(records) - 1)
    fixture = {
        "name": name,
        "problem": problem,
        "parameters": params,
        "t0": t0,
        "tEnd": t_end,
        "y0": list(y0),
        "relativeTolerance": rtol,
        "absoluteTolerance": atol if isinstance(atol, float) else None,
        "absoluteTolerances": list(atol) if not isinstance(atol, float) else None,
        "initialStep": first_step if first_step != 0.0 else None,
        "maxStep": max_step if max_step != 0.0 else None,
        "times": times,
        "stateIndices": idx,
        "states": [records[i][1] for i in idx],
        "finalT": float(r.t),
        "finalState": [float(v) for v in r.y],
        "nfev": int(iw[16]),
        "nstep": int(iw[17]),
        "naccpt": int(iw[18]),
        "nrejct": int(iw[19]),
    }
    path = os.path.join(OUT, f"dopri5_{name}.json")
    with open(path, "w") as fh:
        json.dump(fixture, fh, separators=(",", ":"))
    print(f"{name:22s} accepted={iw[18]:4d} rejected={iw[19]:3d} "
          f"nfev={iw[16]:5d} bytes={os.path.getsize(path)}")


def run_stiff(name, problem, params, f, t0, t_end, y0, rtol, atol,
              nstiff=0, expect=-4):
    """Integrate with the stiffness test every `nstiff` accepted steps (0: the
    Fortran default 1000; written to IWORK(4) before the call) and record the
    committed step times, where it stopped, IDID and the counters. `expect` is
    the IDID the run must give (-4: stiff; 1: completed although the test ran,
    so its counters were reset in time)."""
    records = []

    def solout(t, y):
        records.append((float(t), [float(v) for v in y]))
        return 0

    r = ode(f).set_integrator("dopri5", rtol=rtol, atol=atol, nsteps=10**6,
                              beta=0.0)
    r.set_solout(solout)
    r.set_initial_value(y0, t0)
    r._integrator.iwork[3] = nstiff
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        r.integrate(t_end)
    idid = int(r.get_return_code())
    assert idid == expect, (name, idid)
    iw = r._integrator.iwork
    fixture = {
        "name": name,
        "problem": problem,
        "parameters": params,
        "t0": t0,
        "tEnd": t_end,
        "y0": list(y0),
        "relativeTolerance": rtol,
        "absoluteTolerance": atol,
        "stiffnessCheckInterval": nstiff if nstiff > 0 else 1000,
        "idid": idid,
        "times": [t for t, _ in records],
        "finalT": float(r.t),
        "finalState": [float(v) for v in r.y],
        "nfev": int(iw[16]),
        "nstep": int(iw[17]),
        "naccpt": int(iw[18]),
        "nrejct": int(iw[19]),
    }
    path = os.path.join(OUT, f"dopri5_{name}.json")
    with open(path, "w") as fh:
        json.dump(fixture, fh, separators=(",", ":"))
    print(f"{name:22s} IDID={idid} at t={r.t!r} accepted={iw[18]} "
          f"committed={len(records) - 1} attempted={iw[17]} rejected={iw[19]} "
          f"nfev={iw[16]} bytes={os.path.getsize(path)}")


def main():
    os.makedirs(OUT, exist_ok=True)
    only = set(sys.argv[1:])
    stiff = {"vanderpol_stiff", "vanderpol_stiff_every1", "vanderpol30_every1"}
    if only - stiff:
        sys.exit(f"only {sorted(stiff)} can be selected; run without names for all")
    # (d) Van der Pol, mu = 1000: the Fortran's stiffness test stops it
    # (default NSTIFF = 1000, then 14 more stiff steps).
    if not only or "vanderpol_stiff" in only:
        run_stiff("vanderpol_stiff", "vanderpol", [1000.0], van_der_pol(1000.0),
                  0.0, 3000.0, [2.0, 0.0], 1e-6, 1e-9)
    # (d') the same with the test after every step (NSTIFF = 1).
    if not only or "vanderpol_stiff_every1" in only:
        run_stiff("vanderpol_stiff_every1", "vanderpol", [1000.0],
                  van_der_pol(1000.0), 0.0, 3000.0, [2.0, 0.0], 1e-6, 1e-9,
                  nstiff=1)
    # (d'') mu = 30, test after every step: completes, so every run of stiff
    # steps was cut by six non-stiff ones before reaching 15.
    if not only or "vanderpol30_every1" in only:
        run_stiff("vanderpol30_every1", "vanderpol", [30.0], van_der_pol(30.0),
                  0.0, 100.0, [2.0, 0.0], 1e-6, 1e-9, nstiff=1, expect=1)
    if only:
        return
    # (a) Van der Pol, mu = 1 (nonlinear 2-D, several rejections).
    run("vanderpol", "vanderpol", [1.0], van_der_pol(1.0),
        0.0, 20.0, [2.0, 0.0], 1e-6, 1e-9)
    # (a') Lotka-Volterra with user h0 and hmax (the wrapper takes scalar atol only).
    run("lotkavolterra_hmax", "lotkavolterra", [1.5, 1.0, 1.0, 3.0],
        lotka_volterra(1.5, 1.0, 1.0, 3.0), 0.0, 15.0, [1.0, 1.0],
        1e-7, 1e-9, first_step=1e-3, max_step=0.5)
    # (a'') Lotka-Volterra backward in time (posneg = -1).
    run("lotkavolterra_backward", "lotkavolterra", [1.5, 1.0, 1.0, 3.0],
        lotka_volterra(1.5, 1.0, 1.0, 3.0), 0.0, -10.0, [1.0, 1.0],
        1e-6, 1e-9)
    # (b) Arenstorf orbit, one period (Hairer-Norsett-Wanner I, II.0).
    mu = 0.012277471
    run("arenstorf", "arenstorf", [mu], arenstorf(mu),
        0.0, 17.0652165601579625588917206249,
        [0.994, 0.0, 0.0, -2.00158510637908252240537862224], 1e-7, 1e-7,
        state_every=4)
    # (c) Perturbed gradient flow of 0.5||X - U V^T||^2, n1=4, n2=3, k=2.
    n1, n2, k = 4, 3, 2
    rng = random.Random(20240611)
    x = [round(rng.uniform(-1.0, 1.0), 6) for _ in range(n1 * n2)]
    u0 = [round(1e-2 * rng.gauss(0.0, 1.0), 8) for _ in range(n1 * k)]
    v0 = [round(1e-2 * rng.gauss(0.0, 1.0), 8) for _ in range(n2 * k)]
    run("gradientflow", "gradientflow", [float(n1), float(n2), float(k)] + x,
        gradient_flow(x, n1, n2, k), 0.0, 12.0, u0 + v0, 1e-8, 1e-10,
        state_every=4)


if __name__ == "__main__":
    main()
