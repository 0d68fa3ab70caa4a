"""Shared fixtures: a data root built in tmp_path from the real reference lists and a synthetic source text."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

# AppTest drops the modules a script run imported; importing yaml-rs's native module a second time in one process
# crashes it (a PyO3 module initialises once per process). Imported here, before any AppTest, it stays loaded,
# as it does in a real server.
import metrics.loading.yamlsafe  # noqa: F401

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"  # the real data: only tests/test_real_data.py reads it
FIXTURE = REPO / "tests" / "fixtures" / "data"  # a frozen copy the code's tests run on

# SYNTHETIC test text, not a real document: it states the figures the inline metric files quote.
SYNTHETIC_TEXT = (
    "Văn bản thử nghiệm (dữ liệu tổng hợp, không phải số liệu thật). Năm 2025 đã giải quyết chế độ thôi việc "
    "cho 5.448 trường hợp với kinh phí 5.535 tỷ đồng; tổ chức trên 500 hội nghị; hoàn thành 184/184 nhiệm vụ; "
    "giảm 65,2% cơ quan chuyên môn; điều động 651 cán bộ về xã (đạt 162% kế hoạch); tăng trưởng năm 2025 đạt 10,52%, "
    "cao hơn chỉ tiêu.\n"
)

HEADER = """\
source:
  id: test-source
  title: Văn bản thử nghiệm
  agency: so-noi-vu
  published: 2026-01-05
  text: sources/test.txt
metrics:
"""

CASES = """\
  - id: severance-cases
    name: {vi: Trường hợp thôi việc, en: Severance cases}
    theme: personnel
    period: 2025
    value: 5448
    unit: case
    quote: thôi việc cho 5.448 trường hợp
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """An empty data root with the real reference lists and the synthetic source text."""
    shutil.copytree(FIXTURE / "reference", tmp_path / "reference")
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "test.txt").write_text(SYNTHETIC_TEXT, encoding="utf-8")
    (tmp_path / "metrics").mkdir()
    return tmp_path


def write(root: Path, name: str, body: str | bytes) -> Path:
    """Write a metric file under root/metrics; str bodies are dedented."""
    path = root / "metrics" / name
    if isinstance(body, bytes):
        path.write_bytes(body)
    else:
        path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def metric(**fields) -> str:
    """One metric list item, starting from the valid severance-cases metric."""
    base = {"id": "severance-cases", "name": "{vi: Trường hợp thôi việc, en: Severance cases}", "theme": "personnel",
            "period": 2025, "value": 5448, "unit": "case", "quote": "thôi việc cho 5.448 trường hợp"}
    base.update(fields)
    lines = [f"    {k}: {v}" for k, v in base.items() if v is not None]
    return "  - " + "\n".join(lines)[4:] + "\n"


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory):
    """Keep the loader's disk cache of test runs out of the user's ~/.cache."""
    mp = pytest.MonkeyPatch()
    mp.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
    mp.delenv("METRICS_CACHE_DIR", raising=False)
    yield
    mp.undo()


# --- browser fixtures (tests marked `browser`): one server on the fixture data and one Chromium per session ---------


@pytest.fixture(scope="session")
def server() -> str:
    from browser_support import streamlit_server

    with streamlit_server(str(FIXTURE)) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    import playwright.sync_api as playwright_api
    from browser_support import CHROMIUM, CHROMIUM_ARGS

    with playwright_api.sync_playwright() as p:
        # Debian's Chromium when installed (root: `make test` installs it), else Playwright's own build.
        b = p.chromium.launch(executable_path=CHROMIUM if Path(CHROMIUM).exists() else None, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def guard():
    from browser_support import OfflineGuard

    return OfflineGuard()


@pytest.fixture
def context(browser, guard):
    """A fresh context (own cookies, own Streamlit session) whose requests off this machine are blocked."""
    from browser_support import VIEWPORT

    ctx = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    ctx.set_default_timeout(30_000)
    guard.install(ctx)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    return context.new_page()
