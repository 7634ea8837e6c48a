#!/usr/bin/env python3
"""Mutation harness: plant wrong variants of the catalogue's statements and see
whether the default test suite kills them.

Each variant in scripts/mutations.json is one find/replace on a string that
occurs exactly once in its source file. For every selected variant the harness

1. applies the replacement in a scratch copy of the repository (copied once,
   kept with its .build directory so rebuilds are incremental),
2. builds (debug, `swift build --build-tests`) and runs filtered subsets of the
   DEFAULT suite (`swift test --skip-build --filter <tests>`, first the
   statement's sharp cases `SharpCaseTests/<id>(`, then the broader suites
   listed with the variant, stopping at the first kill; never PGF_THOROUGH) —
   a kill by a subset of the default suite is a kill by the default suite.
   Each filter must first pass on the unmutated copy (checked once, cached),
3. runs the variant's witness, a `pgf check ...` command (or `pgf search ...`
   when the witness starts with `search `), with the mutated debug `pgf` (a false
   variant fails there: exit 3) and with the unmutated one (the true statement
   holds there: exit 0). A variant may name other exits in `witnessExpect`
   (`{"mutant": 0, "true": 3}`: a wrong check of a FALSE conjecture, which
   misses the counterexample the true check reports on its witness),
4. reverts the file.

Results accumulate in scripts/mutation-results.json (one entry per variant id,
overwritten when a variant is re-run; a partial run with --only keeps every other
variant's entry) and are rendered into docs/mutations.md (all variants).

    python3 scripts/mutate.py --list            # the variants
    python3 scripts/mutate.py --only L3,L5-spectral-D   # statement ids or variant ids
    python3 scripts/mutate.py --fast            # all variants, sharp cases only (~30 min on 2 cores)
    python3 scripts/mutate.py                   # survivors also against the broader suites (slow)
    python3 scripts/mutate.py --render          # only rewrite docs/mutations.md

Python 3 standard library only.
"""

import argparse
import hashlib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VARIANTS = os.path.join(ROOT, "scripts", "mutations.json")
RESULTS = os.path.join(ROOT, "scripts", "mutation-results.json")
TABLE = os.path.join(ROOT, "docs", "mutations.md")
DEFAULT_SCRATCH = "/tmp/pgf-mutants/repo"


def load_variants():
    with open(VARIANTS, encoding="utf-8") as f:
        return json.load(f)["variants"]


def load_results():
    if not os.path.exists(RESULTS):
        return {}
    with open(RESULTS, encoding="utf-8") as f:
        return json.load(f)


def save_results(results):
    tmp = RESULTS + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(results, f, ensure_ascii=False, indent=2, sort_keys=True)
        f.write("\n")
    os.replace(tmp, RESULTS)


def log(msg):
    print(f"[mutate {time.strftime('%H:%M:%S')}] {msg}", flush=True)


def repo_files():
    """Tracked and untracked-but-not-ignored files of the repository."""
    out = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, check=True, capture_output=True).stdout
    return [p for p in out.decode().split("\0") if p]


def sync(scratch):
    """Copy the repository into `scratch`, writing only files whose bytes differ
    (so the scratch .build stays incremental)."""
    changed = 0
    for rel in repo_files():
        src = os.path.join(ROOT, rel)
        if not os.path.isfile(src):
            continue
        dst = os.path.join(scratch, rel)
        with open(src, "rb") as f:
            data = f.read()
        if os.path.exists(dst):
            with open(dst, "rb") as f:
                if f.read() == data:
                    continue
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        with open(dst, "wb") as f:
            f.write(data)
        changed += 1
    log(f"synced {ROOT} -> {scratch} ({changed} files written)")


def run(cmd, cwd, timeout=None):
    start = time.time()
    try:
        p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout)
        return p.returncode, p.stdout + p.stderr, time.time() - start
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"").decode(errors="replace") if isinstance(e.stdout, bytes) else (e.stdout or "")
        return None, out + "\n(timeout)", time.time() - start


def build(scratch):
    return run(["swift", "build", "--build-tests"], scratch)


FAIL_LINE = re.compile(r"✘ Test (.+?) (?:recorded an issue|failed)(.*)")


def is_summary(name):
    """A suite/run summary line rather than a failing test case."""
    return name.startswith("run with") or re.search(r"with \d+ test cases?$", name) is not None


def failing_tests(output):
    """Distinct failing tests (with their argument sets) from Swift Testing output."""
    names = []
    for line in output.splitlines():
        m = FAIL_LINE.search(line)
        if not m:
            continue
        name, rest = m.group(1), m.group(2)
        args = re.search(r"with \d+ arguments? (.+?) at \S+\.swift", rest)
        if args:
            name = f"{name} [{args.group(1)}]"
        if "failed after" in line and any(n.startswith(m.group(1)) for n in names):
            continue
        if name not in names and not is_summary(name):
            names.append(name)
    return names


SUBCOMMANDS = ("check", "search")


def witness_argv(args):
    """The pgf arguments of a witness: `check <args>` unless it starts with a subcommand."""
    tokens = shlex.split(args)
    return tokens if tokens and tokens[0] in SUBCOMMANDS else ["check"] + tokens


def witness_command(args):
    return "pgf " + " ".join(witness_argv(args))


def expected_exits(v):
    """(mutant exit, true exit) that show the variant wrong: (3, 0) unless `witnessExpect` says otherwise."""
    e = v.get("witnessExpect", {})
    return e.get("mutant", 3), e.get("true", 0)


def witness(scratch, args, pgf=None):
    """Exit status of `pgf <witness>` with the scratch copy's debug pgf (or `pgf`)."""
    pgf = pgf or os.path.join(scratch, ".build", "debug", "pgf")
    code, out, secs = run([pgf] + witness_argv(args), scratch, timeout=900)
    return {"exit": code, "seconds": round(secs, 1), "tail": out.strip().splitlines()[-3:]}


def apply(scratch, v):
    path = os.path.join(scratch, v["file"])
    with open(path, encoding="utf-8") as f:
        original = f.read()
    n = original.count(v["find"])
    if n != 1:
        raise SystemExit(f"mutate: error: {v['id']}: find string occurs {n} times in {v['file']} (need exactly 1); update scripts/mutations.json")
    with open(path, "w", encoding="utf-8") as f:
        f.write(original.replace(v["find"], v["replace"]))
    return path, original


def select(variants, only):
    if not only:
        return variants
    keys = [k.strip() for k in only.split(",") if k.strip()]
    chosen = [v for k in keys for v in variants if v["id"] == k or v["statement"] == k]  # in the order given
    unknown = [k for k in keys if not any(v["id"] == k or v["statement"] == k for v in variants)]
    if unknown:
        raise SystemExit(f"mutate: error: unknown variant or statement id(s) {', '.join(unknown)}; see --list")
    return chosen


def source_digest(v):
    with open(os.path.join(ROOT, v["file"]), "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()[:12]


def tree_digest(scratch):
    """Digest of the scratch copy's sources (the files synced from the repository)."""
    h = hashlib.sha256()
    for rel in sorted(repo_files()):
        path = os.path.join(scratch, rel)
        if os.path.isfile(path):
            h.update(rel.encode())
            with open(path, "rb") as f:
                h.update(hashlib.sha256(f.read()).digest())
    return h.hexdigest()[:16]


FAST = False


def filters_of(v):
    """The variant's test filters, tried in order until one kills it (only the first with --fast)."""
    filters = [v["tests"]] if isinstance(v["tests"], str) else list(v["tests"])
    return filters[:1] if FAST else filters


def check_baselines(scratch, filters, digest):
    """Every filter must pass on the unmutated copy, or its kills mean nothing.
    Passing (digest, filter) pairs are cached beside the scratch copy; called
    with the file reverted, before a filter's first use on a mutant."""
    cache_path = os.path.join(os.path.dirname(scratch), "baseline-passes.json")
    cache = json.load(open(cache_path)) if os.path.exists(cache_path) else {}
    for flt in filters:
        key = f"{digest} {flt}"
        if cache.get(key):
            log(f"baseline tests pass (cached): {flt}")
            continue
        build(scratch)  # the .build may still hold the previous mutant
        code, out, secs = run(["swift", "test", "--skip-build", "--filter", flt], scratch)
        if code != 0:
            raise SystemExit(f"mutate: error: the unmutated copy fails `swift test --filter '{flt}'` "
                             f"({failing_tests(out)[:5]}); fix the suite before counting kills")
        log(f"baseline tests pass in {secs:.0f} s: {flt}")
        cache[key] = True
        with open(cache_path, "w") as f:
            json.dump(cache, f, indent=1)


def mutate(variants, scratch, run_tests, run_witness):
    os.makedirs(scratch, exist_ok=True)
    sync(scratch)
    log("baseline build")
    code, out, secs = build(scratch)
    if code != 0:
        raise SystemExit("mutate: error: the unmutated scratch copy does not build:\n" + out[-3000:])
    log(f"baseline built in {secs:.0f} s")
    # The unmutated pgf, kept aside: the true statement's side of every witness.
    true_pgf = os.path.join(os.path.dirname(scratch), "pgf-true")
    shutil.copy2(os.path.join(scratch, ".build", "debug", "pgf"), true_pgf)
    baseline = {}
    if run_witness:
        for v in variants:
            if v.get("witness") and v["witness"] not in baseline:
                baseline[v["witness"]] = witness(scratch, v["witness"], true_pgf)
                log(f"baseline witness exit {baseline[v['witness']]['exit']}: {witness_command(v['witness'])}")
    known = {v["id"] for v in load_variants()}
    results = {k: r for k, r in load_results().items() if k in known}  # drop variants no longer listed
    digest = tree_digest(scratch)
    for v in variants:
        log(f"{v['id']}: {v['description']}")
        if run_tests:
            check_baselines(scratch, filters_of(v), digest)
        path, original = apply(scratch, v)
        entry = {"statement": v["statement"], "source": source_digest(v), "date": time.strftime("%Y-%m-%dT%H:%MZ", time.gmtime())}
        try:
            code, out, secs = build(scratch)
            entry["buildSeconds"] = round(secs)
            if code != 0:
                entry["outcome"] = "build failed"
                entry["buildLog"] = out[-1500:]
                log(f"{v['id']}: BUILD FAILED")
            else:
                if run_tests:
                    entry["outcome"], entry["filter"], entry["testSeconds"] = "survived", [], 0
                    for flt in filters_of(v):
                        if flt != filters_of(v)[0]:
                            # A later filter's baseline needs the unmutated file: revert, check, re-apply.
                            with open(path, "w", encoding="utf-8") as f:
                                f.write(original)
                            check_baselines(scratch, [flt], digest)
                            apply(scratch, v)
                            build(scratch)
                        code, out, secs = run(["swift", "test", "--skip-build", "--filter", flt], scratch)
                        entry["testSeconds"] += round(secs)
                        entry["filter"].append(flt)
                        if code != 0:
                            entry["outcome"] = "killed"
                            entry["failing"] = failing_tests(out) or [
                                "(test run failed: " + " ".join(out.strip().splitlines()[-2:])[:300] + ")"]
                            break
                    log(f"{v['id']}: {entry['outcome'].upper()} in {entry['testSeconds']} s {entry.get('failing', [])[:3]}")
                if run_witness and v.get("witness"):
                    w = witness(scratch, v["witness"])
                    b = baseline[v["witness"]]
                    entry["witness"] = {"command": witness_command(v["witness"]), "mutantExit": w["exit"], "trueExit": b["exit"],
                                        "mutantTail": w["tail"], "trueTail": b["tail"]}
                    entry["shownFalse"] = (w["exit"], b["exit"]) == expected_exits(v)
                    log(f"{v['id']}: witness mutant exit {w['exit']}, true exit {b['exit']}")
        finally:
            with open(path, "w", encoding="utf-8") as f:
                f.write(original)
        prev = results.get(v["id"], {})
        if not run_tests:
            for k in ("outcome", "failing", "testSeconds", "filter"):
                if k in prev:
                    entry.setdefault(k, prev[k])
        if not run_witness:
            for k in ("witness", "shownFalse"):
                if k in prev:
                    entry.setdefault(k, prev[k])
        results[v["id"]] = entry
        save_results(results)
    render()


def md(s):
    return s.replace("|", "\\|").replace("\n", " ")


def render():
    variants = load_variants()
    results = load_results()
    rows, killed, false_count, survivors, pending = [], 0, 0, 0, 0
    for v in variants:
        r = results.get(v["id"], {})
        outcome = r.get("outcome", "not run")
        w = r.get("witness")
        if v["expected"] == "true":
            falsity = "no (still true)"
        elif r.get("shownFalse"):
            falsity = "yes"
            false_count += 1
        elif w:
            falsity = f"not shown (mutant exit {w['mutantExit']}, true exit {w['trueExit']})"
        else:
            falsity = "not run"
        wit = f"`{md(w['command'])}` → {w['mutantExit']} (true: {w['trueExit']})" if w else (f"`{md(witness_command(v['witness']))}`" if v.get("witness") else "—")
        if w and expected_exits(v) != (3, 0):
            wit += " (shown wrong by mutant exit %d, true exit %d: see the notes)" % expected_exits(v)
        if outcome == "killed":
            killed += 1
            failing = [n for n in r.get("failing", []) if not is_summary(n)]
            groups = {}
            for n in failing:
                test, _, case = n.partition(" [")
                groups.setdefault(test, []).append(case.rstrip("]"))
            parts = []
            for test, cases in groups.items():
                own = v.get("witness") and any(v["witness"] in c for c in cases)
                detail = f" ({len(cases)} case{'s' if len(cases) > 1 else ''}{', its witness among them' if own else ''})" if any(cases) else ""
                parts.append(md(test) + detail)
            by = "killed by " + "; ".join(parts)
        elif outcome == "survived":
            survivors += 1
            ran = r.get("filter", filters_of(v))
            by = "survived (`" + md(" then ".join(ran) if isinstance(ran, list) else ran) + "`): " + (md(v["reason"]) if v.get("reason") else "**no reason: must be killed**")
        else:
            pending += 1
            by = outcome
        rows.append(f"| {v['statement']} | `{v['id']}` | {md(v['description'])} ({v['kind']}) | {falsity} | {wit} | {by} |")
    total = len(variants)
    lines = [
        "# Mutation kill table",
        "",
        "Planted wrong variants of the catalogue's statements, each applied to a scratch copy and run against",
        "a filtered subset of the default `swift test` (a kill by a subset is a kill by the default suite).",
        "A variant is shown **false** by its witness: a `pgf check` command on which the mutated build fails",
        "(exit 3) while the true statement holds (exit 0). Every false variant must be killed; a survivor must be",
        "a true inequality, with the argument. The experiment statements (L1-GD, C3, C4, C6, C8, C9) are checked by",
        "`pgf check --lemma ID --experiment quick` (their own sweep) or on one sensing problem",
        "(`pgf check --lemma L1-GD|C8 --n1 … --m M`). A variant of a FALSE conjecture (K1) is a wrong check of it:",
        "it is shown wrong where the true check finds the counterexample (exit 3) that an independent oracle",
        "confirms (K1: the closed form ‖X − P₁(X + E)‖ > ‖E‖) and the mutant misses it (exit 0).",
        "",
        "Regenerate: `python3 scripts/mutate.py --fast` (all variants, each against its statement's sharp cases",
        "`SharpCaseTests/<id>`; 30–60 s a variant in debug: the 43 lemma and C1/C2 variants took 29 minutes on 2 loaded cores,",
        "the 26 sensing and conjecture variants 23 minutes in two partial runs, `--only L1-GD,C8,C3,K1` and `--only C4,C6,C9,K-loss-E0,…`),",
        "`--only L3` (one statement or variant id; the other rows keep their stored results), `--list`, `--render` (this page only). Without `--fast` a variant",
        "that survives its sharp cases is also run against the broader default suites listed in `scripts/mutations.json`.",
        "The \"default suite\" column names the filters a variant was run against.",
        "Variants: `scripts/mutations.json`; raw results: `scripts/mutation-results.json`;",
        "witness problem files: `scripts/mutation-witnesses/`; the sharp cases added for this: `Tests/BoundsTests/SharpCaseTests.swift`.",
        "",
        f"**{total} variants: {killed} killed, {survivors} survived, {pending} not run; {false_count} shown false by a witness.**",
        "",
        "| statement | variant | change | false? | witness (exit: mutant, true) | default suite |",
        "|---|---|---|---|---|---|",
    ]
    with open(VARIANTS, encoding="utf-8") as f:
        notes = json.load(f).get("notes", [])
    if notes:
        rows += ["", "## Notes", ""] + [f"- {n}" for n in notes]
    tmp = TABLE + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("\n".join(lines + rows) + "\n")
    os.replace(tmp, TABLE)
    log(f"wrote {TABLE}: {total} variants, {killed} killed, {survivors} survived, {pending} not run")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", help="comma-separated variant ids or statement ids (e.g. L3,L5-spectral-D)")
    ap.add_argument("--list", action="store_true", help="list the variants and exit")
    ap.add_argument("--render", action="store_true", help="only rewrite docs/mutations.md from the stored results")
    ap.add_argument("--scratch", default=DEFAULT_SCRATCH, help=f"scratch copy (default {DEFAULT_SCRATCH})")
    ap.add_argument("--no-tests", action="store_true", help="skip the test runs (witnesses only)")
    ap.add_argument("--no-witness", action="store_true", help="skip the witness commands")
    ap.add_argument("--fast", action="store_true", help="run only each variant's first test filter (its sharp cases)")
    a = ap.parse_args()
    global FAST
    FAST = a.fast
    variants = load_variants()
    if a.list:
        for v in variants:
            print(f"{v['id']:24} {v['statement']:4} {v['expected']:5} {v['description']}")
        return
    if a.render:
        render()
        return
    mutate(select(variants, a.only), os.path.abspath(a.scratch), not a.no_tests, not a.no_witness)


if __name__ == "__main__":
    main()
