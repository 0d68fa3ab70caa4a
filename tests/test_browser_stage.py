"""The stage in Chromium: a deck walked from a clicker's keys (the address follows, back steps back, a copied link
opens that slide), Escape leaving for the figure's page, the number large enough for the back of a hall, the QR code
decoded by a real reader and opened; every slide of a deck photographed at 1920x1080 and 1280x720 in both languages."""

from __future__ import annotations

import re
import subprocess

import playwright.sync_api as playwright_api
import pytest
from browser_support import SHOTS, SIZES, goto, heading, params, url, wait_for_app

expect = playwright_api.expect
pytestmark = [pytest.mark.browser]

DECK = "so-noi-vu-2025"
SLIDES = 9


def slide_number(page) -> int:
    return int(params(page)["slide"])


def press(page, key: str, expected: int, total: int = SLIDES) -> None:
    page.keyboard.press(key)
    expect(page).to_have_url(re.compile(rf"[?&]slide={expected}(&|$)"))
    wait_for_app(page)
    expect(page.locator(".stage-foot .count")).to_have_text(f"{expected} / {total}")


def test_a_clicker_walks_the_deck_and_the_address_follows(context, server, guard):
    page = context.new_page()
    page.set_viewport_size(SIZES["desktop"])
    goto(page, url(server, "present", deck=DECK, slide="1", lang="vi"))
    assert page.locator("[data-testid=stSidebar]").is_hidden() and page.locator("[data-testid=stException]").count() == 0
    for key, to in (("PageDown", 2), ("ArrowRight", 3), ("Space", 4), ("Enter", 5), ("PageUp", 4), ("ArrowLeft", 3),
                    ("End", SLIDES), ("Home", 1)):
        press(page, key, to)
    press(page, "PageDown", 2)
    page.go_back()  # the browser's back button steps back a slide
    expect(page.locator(".stage-foot .count")).to_have_text(f"1 / {SLIDES}")
    assert guard.blocked == []


def test_a_copied_slide_link_opens_that_slide_and_escape_leaves_for_its_figure(browser, server):
    ctx = browser.new_context(viewport=SIZES["projector"])
    try:
        page = ctx.new_page()
        goto(page, url(server, "present", deck=DECK, slide="4", lang="en"))
        expect(page.locator(".stage-foot .count")).to_have_text(f"4 / {SLIDES}")
        assert "5,448 cases" in page.locator(".st-key-stage").inner_text()
        page.keyboard.press("Escape")
        expect(page).to_have_url(re.compile(r"/personnel\?.*metric=severance-cases"))
        wait_for_app(page)
        assert heading(page) == "Personnel" and params(page)["lang"] == "en"
        assert "deck" not in params(page) and page.locator("[data-testid=stException]").count() == 0
    finally:
        ctx.close()


def test_the_number_fills_the_back_of_the_hall(context, server):
    """At 1920x1080 a figure slide's number is at least 12% of the screen's height, its qualifier kept."""
    page = context.new_page()
    page.set_viewport_size(SIZES["desktop"])
    goto(page, url(server, "present", deck="van-phong-ubnd-tinh-2025", slide="1", lang="vi"))
    value = page.locator(".st-key-stage .fig.one .value")
    expect(value).to_have_text("10,52%")
    assert float(value.evaluate("e => getComputedStyle(e).fontSize").rstrip("px")) >= 0.12 * 1080
    goto(page, url(server, "present", deck="van-phong-ubnd-tinh-2025", slide="3", lang="vi"))
    expect(page.locator(".st-key-stage .fig .value").first).to_have_text("trên 500 hội nghị, cuộc họp")


def test_the_closing_qr_code_opens_the_deck_on_a_phone(context, server, tmp_path):
    page = context.new_page()
    page.set_viewport_size(SIZES["desktop"])
    goto(page, url(server, "present", deck=DECK, slide=str(SLIDES), lang="en"))
    qr = page.locator(".st-key-stage .st-key-qr-360 img")
    qr.screenshot(path=str(tmp_path / "qr.png"))
    out = subprocess.run(["zbarimg", "--raw", "-q", str(tmp_path / "qr.png")], capture_output=True, text=True, timeout=60)
    decoded = out.stdout.strip()
    assert decoded == url(server, "present", deck=DECK, slide="1", lang="en"), (decoded, out.stderr[-300:])
    phone = context.new_page()
    phone.set_viewport_size(SIZES["phone"])
    goto(phone, decoded)
    expect(phone.locator(".stage-foot .count")).to_have_text(f"1 / {SLIDES}")


def test_the_qr_code_of_a_page_restores_its_view(context, server, tmp_path):
    page = context.new_page()
    goto(page, url(server, "personnel", lang="en", period="2025", metric="severance-cases"))
    page.get_by_role("button", name="Open on a phone").click()
    qr = page.locator("[data-testid=stPopoverBody] .st-key-qr-240 img")
    qr.screenshot(path=str(tmp_path / "qr.png"))
    decoded = subprocess.run(["zbarimg", "--raw", "-q", str(tmp_path / "qr.png")], capture_output=True, text=True, timeout=60).stdout.strip()
    assert decoded.startswith(f"{server}/personnel?") and "metric=severance-cases" in decoded and "lang=en" in decoded
    phone = context.new_page()
    phone.set_viewport_size(SIZES["phone"])
    goto(phone, decoded)
    assert heading(phone) == "Personnel" and params(phone)["metric"] == "severance-cases"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_slide_is_photographed(context, server, lang):
    page = context.new_page()
    SHOTS.mkdir(parents=True, exist_ok=True)
    for size in ("desktop", "projector"):
        page.set_viewport_size(SIZES[size])
        goto(page, url(server, "present", deck="van-phong-ubnd-tinh-2025", slide="1", lang=lang))
        for n in range(1, 9):
            if n > 1:
                press(page, "PageDown", n, 8)
            with_chart = page.locator(".st-key-stage [data-testid=stPlotlyChart] .main-svg")
            if with_chart.count():
                with_chart.first.wait_for(state="visible")
            page.screenshot(path=str(SHOTS / f"slide-{lang}-{size}-{n}.png"))
            assert page.locator("[data-testid=stException]").count() == 0
