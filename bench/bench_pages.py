"""Page speed on the 200,000-metric SYNTHETIC folder: each page's rerun on the server (AppTest, after the first
load) and a page switch in Chromium (click in the menu until the page is drawn), medians written to bench/README.md.

Run: .venv/bin/python bench/generate.py && .venv/bin/python bench/bench_pages.py [--root bench/out/data] [--reps 7]
"""

from __future__ import annotations

import argparse
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

import metrics.yamlsafe  # noqa: E402, F401  (before AppTest: see tests/conftest.py)
from ui.registry import PAGES  # noqa: E402

CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def server_reruns(root: Path, reps: int) -> dict[str, list[float]]:
    """Seconds of AppTest reruns per page (the first run, which loads the data, is not counted)."""
    from streamlit.testing.v1 import AppTest

    os.environ["DASHBOARD_DATA"] = str(root)
    out: dict[str, list[float]] = {}
    for path, *_ in PAGES:
        for lang in ("vi", "en"):
            at = AppTest.from_file(str(REPO / "app.py"), default_timeout=600)
            at.query_params["lang"] = lang
            at.run()
            if path != "overview":
                at.switch_page(f"app_pages/{path}.py").run()
            assert not at.exception, [e.value for e in at.exception]
            times = []
            for _ in range(reps):
                t = time.perf_counter()
                at.run()
                times.append(time.perf_counter() - t)
            out[f"{path} ({lang})"] = times
            print(f"{path:12} {lang}: median {statistics.median(times) * 1000:6.0f} ms", flush=True)
    return out


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def browser_switches(root: Path, reps: int) -> dict[str, list[float]]:
    """Seconds from a click on a menu entry to the page drawn (script finished, no skeleton), per page."""
    from playwright.sync_api import sync_playwright

    port = _port()
    env = {**os.environ, "DASHBOARD_DATA": str(root), "XDG_CACHE_HOME": os.environ.get("XDG_CACHE_HOME", tempfile.mkdtemp())}
    server = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.port",
                               str(port), "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
                              cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    out: dict[str, list[float]] = {}
    try:
        for _ in range(600):
            try:
                if urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1).read() == b"ok":
                    break
            except OSError:
                time.sleep(0.1)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(f"http://127.0.0.1:{port}/?lang=en", timeout=600_000)
            _drawn(page, 600_000)
            for _ in range(reps):
                for path, _vi, en, _icon in [*PAGES[1:], PAGES[0]]:
                    t = time.perf_counter()
                    page.get_by_test_id("stSidebarNav").get_by_text(en, exact=True).click()
                    page.wait_for_url(f"**/{'' if path == 'overview' else path}?**", timeout=60_000)
                    _drawn(page, 60_000)
                    out.setdefault(path, []).append(time.perf_counter() - t)
            browser.close()
    finally:
        server.terminate()
        server.wait(10)
    for path, times in out.items():
        print(f"switch to {path:12}: median {statistics.median(times) * 1000:6.0f} ms", flush=True)
    return out


def _drawn(page, timeout: int) -> None:
    page.wait_for_selector("[data-testid=stApp][data-test-connection-state=CONNECTED]", timeout=timeout)
    page.wait_for_selector("[data-test-script-state=notRunning]", timeout=timeout)
    page.wait_for_function("() => !document.querySelector('[data-testid=stSkeleton]')", timeout=timeout)


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


def report(server: dict[str, list[float]], browser: dict[str, list[float]], reps: int) -> str:
    lines = [f"Machine: {machine()}. Data: the SYNTHETIC 200,000-metric folder; {reps} repetitions; medians.", "",
             "| page | server rerun (vi), ms | server rerun (en), ms | page switch in Chromium, ms |", "|---|---:|---:|---:|"]
    for path, *_ in PAGES:
        cells = [f"{statistics.median(server[f'{path} ({lang})']) * 1000:.0f}" for lang in ("vi", "en")]
        cells.append(f"{statistics.median(browser[path]) * 1000:.0f}" if path in browser else "–")
        lines.append(f"| {path} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", type=Path, default=HERE / "out" / "data")
    ap.add_argument("--reps", type=int, default=7)
    a = ap.parse_args()
    if not (a.root / "metrics").is_dir():
        sys.exit(f"no data at {a.root}: run bench/generate.py first")
    server = server_reruns(a.root, a.reps)
    browser = browser_switches(a.root, max(3, a.reps // 2))
    table = report(server, browser, a.reps)
    print(table)
    readme = HERE / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = "<!-- pages:start -->", "<!-- pages:end -->"
    block = f"{start}\n{table}\n{end}"
    text = text[: text.index(start)] + block + text[text.index(end) + len(end):] if start in text else text + "\n" + block + "\n"
    readme.write_text(text, encoding="utf-8")
