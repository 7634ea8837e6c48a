#!/usr/bin/env python3
"""Markdown table of validated-bench sweep results (docs/proofs-sweep*.json) for docs/proofs.md."""
import json, sys

def rows(paths):
    for p in paths:
        try:
            yield from json.load(open(p))
        except FileNotFoundError:
            pass

paths = sys.argv[1:] or ["docs/proofs-sweep.json", "docs/proofs-sweep-large.json"]
ids = ["L1", "L3", "L4", "converge", "L3-half", "L4-noforcing", "L1-sum"]
print("| shape | N=(n1+n2)k | E | steps | max width | integrate (s) | L4 (s) | total (s) | " + " | ".join(ids) + " |")
print("|---|---|---|---|---|---|---|---|" + "---|" * len(ids))
for r in rows(paths):
    d = r["decisions"]
    print(f"| {r['shape']} | {r['dimension']} | {r['perturbation']} | {r['steps']} | {r['maxWidth']:.1e} | "
          f"{r['integrateSeconds']:.2f} | {d['L4']['seconds']:.2f} | {r['totalSeconds']:.2f} | "
          + " | ".join(d[i]["outcome"][0] for i in ids) + " |")
