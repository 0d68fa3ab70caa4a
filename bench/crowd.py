"""A crowd at a freshly started server: N browser sessions (Chromium contexts) arriving at once, each opening the
dashboard and visiting pages through the menu, in rounds; counts error boxes and reports the time from a click
(or the first request) to the page drawn, p50 and p95 per round. Loopback only, bounded in sessions and time.

Run: .venv/bin/python bench/crowd.py [--root data] [--sessions 20] [--pages 5] [--rounds 3] [--readme]
"""

from __future__ import annotations

import argparse
import asyncio
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

from browser_support import CHROMIUM, CHROMIUM_ARGS, streamlit_server  # noqa: E402

from metrics.i18n import t  # noqa: E402
from metrics.pages import PAGES  # noqa: E402

DRAWN = """() => {
  const app = document.querySelector('[data-testid=stApp]');
  return app && app.dataset.testConnectionState === 'CONNECTED' && app.dataset.testScriptState === 'notRunning'
    && !document.querySelector('[data-testid=stSkeleton]');
}"""
TIMEOUT_MS = 180_000  # a visit that takes longer than this counts as failed, and the run goes on


async def _drawn(page) -> None:
    await page.wait_for_function(DRAWN, timeout=TIMEOUT_MS)
    await page.wait_for_timeout(100)  # the script state flips before the last paint
    await page.wait_for_function(DRAWN, timeout=TIMEOUT_MS)


async def session(browser, base: str, pages: list[str], lang: str, times: list[float], errors: list[str]) -> None:
    ctx = await browser.new_context(viewport={"width": 1280, "height": 720})
    await ctx.route("**/*", lambda route: route.continue_() if route.request.url.startswith((base, "data:", "blob:"))
                    else route.abort())
    page = await ctx.new_page()
    try:
        t0 = time.perf_counter()
        await page.goto(f"{base}/?lang={lang}", wait_until="domcontentloaded", timeout=TIMEOUT_MS)
        await _drawn(page)
        times.append(time.perf_counter() - t0)
        for path in pages:
            t0 = time.perf_counter()
            await page.get_by_test_id("stSidebarNav").get_by_text(t(f"page.{path}", lang), exact=True).click()
            await page.wait_for_url(f"**/{path}?**", timeout=TIMEOUT_MS)
            await _drawn(page)
            times.append(time.perf_counter() - t0)
            boxes = page.locator("[data-testid=stException]")
            for i in range(await boxes.count()):
                errors.append(f"{path}: {(await boxes.nth(i).inner_text())[:200]}")
    except Exception as e:  # a session that fails is counted, the crowd goes on
        errors.append(f"session failed: {type(e).__name__}: {str(e)[:200]}")
    finally:
        await ctx.close()


def cpu_seconds(pids: list[int]) -> float:
    """User and system CPU seconds used so far by these processes (from /proc)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            pass
    return total / os.sysconf("SC_CLK_TCK")


def server_pids(base: str) -> list[int]:
    port = base.rsplit(":", 1)[1]
    out = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                cmd = (d / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if b"streamlit" in b" ".join(cmd) and port.encode() in cmd:
                out.append(int(d.name))
    return out


async def crowd(base: str, sessions: int, pages: list[str], rounds: int) -> list[dict]:
    from playwright.async_api import async_playwright

    out = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM if Path(CHROMIUM).exists() else None, args=CHROMIUM_ARGS)
        for r in range(rounds):
            times: list[float] = []
            errors: list[str] = []
            pids = server_pids(base)
            cpu0 = cpu_seconds(pids)
            started = time.perf_counter()
            await asyncio.gather(*(session(browser, base, pages[i % len(pages):] + pages[:i % len(pages)], ("vi", "en")[i % 2],
                                           times, errors) for i in range(sessions)))
            wall = time.perf_counter() - started
            server_cpu = cpu_seconds(pids) - cpu0
            q = statistics.quantiles(times, n=20) if len(times) > 1 else times * 19
            out.append({"round": r + 1, "visits": len(times), "errors": errors, "p50": statistics.median(times) if times else 0,
                        "p95": q[18], "wall": wall, "server_cpu": server_cpu})
            print(f"round {r + 1}: {len(times)} visits, p50 {out[-1]['p50']:.2f} s, p95 {out[-1]['p95']:.2f} s, "
                  f"{len(errors)} errors, {wall:.1f} s, server CPU {server_cpu:.1f} s", flush=True)
            for e in errors[:5]:
                print("   ", e, flush=True)
        await browser.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", type=Path, default=REPO / "data")
    ap.add_argument("--sessions", type=int, default=20)
    ap.add_argument("--pages", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--readme", action="store_true", help="write the table into bench/README.md")
    a = ap.parse_args()
    pages = [path for path, _ in PAGES[1:a.pages + 1]]
    with streamlit_server(str(a.root.resolve()), start_timeout=120) as base:
        results = asyncio.run(crowd(base, min(a.sessions, 50), pages, min(a.rounds, 10)))
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    lines = [f"Machine: {cpu}, {os.cpu_count()} cores, Python {platform.python_version()}. Data: `{a.root.name}` "
             f"({'SYNTHETIC' if (a.root / 'SYNTHETIC').exists() else 'the project data'}); {a.sessions} sessions arriving at once "
             f"at a freshly started server, each opening the overview then {len(pages)} pages through the menu.", "",
             "| round | visits | error boxes | p50 s | p95 s | round wall s | server CPU s |", "|---:|---:|---:|---:|---:|---:|---:|"]
    lines += [f"| {r['round']} | {r['visits']} | {len(r['errors'])} | {r['p50']:.2f} | {r['p95']:.2f} | {r['wall']:.1f} | "
              f"{r['server_cpu']:.1f} |" for r in results]
    later = [r["p95"] for r in results[1:]]
    if later:
        lines.append(f"\nFirst round p95 / median of later rounds' p95: {results[0]['p95'] / statistics.median(later):.2f}.")
    table = "\n".join(lines)
    print(table)
    if a.readme:
        write_block(f"crowd:{'synthetic' if (a.root / 'SYNTHETIC').exists() else 'data'}", table)


if __name__ == "__main__":
    main()
