"""The frozen, dated copy of the dashboard (python -m metrics snapshot): every page in both languages, the figures
formatted as the app formats them, charts as inline SVG with their sources, links that resolve inside the site,
nothing that runs or fetches, a label never written twice unasked; and the live app's link to it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html
import pytest
from conftest import FIXTURE, REPO

from metrics.charts.image import stop
from metrics.dataset import load_dataset
from metrics.snapshot import fingerprint, latest, write
from metrics.snapshot.html import UnsafeSvg, inline_svg
from metrics.snapshot.site import Exists, snapshots

LABEL = "2026-01-05"
THEMES = ("apparatus", "personnel", "direction", "economy", "recognition", "plan")
SOURCES = ("so-noi-vu-2026-01-05", "van-phong-ubnd-tinh-2026-02-27")
PAGES = ("overview", *THEMES, "tasks", "sources", "data", *(f"sources/{s}" for s in SOURCES))
# What a reader of each language sees, as the sources state it and the app writes it.
SEEN = {"vi": {"personnel": ["651 cán bộ", "5.448 trường hợp", "5.535 tỷ đồng", "thứ nhất"], "economy": ["10,52%"],
               "apparatus": ["giảm 65,2%", "xóa bỏ hoàn toàn"], "frozen": "Bản lưu ngày 05/01/2026", "source": "Nguồn"},
        "en": {"personnel": ["651 officials", "5,448 cases", "5,535 billion VND", "1st"], "economy": ["10.52%"],
               "apparatus": ["down 65.2%", "abolished entirely"], "frozen": "Frozen copy of 5 Jan 2026", "source": "Source"}}
PHONE_BUDGET = 150 * 1024  # a page and its stylesheet, over a hall's Wi-Fi


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("snap") / "data"
    shutil.copytree(FIXTURE, root)
    # A name holding markup: the copy shows it as text.
    metric = root / "metrics" / "so-noi-vu-2026-01-05.yaml"
    metric.write_text(metric.read_text(encoding="utf-8").replace("en: Officials transferred or seconded to communes",
                                                                "en: \"Officials <script>alert(1)</script> seconded\"", 1), encoding="utf-8")
    out = root.parent / "site"
    try:
        write(load_dataset(root), out, LABEL, live="https://dashboard.example.vn")
    finally:
        stop()
    return out


def read(site: Path, lang: str, page: str):
    return lxml.html.fromstring((site / LABEL / lang / f"{page}.html").read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_page_in_both_languages_with_its_figures_and_the_frozen_notice(site, lang):
    seen = SEEN[lang]
    snap = latest(site)
    for page in PAGES:
        doc = read(site, lang, page)
        assert doc.get("lang") == lang and doc.findtext(".//h1").strip()
        notice = doc.find_class("frozen")[0].text_content()
        assert seen["frozen"] in notice and snap.fingerprint in notice  # dated, frozen, and of which data
        assert not doc.xpath("//script") and not doc.xpath("//@*[starts-with(name(), 'on')]")
    for page in ("personnel", "economy", "apparatus"):
        values = [e.text_content() for e in read(site, lang, page).find_class("value")]
        for expected in seen[page]:
            assert expected in values, (page, expected, values)
    other = "en" if lang == "vi" else "vi"
    switch = read(site, lang, "personnel").xpath(f"//header//a[@lang='{other}']/@href")
    assert switch == [f"../{other}/personnel.html"]  # the same page in the other language


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_charts_are_inline_svg_with_their_source_line(site, lang):
    doc = read(site, lang, "recognition")
    chart = doc.find_class("chart")[0]
    svgs = chart.xpath(".//*[local-name()='svg']")
    assert len(svgs) == 2 and all(s.get("viewbox") and s.get("role") == "img" for s in svgs)  # a phone's and a wide one
    assert chart.find(".//figcaption").text_content().startswith(SEEN[lang]["source"])
    assert chart.xpath(".//table//td")  # the data behind it


@pytest.mark.parametrize(("lang", "unclear"), [("vi", "chưa rõ"), ("en", "not yet clear")])
def test_the_task_register_as_it_stood_that_day(site, lang, unclear):
    doc = read(site, lang, "tasks")
    assert len(doc.find_class("unclear")) == 18 * 6 - 25 and len(doc.find_class("clear")) == 25  # as the app counts them
    assert all(unclear in e.text_content() for e in doc.find_class("unclear"))
    stated = " ".join(e.text_content() for e in doc.find_class("clear"))
    assert "«sau 5 năm nữa»" in stated  # the source's own words
    link = doc.get_element_by_id("task-office-2026-six-clear-assignment").xpath(".//a/@href")[-1]
    assert link == "sources/van-phong-ubnd-tinh-2026-02-27.html#m-task:office-2026-six-clear-assignment"


def test_markup_in_the_data_is_shown_as_text(site):
    text = (site / LABEL / "en" / "personnel.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text and "<script" not in text


def test_every_link_resolves_inside_the_site(site):
    pages = [*sorted((site / LABEL).rglob("*.html")), site / "index.html"]
    checked = 0
    for path in pages:
        doc = lxml.html.fromstring(path.read_text(encoding="utf-8"))
        for href in doc.xpath("//a/@href"):
            parts = urlsplit(href)
            if parts.scheme or href.startswith("/"):
                assert href.startswith("https://dashboard.example.vn"), (path, href)  # only the live view leaves the site
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            assert target.is_file() and target.is_relative_to(site.resolve()), (path, href)
            if parts.fragment and target.suffix == ".html":
                assert lxml.html.fromstring(target.read_text(encoding="utf-8")).xpath("//*[@id=$i]", i=unquote(parts.fragment)), (path, href)
            checked += 1
    assert checked > 200


def test_a_card_links_to_its_quote_and_the_live_view_keeps_the_page(site):
    doc = read(site, "vi", "personnel")
    card = doc.get_element_by_id("card-severance-cases")
    assert card.xpath(".//a/@href")[-1] == "sources/so-noi-vu-2026-01-05.html#m-severance-cases"
    assert doc.find_class("live")[0].get("href") == "https://dashboard.example.vn/personnel?lang=vi&period=2025"


def test_the_data_files_hold_every_figure(site):
    data = json.loads((site / LABEL / "data" / "figures.json").read_text(encoding="utf-8"))
    ds = load_dataset(FIXTURE)
    assert len(data["metrics"]) == len(ds.frame)
    csv = (site / LABEL / "data" / "vi" / "chi-tieu-cai-cach-phu-tho.csv").read_bytes()
    assert csv.startswith(b"\xef\xbb\xbf") and "5.448 trường hợp".encode() in csv


def test_a_phone_page_weighs_under_the_budget(site):
    css = (site / LABEL / "style.css").stat().st_size
    heaviest = max(p.stat().st_size for p in (site / LABEL).glob("*/*.html"))
    assert heaviest + css < PHONE_BUDGET


def test_the_manifest_names_every_file_and_the_index_lists_the_copy(site):
    snap = snapshots(site)[0]
    assert snap.label == LABEL and "vi/overview.html" in snap.files and "en/data.html" in snap.files
    assert set(snap.files) == {str(p.relative_to(site / LABEL)) for p in (site / LABEL).rglob("*") if p.is_file()} - {"manifest.json"}
    index = (site / "index.html").read_text(encoding="utf-8")
    assert f'href="{LABEL}/vi/overview.html"' in index and f'href="{LABEL}/en/overview.html"' in index


def test_a_label_is_never_written_twice_unless_forced(site, tmp_path):
    ds = load_dataset(FIXTURE)
    before = (site / LABEL / "manifest.json").read_text(encoding="utf-8")
    with pytest.raises(Exists):
        write(ds, site, LABEL)
    assert (site / LABEL / "manifest.json").read_text(encoding="utf-8") == before  # untouched
    with pytest.raises(ValueError, match="a date YYYY-MM-DD"):
        write(ds, tmp_path, "../outside")
    assert not list(tmp_path.iterdir())


def test_the_command_line_writes_a_copy_refuses_a_second_and_replaces_it_when_forced(tmp_path):
    cmd = [sys.executable, "-m", "metrics", "--data-root", str(FIXTURE), "snapshot", "-o", str(tmp_path), "--label", "2026-02-27-hoi-nghi"]
    first = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    created = json.loads((tmp_path / "2026-02-27-hoi-nghi" / "manifest.json").read_text(encoding="utf-8"))["created"]
    again = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=300)
    assert again.returncode == 1 and "never changes once written" in again.stderr
    forced = subprocess.run([*cmd, "--force"], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert forced.returncode == 0, forced.stderr
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no half-written folder left behind
    assert json.loads((tmp_path / "snapshots.json").read_text(encoding="utf-8"))["snapshots"][0]["created"] >= created


def test_the_fingerprint_follows_any_data_file(tmp_path):
    root = tmp_path / "data"
    shutil.copytree(FIXTURE, root)
    before = fingerprint(root)
    assert fingerprint(root) == before
    text = root / "sources" / "so-noi-vu-2026-01-05.txt"
    text.write_text(text.read_text(encoding="utf-8") + " ", encoding="utf-8")
    assert fingerprint(root) != before


@pytest.mark.parametrize("svg", ['<svg viewBox="0 0 1 1"><script>alert(1)</script></svg>',
                                 '<svg viewBox="0 0 1 1"><rect onload="alert(1)"/></svg>',
                                 '<svg viewBox="0 0 1 1"><image href="http://example.com/x.png"/></svg>',
                                 '<svg viewBox="0 0 1 1"><rect style="fill: url(http://example.com/x)"/></svg>', "<p>not svg</p>"])
def test_a_chart_svg_that_could_run_or_fetch_is_refused(svg):
    with pytest.raises(UnsafeSvg):
        inline_svg(svg, "chart")
    assert 'clip-path="url(#c1)"' in inline_svg('<svg width="9" viewBox="0 0 9 9"><g clip-path="url(#c1)"/></svg>', "ok")


def _app(monkeypatch, site: Path, data: Path, page: str, lang: str, **params):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("DASHBOARD_DATA", str(data))
    monkeypatch.setenv("DASHBOARD_SNAPSHOTS", str(site))
    monkeypatch.setenv("DASHBOARD_SNAPSHOT_URL", "/snapshot/")
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.query_params.update({"lang": lang, **params})
    at.run()
    at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_live_app_links_each_view_to_the_frozen_copy_and_the_qr_code_prefers_it(site, monkeypatch):
    at = _app(monkeypatch, site, site.parent / "data", "personnel", "vi", metric="severance-cases")
    link = [b.proto for b in at.get("link_button")]
    assert [(b.label, b.url) for b in link] == [("Bản lưu ngày 05/01/2026", f"/snapshot/{LABEL}/vi/personnel.html#card-severance-cases")]
    assert at.radio(key="qr-target").value == "snapshot"  # the copy holds the data shown: phones get the static page
    shown = [c.value.replace("\\", "").replace("\u2060", "") for c in at.caption]  # the QR code's address, shown as text
    assert any(f"http://localhost:8501/snapshot/{LABEL}/vi/personnel.html#card-severance-cases" in c for c in shown)


def test_a_copy_of_other_data_is_marked_and_the_qr_code_opens_the_live_view(site, monkeypatch):
    at = _app(monkeypatch, site, FIXTURE, "quality", "en")  # a page the copy does not hold; the fixture differs from the copy's data by one name
    link = [b.proto for b in at.get("link_button")]
    assert [(b.label, b.url) for b in link] == [("Frozen copy of 5 Jan 2026 (the data has changed since)", f"/snapshot/{LABEL}/en/overview.html")]
    assert at.radio(key="qr-target").value == "live"
