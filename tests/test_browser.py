"""The dashboard as a reader uses it: a real `streamlit run` server driven by Debian Chromium through Playwright.

AppTest (tests/test_pages.py) runs the scripts but no JavaScript; these tests check what only a browser shows:
charts drawn, widgets clicked, the URL written and reopened, files downloaded, anchors scrolled to, highlights
coloured, and no request leaving the machine. One server and one browser for the session, a new context per test.
Screenshots of every page in both languages at three sizes (1920x1080, a 1280x720 projector, a 390x844 phone) go to
artifacts/screenshots/<page>-<lang>-<size>.png. Layout, marks and sizes are checked in tests/test_browser_layout.py.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path

import openpyxl
import playwright.sync_api as playwright_api
import pytest
from browser_support import (
    CHART_PAGES,
    FIXTURE,
    FOREIGN,
    HEADINGS,
    LANGS,
    MENU,
    PAGES,
    SHOTS,
    SIZES,
    VIEWPORT,
    OfflineGuard,
    goto,
    heading,
    main_text,
    menu_labels,
    params,
    streamlit_server,
    url,
    wait_for_app,
)

expect = playwright_api.expect

# Never skipped: `make test` installs a browser, and a browser test that cannot run must fail, not vanish.
pytestmark = [pytest.mark.browser]

# --- 1 and 6: every page renders, draws its charts, and is photographed ----------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", PAGES)
def test_page_renders_and_is_screenshotted(context, server, name, lang):
    """Every page in both languages: no error, heading and menu in the language, no words of the other language,
    charts drawn; photographed at the three sizes a reader uses (desktop, projector, phone)."""
    page = context.new_page()
    SHOTS.mkdir(parents=True, exist_ok=True)
    for size, viewport in SIZES.items():
        page.set_viewport_size(viewport)
        goto(page, url(server, name, lang=lang))
        if name in CHART_PAGES:
            # Plotly draws after the script has finished: wait for its SVG rather than sleeping. A page without
            # a chart is left to the assertions below, which say what is missing.
            with contextlib.suppress(playwright_api.TimeoutError):
                page.locator("[data-testid=stPlotlyChart] .main-svg").first.wait_for(state="visible", timeout=10_000)
        # Before the assertions, so a failing page still leaves a picture to look at.
        page.screenshot(path=str(SHOTS / f"{name}-{lang}-{size}.png"))

    exceptions = page.locator("[data-testid=stException]")
    assert exceptions.count() == 0, exceptions.all_inner_texts()
    assert heading(page) == HEADINGS[lang][name]
    assert menu_labels(page) == [MENU[p][LANGS.index(lang)] for p in PAGES]
    text = main_text(page)
    assert not [w for w in FOREIGN[lang] if w in text], f"{name}/{lang}: words of the other language"
    charts = page.locator("[data-testid=stPlotlyChart]")
    assert (charts.count() > 0) == (name in CHART_PAGES), f"{name}/{lang}: {charts.count()} charts"
    for i in range(charts.count()):
        chart = charts.nth(i)
        assert chart.locator(".main-svg").count() > 0, f"{name}/{lang}: chart {i} has no SVG"
        assert chart.locator("g.point path, .bars path").count() > 0, f"{name}/{lang}: chart {i} drew no bars"
    png = (SHOTS / f"{name}-{lang}-phone.png").read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 10_000


def test_no_request_leaves_the_machine(page, server, guard):
    """The dashboard runs on a closed network: no page may load anything from outside (fonts, icons, scripts).
    Every page is visited through the menu (a fast client-side switch) in Vietnamese; the language only changes
    text, so English is checked by switching the language once and reloading the overview."""
    goto(page, url(server, "overview", lang="vi"))
    for name in PAGES[1:]:
        page.locator("[data-testid=stSidebarNavLink]", has_text=MENU[name][0]).first.click()
        expect(page).to_have_url(re.compile(rf"/{name}\?"))
        wait_for_app(page)
    page.locator("[data-testid=stSidebar]").get_by_role("radio", name="English").click()
    expect(page).to_have_url(re.compile(r"[?&]lang=en(&|$)"))
    wait_for_app(page)
    goto(page, url(server, "overview", lang="en"))
    assert guard.blocked == [], f"requests off this machine: {sorted(set(guard.blocked))}"


# --- 2: the language toggle -------------------------------------------------------------------------------------


def test_language_toggle_changes_menu_numbers_and_url(page, server):
    goto(page, url(server, "overview", lang="vi"))
    text = main_text(page)
    assert menu_labels(page)[0] == "Tổng quan"
    assert "giảm 65,2%" in text and "5.448 trường hợp" in text

    page.locator("[data-testid=stSidebar]").get_by_role("radio", name="English").click()
    # The rerun starts after the click returns: wait for its visible result, then for the app to settle.
    expect(page.locator("[data-testid=stSidebarNavLink] [data-testid=stMarkdownContainer]").first).to_have_text("Overview")
    wait_for_app(page)

    text = main_text(page)
    assert heading(page) == "Phú Thọ administrative reform"
    assert "down 65.2%" in text and "5,448 cases" in text
    assert "giảm 65,2%" not in text and "5.448 trường hợp" not in text
    expect(page).to_have_url(re.compile(r"[?&]lang=en(&|$)"))


# --- 3: a copied URL restores the view; the view survives a page change -----------------------------------------


def table_names(page):
    """The figure column of the data page's grid: the grid is a canvas, but Glide keeps an accessible table behind it
    (filled a moment after the script ends, hence a locator for expect() to retry on)."""
    return page.locator("[data-testid=stDataFrame] table td[aria-colindex='1']")


def test_copied_url_restores_view(browser, page, server):
    goto(page, url(server, "data", lang="en"))
    sidebar = page.locator("[data-testid=stSidebar]")
    sidebar.get_by_role("combobox", name="Year").click()
    page.get_by_role("option", name="2026", exact=True).click()
    expect(page).to_have_url(re.compile(r"[?&]period=2026(&|$)"))
    wait_for_app(page)
    expect(page.locator("[data-testid=stMain]")).to_contain_text("2 rows")
    copied = page.url

    # A colleague opens the link: a new context shares no cookies, storage or Streamlit session.
    other = browser.new_context(viewport=VIEWPORT)
    OfflineGuard().install(other)
    try:
        fresh = other.new_page()
        goto(fresh, copied)
        assert heading(fresh) == "Data"
        assert menu_labels(fresh)[0] == "Overview"
        expect(fresh.locator("[data-testid=stSidebar]").get_by_role("combobox", name="Year")).to_have_value("2026")
        expect(table_names(fresh)).to_have_text(["Key tasks for 2026 of the Department of Home Affairs",
                                                 "Years for the provincial government apparatus to meet the common standard"])
        assert params(fresh)["lang"] == "en" and params(fresh)["period"] == "2026"

        # Changing page through the menu keeps the view: Streamlit alone would drop the query parameters.
        fresh.locator("[data-testid=stSidebarNavLink]", has_text="Personnel").click()
        expect(fresh).to_have_url(re.compile(r"/personnel\?"))
        wait_for_app(fresh)
        assert heading(fresh) == "Personnel"
        assert params(fresh).get("lang") == "en" and params(fresh).get("period") == "2026", fresh.url
        expect(fresh.locator("[data-testid=stSidebar]").get_by_role("combobox", name="Year")).to_have_value("2026")
    finally:
        other.close()


# --- 4: downloads -----------------------------------------------------------------------------------------------


# Counts the script runs that start from now on: a download must not start one.
COUNT_RUNS_JS = """() => {
  window.__runs = 0;
  new MutationObserver(changes => {
    for (const c of changes) if (c.target.dataset.testScriptState !== 'notRunning') window.__runs++;
  }).observe(document.querySelector('[data-testid=stApp]'), {attributes: true, attributeFilter: ['data-test-script-state']});
}"""


def download(page, label: str) -> tuple[str, bytes]:
    page.evaluate(COUNT_RUNS_JS)
    with page.expect_download() as info:
        page.get_by_role("button", name=label, exact=True).click()
    d = info.value
    # A download changes nothing on the page, so it must not rerun it: the rerun would redraw a grid of up to
    # 200,000 rows for nothing, and a second button clicked during it would be lost.
    page.wait_for_timeout(300)
    assert page.evaluate("() => window.__runs") == 0, f"the {label} button reran the page"
    return d.suggested_filename, Path(d.path()).read_bytes()


def test_downloads_carry_the_figures(page, server):
    goto(page, url(server, "data", lang="vi"))

    name, raw = download(page, "Tải CSV")
    assert name.endswith(".csv")
    assert raw.startswith(b"\xef\xbb\xbf"), "no UTF-8 BOM: Excel would garble the diacritics"
    text = raw.decode("utf-8-sig")
    # A clerk's table: headers in the reader's language, ';' between cells and ',' as the decimal mark in Vietnamese.
    assert text.splitlines()[0].startswith("Chỉ tiêu;Giá trị;Số;")
    assert "điều động, biệt phái 651 cán bộ về xã (đạt 162% kế hoạch)" in text and "staff-seconded-to-communes" in text

    name, raw = download(page, "Tải XLSX")
    assert name.endswith(".xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(raw), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Chỉ tiêu"
    assert "điều động, biệt phái 651 cán bộ về xã (đạt 162% kế hoạch)" in {c for r in rows for c in r}

    name, raw = download(page, "Tải JSON")
    assert name.endswith(".json")
    records = json.loads(raw.decode("utf-8"))["metrics"]
    by_id = {r["id"]: r for r in records}
    assert by_id["severance-funding-per-case"]["derived"] is True
    assert by_id["staff-seconded-to-communes"]["quote"] == "điều động, biệt phái 651 cán bộ về xã (đạt 162% kế hoạch)"
    # The file is the view the reader chose: the default year, 2025.
    assert {r["period"] for r in records} == {2025}


# --- a deep link as the first request of a fresh server -----------------------------------------------------------


def test_a_deep_link_on_a_fresh_server_shows_the_shell(browser):
    """Each page's link opened as the very first request of a newly started server shows the sidebar (the shell ran)
    and the page's own heading. With a pages/ folder next to app.py, Streamlit would run the page script alone."""
    with contextlib.ExitStack() as stack:
        bases = {name: stack.enter_context(streamlit_server(str(FIXTURE))) for name in PAGES}
        ctx = browser.new_context(viewport=VIEWPORT)
        OfflineGuard().install(ctx)
        try:
            for name, base in bases.items():
                page = ctx.new_page()
                goto(page, url(base, name, lang="en"))
                assert page.locator("[data-testid=stException]").count() == 0, name
                assert heading(page) == HEADINGS["en"][name], name
                assert menu_labels(page) == [MENU[p][1] for p in PAGES], name
                page.close()
        finally:
            ctx.close()


def test_sessions_arriving_together_at_a_cold_server_see_no_error(browser):
    """Six sessions open the dashboard at once on a freshly started server (the first load and every chart still to
    build), then each switches page: every page is drawn, with no error box. bench/crowd.py measures twenty."""
    with streamlit_server(str(FIXTURE)) as base:
        contexts = [browser.new_context(viewport={"width": 1280, "height": 720}) for _ in range(6)]
        try:
            pages = []
            for i, ctx in enumerate(contexts):
                OfflineGuard().install(ctx)
                page = ctx.new_page()
                page.goto(url(base, PAGES[1 + i % 5], lang=LANGS[i % 2]), wait_until="commit")
                pages.append(page)
            for i, page in enumerate(pages):
                wait_for_app(page, timeout=120_000)
                page.locator("[data-testid=stSidebarNavLink]", has_text=MENU["overview"][i % 2]).first.click()
            for i, page in enumerate(pages):
                expect(page).to_have_url(re.compile(r"/\?"), timeout=60_000)
                wait_for_app(page, timeout=120_000)
                assert page.locator("[data-testid=stException]").count() == 0, page.locator("[data-testid=stException]").all_inner_texts()
                assert heading(page) == HEADINGS[LANGS[i % 2]]["overview"]
        finally:
            for ctx in contexts:
                ctx.close()
