"""The Data page's downloads read as a clerk reads them, in the interface's language, and open as intended in a real
spreadsheet program (LibreOffice Calc, headless)."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from conftest import FIXTURE

from metrics.dataset import load_dataset
from metrics.export import neutralise
from metrics.reader_export import reader_table, to_csv, to_xlsx

HEADERS = {
    "vi": ["Chỉ tiêu", "Giá trị", "Số", "Đơn vị", "Năm", "Lĩnh vực", "Cơ quan", "Số liệu suy ra", "Công thức", "Trích dẫn", "Nguồn",
           "Ngày văn bản", "Mã chỉ tiêu"],
    "en": ["Figure", "Value", "Number", "Unit", "Year", "Theme", "Agency", "Derived figure", "Formula", "Quote", "Source", "Published",
           "Figure id"],
}
NAME, VALUE, NUMBER, UNIT, PERIOD, PUBLISHED, ID = 0, 1, 2, 3, 4, 11, 12
# Columns a spreadsheet must keep as the text we wrote (the value column may hold '100%', which Calc reads as a
# percent, and the published date may be read as a date).
TEXT_COLUMNS = (0, 3, 5, 6, 7, 8, 9, 10, 12)
HOSTILE = '=HYPERLINK("x")'
SEP = {"vi": ";", "en": ","}
# LibreOffice's CSV filter options: separator, text delimiter (34 = '"'), charset (76 = UTF-8), first line, column
# formats (none), and the locale (1066 = vi-VN, 1033 = en-US) that sets the decimal mark it reads.
INFILTER = {"vi": "CSV:59,34,76,1,,1066", "en": "CSV:44,34,76,1,,1033"}
LO_TIMEOUT = 120


@pytest.fixture(scope="module")
def ds():
    return load_dataset(FIXTURE)


@pytest.fixture
def hostile(ds) -> pd.DataFrame:
    """The fixture figures with a formula where the first figure's name is, in both languages."""
    frame = ds.frame.copy()
    frame.loc[0, ["name_vi", "name_en"]] = HOSTILE
    return frame


def row_of(table: pd.DataFrame, figure_id: str) -> pd.Series:
    rows = table[table.iloc[:, ID] == figure_id]
    assert len(rows) == 1, figure_id
    return rows.iloc[0]


def csv_rows(data: bytes, lang: str) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=SEP[lang]))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_headers_are_the_catalogs_words_in_order(ds, lang):
    assert list(reader_table(ds.frame, ds.refs, lang).columns) == HEADERS[lang]
    assert csv_rows(to_csv(ds.frame, ds.refs, lang), lang)[0] == HEADERS[lang]
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx(ds.frame, ds.refs, lang))).active
    assert [c.value for c in sheet[1]] == HEADERS[lang]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_one_row_per_figure_in_the_language(ds, lang):
    table = reader_table(ds.frame, ds.refs, lang)
    assert table.iloc[:, ID].tolist() == ds.frame["id"].tolist()
    assert table.iloc[:, NAME].tolist() == ds.frame[f"name_{lang}"].tolist()
    cut = row_of(table, "provincial-agencies-cut")
    assert (cut.iloc[VALUE], cut.iloc[NUMBER], cut.iloc[UNIT], cut.iloc[PERIOD]) == (
        {"vi": "giảm 65,2%", "en": "down 65.2%"}[lang], 65.2, "%", 2025)
    funding = row_of(table, "severance-funding")
    assert (funding.iloc[VALUE], funding.iloc[NUMBER]) == ({"vi": "5.535 tỷ đồng", "en": "5,535 billion VND"}[lang], 5_535_000_000_000)
    assert funding.iloc[PUBLISHED] == {"vi": "05/01/2026", "en": "5 Jan 2026"}[lang]
    assert row_of(table, "severance-cases").iloc[UNIT] == {"vi": "trường hợp", "en": "cases"}[lang]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_derived_numbers_are_rounded_as_read(ds, lang):
    table = reader_table(ds.frame, ds.refs, lang)
    plan = row_of(table, "staff-seconded-to-communes-implied-plan").iloc[NUMBER]
    assert plan in (402, 401.85), plan  # 651 ÷ 162%, not 401.851851…
    per_case = row_of(table, "severance-funding-per-case").iloc[NUMBER]
    assert per_case == 1_015_969_163  # whole đồng, not 1015969162.87…
    numbers = [r[NUMBER] for r in csv_rows(to_csv(ds.frame, ds.refs, lang), lang)[1:]]
    assert {"vi": "401,85", "en": "401.85"}[lang] in numbers or "402" in numbers
    assert "1015969163" in numbers
    assert not [n for n in numbers if "e" in n.lower() or len(n.replace(",", ".").partition(".")[2]) > 2]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_derived_column_holds_yes_and_no_words(ds, lang):
    table = reader_table(ds.frame, ds.refs, lang)
    words = {"vi": ("Có", "Không"), "en": ("Yes", "No")}[lang]
    derived = table[HEADERS[lang][7]]
    assert set(derived) == set(words)
    assert (derived == words[0]).tolist() == ds.frame["derived"].tolist()
    formula = row_of(table, "staff-seconded-to-communes-implied-plan").iloc[8]
    assert formula == {"vi": "651 cán bộ ÷ 162% ≈ 402", "en": "651 officials ÷ 162% ≈ 402"}[lang]
    assert row_of(table, "severance-cases").iloc[8] == ""


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_internal_artefacts(ds, lang):
    table = reader_table(ds.frame, ds.refs, lang)
    cells = [v for col in table.columns for v in table[col] if isinstance(v, str)]
    assert not [c for c in cells if c.endswith((".yaml", ".txt"))]
    assert not [c for c in cells if c in ("None", "nan", "NaN", "<NA>", "NaT", "True", "False", "one")]
    assert not [c for c in cells if "scale" in c or "sources/" in c or "metrics/" in c]
    assert table.iloc[:, NUMBER].notna().all()
    written = [c for r in csv_rows(to_csv(ds.frame, ds.refs, lang), lang) for c in r]
    assert not [c for c in written if c in ("None", "nan", "NaN", "<NA>", "NaT", "True", "False", "one")]
    assert not [c for c in written if c.endswith((".yaml", ".txt")) or "scale" in c or "source_text" in c]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_csv_splits_and_reads_in_the_locale(ds, lang):
    data = to_csv(ds.frame, ds.refs, lang)
    assert data.count(b"\r\n") == len(ds.frame) + 1 and b"\n" not in data.replace(b"\r\n", b"")
    rows = csv_rows(data, lang)
    assert len(rows) == len(ds.frame) + 1 and {len(r) for r in rows} == {len(HEADERS[lang])}
    by_id = {r[ID]: r for r in rows[1:]}
    assert by_id["provincial-agencies-cut"][NUMBER] == {"vi": "65,2", "en": "65.2"}[lang]
    assert by_id["severance-funding"][NUMBER] == "5535000000000"
    assert by_id["severance-cases"][NUMBER] == "5448"  # no thousands separator
    assert by_id["severance-cases"][PERIOD] == "2025"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_csv_neutralises_formulas(hostile, ds, lang):
    rows = csv_rows(to_csv(hostile, ds.refs, lang), lang)
    assert rows[1][NAME] == "'" + HOSTILE == neutralise(HOSTILE)
    assert not [c for r in rows for c in r if c.startswith(("=", "+", "@"))]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_xlsx_numbers_text_and_layout(hostile, ds, lang):
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(hostile, ds.refs, lang)))
    sheet = book.active
    assert book.sheetnames == [HEADERS[lang][NAME]]
    assert sheet.freeze_panes == "A2"
    assert all(c.font.b for c in sheet[1])
    assert sheet.max_row == len(hostile) + 1 and sheet.max_column == len(HEADERS[lang])
    name = sheet.cell(2, NAME + 1)
    assert (name.value, name.data_type, name.quotePrefix) == (HOSTILE, "s", True)
    rows = {r[ID].value: r for r in sheet.iter_rows(min_row=2)}
    cut, funding = rows["provincial-agencies-cut"], rows["severance-funding"]
    assert (cut[NUMBER].value, cut[NUMBER].data_type, cut[NUMBER].number_format) == (65.2, "n", "#,##0.##")
    assert (funding[NUMBER].value, funding[NUMBER].data_type) == (5_535_000_000_000, "n")
    assert funding[NUMBER].number_format.startswith("#,##0")
    assert (cut[PERIOD].value, cut[PERIOD].data_type, cut[PERIOD].number_format) == (2025, "n", "0")
    assert rows["staff-seconded-to-communes-implied-plan"][NUMBER].value in (402, 401.85)
    text_cells = [c for r in sheet.iter_rows(min_row=2) for c in r if c.data_type == "s"]
    assert text_cells and all(c.quotePrefix for c in text_cells)
    assert cut[9].alignment.wrap_text
    widths = {letter: d.width for letter, d in sheet.column_dimensions.items()}
    assert widths and max(widths.values()) <= 61 and widths["E"] < 12  # capped, and the year column stays narrow


def soffice() -> str:
    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program is None:
        pytest.fail("LibreOffice (soffice) is not installed: install it (apt-get install libreoffice-calc) to run this test")
    return program


def calc_reads(csv_path: Path, lang: str, tmp_path: Path) -> openpyxl.worksheet.worksheet.Worksheet:
    """The CSV as Calc imports it with the locale's filter, saved as XLSX and read back."""
    out = tmp_path / "out"
    # A fresh profile per call: a shared one is locked by whichever conversion runs first.
    profile = (tmp_path / "lo-profile").as_uri()
    cmd = [soffice(), "--headless", "--norestore", f"-env:UserInstallation={profile}", f"--infilter={INFILTER[lang]}",
           "--convert-to", "xlsx", "--outdir", str(out), str(csv_path)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=LO_TIMEOUT, check=False)
    converted = out / (csv_path.stem + ".xlsx")
    assert done.returncode == 0 and converted.exists(), f"LibreOffice failed ({done.returncode}): {done.stdout}\n{done.stderr}"
    return openpyxl.load_workbook(converted).active


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_libreoffice_opens_the_csv_as_intended(hostile, ds, lang, tmp_path):
    path = tmp_path / f"figures-{lang}.csv"
    path.write_bytes(to_csv(hostile, ds.refs, lang))
    sheet = calc_reads(path, lang, tmp_path)
    table = reader_table(hostile, ds.refs, lang)

    assert [c.value for c in sheet[1]] == HEADERS[lang]  # split into exactly the columns written
    assert sheet.max_column == len(HEADERS[lang])
    rows = list(sheet.iter_rows(min_row=2))
    assert len(rows) == len(table)
    by_id = {r[ID].value: r for r in rows}
    cut, funding = by_id["provincial-agencies-cut"][NUMBER], by_id["severance-funding"][NUMBER]
    assert (cut.data_type, cut.value) == ("n", pytest.approx(65.2))
    assert (funding.data_type, funding.value) == ("n", 5_535_000_000_000)
    assert all(r[NUMBER].data_type == "n" and r[PERIOD].value == p for r, p in zip(rows, table.iloc[:, PERIOD], strict=True))
    assert [r[NUMBER].value for r in rows] == pytest.approx(table.iloc[:, NUMBER].tolist())

    # Every text cell arrives as written, diacritics included; the neutralised formula stays text.
    for r, expected in zip(rows, table.itertuples(index=False, name=None), strict=True):
        for col in TEXT_COLUMNS:
            want = neutralise(expected[col]) or None
            assert (r[col].value, r[col].data_type) == (want, "s" if want else "n"), (col, expected[ID])
        if isinstance(r[VALUE].value, str):
            assert r[VALUE].value == neutralise(expected[VALUE])
    assert rows[0][NAME].value == "'" + HOSTILE
    assert by_id["severance-cases"][NAME].value == {"vi": "Trường hợp được giải quyết chế độ thôi việc", "en": "Severance cases settled"}[lang]
    assert by_id["severance-funding"][9].value == "với kinh phí 5.535 tỷ đồng"
    published = by_id["severance-funding"][PUBLISHED].value
    # Read as a date, a day-first Vietnamese date must be the right day, never 1 May.
    assert published == {"vi": "05/01/2026", "en": "5 Jan 2026"}[lang] or (published.year, published.month, published.day) == (2026, 1, 5)
