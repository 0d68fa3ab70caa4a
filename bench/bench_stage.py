"""The stage's speed: a 20-slide deck written as PowerPoint, a chart drawn as an image (the first one, which starts
the browser, and the next ones), and a slide change in Chromium from the key press to the new slide drawn (30
changes, on data/ and on the SYNTHETIC 200,000-figure folder). Medians go to bench/README.md.

Run: .venv/bin/python bench/generate.py && .venv/bin/python bench/bench_stage.py [--root bench/out/data]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

from readme import write_block  # bench/, the script's own folder

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO))

import yaml  # noqa: E402

from metrics.charts.image import image, stop  # noqa: E402
from metrics.charts.registry import Scope, build  # noqa: E402
from metrics.dataset import load_dataset  # noqa: E402
from metrics.decks import pptx, slides  # noqa: E402
from metrics.decks.model import Deck  # noqa: E402


def synthetic_deck(ds, n: int = 20) -> dict:
    """A SYNTHETIC deck of n slides over the data's own figures of its main year: figure, figures, quote and chart
    slides in turn, a closing slide last."""
    year = ds.default_period
    ids = ds.frame[(ds.frame["period"] == year) & ~ds.frame["derived"]]["id"].astype(str).tolist()
    kinds = [{"kind": "figure", "metric": ids[0]}, {"kind": "figures", "metrics": ids[1:4]}, {"kind": "quote", "metric": ids[4]},
             {"kind": "chart", "chart": "recognition.awards"}]
    # Fresh dicts for every slide: a YAML writer would make repeated objects anchors, which deck files refuse.
    body = [dict(kinds[i % len(kinds)]) | ({"metric": ids[i % len(ids)]} if "metric" in kinds[i % len(kinds)] else {}) for i in range(n - 1)]
    body = [b | ({"metrics": list(b["metrics"])} if "metrics" in b else {}) for b in body]
    return {"id": "synthetic-stage-bench", "title": {"vi": "Tệp trình chiếu tổng hợp (SYNTHETIC)", "en": "SYNTHETIC benchmark deck"},
            "date": "2026-01-05", "presenter": next(iter(ds.refs.agencies)), "period": int(year), "slides": [*body, {"kind": "closing"}]}


def times(fn, n: int) -> list[float]:
    out = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def exports(root: Path) -> dict[str, object]:
    ds = load_dataset(root)
    deck = Deck.model_validate(synthetic_deck(ds))
    shown = slides.view(deck, ds.frame, ds.refs, "vi", ds.previous)
    first = times(lambda: pptx.write(shown, "http://hall.example:8501/present?deck=x"), 1)[0]
    pptx_runs = times(lambda: pptx.write(slides.view(deck, ds.frame, ds.refs, "vi", ds.previous), "http://hall.example:8501/"), 5)
    chart = build("recognition.awards", Scope(ds.frame[ds.frame["period"] == ds.default_period], ds.frame), ds.refs.units, "vi")
    cold = times(lambda: image(chart, "png"), 1)[0]
    warm = times(lambda: image(chart, "png"), 10)
    stop()
    return {"pptx_first": first, "pptx": pptx_runs, "image_cold": cold, "image": warm}


def slide_changes(root: Path, deck_id: str, changes: int = 30) -> list[float]:
    from browser_support import CHROMIUM, CHROMIUM_ARGS, goto, streamlit_server
    from playwright.sync_api import sync_playwright

    out = []
    with streamlit_server(str(root), start_timeout=300) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1920, "height": 1080})
        goto(page, f"{base}/present?deck={deck_id}&slide=1&lang=vi")
        page.locator(".stage-foot .count").wait_for()
        total = int(page.locator(".stage-foot .count").inner_text().split("/")[1])
        now = 1  # counted here: during a rerun the old slide's footer stays beside the new one for a moment
        for i in range(changes):
            forward = (i // (total - 1)) % 2 == 0  # walk forward to the end, then back
            want = now + 1 if forward else now - 1
            t = time.perf_counter()
            page.keyboard.press("PageDown" if forward else "PageUp")
            # Drawn: the new slide's count shown and no other (the old slide gone).
            page.wait_for_function("([sel, text]) => { const c = [...document.querySelectorAll(sel)];"
                                   " return c.length > 0 && c.every(e => e.textContent.trim() === text); }",
                                   arg=[".stage-foot .count", f"{want} / {total}"], timeout=60_000)
            now = want
            out.append(time.perf_counter() - t)
        browser.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", type=Path, default=HERE / "out" / "data")
    a = ap.parse_args()
    if not (a.root / "metrics").is_dir():
        sys.exit(f"no data at {a.root}: run bench/generate.py first")
    ex = exports(REPO / "data")
    real = slide_changes(REPO / "data", "so-noi-vu-2025")
    (a.root / "decks").mkdir(exist_ok=True)
    deck_file = a.root / "decks" / "synthetic-stage-bench.yaml"
    deck_file.write_text("# SYNTHETIC benchmark deck written by bench/bench_stage.py: not a real presentation.\n"
                         + yaml.safe_dump(synthetic_deck(load_dataset(a.root)), allow_unicode=True, sort_keys=False), encoding="utf-8")
    synthetic = slide_changes(a.root, "synthetic-stage-bench")
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    med = statistics.median
    table = "\n".join([
        f"Machine: {cpu}, {os.cpu_count()} cores, Python {platform.python_version()}. Medians; runs in brackets.", "",
        "| what | median | goal |", "|---|---:|---:|",
        f"| a 20-slide SYNTHETIC deck over data/'s figures to .pptx (5 runs; the first, with imports warming, {ex['pptx_first']:.2f} s) "
        f"| {med(ex['pptx']):.2f} s | under 2 s |",
        f"| a chart image, PNG 1600x900, kept-alive Chromium (10 runs) | {med(ex['image']) * 1000:.0f} ms | under 0.5 s |",
        f"| the first chart image of a process (starts Chromium) | {ex['image_cold']:.2f} s | reported |",
        f"| a slide change in Chromium, key press to slide drawn, data/ (30 changes; p95 "
        f"{statistics.quantiles(real, n=20)[18] * 1000:.0f} ms) | {med(real) * 1000:.0f} ms | under 0.5 s |",
        f"| the same on the SYNTHETIC 200,000-figure folder (30 changes; p95 {statistics.quantiles(synthetic, n=20)[18] * 1000:.0f} ms) "
        f"| {med(synthetic) * 1000:.0f} ms | under 0.5 s |",
    ])
    print(table)
    write_block("stage", table)


if __name__ == "__main__":
    main()
