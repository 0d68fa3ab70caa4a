"""Helpers for the browser tests: a live `streamlit run` server, Debian Chromium, and waiting for a page the way
Streamlit's own e2e suite does (connected, script not running, no skeleton)."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "data"
CHROMIUM = "/usr/bin/chromium"
# Debian's Chromium, not Playwright's download (`playwright install` cannot reach its CDN here); the flags keep it
# from phoning home, so the offline guard below only ever sees the app's own requests.
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
# Tall enough that most of a page fits in one screenshot: Streamlit scrolls inside stMain, not the document.
VIEWPORT = {"width": 1400, "height": 2400}
TIMEOUT_MS = 30_000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def streamlit_server(data: str | None = None, start_timeout: float = 30.0) -> Iterator[str]:
    """Run `streamlit run app.py` on a free port and yield its base URL; stop it (and only it) on exit.
    data: another data folder (DASHBOARD_DATA); default the project's data/."""
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="browser-server-") as tmp:
        env = dict(os.environ)
        # The loader writes a disk cache under XDG_CACHE_HOME: keep the server's out of the user's ~/.cache.
        env["XDG_CACHE_HOME"] = str(Path(tmp) / "xdg-cache")
        env.pop("METRICS_CACHE_DIR", None)
        if data is not None:
            env["DASHBOARD_DATA"] = data
        log_path = Path(tmp) / "streamlit.log"
        cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.port", str(port),
               "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
        base = f"http://127.0.0.1:{port}"
        with log_path.open("wb") as log:
            proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
            try:
                _wait_healthy(proc, base, log_path, start_timeout)
                yield base
            finally:
                proc.terminate()
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()


def _wait_healthy(proc: subprocess.Popen, base: str, log_path: Path, timeout: float) -> None:
    """Poll /_stcore/health until it answers 'ok'; fail with the server's log if it dies or takes too long."""
    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}:\n{log_path.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=1) as r:
                if r.read().decode().strip() == "ok":
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"streamlit not healthy after {timeout}s:\n{log_path.read_text(errors='replace')}")
        time.sleep(0.1)


def wait_for_app(page, timeout: int = TIMEOUT_MS) -> None:
    """Wait until the app is connected, the script has finished, and nothing is still a loading skeleton."""
    page.wait_for_selector("[data-testid=stApp][data-test-connection-state=CONNECTED]", timeout=timeout)
    # A rerun can start right after the first one finished (a widget writing the URL): wait for a settled state.
    page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=timeout)
    page.wait_for_function("() => document.querySelectorAll('[data-testid=stSkeleton]').length === 0", timeout=timeout)
    # Let the frontend apply the last deltas (script-state flips before the final paint).
    page.wait_for_timeout(150)
    page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=timeout)


def goto(page, url: str) -> None:
    page.goto(url, wait_until="domcontentloaded")
    wait_for_app(page)


def main_text(page) -> str:
    """What the reader sees in the main area (not the sidebar)."""
    return page.locator("[data-testid=stMain]").inner_text()


@dataclass
class OfflineGuard:
    """Aborts every request that leaves this machine and records it, so a test can assert none was tried."""

    blocked: list[str] = field(default_factory=list)

    def handle(self, route) -> None:
        url = route.request.url
        host = urlsplit(url).hostname
        if url.startswith(("data:", "blob:", "about:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def install(self, context) -> OfflineGuard:
        context.route("**/*", self.handle)
        return self


# --- what a reader sees -----------------------------------------------------------------------------------------

SHOTS = REPO / "artifacts" / "screenshots"
# The sizes a reader uses: a desktop, a hall projector, a phone.
SIZES = {"desktop": {"width": 1920, "height": 1080}, "projector": {"width": 1280, "height": 720}, "phone": {"width": 390, "height": 844}}
LANGS = ("vi", "en")
# URL path -> (sidebar menu label in vi, in en); the overview is the default page, served at "/".
MENU = {
    "overview": ("Tổng quan", "Overview"),
    "apparatus": ("Bộ máy", "Apparatus"),
    "personnel": ("Cán bộ", "Personnel"),
    "direction": ("Chỉ đạo điều hành", "Direction and administration"),
    "economy": ("Kinh tế", "Economy"),
    "recognition": ("Thi đua khen thưởng", "Recognition"),
    "plan": ("Kế hoạch 2026", "Plan for 2026"),
    "tasks": ("Nhiệm vụ 2026", "Tasks 2026"),
    "sources": ("Nguồn", "Sources"),
    "data": ("Dữ liệu", "Data"),
    "decks": ("Trình chiếu", "Presentation"),
    "extract": ("Nhập số liệu", "Add figures"),
    "quality": ("Chất lượng dữ liệu", "Data quality"),
}
PAGES = list(MENU)
# The page heading a reader sees: the menu label, except the overview, which carries the dashboard's title.
HEADINGS = {lang: {p: labels[i] for p, labels in MENU.items()} for i, lang in enumerate(LANGS)}
HEADINGS["vi"]["overview"] = "Cải cách hành chính tỉnh Phú Thọ"
HEADINGS["en"]["overview"] = "Phú Thọ administrative reform"
# Pages that draw a chart on the fixture data: the others show their one or two values as big numbers.
CHART_PAGES = {"recognition", "tasks"}
# Interface words of the other language that must not show up on a page (data text, e.g. a Vietnamese source
# title on the English page, is not interface and is allowed).
FOREIGN = {"vi": ["Source:", "Quote", "Data behind the chart", "See all"],
           "en": ["Nguồn:", "Trích dẫn", "Dữ liệu của biểu đồ", "Xem tất cả"]}


def url(base: str, page: str, **params: str) -> str:
    path = "" if page == "overview" else page
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"{base}/{path}" + (f"?{query}" if query else "")


def params(page) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(page.url).query).items()}


def menu_labels(page) -> list[str]:
    # The label only: the link also holds the Material icon, whose text is its name ("home").
    return [s.strip() for s in page.locator("[data-testid=stSidebarNavLink] [data-testid=stMarkdownContainer]").all_inner_texts()]


def heading(page) -> str:
    return page.locator("[data-testid=stMain] h1").first.inner_text().strip()


