"""Time the baseline and the project's loader (cold, warm, one file changed), each in a fresh process, and write
the medians, peak memory and ratios to bench/README.md.

Run: .venv/bin/python bench/generate.py && .venv/bin/python bench/bench_load.py [--root bench/out/data] [--reps 3]
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
SCENARIOS = {
    "baseline": ("from bench.baseline import baseline; from pathlib import Path", "len(baseline(Path({root!r})))"),
    "cold": ("from metrics.loader import load", "load({root!r}).metrics_loaded"),
    "warm": ("from metrics.loader import load", "load({root!r}, cache_dir={cache!r}).metrics_loaded"),
    "one changed": ("from metrics.loader import load; import os; os.utime({touch!r})",
                    "load({root!r}, cache_dir={cache!r}).metrics_loaded"),
}


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


def run(code: str, memory: bool = False) -> tuple[dict, float]:
    """Run code in a fresh interpreter; return its JSON line and, with memory, the peak summed PSS (MB) of its
    process tree sampled every 20 ms. Reading PSS makes the kernel walk the page tables and slows the process
    measured (the baseline ran twice as long), so timed runs are never sampled."""
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, cwd=REPO)
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
    a = ap.parse_args()
    root = str(Path(a.root).resolve())
    files = sorted(Path(root, "metrics").rglob("*.yaml"))
    mb = sum(f.stat().st_size for f in files) / 1e6
    cache = tempfile.mkdtemp(prefix="metrics-bench-cache-")
    results: dict[str, list] = {}
    peaks: dict[str, float] = {}
    try:
        # Fill the cache once, so warm and one-changed start from a built one.
        run(TIMED.format(repo=str(REPO), setup=SCENARIOS["warm"][0], call=SCENARIOS["warm"][1].format(root=root, cache=cache)))
        # Scenarios take turns within each repetition: a noisy minute on the shared machine hits all of them alike.
        for rep in range(a.reps):
            for name, (setup, call) in SCENARIOS.items():
                fill = dict(root=root, cache=cache, touch=str(files[(rep * 997) % len(files)]))
                res, _ = run(TIMED.format(repo=str(REPO), setup=setup.format(**fill), call=call.format(**fill)))
                results.setdefault(name, []).append((res["seconds"], 0, res["rows"]))
                print(f"{name:12} rep {rep + 1}: {res['seconds']:7.3f} s  {res['rows']} rows", flush=True)
        for name, (setup, call) in SCENARIOS.items():
            fill = dict(root=root, cache=cache, touch=str(files[-1]))
            _, peaks[name] = run(TIMED.format(repo=str(REPO), setup=setup.format(**fill), call=call.format(**fill)), memory=True)
            print(f"{name:12} peak memory (PSS of the tree): {peaks[name]:.0f} MB", flush=True)
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    base = statistics.median(s for s, _, _ in results["baseline"])
    lines = ["| scenario | median s | runs (s) | ratio to baseline | peak memory of the process tree (PSS), MB |", "|---|---:|---|---:|---:|"]
    for name, rs in results.items():
        med = statistics.median(s for s, _, _ in rs)
        runs = ", ".join(f"{s:.2f}" for s, _, _ in rs)
        lines.append(f"| {name} | {med:.3f} | {runs} | {med / base:.3f} | {peaks[name]:.0f} |")
    table = "\n".join(lines)
    print(table)
    text = a.readme.read_text(encoding="utf-8") if a.readme.exists() else ""
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    block = (f"{start}\nMachine: {machine()}. Data: {len(files):,} files, {mb:.0f} MB of YAML, "
             f"{results['cold'][0][2]:,} metrics; {a.reps} timed runs each (scenarios in turn), fresh process each run, "
             f"plus one run each for peak memory.\n\n{table}\n{end}")
    text = text[: text.index(start)] + block + text[text.index(end) + len(end):] if start in text else text + "\n" + block + "\n"
    a.readme.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
