"""A hall's phones (issue 10): the frozen copy through nginx under 500 concurrent clients, and the time a phone on a
slow network takes to show the QR code's view, from the frozen copy and from the live app.

1. Static: a snapshot of data/ written with `python -m metrics snapshot`, served by deploy/'s nginx (2 replicas
   behind it, idle). CLIENTS clients start at once; each opens its own connection, as a phone does, and fetches a
   phone view (a theme page with a chart) and its stylesheet, gzip accepted, ROUNDS times. Requests per second,
   p50/p95 latency per request, errors (anything but a whole 200). The client is asyncio on the same 2 cores.
2. Phone: Debian Chromium at 390x844 with Playwright's CDP network emulation (1.6 Mbps down, 750 kbps up, 150 ms
   latency), cache disabled, a fresh context each time (cold): from navigation start to the view drawn (the copy:
   its load event; the live app: the page's title shown with the script finished and no skeleton). Bytes received.

Run: .venv/bin/python bench/bench_hall.py [--clients 500] [--rounds 4] [--phone-runs 5]   (rewrites its two blocks)
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from readme import write_block  # bench/, the script's own folder

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

LABEL = "2026-01-05"
VIEW = "recognition"  # the heaviest theme page: cards and a chart drawn twice (phone and wide)
NETWORK = {"offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8}
TIMEOUT = 30.0  # seconds for one request; a slower one is an error


async def fetch(reader, writer, host: str, path: str) -> int:
    """One GET on an open keep-alive connection; the whole body read (Content-Length or chunked). Returns the status."""
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept-Encoding: gzip\r\nUser-Agent: bench-hall\r\n\r\n".encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding") == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    return status


async def client(host: str, port: int, paths: list[str], rounds: int, start: asyncio.Event, out: dict) -> None:
    await start.wait()
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), TIMEOUT)
    except (TimeoutError, OSError):
        out["errors"] += rounds * len(paths)
        return
    try:
        for _ in range(rounds):
            view = time.perf_counter()
            for path in paths:
                t = time.perf_counter()
                try:
                    status = await asyncio.wait_for(fetch(reader, writer, host, path), TIMEOUT)
                except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError):
                    out["errors"] += 1
                    return
                out["latency"].append(time.perf_counter() - t)
                if status != 200:
                    out["errors"] += 1
            out["views"].append(time.perf_counter() - view)
    finally:
        writer.close()


async def crowd(url: str, paths: list[str], clients: int, rounds: int) -> dict:
    parts = urlsplit(url)
    out = {"latency": [], "views": [], "errors": 0}
    start = asyncio.Event()
    tasks = [asyncio.create_task(client(parts.hostname, parts.port, paths, rounds, start, out)) for _ in range(clients)]
    await asyncio.sleep(0.2)  # every client waiting at the gate
    t = time.perf_counter()
    start.set()
    await asyncio.gather(*tasks)
    out["wall"] = time.perf_counter() - t
    return out


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU of processes and their children that were waited for (nginx's workers are its children)."""
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += sum(int(x) for x in fields[11:15]) / os.sysconf("SC_CLK_TCK")
        except OSError:
            continue
    return total


def nginx_pids(master: int) -> list[int]:
    kids = [int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit() and _ppid(int(p.name)) == master]
    return [master, *kids]


def _ppid(pid: int) -> int | None:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return None


def phone(url: str, live: bool, runs: int) -> tuple[list[float], list[int]]:
    """Seconds to the view drawn and bytes received, on an emulated slow phone network, each run cold."""
    from browser_support import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    times, sizes = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(runs):
            ctx = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
            page = ctx.new_page()
            cdp = ctx.new_cdp_session(page)
            received: list[int] = []
            cdp.send("Network.enable")
            cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
            cdp.send("Network.emulateNetworkConditions", NETWORK)
            cdp.on("Network.loadingFinished", lambda e, into=received: into.append(int(e.get("encodedDataLength", 0))))
            t = time.perf_counter()
            if live:
                page.goto(url, wait_until="commit", timeout=120_000)
                page.wait_for_function("""() => {
                    const app = document.querySelector('[data-testid=stApp]');
                    const h1 = document.querySelector('[data-testid=stMain] h1');
                    return app && app.dataset.testScriptState === 'notRunning' && h1 && h1.textContent.trim() &&
                           !document.querySelector('[data-testid=stSkeleton]');
                }""", timeout=120_000, polling=50)
            else:
                page.goto(url, wait_until="load", timeout=120_000)
            times.append(time.perf_counter() - t)
            sizes.append(sum(received))
            ctx.close()
        browser.close()
    return times, sizes


def weights(folder: Path) -> str:
    """Each page a phone opens with its stylesheet, as written and as nginx sends it (gzip)."""
    css = (folder / "style.css").read_bytes()
    sizes = sorted(((len(p.read_bytes()) + len(css), len(gzip.compress(p.read_bytes())) + len(gzip.compress(css)), p.relative_to(folder))
                    for p in folder.rglob("*.html") if p.parent != folder), reverse=True)
    raw = [s[0] for s in sizes]
    return (f"Page weights, HTML and stylesheet, {len(sizes)} pages: median {statistics.median(raw) / 1024:.0f} KB; heaviest "
            f"`{sizes[0][2]}` {sizes[0][0] / 1024:.0f} KB ({sizes[0][1] / 1024:.0f} KB gzipped); budget 150 KB.")


def p95(xs: list[float]) -> float:
    return statistics.quantiles(xs, n=20)[18] if len(xs) >= 20 else max(xs)


def main() -> None:
    from deploy.serve import serve
    from metrics.charts.image import stop
    from metrics.dataset import load_dataset
    from metrics.snapshot import write

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=500)
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--phone-runs", type=int, default=5)
    a = ap.parse_args()
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    machine = f"Machine: {cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}; loopback."
    site = Path(tempfile.mkdtemp(prefix="bench-hall-"))  # under /tmp, readable: nginx's workers run as www-data
    site.chmod(0o755)
    try:
        try:
            write(load_dataset(REPO / "data"), site, LABEL)
        finally:
            stop()
        page_path = f"/snapshot/{LABEL}/vi/{VIEW}.html"
        css_path = f"/snapshot/{LABEL}/style.css"
        weight = (site / LABEL / "vi" / f"{VIEW}.html").stat().st_size + (site / LABEL / "style.css").stat().st_size
        with serve(2, data=REPO / "data", snapshots=site, workers="auto") as cluster:
            asyncio.run(crowd(cluster.url, [page_path, css_path], 20, 1))  # warm nginx's open files and the page cache
            before = cpu_seconds(nginx_pids(cluster.nginx.pid))
            r = asyncio.run(crowd(cluster.url, [page_path, css_path], a.clients, a.rounds))
            nginx_cpu = cpu_seconds(nginx_pids(cluster.nginx.pid)) - before
            requests = len(r["latency"])
            static = "\n".join([
                machine + f" nginx `worker_processes auto`, 2 replicas idle behind it. The page: `vi/{VIEW}.html` and "
                f"`style.css` ({weight / 1024:.0f} KB uncompressed, gzip on).", "",
                "| clients at once | requests | errors | requests/s | p50 ms | p95 ms | page view (2 requests) p95 ms | wall s | nginx CPU s |",
                "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
                f"| {a.clients} | {requests:,} | {r['errors']} | {requests / r['wall']:,.0f} | {statistics.median(r['latency']) * 1000:.0f} | "
                f"{p95(r['latency']) * 1000:.0f} | {p95(r['views']) * 1000:.0f} | {r['wall']:.2f} | {nginx_cpu:.2f} |",
                "", weights(site / LABEL), "", "Goal (issue 10): p95 under 200 ms with 0 errors on this 2-core machine.",
            ])
            print(static, flush=True)
            write_block("hall:static", static)
            copy_t, copy_b = phone(cluster.url + page_path, False, a.phone_runs)
            live_t, live_b = phone(cluster.url + f"/{VIEW}?lang=vi", True, a.phone_runs)
        med = statistics.median
        phone_block = "\n".join([
            machine + f" Chromium 390x844, {NETWORK['latency']} ms latency, 1.6 Mbps down, 750 kbps up, cache disabled, "
            f"a fresh context each run; {a.phone_runs} runs each, medians; through nginx (2 replicas).", "",
            "| the QR code opens | to the view drawn, s | runs (s) | received, KB |", "|---|---:|---|---:|",
            f"| the frozen copy (`/snapshot/{LABEL}/vi/{VIEW}.html`) | {med(copy_t):.2f} | {', '.join(f'{x:.2f}' for x in copy_t)} | "
            f"{med(copy_b) / 1024:.0f} |",
            f"| the live app (`/{VIEW}?lang=vi`) | {med(live_t):.2f} | {', '.join(f'{x:.2f}' for x in live_t)} | {med(live_b) / 1024:.0f} |",
            "", f"The frozen copy is drawn {med(live_t) / med(copy_t):.0f} times sooner, with {med(live_b) / max(med(copy_b), 1):.0f} times "
            "fewer bytes: the live app first loads Streamlit's JavaScript bundle and then runs the page over its websocket.",
        ])
        print(phone_block, flush=True)
        write_block("hall:phone", phone_block)
    finally:
        shutil.rmtree(site, ignore_errors=True)


if __name__ == "__main__":
    main()
