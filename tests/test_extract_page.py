"""The page "Nhập số liệu" / "Add figures" run by AppTest in both languages, as a data maintainer uses it: paste a
report or upload a Word file, see the candidates marked in the text, correct a row, save, and find the figures on
the dashboard; what does not validate is shown beside its row and nothing is written."""

from __future__ import annotations

import hashlib
import io
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURE, REPO
from streamlit.testing.v1 import AppTest

from metrics.extraction.source import report_text

REPORT = ("Năm 2025, Sở Nội vụ đã tiếp nhận 12.450 hồ sơ, giải quyết đúng hạn 98,7% số hồ sơ. Ngày 5/1, "
          "Sở tổ chức hội nghị theo Nghị quyết 57; có <script>alert(1)</script> trong văn bản.")
WORDS = {"vi": {"heading": "Nhập số liệu", "found": "Đã đọc: 3 chỉ tiêu đề xuất, 3 con số bỏ qua", "fix": "Còn 2 chỗ cần sửa",
                "ready": "2 chỉ tiêu hợp lệ", "saved": "Đã lưu metrics/so-noi-vu-2026-01-10.yaml", "unit": "đơn vị “hồ sơ”",
                "ok": "Hợp lệ", "no": "Cần sửa"},
         "en": {"heading": "Add figures", "found": "Read: 3 figures proposed, 3 numbers passed over", "fix": "2 things to fix",
                "ready": "2 figures valid", "saved": "Saved metrics/so-noi-vu-2026-01-10.yaml", "unit": "unit 'hồ sơ'",
                "ok": "Valid", "no": "To fix"}}


@pytest.fixture
def data(tmp_path, monkeypatch) -> Path:
    root = tmp_path / "data"
    shutil.copytree(FIXTURE, root)
    monkeypatch.setenv("DASHBOARD_DATA", str(root))
    return root


def opened(lang: str) -> AppTest:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=90)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("app_pages/extract.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def paste(at: AppTest, text: str) -> AppTest:
    at.text_area(key="extract-text").input(text).run()
    at.selectbox(key="extract-agency").set_value("so-noi-vu").run()
    import datetime as dt
    at.date_input(key="extract-date").set_value(dt.date(2026, 1, 10)).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def edit(at: AppTest, text: str, changes: dict[int, dict]) -> AppTest:
    key = "extract-rows-" + hashlib.sha256(report_text("pasted.txt", text.encode()).encode()).hexdigest()[:16] + "-"
    at.session_state[key] = {"edited_rows": changes, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def said(at: AppTest) -> str:
    parts = []
    for kind in ("title", "subheader", "markdown", "caption", "success", "warning", "error", "info"):
        parts += [str(e.value) for e in at.get(kind)]
    return "\n".join(parts)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_paste_review_correct_and_save(data, lang):
    w = WORDS[lang]
    at = paste(opened(lang), REPORT)
    text = said(at)
    assert w["heading"] in text and w["found"] in text and w["fix"] in text
    marked = "".join(e.proto.body for e in at.get("html"))
    assert '<mark class="x-figure"' in marked and "12.450" in marked
    assert "&lt;script&gt;" in marked and "<script>" not in marked  # the report's markup is shown, never run
    review = at.dataframe[1].value  # the editor (after the table of skipped numbers)
    assert list(review["value"]) == [12450, 98.7, 1] and list(review["unit"][:2]) == ["record", "percent"]
    assert list(review["accept"]) == [True, True, False]  # 'alert(1)': no unit, low confidence, not accepted
    assert w["unit"] in review["reason"].iloc[0]
    status = at.dataframe[-1].value
    assert all(mark == w["no"] for mark in status.iloc[:, 2]) and "name.en" in status.iloc[0, 3]
    assert not at.button  # nothing can be saved yet

    at = edit(at, REPORT, {0: {"name_en": "Records received"}, 1: {"name_en": "Records settled on time", "theme": "direction"}})
    assert w["ready"] in said(at)
    zipped = at.get("download_button")[0]
    assert zipped.proto.label.startswith(("Tải", "Download"))
    at.button(key="extract-save").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert w["saved"] in said(at)
    saved = yaml.safe_load((data / "metrics/so-noi-vu-2026-01-10.yaml").read_text(encoding="utf-8"))
    assert [m["value"] for m in saved["metrics"]] == [12450, 98.7]
    assert (data / "sources/so-noi-vu-2026-01-10.txt").read_text(encoding="utf-8") == report_text("pasted.txt", REPORT.encode())
    # The dashboard holds the new figures on the next rerun: the Data page lists them.
    at.switch_page("app_pages/data.py").run()
    shown = at.dataframe[0].value.to_string()
    assert "12.450" in shown or "12,450" in shown


def test_a_wrong_edit_is_shown_beside_its_row_and_nothing_is_written(data):
    at = paste(opened("vi"), REPORT)
    at = edit(at, REPORT, {0: {"name_en": "Records", "value": 12451}, 1: {"name_en": "On time"}})
    status = at.dataframe[-1].value
    assert list(status.iloc[:, 2]) == [WORDS["vi"]["no"], WORDS["vi"]["ok"]]
    assert "value" in status.iloc[0, 3] and "12.450" in status.iloc[0, 3]
    assert not at.button and not (data / "metrics/so-noi-vu-2026-01-10.yaml").exists()
    # Rejecting the wrong row leaves one valid figure to save.
    at = edit(at, REPORT, {0: {"accept": False}, 1: {"name_en": "On time"}})
    assert "1 chỉ tiêu hợp lệ" in said(at)


def test_an_existing_file_is_replaced_only_when_asked(data):
    at = paste(opened("en"), REPORT)
    at = edit(at, REPORT, {0: {"name_en": "Records"}, 1: {"name_en": "On time"}})
    (data / "sources/so-noi-vu-2026-01-10.txt").write_text("an older text", encoding="utf-8")
    at.run()
    assert at.button(key="extract-save").disabled
    at.checkbox(key="extract-overwrite").check().run()
    at.button(key="extract-save").click().run()
    assert not at.exception
    assert (data / "sources/so-noi-vu-2026-01-10.txt").read_text(encoding="utf-8") != "an older text"


def test_read_only_data_offers_the_download_only(data, monkeypatch):
    monkeypatch.setenv("DASHBOARD_READONLY", "1")
    at = paste(opened("vi"), REPORT)
    at = edit(at, REPORT, {0: {"name_en": "Records"}, 1: {"name_en": "On time"}})
    assert len(at.get("download_button")) == 2 and not at.button


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_file_that_is_not_a_report_is_refused_in_the_language(data, lang):
    at = opened(lang)
    at.radio(key="extract-how").set_value("upload").run()
    assert not at.exception
    # AppTest cannot upload; the page reads uploads through the same function as pasted text.
    from metrics.extraction.source import Unreadable
    with pytest.raises(Unreadable) as e:
        report_text("x.docx", b"not a zip")
    words = {"vi": "không phải tệp Word", "en": "is not a Word file"}[lang]
    from metrics.i18n import t
    assert words in t(f"unreadable.{e.value.code}", lang, mb=20)


def test_a_word_report_reads_into_the_same_candidates(data):
    import docx

    document = docx.Document()
    document.add_paragraph(REPORT)
    buffer = io.BytesIO()
    document.save(buffer)
    assert report_text("r.docx", buffer.getvalue()) == report_text("pasted.txt", REPORT.encode())
