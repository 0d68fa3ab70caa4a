"""What the page tests share: the app run by AppTest on the fixture folder (or another one), and the text a reader sees."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURE, REPO
from streamlit.testing.v1 import AppTest


@pytest.fixture(autouse=True)
def _fixture_data(monkeypatch):
    """The app under test serves the frozen fixture folder unless a test gives it another one."""
    monkeypatch.setenv("DASHBOARD_DATA", str(FIXTURE))


def run_page(page: str, lang: str, **params) -> AppTest:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.query_params["lang"] = lang
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    if page != "overview":
        at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def card_values(at: AppTest) -> list[str]:
    """The big value line of every card, as the reader sees it."""
    return [line[4:].replace("\\", "") for m in at.markdown for line in m.value.split("\n") if line.startswith("### ")]


def shown_text(at: AppTest) -> str:
    parts = []
    for kind in ("markdown", "caption", "title", "subheader", "header", "info", "success", "warning"):
        parts += [str(getattr(e, "value", "")) for e in at.get(kind)]
    parts += [e.proto.body for e in at.get("html")]  # the source document, as HTML
    return "\n".join(parts).replace("\\", "")


def real_data_plus(tmp_path: Path, monkeypatch, files: dict[str, str]) -> Path:
    """A copy of the fixture data with extra files (path under the copy -> text), served by the app under test."""
    root = tmp_path / "data"
    shutil.copytree(FIXTURE, root)
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    monkeypatch.setenv("DASHBOARD_DATA", str(root))
    return root
