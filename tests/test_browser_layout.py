"""What only a browser shows of the dashboard as officials read it: a card's link landing on its quote, marks that
stay visible on a projector, the first screen at 1280x720, pages that fit a phone, a chart image carrying its
title and source, and data text never turned into a link."""

from __future__ import annotations

import io
import re
import shutil

import playwright.sync_api as playwright_api
import pytest
from browser_support import CHART_PAGES, FIXTURE, SIZES, OfflineGuard, goto, streamlit_server, url, wait_for_app
from PIL import Image

expect = playwright_api.expect
pytestmark = [pytest.mark.browser]

# WCAG's relative luminance and contrast ratio of two CSS colours ('rgb(11, 61, 145)').
CONTRAST_JS = """([a, b]) => {
  const lum = c => { const [r, g, bl] = c.match(/\\d+/g).slice(0, 3).map(Number).map(v => {
    v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl; };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}"""


def contrast(page, a: str, b: str) -> float:
    return page.evaluate(CONTRAST_JS, [a, b])


def style(locator, *props: str) -> dict:
    return locator.evaluate("(el, props) => { const s = getComputedStyle(el); return Object.fromEntries(props.map(p => [p, s[p]])); }",
                            list(props))


@pytest.fixture
def projector(context):
    page = context.new_page()
    page.set_viewport_size(SIZES["projector"])
    return page


def test_a_card_s_link_lands_on_its_quote(projector, server):
    """'See in the source text' from a card opens the document with that figure's quote at the top, in view and
    marked, at a projector's 1280x720: the reader checks it without looking for it."""
    goto(projector, url(server, "personnel", lang="vi"))
    card = projector.locator(".st-key-card-severance-cases")
    card.get_by_role("link", name="Xem trong văn bản nguồn").click()
    expect(projector).to_have_url(re.compile(r"/sources\?.*metric=severance-cases"))
    wait_for_app(projector)
    mark = projector.locator(".st-key-quote-focus mark.sel")
    expect(mark).to_have_text("giải quyết dứt điểm chế độ thôi việc cho 5.448 trường hợp")
    expect(mark).to_be_in_viewport()
    # The same quote is marked in the full text below, and no other figure's quote is marked as selected.
    assert projector.locator(".doc:not(.focus) mark.sel").all_inner_texts() == ["giải quyết dứt điểm chế độ thôi việc cho 5.448 trường hợp"]


def test_quote_marks_stay_visible_on_a_projector(projector, server):
    goto(projector, url(server, "sources", lang="vi", source="so-noi-vu-2026-01-05", metric="severance-cases"))
    selected = style(projector.locator(".doc:not(.focus) mark.sel").first, "backgroundColor", "color")
    assert contrast(projector, selected["backgroundColor"], selected["color"]) >= 7, selected
    assert contrast(projector, selected["backgroundColor"], "rgb(255, 255, 255)") >= 7, selected  # a block, not a tint
    for shade in ("q0", "q1"):
        other = style(projector.locator(f".doc:not(.focus) mark.{shade}").first, "backgroundColor", "color", "borderBottomWidth",
                      "borderBottomColor")
        assert contrast(projector, other["backgroundColor"], other["color"]) >= 7, other
        # Whatever a projector does to pale colours, each quote keeps a dark underline.
        assert float(other["borderBottomWidth"].rstrip("px")) >= 3
        assert contrast(projector, other["borderBottomColor"], "rgb(255, 255, 255)") >= 4.5, other
    # The scraper's header line is in the file (the quote check reads it) but not shown as the document's text.
    assert "date 2026-01-05" not in projector.locator(".doc").first.inner_text()


@pytest.mark.parametrize("name", ["overview", "apparatus", "personnel", "direction", "economy", "recognition", "plan"])
def test_the_first_screen_of_a_projector_holds_the_main_figure(projector, server, name):
    """At 1280x720 the page's leading figure (and its chart, where it draws one) is on the first screen, the sidebar
    leaves the figures most of the width, and captions are 15 px near-black, not 14 px light grey."""
    goto(projector, url(server, name, lang="vi"))
    first = projector.locator("[class*='st-key-card-'] h3").first
    assert float(style(first, "fontSize")["fontSize"].rstrip("px")) >= 32
    if name in CHART_PAGES:  # the chart is the page's main figure: it comes first, and most of it is in view
        chart = projector.locator("[data-testid=stPlotlyChart]").first
        chart.locator(".main-svg").first.wait_for(state="visible")
        top = chart.bounding_box()
        assert top and top["y"] < 720 - 250, (name, top)
    else:
        box = first.bounding_box()
        assert box and box["y"] + box["height"] <= 720, (name, box)
    sidebar = projector.locator("[data-testid=stSidebar]").bounding_box()
    assert sidebar["width"] <= 240, sidebar
    caption = style(projector.locator("[data-testid=stCaptionContainer]").first, "fontSize", "color")
    assert float(caption["fontSize"].rstrip("px")) >= 15 and contrast(projector, caption["color"], "rgb(255, 255, 255)") >= 10, caption


@pytest.mark.parametrize("name", ["overview", "personnel", "recognition", "sources", "data"])
def test_pages_fit_a_phone(context, server, name):
    """At 390x844 nothing is wider than the screen: no sideways scrolling, charts and their titles inside the width,
    bar labels not cut."""
    page = context.new_page()
    page.set_viewport_size(SIZES["phone"])
    goto(page, url(server, name, lang="vi"))
    overflow = page.evaluate("""() => [...document.querySelectorAll('[data-testid=stMain] *')]
        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && getComputedStyle(e).overflow === 'visible'
                && !e.closest('[data-testid=stDataFrame]'))
        .map(e => e.tagName + '.' + (e.className.baseVal ?? e.className)).slice(0, 5)""")
    assert overflow == [], overflow
    for chart in page.locator("[data-testid=stPlotlyChart]").all():
        chart.locator(".main-svg").first.wait_for(state="visible")
        svg = chart.locator(".main-svg").first.bounding_box()
        assert svg["x"] >= 0 and svg["x"] + svg["width"] <= 390, svg
        # Every label drawn in the chart lies inside the drawing (none cut at its edge).
        labels = chart.locator("text").evaluate_all("""els => els.filter(e => e.textContent.trim()).map(e => {
            const r = e.getBoundingClientRect(); return [r.left, r.right, e.textContent]; })""")
        assert all(left >= svg["x"] - 1 and right <= svg["x"] + svg["width"] + 1 for left, right, _ in labels), labels


def test_a_chart_image_carries_its_title_and_source(context, server):
    """No Plotly modebar (its zoom moved charts by accident, its PNG lacked title and source); the page's own button
    downloads the chart at slide size with its title and source drawn in."""
    page = context.new_page()
    goto(page, url(server, "recognition", lang="vi"))
    chart = page.locator("[data-testid=stPlotlyChart]").first
    chart.locator(".main-svg").first.wait_for(state="visible")
    chart.hover()
    assert page.locator(".modebar").count() == 0
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="Tải ảnh biểu đồ (PNG)").click()
    raw = open(info.value.path(), "rb").read()
    image = Image.open(io.BytesIO(raw))
    assert image.format == "PNG" and image.size == (1600, 900)
    # Title at the top, source line at the foot: dark pixels in both bands of a white image.
    grey = image.convert("L")
    top, foot = grey.crop((0, 0, 1600, 80)), grey.crop((0, 820, 1600, 900))
    assert top.getextrema()[0] < 100 and foot.getextrema()[0] < 150


def test_data_text_is_never_a_link(browser, tmp_path):
    """A figure named with a URL, an address or an e-mail shows those characters as text on every card: nothing a
    data file says becomes a link."""
    root = tmp_path / "data"
    shutil.copytree(FIXTURE, root)
    path = root / "metrics" / "van-phong-ubnd-tinh-2026-02-27.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "en: Conclusion notices issued}", "en: 'Notices, see https://evil.example/x or www.evil.example, ask a@evil.example'}"),
        encoding="utf-8")
    with streamlit_server(str(root)) as base:
        ctx = browser.new_context(viewport=SIZES["desktop"])
        OfflineGuard().install(ctx)
        try:
            page = ctx.new_page()
            goto(page, url(base, "direction", lang="en"))
            card = page.locator(".st-key-card-conclusion-notices")
            expect(card).to_contain_text("https:")
            assert "evil.example" in card.inner_text().replace("\u2060", "")
            hrefs = page.locator("[data-testid=stMain] a").evaluate_all("els => els.map(e => e.href)")
            assert not [h for h in hrefs if "evil" in h], hrefs
        finally:
            ctx.close()
