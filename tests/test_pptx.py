"""The PowerPoint writer, checked as a person meets its files: each shipped deck in each language converted by
LibreOffice to PDF (one page per slide, the figures in the deck's language, each page's source line, the QR code
scanned back), and read back with python-pptx (native charts with their workbook, the quotes in the speaker
notes, Noto Sans on every run). The PDFs and a PNG of the chart slide are left in artifacts/decks/ to look at."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.dml import MSO_FILL
from pptx.enum.shapes import MSO_SHAPE_TYPE

from metrics import qr
from metrics.cards import Card
from metrics.charts.spec import PALETTE, Chart, NumberFormat, Series
from metrics.dataset import load_dataset
from metrics.decks.kind import DeckFiles
from metrics.decks.pptx import main_deck, write
from metrics.decks.slides import DeckView, SlideView, view
from metrics.i18n import LANGS, t
from metrics.loading.pipeline import load

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"  # the shipped decks and the figures they name
OUT = REPO / "artifacts" / "decks"
BASE = "http://hall.example:8501"
TOOLS = {"soffice": "libreoffice-impress", "pdftotext": "poppler-utils", "pdfinfo": "poppler-utils", "pdftoppm": "poppler-utils",
         "pdffonts": "poppler-utils", "zbarimg": "zbar-tools"}
FONT = "Noto Sans"

# A figure id -> its value as a slide that shows the figure must read, in each language.
EXPECTED = {
    "vi": {"provincial-agencies-cut": "65,2%", "severance-funding": "5.535 tỷ đồng", "severance-cases": "5.448 trường hợp",
           "leadership-meetings": "trên 500 hội nghị, cuộc họp", "economic-growth": "10,52%"},
    "en": {"provincial-agencies-cut": "65.2%", "severance-funding": "5,535 billion VND", "severance-cases": "5,448 cases",
           "leadership-meetings": "more than 500 meetings", "economic-growth": "10.52%"},
}


@dataclass
class Rendered:
    view: DeckView
    url: str
    pptx: Path
    pdf: Path
    pages: list[str]  # pdftotext -layout of each page, whitespace collapsed (a box's wrapped lines read as one text)

    def page(self, s: SlideView) -> str:
        return self.pages[s.number]  # page 0 is the title slide


def flat(text: str) -> str:
    return " ".join(text.split())


def run(*cmd: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=True)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[tuple[str, str], Rendered]:
    """Every shipped deck in every language, written and converted once for the module (one LibreOffice start)."""
    missing = [f"{tool} (Debian package {package})" for tool, package in TOOLS.items() if shutil.which(tool) is None]
    if missing:
        pytest.fail("the PowerPoint tests need " + ", ".join(missing) + " on PATH")
    ds = load_dataset(DATA)
    decks = DeckFiles.decks(load(DATA, DeckFiles(ds.frame, ds.refs.units)).frame)
    assert decks, "no deck in data/decks"
    OUT.mkdir(parents=True, exist_ok=True)
    out: dict[tuple[str, str], Rendered] = {}
    for deck in decks:
        for lang in LANGS:
            url = qr.view_url(BASE, "present", {"deck": deck.id, "slide": 1, "lang": lang})
            v = view(deck, ds.frame, ds.refs, lang, ds.previous)
            path = OUT / f"{deck.id}-{lang}.pptx"
            path.write_bytes(write(v, url))
            path.with_suffix(".pdf").unlink(missing_ok=True)  # never read a PDF of an earlier run
            out[deck.id, lang] = Rendered(v, url, path, path.with_suffix(".pdf"), [])
    profile = tmp_path_factory.mktemp("lo") / "lo"
    run("soffice", "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}", "--convert-to", "pdf", "--outdir", str(OUT),
        *(str(r.pptx) for r in out.values()), timeout=180)
    for key, r in out.items():
        assert r.pdf.exists(), f"LibreOffice wrote no PDF for {key}"
        r.pages = [flat(p) for p in run("pdftotext", "-layout", str(r.pdf), "-").stdout.split("\f")[:-1]]
    return out


def test_one_page_per_slide(rendered):
    for key, r in rendered.items():
        pages = int(re.search(r"^Pages:\s+(\d+)", run("pdfinfo", str(r.pdf)).stdout, re.M).group(1))
        assert pages == len(r.view.slides) + 1 == len(r.pages), f"{key}: {pages} pages for {len(r.view.slides)} slides and a title slide"
        assert flat(r.view.title) in r.pages[0] and r.view.day in r.pages[0], key


def test_each_figure_reads_in_the_decks_language(rendered):
    for lang in LANGS:
        seen = set()
        for (deck, lg), r in rendered.items():
            if lg != lang:
                continue
            for s in r.view.slides:
                for mid in set(s.figure_ids) & set(EXPECTED[lang]):
                    if s.kind in ("figure", "figures", "quote"):
                        assert EXPECTED[lang][mid] in r.page(s), f"{deck} {lang} slide {s.number}: no '{EXPECTED[lang][mid]}' in {r.page(s)!r}"
                        seen.add(mid)
        assert seen == set(EXPECTED[lang]), f"{lang}: no slide shows {set(EXPECTED[lang]) - seen}"


def test_each_content_page_holds_its_source_line(rendered):
    for key, r in rendered.items():
        word = t("source", key[1])
        for s in r.view.slides:
            if s.problem:
                continue
            assert s.sources, f"{key} slide {s.number} has no source"
            for source in s.sources:
                assert flat(source) in r.page(s), f"{key} slide {s.number}: source '{source}' missing from {r.page(s)!r}"
            if s.kind != "closing":
                assert f"{word}:" in r.page(s), key
            assert f"{s.number} / {len(r.view.slides)}" in r.page(s) or f"{s.number}/{len(r.view.slides)}" in r.page(s), key


def test_charts_are_native_and_labelled_in_the_language(rendered):
    for key, r in rendered.items():
        charts = [s for s in r.view.slides if s.chart]
        names = zipfile.ZipFile(r.pptx).namelist()
        assert len([n for n in names if re.fullmatch(r"ppt/charts/chart\d+\.xml", n)]) == len(charts), key
        assert len([n for n in names if n.startswith("ppt/embeddings/") and n.endswith(".xlsx")]) == len(charts), key
        assert [n for n in names if n.startswith("ppt/media/")] == ["ppt/media/image1.png"], f"{key}: the only picture is the QR code"
        slides = Presentation(str(r.pptx)).slides
        for s in r.view.slides:
            shapes = slides[s.number].shapes
            pictures = [x for x in shapes if x.shape_type == MSO_SHAPE_TYPE.PICTURE]
            assert len(pictures) == (1 if s.kind == "closing" else 0), f"{key} slide {s.number}"
            frames = [x for x in shapes if x.has_chart]
            assert len(frames) == (1 if s.chart else 0), f"{key} slide {s.number}"
            if s.chart:
                for spec, series in zip(s.chart.series, frames[0].chart.plots[0].series, strict=True):
                    assert tuple(series.values) == spec.values
                    for i, label in enumerate(spec.labels):
                        if label:
                            assert series.points[i].data_label.text_frame.text == label, f"{key}: label {i} of {spec.name}"
    chart_pages = [r.page(s) for (deck, lang), r in rendered.items() for s in r.view.slides if s.chart and lang == "vi"]
    assert chart_pages and all(re.search(r"\b5\b", p) for p in chart_pages), "the chart's labels are drawn in the PDF"


def test_speaker_notes_hold_the_verbatim_quotes(rendered):
    for key, r in rendered.items():
        slides = Presentation(str(r.pptx)).slides
        for s in r.view.slides:
            notes = slides[s.number].notes_slide.notes_text_frame.text if slides[s.number].has_notes_slide else ""
            for quote in s.notes:
                assert quote in notes, f"{key} slide {s.number}: the quote '{quote[:40]}…' is not in the notes"
        quotes = [s for s in r.view.slides if s.kind == "quote"]
        assert all(flat(s.quote) in r.page(s) for s in quotes), key


def test_the_closing_qr_code_scans_to_the_live_view(rendered, tmp_path):
    for key, r in rendered.items():
        last = len(r.pages)
        png = tmp_path / f"{key[0]}-{key[1]}-closing"
        run("pdftoppm", "-png", "-r", "100", "-f", str(last), "-l", str(last), "-singlefile", str(r.pdf), str(png))
        # zbarimg warns about D-Bus on stderr; the code is on stdout
        scanned = subprocess.run(["zbarimg", "--raw", "-q", f"{png}.png"], capture_output=True, text=True, timeout=60).stdout.strip()
        assert scanned == r.url, f"{key}: the QR code reads {scanned!r}"
        assert r.url in r.pages[-1], f"{key}: the URL is written under the QR code"


def test_every_run_names_noto_sans(rendered):
    for key, r in rendered.items():
        prs = Presentation(str(r.pptx))
        runs = 0
        for slide in prs.slides:
            frames = [x.text_frame for x in slide.shapes if x.has_text_frame]
            frames += [slide.notes_slide.notes_text_frame] if slide.has_notes_slide else []
            for tf in frames:
                for p in tf.paragraphs:
                    for run_ in p.runs:
                        runs += 1
                        assert run_.font.name == FONT, f"{key}: run {run_.text!r} has font {run_.font.name!r}"
            for x in slide.shapes:
                if x.has_chart:
                    assert x.chart.font.name == FONT, key
                    assert f'typeface="{FONT}"' in x.chart.part.blob.decode(), key
        assert runs > 20, key
        fonts = run("pdffonts", str(r.pdf)).stdout
        assert "NotoSans-Regular" in fonts and "NotoSans-Bold" in fonts, f"{key}: LibreOffice did not draw with Noto Sans:\n{fonts}"


def test_a_png_of_the_chart_slide(rendered):
    r = rendered["van-phong-ubnd-tinh-2025", "vi"]
    n = next(s.number for s in r.view.slides if s.chart) + 1
    stem = OUT / "van-phong-ubnd-tinh-2025-vi-chart"
    run("pdftoppm", "-png", "-r", "60", "-f", str(n), "-l", str(n), "-singlefile", str(r.pdf), str(stem))
    png = stem.with_suffix(".png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert r.pdf.exists()


# --- what the shipped decks do not show: every chart kind, a derived series and figure, a rejected figure -----------


def synthetic(lang="vi") -> DeckView:
    ds = load_dataset(DATA)
    deck = DeckFiles.decks(load(DATA, DeckFiles(ds.frame, ds.refs.units)).frame)[0]
    fmt = NumberFormat(1, "%")

    def chart(kind: str, *series: Series) -> Chart:
        return Chart(f"test.{kind}", kind, lang, f"Biểu đồ {kind}", ("Sở Nội vụ", "Văn phòng UBND tỉnh", "Sở Tài chính"), series, fmt,
                     "Nguồn: thử nghiệm", notes=("Số liệu suy ra: 651 ÷ 162%",))
    stated = Series("Đã báo cáo", (65.2, 69.1, 0.0), ("65,2%", "69,1%", ""), 0)
    derived = Series("Kế hoạch (suy ra)", (40.0, 50.5, 10.0), ("40,0%", "50,5%", "10,0%"), 1, derived=True)
    card = Card("staff-seconded-to-communes", "Kế hoạch điều động", "≈ 402 cán bộ", "Nguồn: thử", "điều động 651 cán bộ", "personnel", "s",
                derived=True, formula="651 cán bộ ÷ 162%")
    src = ("Văn bản thử · Sở Nội vụ · 05/01/2026",)
    slides = (SlideView(1, "chart", "Thanh ngang", chart=chart("bar", stated), sources=src, notes=("q1",)),
              SlideView(2, "chart", "Cột", chart=chart("column", stated), sources=src),
              SlideView(3, "chart", "Nhóm", chart=chart("grouped", stated, derived), sources=src),
              SlideView(4, "chart", "Chồng", chart=chart("stacked", stated, derived), sources=src),
              SlideView(5, "figure", "Suy ra", figures=(card,), sources=src, notes=("điều động 651 cán bộ",)),
              SlideView(6, "figure", "Bị loại", problem=t("slide_missing", lang, ids="nope")),
              SlideView(7, "closing", t("closing_thanks", lang), sources=src))
    return DeckView(deck, lang, "Thử", None, "Sở Nội vụ", "05/01/2026", slides)


def test_every_chart_kind_is_a_native_chart_of_its_kind(tmp_path):
    prs = Presentation(io.BytesIO(write(synthetic(), None)))
    kinds = {"bar": XL_CHART_TYPE.BAR_CLUSTERED, "column": XL_CHART_TYPE.COLUMN_CLUSTERED, "grouped": XL_CHART_TYPE.COLUMN_CLUSTERED,
             "stacked": XL_CHART_TYPE.COLUMN_STACKED}
    for slide, kind in zip(list(prs.slides)[1:5], kinds, strict=True):
        chart = next(x for x in slide.shapes if x.has_chart).chart
        assert chart.chart_type == kinds[kind], kind
        for series in chart.plots[0].series:
            fill = series.format.fill
            if series.name.endswith("(suy ra)"):
                assert fill.type == MSO_FILL.PATTERNED and str(fill.fore_color.rgb) == PALETTE[1].lstrip("#"), kind
            else:
                assert fill.type == MSO_FILL.SOLID and str(fill.fore_color.rgb) == PALETTE[0].lstrip("#"), kind
        first = chart.plots[0].series[0]
        assert first.points[0].data_label.text_frame.text == "65,2%"
        assert 'c:delete val="1"' in first._element.xml, "an empty label is hidden, not drawn as the bare value"
        assert chart.has_legend == (kind in ("grouped", "stacked"))
    texts = ["\n".join(x.text_frame.text for x in s.shapes if x.has_text_frame) for s in prs.slides]
    assert "≈ 402 cán bộ" in texts[5] and t("derived", "vi") in texts[5] and "651 cán bộ ÷ 162%" in texts[5]
    assert t("slide_missing", "vi", ids="nope") in texts[6]
    assert "Số liệu suy ra: 651 ÷ 162%" in texts[4], "a chart's derived formulas are in its footer"
    assert not [x for s in prs.slides for x in s.shapes if x.shape_type == MSO_SHAPE_TYPE.PICTURE], "no QR code without an address"
    assert "6 / 7" in texts[6]


# --- the command ---------------------------------------------------------------------------------------------------


def test_the_command_writes_a_deck_with_its_qr_code(tmp_path, capsys):
    out = tmp_path / "deck.pptx"
    rc = main_deck([str(DATA / "decks" / "so-noi-vu-2025.yaml"), "-o", str(out), "--lang", "en", "--url", BASE + "/", "--data-root", str(DATA)])
    assert rc == 0, capsys.readouterr()
    prs = Presentation(str(out))
    closing = "\n".join(x.text_frame.text for x in prs.slides[-1].shapes if x.has_text_frame)
    assert f"{BASE}/present?deck=so-noi-vu-2025&slide=1&lang=en" in closing
    assert "Thank you!" in closing


def test_the_command_warns_when_there_is_no_address(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv(qr.PUBLIC_URL, raising=False)
    out = tmp_path / "deck.pptx"
    assert main_deck([str(DATA / "decks" / "van-phong-ubnd-tinh-2025.yaml"), "-o", str(out), "--data-root", str(DATA)]) == 0
    err = capsys.readouterr().err
    assert "no QR code" in err and "--url" in err and qr.PUBLIC_URL in err
    assert not [x for s in Presentation(str(out)).slides for x in s.shapes if x.shape_type == MSO_SHAPE_TYPE.PICTURE]


def test_the_command_refuses_an_invalid_deck_with_its_problems(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: bad\ntitle: {vi: Thử, en: Test}\ndate: 2026-01-05\npresenter: so-noi-vu\nperiod: 2025\n"
                   "slides:\n  - kind: figure\n    metric: no-such-figure\n", encoding="utf-8")
    out = tmp_path / "bad.pptx"
    assert main_deck([str(bad), "-o", str(out), "--url", BASE, "--data-root", str(DATA)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert any(re.fullmatch(r".*bad\.yaml:8: slides\.0\.metric: unknown figure 'no-such-figure' \(.+\)", x) for x in lines), lines
    assert not out.exists()
