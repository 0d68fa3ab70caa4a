"""The long fuzz run: many seeded mutants of the fixture's metric files (tests/mutate.py), each loaded beside a valid
file in a fresh data folder, counting unhandled exceptions, hangs, miscounts and silent losses; the counts go to
bench/README.md.

Run: .venv/bin/python bench/fuzz_load.py [--n 10000] [--seed 1] [--bound 10] [--readme]
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

from readme import write_block  # bench/, the script's own folder

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))
sys.path.insert(0, str(HERE.parent))

from mutate import run  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--bound", type=float, default=10.0, help="seconds a load may take; twice that is a hang")
    ap.add_argument("--readme", action="store_true")
    a = ap.parse_args()
    started = time.monotonic()
    report = run(a.n, a.seed, a.bound, workers=os.cpu_count() or 2,
                 progress=lambda r: print(f"{sum(r.counts.values()):,} mutants: {dict(r.counts)}", flush=True))
    took = time.monotonic() - started
    c = report.counts
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    table = "\n".join([
        f"Machine: {cpu}, {os.cpu_count()} cores, Python {platform.python_version()}. {a.n:,} mutants (seed {a.seed}) of the "
        f"fixture's two metric files, each loaded beside a valid file; bound {a.bound:g} s a load; {took / 60:.0f} min in all.", "",
        "| outcome | mutants |", "|---|---:|",
        f"| loaded as it must (problems named, counts exact) | {c['ok']:,} |",
        f"| unhandled exceptions | {c['exception']:,} |",
        f"| hangs (over twice the bound) and loads over the bound | {c['hang']:,} |",
        f"| silent losses (records missing, no problem naming the file) | {c['lost']:,} |",
        f"| miscounts (read ≠ loaded + rejected) | {c['miscount']:,} |",
        "", f"Slowest load: {report.slowest:.2f} s.",
    ])
    print(table)
    for kind, examples in report.examples.items():
        for i, detail in examples[:5]:
            print(f"{kind} #{i}: {detail}")
    if a.readme:
        write_block("fuzz", table)
    sys.exit(1 if sum(v for k, v in c.items() if k != "ok") else 0)


if __name__ == "__main__":
    main()
