"""Time the baseline and the project's loader (cold, warm, one file changed), each in a fresh process, and write
the medians, peak memory and ratios to bench/README.md. With --vs, the same scenarios of another checkout of the
project (an older commit) run in turn with these, so the two are compared within one run.

Run: .venv/bin/python bench/generate.py && .venv/bin/python bench/bench_load.py [--root bench/out/data] [--reps 3]
     [--vs /path/to/older/checkout]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from readme import write_block  # bench/, the script's own folder

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

# Each scenario prints one JSON line: the seconds of the timed call (imports excluded) and the metric counts.
TIMED = """
import json, sys, time
sys.path.insert(0, {repo!r})
{setup}
t = time.perf_counter()
n = {call}
print(json.dumps({{"seconds": time.perf_counter() - t, "rows": n}}))
"""
BASELINE = ("from bench.baseline import baseline; from pathlib import Path", "len(baseline(Path({root!r})))")


def scenarios(repo: Path) -> dict[str, tuple[str, str]]:
    """The loader's scenarios as that checkout spells its API (the loader moved to metrics.figures)."""
    if (repo / "metrics" / "figures" / "__init__.py").exists():
        imp, count = "from metrics.figures import load", "records_loaded"
    else:
        imp, count = "from metrics.loader import load", "metrics_loaded"
    return {"cold": (imp, f"load({{root!r}}).{count}"),
            "warm": (imp, f"load({{root!r}}, cache_dir={{cache!r}}).{count}"),
            "one changed": (imp + "; import os; os.utime({touch!r})", f"load({{root!r}}, cache_dir={{cache!r}}).{count}")}


def _tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo += [int(c) for c in f.read().split()]
        except OSError:
            pass
    return out


def _rss_kb(pid: int) -> int:
    """Proportional set size: a page shared by the parent and its forked workers counts once in the sum,
    split between them (plain RSS would count it in every process)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            return next((int(line.split()[1]) for line in f if line.startswith("Pss:")), 0)
    except OSError:
        return 0


def run(code: str, memory: bool = False, cwd: Path = REPO) -> tuple[dict, float]:
    """Run code in a fresh interpreter; return its JSON line and, with memory, the peak summed PSS (MB) of its
    process tree sampled every 20 ms. Reading PSS makes the kernel walk the page tables and slows the process
    measured (the baseline ran twice as long), so timed runs are never sampled."""
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, cwd=cwd)
    peak = [0]

    def sample():
        while memory and proc.poll() is None:
            peak[0] = max(peak[0], sum(_rss_kb(p) for p in _tree(proc.pid)))
            time.sleep(0.02)

    watcher = threading.Thread(target=sample)
    watcher.start()
    out, _ = proc.communicate()
    watcher.join()
    if proc.returncode:
        raise SystemExit(f"scenario failed:\n{code}")
    return json.loads(out.strip().splitlines()[-1]), peak[0] / 1024


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()} {platform.release()}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", default=str(HERE / "out" / "data"))
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--readme", type=Path, default=HERE / "README.md")
    ap.add_argument("--vs", type=Path, help="another checkout of the project whose loader runs in turn with this one")
    a = ap.parse_args()
    root = str(Path(a.root).resolve())
    files = sorted(Path(root, "metrics").rglob("*.yaml"))
    mb = sum(f.stat().st_size for f in files) / 1e6
    trees = {"": REPO} | ({" (before)": a.vs.resolve()} if a.vs else {})
    caches = {label: tempfile.mkdtemp(prefix="metrics-bench-cache-") for label in trees}
    # (label, repo, setup, call): the baseline, then each checkout's scenarios.
    plan = [("baseline", REPO, *BASELINE)] + [(name + label, repo, *sc) for label, repo in trees.items()
                                              for name, sc in scenarios(repo).items()]

    def code(repo, setup, call, label, touch):
        fill = dict(root=root, cache=caches[label], touch=touch)
        return TIMED.format(repo=str(repo), setup=setup.format(**fill), call=call.format(**fill))

    results: dict[str, list] = {}
    peaks: dict[str, float] = {}
    try:
        for label, repo in trees.items():  # fill each cache once, so warm and one-changed start from a built one
            setup, call = scenarios(repo)["warm"]
            run(code(repo, setup, call, label, ""), cwd=repo)
        # Scenarios take turns within each repetition: a noisy minute on the shared machine hits all of them alike.
        for rep in range(a.reps):
            for name, repo, setup, call in plan:
                label = next((lb for lb in trees if lb and name.endswith(lb)), "")
                if name.startswith(("warm", "one changed")):
                    # Untimed: bring this tree's cache up to date first. The other tree's "one changed" touched a
                    # file, which this tree's cache rightly sees as changed: its warm run would time a change.
                    w_setup, w_call = scenarios(repo)["warm"]
                    run(code(repo, w_setup, w_call, label, ""), cwd=repo)
                res, _ = run(code(repo, setup, call, label, str(files[(rep * 997) % len(files)])), cwd=repo)
                results.setdefault(name, []).append((res["seconds"], 0, res["rows"]))
                print(f"{name:22} rep {rep + 1}: {res['seconds']:7.3f} s  {res['rows']} rows", flush=True)
        for name, repo, setup, call in plan:
            label = next((lb for lb in trees if lb and name.endswith(lb)), "")
            _, peaks[name] = run(code(repo, setup, call, label, str(files[-1])), memory=True, cwd=repo)
            print(f"{name:22} peak memory (PSS of the tree): {peaks[name]:.0f} MB", flush=True)
    finally:
        for c in caches.values():
            shutil.rmtree(c, ignore_errors=True)
    base = statistics.median(s for s, _, _ in results["baseline"])
    medians = {name: statistics.median(s for s, _, _ in rs) for name, rs in results.items()}
    lines = ["| scenario | median s | runs (s) | ratio to baseline | peak memory of the process tree (PSS), MB |", "|---|---:|---|---:|---:|"]
    for name, rs in results.items():
        runs = ", ".join(f"{s:.2f}" for s, _, _ in rs)
        lines.append(f"| {name} | {medians[name]:.3f} | {runs} | {medians[name] / base:.3f} | {peaks[name]:.0f} |")
    table = "\n".join(lines)
    if a.vs:
        table += "\n\nThis code against the checkout before (" + ", ".join(
            f"{n}: {medians[n] / medians[n + ' (before)']:.2f}×" for n in scenarios(REPO)) + ", ratio of medians)."
    print(table)
    write_block("bench", f"Machine: {machine()}. Data: {len(files):,} files, {mb:.0f} MB of YAML, "
                f"{results['cold'][0][2]:,} metrics; {a.reps} timed runs each (scenarios in turn), fresh process each run, "
                f"plus one run each for peak memory.\n\n{table}", a.readme)


if __name__ == "__main__":
    main()
