"""Page speed on the 200,000-metric SYNTHETIC folder: each page's rerun on the server (AppTest, after the first
load) and a page switch in Chromium (click in the menu until the page is drawn), medians written to bench/README.md.
With --vs, another checkout of the project (an older commit) is measured in turn with this one (each in its own
process, two rounds each, alternating), and the table gives both and their ratio.

Run: .venv/bin/python bench/generate.py && .venv/bin/python bench/bench_pages.py [--root bench/out/data] [--reps 7]
     [--vs /path/to/older/checkout]
"""

from __future__ import annotations

import argparse
import importlib
import json
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

from readme import write_block  # bench/, the script's own folder

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def pages(repo: Path) -> list[tuple[str, str]]:
    """(URL path, English menu title) of each page of that checkout (older ones kept the titles in the registry)."""
    sys.path.insert(0, str(repo))
    # Before AppTest: importing yaml-rs's native module twice in one process crashes it (see tests/conftest.py).
    for name in ("metrics.loading.yamlsafe", "metrics.yamlsafe"):
        try:
            importlib.import_module(name)
            break
        except ImportError:
            continue
    try:
        registry = importlib.import_module("metrics.pages")
    except ImportError:  # older checkouts kept the page registry in ui/
        registry = importlib.import_module("ui.registry")
    if len(registry.PAGES[0]) == 4:
        return [(path, en) for path, _vi, en, _icon in registry.PAGES]
    return [(path, registry.page_title(path, "en")) for path, _icon in registry.PAGES]


def server_reruns(root: Path, reps: int, repo: Path) -> dict[str, list[float]]:
    """Seconds of AppTest reruns per page (the first run, which loads the data, is not counted)."""
    from streamlit.testing.v1 import AppTest

    os.environ["DASHBOARD_DATA"] = str(root)
    out: dict[str, list[float]] = {}
    for path, _title in pages(repo):
        for lang in ("vi", "en"):
            at = AppTest.from_file(str(repo / "app.py"), default_timeout=600)
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


def browser_switches(root: Path, reps: int, repo: Path) -> dict[str, list[float]]:
    """Seconds from a click on a menu entry to the page drawn (script finished, no skeleton), per page."""
    from playwright.sync_api import sync_playwright

    port = _port()
    env = {**os.environ, "DASHBOARD_DATA": str(root), "XDG_CACHE_HOME": os.environ.get("XDG_CACHE_HOME", tempfile.mkdtemp())}
    server = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.port",
                               str(port), "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
                              cwd=repo, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
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
            menu = pages(repo)
            for _ in range(reps):
                for path, en in [*menu[1:], menu[0]]:
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


def report(runs: dict[str, dict], reps: int) -> str:
    """runs: label -> {"server": {...}, "browser": {...}}; "" is this checkout, " (before)" the other one."""
    labels = list(runs)
    lines = [f"Machine: {machine()}. Data: the SYNTHETIC 200,000-metric folder; {reps} repetitions a round; medians.", ""]
    head = ["page"]
    for label in labels:
        head += [f"server rerun (vi){label}, ms", f"server rerun (en){label}, ms", f"page switch in Chromium{label}, ms"]
    if len(labels) == 2:
        head += ["rerun ratio (this / before)", "switch ratio (this / before)"]
    lines += ["| " + " | ".join(head) + " |", "|---|" + "---:|" * (len(head) - 1)]
    for path, _ in pages(REPO):
        cells, med = [], {}
        for label in labels:
            server, browser = runs[label]["server"], runs[label]["browser"]
            for lang in ("vi", "en"):
                med[(label, lang)] = statistics.median(server[f"{path} ({lang})"])
                cells.append(f"{med[(label, lang)] * 1000:.0f}")
            med[(label, "switch")] = statistics.median(browser[path]) if path in browser else None
            cells.append(f"{med[(label, 'switch')] * 1000:.0f}" if med[(label, "switch")] else "–")
        if len(labels) == 2:
            a, b = labels
            cells.append(f"{(med[(a, 'vi')] + med[(a, 'en')]) / (med[(b, 'vi')] + med[(b, 'en')]):.2f}")
            cells.append(f"{med[(a, 'switch')] / med[(b, 'switch')]:.2f}" if med[(a, "switch")] and med[(b, "switch")] else "–")
        lines.append(f"| {path} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def measure(root: Path, reps: int, repo: Path) -> dict:
    return {"server": server_reruns(root, reps, repo), "browser": browser_switches(root, max(3, reps // 2), repo)}


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", type=Path, default=HERE / "out" / "data")
    ap.add_argument("--reps", type=int, default=7)
    ap.add_argument("--repo", type=Path, default=REPO, help="the checkout to measure (default: this one)")
    ap.add_argument("--json", type=Path, help="write the raw times here instead of the README")
    ap.add_argument("--vs", type=Path, help="another checkout measured in turn with this one")
    a = ap.parse_args()
    if not (a.root / "metrics").is_dir():
        sys.exit(f"no data at {a.root}: run bench/generate.py first")
    if a.json:
        a.json.write_text(json.dumps(measure(a.root, a.reps, a.repo.resolve())), encoding="utf-8")
        sys.exit(0)
    if a.vs:
        runs: dict[str, dict] = {"": {"server": {}, "browser": {}}, " (before)": {"server": {}, "browser": {}}}
        for _round in range(2):
            for label, repo in (("", REPO), (" (before)", a.vs.resolve())):
                with tempfile.NamedTemporaryFile(suffix=".json") as out:
                    subprocess.run([sys.executable, __file__, "--root", str(a.root), "--reps", str(a.reps), "--repo", str(repo),
                                    "--json", out.name], check=True)
                    got = json.loads(Path(out.name).read_text(encoding="utf-8"))
                for part in ("server", "browser"):
                    for key, times in got[part].items():
                        runs[label][part].setdefault(key, []).extend(times)
    else:
        runs = {"": measure(a.root, a.reps, REPO)}
    table = report(runs, a.reps)
    print(table)
    write_block("pages", table)
