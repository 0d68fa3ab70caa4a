"""Speed of extraction (issue 9): reading a 10-page report (about 5,000 words) into candidate figures, and the
page "Add figures" rerunning with that report loaded, against the other pages' reruns measured in the same run.

The report is made of real-style Vietnamese text, not generated numbers: the two source documents of data/sources/
followed by the held-out test texts of tests/extraction/ (fictional reports written for the quality measure) until
it holds 5,000 words. The baseline for extraction is reading every number of the same text with
metrics.vnnum.readings (what any extractor must do at least), measured in turn with it.

Run: .venv/bin/python bench/bench_extract.py [--reps 15]    (rewrites its block of bench/README.md)
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

import yaml
from readme import write_block  # bench/, the script's own folder

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

WORDS = 5_000
PAGE_BUDGET_MS = 150  # bench/README.md: every page's server rerun under 150 ms


def report(words: int = WORDS) -> str:
    parts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "data" / "sources").glob("*.txt"))]
    for name in ("heldout.yaml", "heldout2.yaml", "heldout3.yaml", "rules.yaml"):
        parts += [t["text"] for t in yaml.safe_load((REPO / "tests" / "extraction" / name).read_text(encoding="utf-8"))["texts"]]
    out, count = [], 0
    for p in parts:
        out.append(p.strip())
        count += len(p.split())
        if count >= words:
            break
    return "\n\n".join(out)


def timed(fn, reps: int) -> list[float]:
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return times


def extraction(text: str, reps: int) -> dict[str, list[float]]:
    from metrics.extraction import extract
    from metrics.vnnum import readings

    first = time.perf_counter()
    extract(text)  # the first call compiles the patterns: reported apart
    cold = time.perf_counter() - first
    out: dict[str, list[float]] = {"baseline: read every number (vnnum.readings)": [], "extract (candidates, skips, quotes)": []}
    for _ in range(reps):  # in turn, so a noisy second hits both
        out["baseline: read every number (vnnum.readings)"] += timed(lambda: readings(text), 1)
        out["extract (candidates, skips, quotes)"] += timed(lambda: extract(text), 1)
    out["extract, first call in the process"] = [cold]
    return out


def page_reruns(text: str, reps: int, root: Path, only: str | None = None, tag: str = "") -> dict[str, list[float]]:
    """Seconds of AppTest reruns: every page (or only one) after its first run, "Add figures" with the report pasted."""
    from streamlit.testing.v1 import AppTest

    import metrics.loading.yamlsafe  # noqa: F401 - before AppTest (tests/conftest.py says why)
    from metrics.pages import PAGES

    os.environ["DASHBOARD_DATA"] = str(root)
    out: dict[str, list[float]] = {}
    for path, _icon in PAGES:
        if only and path != only:
            continue
        at = AppTest.from_file(str(REPO / "app.py"), default_timeout=600)
        at.query_params["lang"] = "vi"
        at.run()
        if path != "overview":
            at.switch_page(f"app_pages/{path}.py").run()
        label = path
        if path == "extract":
            at.text_area(key="extract-text").set_value(text).run()
            label = f"extract, {len(text.split()):,} words pasted{tag}"
        assert not at.exception, [e.value for e in at.exception]
        at.run()
        out[label] = timed(at.run, reps)
        print(f"{label:32} {statistics.median(out[label]) * 1000:6.0f} ms", flush=True)
    return out


def table(results: dict[str, list[float]], unit: str, scale: float, base: float | None, base_name: str) -> list[str]:
    rows = [f"| | median, {unit} | runs | ratio to {base_name} |", "|---|---:|---|---:|"]
    for name, times in results.items():
        med = statistics.median(times)
        runs = ", ".join(f"{x * scale:.0f}" if scale > 1 else f"{x:.3f}" for x in times[:9]) + (" …" if len(times) > 9 else "")
        ratio = f"{med / base:.2f}" if base else ""
        rows.append(f"| {name} | {med * scale:.1f} | {runs} | {ratio} |")
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reps", type=int, default=15)
    args = ap.parse_args()
    text = report()
    print(f"report: {len(text.split()):,} words, {len(text):,} characters", flush=True)
    ext = extraction(text, args.reps)
    base = statistics.median(ext["baseline: read every number (vnnum.readings)"])
    pages = page_reruns(text, args.reps, REPO / "data")
    big = HERE / "out" / "data"
    if (big / "SYNTHETIC").exists():  # bench/generate.py's 200,000 figures: the ids a new file may not take
        pages |= page_reruns(text, args.reps, big, only="extract", tag=", on the SYNTHETIC 200,000-figure folder")
    others = [statistics.median(v) for k, v in pages.items() if not k.startswith("extract")]
    mine = [statistics.median(v) for k, v in pages.items() if k.startswith("extract")]
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    lines = [f"Machine: {cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
             f"{platform.system()}. Report: {len(text.split()):,} words; {args.reps} runs each, medians.", "",
             *table(ext, "ms", 1000, base, "the baseline"), "",
             *table(pages, "ms", 1000, statistics.median(others), "the median of the other pages"), "",
             f"Extraction: {statistics.median(ext['extract (candidates, skips, quotes)']) * 1000:.0f} ms (goal: under 1,000 ms). "
             f"Page with the report loaded: {' and '.join(f'{m * 1000:.0f} ms' for m in mine)}, "
             f"the other pages {min(others) * 1000:.0f}–{max(others) * 1000:.0f} ms "
             f"(budget: {PAGE_BUDGET_MS} ms)."]
    block = "\n".join(lines)
    print(block)
    write_block("extract:speed", block)


if __name__ == "__main__":
    main()
