"""The frozen copy in Chromium, opened from the file system as someone would open it from a USB stick: every request
stays inside the copy's folder, a card's link lands on its quote, marked, and a phone never scrolls sideways.
Photographed at a phone's and a projector's size in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_support import SHOTS, SIZES
from conftest import FIXTURE

from metrics.charts.image import stop
from metrics.dataset import load_dataset
from metrics.snapshot import write

pytestmark = [pytest.mark.browser]
LABEL = "2026-01-05"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    try:
        write(load_dataset(FIXTURE), out, LABEL)
    finally:
        stop()
    return out


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("size", ["phone", "projector"])
def test_the_copy_reads_offline_and_lands_on_a_quote(browser, site, lang, size):
    ctx = browser.new_context(viewport=SIZES[size])
    requests: list[str] = []
    ctx.route("**/*", lambda route: (requests.append(route.request.url), route.continue_()))
    try:
        page = ctx.new_page()
        start = (site / LABEL / lang / "personnel.html").as_uri()
        page.goto(start)
        assert page.locator("h1").inner_text()
        assert page.evaluate("() => document.documentElement.scrollWidth") <= SIZES[size]["width"] + 1
        page.screenshot(path=str(SHOTS / f"snapshot-{lang}-{size}-personnel.png"), full_page=True)
        page.goto((site / LABEL / lang / "recognition.html").as_uri())
        shown = [s for s in page.locator(".chart .plot svg").all() if s.is_visible()]
        assert len(shown) == 1 and shown[0].bounding_box()["width"] <= SIZES[size]["width"]  # one drawing, at the screen's width
        page.screenshot(path=str(SHOTS / f"snapshot-{lang}-{size}-recognition.png"), full_page=True)
        page.goto(start)
        page.locator("#card-severance-cases a[href*='sources/']").click()
        page.wait_for_load_state()
        assert page.url.endswith("#m-severance-cases")
        mark = page.locator("#m-severance-cases + mark")
        assert mark.evaluate("e => getComputedStyle(e).color") == "rgb(255, 255, 255)"  # white on dark blue: the target
        box = mark.bounding_box()
        assert 0 <= box["y"] < SIZES[size]["height"] / 2  # scrolled to, near the top
        page.screenshot(path=str(SHOTS / f"snapshot-{lang}-{size}-quote.png"))
        inside = (site / LABEL).as_uri()
        assert requests and all(u.startswith(inside) for u in requests), [u for u in requests if not u.startswith(inside)]
    finally:
        ctx.close()
