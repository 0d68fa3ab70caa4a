"""The page "Nhập số liệu" / "Add figures" in Chromium, as a maintainer uses it: paste a report, see its figures
marked (the report's own markup shown, never run), type the English names into the grid, download the files and
save them; the saved file validates and the dashboard shows its figures. Photographed in both languages."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import playwright.sync_api as playwright_api
import pytest
from browser_support import SHOTS, SIZES, goto, streamlit_server, url, wait_for_app
from conftest import FIXTURE, REPO

expect = playwright_api.expect
pytestmark = [pytest.mark.browser]

# One figure to name in the grid (several rows are edited by tests/test_extract_page.py), a date, a resolution's number,
# and markup that must never run.
REPORT = ("Năm 2025, Sở Nội vụ đã tiếp nhận 12.450 hồ sơ. Ngày 5/1, Sở tổ chức hội nghị theo Nghị quyết 57 "
          "<img src=x onerror=alert(1)> <script>alert(2)</script>.")
WORDS = {"vi": {"found": "Đã đọc: 3 chỉ tiêu đề xuất", "ready": "1 chỉ tiêu hợp lệ", "saved": "Đã lưu", "save": "Lưu vào dữ liệu", "valid": "Hợp lệ"},
         "en": {"found": "Read: 3 figures proposed", "ready": "1 figure valid", "saved": "Saved", "save": "Save to the data", "valid": "Valid"}}


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("extract") / "data"
    shutil.copytree(FIXTURE, root)
    return root


@pytest.fixture(scope="module")
def base(data) -> str:
    with streamlit_server(str(data)) as b:
        yield b


def paste(page, text: str) -> None:
    box = page.locator("[data-testid=stTextArea] textarea")
    box.fill(text)
    box.press("Control+Enter")
    wait_for_app(page)
    page.locator("[data-testid=stMain] h1").first.click()  # leave the text box: its blur must not rerun under the grid
    wait_for_app(page)


# The review grid's first columns have fixed widths (ui/extract_table.py: '#' and 'accept' small, the Vietnamese name
# medium: 75 + 75 + 200 px), so the English name's cells start 350 px in; rows are 35 px high under a 35 px header.
NAME_EN_X, ROW_Y = 350 + 100, 35


def type_names(page, names: list[str], valid: str) -> None:
    """Type into the grid's 'name (English)' column row by row, as a reader does: a double click opens the cell's
    editor; Enter commits and the page reruns, settled when the table of checks calls the row valid."""
    for row, name in enumerate(names):
        for attempt in range(3):  # a click that lands while the page reruns is lost, as for a person: do it again
            grid = page.locator("[data-testid=stDataFrame]").nth(1)  # after the (folded) table of skipped numbers
            grid.scroll_into_view_if_needed()
            wait_for_app(page)
            box = grid.bounding_box()
            page.mouse.dblclick(box["x"] + NAME_EN_X, box["y"] + ROW_Y + ROW_Y // 2 + ROW_Y * row)
            editor = page.locator("textarea.gdg-input")
            try:
                editor.wait_for(state="visible", timeout=5_000)
                editor.fill(name)
                editor.press("Enter")
                page.wait_for_function("([word, n]) => (document.querySelectorAll('[data-testid=stDataFrame]')[2]?.textContent || '')"
                                       ".split(word).length - 1 >= n", arg=[valid, row + 1], timeout=10_000)
                break
            except playwright_api.TimeoutError:
                assert attempt < 2, f"the edit of row {row + 1} never reached the page"
        wait_for_app(page)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_paste_name_download_and_save(browser, base, data, lang, tmp_path):
    w = WORDS[lang]
    ctx = browser.new_context(viewport=SIZES["desktop"], accept_downloads=True)
    dialogs: list[str] = []
    try:
        page = ctx.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        goto(page, url(base, "extract", lang=lang))
        paste(page, REPORT)
        expect(page.locator("[data-testid=stMain]")).to_contain_text(w["found"])
        marks = page.locator(".x-text mark.x-figure")
        expect(marks).to_have_count(3)
        assert marks.first.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(255, 230, 128)"
        assert page.locator(".x-text .x-skipped").first.get_attribute("title")
        assert "<script>alert(32)</script>" in page.locator(".x-text").inner_text()  # shown as written (32: the mark of row 3)
        type_names(page, ["Records received"], w["valid"])
        expect(page.locator("[data-testid=stMain]")).to_contain_text(w["ready"])
        page.screenshot(path=str(SHOTS / f"extract-{lang}-desktop.png"), full_page=True)

        with page.expect_download() as download:
            page.locator(".st-key-extract-zip button").click()
        bundle = zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes()))
        names = sorted(bundle.namelist())
        assert len(names) == 2 and names[0].startswith("metrics/") and names[1].startswith("sources/")
        check = tmp_path / "data"
        shutil.copytree(FIXTURE, check)
        bundle.extractall(check)
        done = subprocess.run([sys.executable, "-m", "metrics", "--data-root", str(check), "check"], cwd=REPO, capture_output=True,
                              text=True, timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr

        page.get_by_role("button", name=w["save"]).click()
        wait_for_app(page)
        expect(page.locator("[data-testid=stMain]")).to_contain_text(w["saved"])
        assert (data / names[0]).exists() and (data / names[1]).exists()
        goto(page, url(base, "data", lang=lang, period="2025"))
        # The new figure, named in the page's language.
        expect(page.locator("[data-testid=stDataFrame]").first).to_contain_text("Records received" if lang == "en" else "đã tiếp nhận hồ sơ")
        assert dialogs == []  # the report's <script> and onerror never ran
    finally:
        ctx.close()
        for f in [*(data / "metrics").glob("tinh-phu-tho-*.yaml"), *(data / "sources").glob("tinh-phu-tho-*.txt")]:
            f.unlink()  # both files: an existing one rightly keeps "Save" disabled until overwriting is ticked


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_page_reads_on_a_phone(browser, base, lang):
    ctx = browser.new_context(viewport=SIZES["phone"], is_mobile=True, has_touch=True)
    try:
        page = ctx.new_page()
        goto(page, url(base, "extract", lang=lang))
        paste(page, REPORT)
        expect(page.locator(".x-text mark.x-figure")).to_have_count(3)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= SIZES["phone"]["width"] + 1  # the page does not scroll sideways; the grid scrolls inside itself
        page.screenshot(path=str(SHOTS / f"extract-{lang}-phone.png"), full_page=True)
    finally:
        ctx.close()
