"""Every page run by AppTest in both languages, on the fixture data (a frozen copy of the real data) and on a folder
with broken and hostile files."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURE, REPO
from streamlit.testing.v1 import AppTest

PAGES = ["overview", "apparatus", "personnel", "direction", "economy", "recognition", "plan", "sources", "data", "quality"]

# What each page must show, per language, on the real data (values formatted by the language's conventions).
EXPECTED = {
    "overview": {"vi": ["giảm 65,2%", "5.448 trường hợp", "trên 500 hội nghị, cuộc họp", "tăng 10,52%"],
                 "en": ["down 65.2%", "5,448 cases", "more than 500 meetings", "up 10.52%"]},
    "apparatus": {"vi": ["giảm 65,2%", "giảm 69,1%", "giảm 100%", "3 đơn vị hành chính", "Chỉ có số liệu của một năm: chưa so sánh được."],
                  "en": ["down 65.2%", "down 69.1%", "down 100%", "3 administrative units", "Figures for one year only: no comparison yet."]},
    "personnel": {"vi": ["651 cán bộ", "5.535 tỷ đồng", "khoảng 1,016 tỷ đồng", "88.921 cán bộ", "thứ nhất"],
                  "en": ["651 officials", "5,535 billion VND", "about 1.016 billion VND", "88,921 officials", "1st"]},
    "direction": {"vi": ["184/184 nhiệm vụ", "15/15 chỉ tiêu", "trên 500 hội nghị, cuộc họp", "386 văn bản"],
                  "en": ["184/184 tasks", "15/15 targets", "more than 500 meetings", "386 documents"]},
    "economy": {"vi": ["tăng 10,52%"], "en": ["up 10.52%"]},
    "recognition": {"vi": ["3 cá nhân", "1 tập thể", "4 cá nhân"], "en": ["3 individuals", "1 collective", "4 individuals"]},
    "plan": {"vi": ["10 nhiệm vụ", "5 năm"], "en": ["10 tasks", "5 years"]},
    "sources": {"vi": ["Sở Nội vụ triển khai nhiệm vụ năm 2026", "¶4"], "en": ["Sở Nội vụ triển khai nhiệm vụ năm 2026", "¶4"]},
    "quality": {"vi": ["2 tệp, 24 chỉ tiêu đã đọc: 24 được nạp, 0 bị loại.", "Mọi tệp số liệu đều hợp lệ."],
                "en": ["2 files, 24 figures read: 24 loaded, 0 rejected.", "Every metric file is valid."]},
}
TITLES = {"vi": {"overview": "Cải cách hành chính tỉnh Phú Thọ", "apparatus": "Bộ máy", "sources": "Nguồn", "data": "Dữ liệu",
                 "quality": "Chất lượng dữ liệu"},
          "en": {"overview": "Phú Thọ administrative reform", "apparatus": "Apparatus", "sources": "Sources", "data": "Data",
                 "quality": "Data quality"}}


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
    return "\n".join(parts).replace("\\", "")


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_page_runs_on_the_fixture_data(page, lang):
    at = run_page(page, lang)
    text = shown_text(at)
    for expected in EXPECTED.get(page, {}).get(lang, []):
        assert expected in text, f"{page}/{lang}: '{expected}' not shown"
    if page in TITLES[lang]:
        assert at.title[0].value == TITLES[lang][page]
    assert "Kiểm tra dữ liệu:" not in text and "Data check:" not in text  # valid data: no notice


def test_every_card_names_its_source():
    at = run_page("personnel", "vi")
    n = len(card_values(at))
    sources = [c.value.split("\n")[-1] for c in at.caption if "Nguồn: " in c.value]
    assert n >= 8 and len(sources) >= n and all(s.startswith("Nguồn: ") and "05/01/2026" in s for s in sources[:n])


def test_derived_figures_are_labelled_with_formula():
    at = run_page("personnel", "en")
    labels = [m.value for m in at.markdown if ":violet-badge[Derived figure]" in m.value]
    assert len(labels) == 2 and "about 402 officials" in card_values(at)
    captions = [c.value.replace("\\", "") for c in at.caption]
    assert any("Formula: 5,535 billion VND ÷ 5,448 cases  \nSource:" in c for c in captions)
    assert any("162% of plan · implied plan ≈ 402 (derived figure)" in c for c in captions)


def test_charts_carry_language_separators_and_titles():
    for lang, sep, title in (("vi", ",.", "Bộ máy tinh gọn năm 2025: giảm từ 65,2% đến 100%"),
                             ("en", ".,", "A leaner apparatus in 2025: cuts of 65.2% to 100%")):
        at = run_page("apparatus", lang)
        spec = json.loads(at.get("plotly_chart")[0].proto.spec)
        assert spec["layout"]["separators"] == sep and spec["layout"]["title"]["text"] == title


def real_data_plus(tmp_path: Path, monkeypatch, files: dict[str, str]) -> Path:
    """A copy of the fixture data with extra files (path under the copy -> text), served by the app under test."""
    root = tmp_path / "data"
    shutil.copytree(FIXTURE, root)
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    monkeypatch.setenv("DASHBOARD_DATA", str(root))
    return root


@pytest.fixture
def broken_root(tmp_path, monkeypatch) -> Path:
    """The real data plus broken files and a file whose texts carry markup."""
    return real_data_plus(tmp_path, monkeypatch, {
        "metrics/broken.yaml": "source: [oops\n",
        "sources/hostile.txt": "Văn bản thử nghiệm (SYNTHETIC): đã có 7 <b>hội nghị</b> **đậm**.\n",
        "metrics/hostile.yaml":
        "source:\n  id: hostile\n  title: '<script>alert(1)</script>'\n  agency: so-noi-vu\n  published: 2025-12-01\n"
        "  text: sources/hostile.txt\nmetrics:\n  - id: hostile-meetings\n"
        "    name: {vi: '<img src=x onerror=alert(1)> **đậm** :red[đỏ]', en: '<b>bold</b>'}\n"
        "    theme: direction\n    period: 2025\n    value: 7\n    unit: meeting\n    quote: 7 <b>hội nghị</b> **đậm**\n"
        "  - id: hostile-wrong\n    name: {vi: Sai, en: Wrong}\n    theme: direction\n    period: 2025\n    value: 8\n"
        "    unit: meeting\n    quote: 7 <b>hội nghị</b>\n",
    })


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_page_runs_with_broken_files(broken_root, page, lang):
    at = run_page(page, lang)
    text = shown_text(at)
    notice = ("Kiểm tra dữ liệu: 2 vấn đề; 1 chỉ tiêu và 1 tệp bị loại." if lang == "vi"
              else "Data check: 2 problems; 1 figure and 1 file left out.")
    assert notice in text or page == "quality"


def test_quality_page_lists_rejected_files(broken_root):
    at = run_page("quality", "en")
    labels = [e.label.replace("\\", "") for e in at.expander]
    assert any(lbl.endswith("metrics/broken.yaml (1)") for lbl in labels)
    assert any(lbl.endswith("metrics/hostile.yaml (1)") for lbl in labels)
    frames = [d.value for d in at.dataframe]
    assert any("YAML syntax error" in " ".join(map(str, f.iloc[:, 2])) for f in frames)


def test_markup_in_data_is_shown_as_text(broken_root):
    at = run_page("direction", "vi")
    labels = [m.value.split("\n")[0] for m in at.markdown if "img" in m.value]
    assert labels == ["**\\<img src\\=x onerror\\=alert\\(1\\)\\> \\*\\*đậm\\*\\* \\:red\\[đỏ\\]**"]


def test_link_restores_view():
    at = run_page("data", "en", period="2026", metric="key-tasks-2026-home-affairs")
    assert at.selectbox(key="period").value == 2026 and at.title[0].value == "Data"
    assert at.query_params["period"] in ("2026", ["2026"])
    frame = at.dataframe[0].value
    assert list(frame["ID"]) == ["key-tasks-2026-home-affairs", "apparatus-standard-horizon"]


def test_a_link_inside_the_app_keeps_the_rest_of_the_view():
    at = run_page("data", "en", period="2026")
    at.query_params.clear()
    at.query_params.update({"lang": "en", "metric": "severance-cases", "source": "so-noi-vu-2026-01-05"})
    at.switch_page("app_pages/sources.py").run()  # as st.page_link does: another page, with only these parameters
    assert not at.exception
    assert at.selectbox(key="period").value == 2026 and at.query_params["metric"] in ("severance-cases", ["severance-cases"])
    assert any(m.value.startswith("▶ ") and "Severance cases settled" in m.value for m in at.markdown)


def test_unknown_values_in_a_link_fall_back_to_defaults():
    at = run_page("overview", "xx", period="1999", agency="nobody")
    assert (at.title[0].value, at.selectbox(key="period").value, at.selectbox(key="agency").value) == (
        "Cải cách hành chính tỉnh Phú Thọ", 2025, "all")


def test_a_broken_reference_entry_is_reported_once(tmp_path, monkeypatch):
    agencies = (FIXTURE / "reference" / "agencies.yaml").read_text(encoding="utf-8") + "  - id: Bad Id\n    name: {vi: X, en: X}\n"
    real_data_plus(tmp_path, monkeypatch, {"reference/agencies.yaml": agencies})
    at = run_page("quality", "en")
    assert "Data check: 1 problem; 0 figures and 0 files left out." in shown_text(at)
    (table,) = [d.value for d in at.dataframe]
    assert table.iloc[:, 1].tolist() == ["agencies.4.id"]


def test_an_edited_file_is_picked_up_without_a_restart(tmp_path, monkeypatch):
    """Loaded once per process, reloaded when a file changes: here a figure is broken while the app runs."""
    monkeypatch.setenv("DASHBOARD_CHECK_SECONDS", "0")
    root = real_data_plus(tmp_path, monkeypatch, {})
    at = run_page("quality", "en")
    assert "Every metric file is valid." in shown_text(at)
    path = root / "metrics" / "van-phong-ubnd-tinh-2026-02-27.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("value: 386", "value: 368"), encoding="utf-8")
    at.run()
    assert "Data check: 1 problem; 1 figure and 0 files left out." in shown_text(at)
    assert any("386" in str(f.iloc[:, 2].tolist()) for f in (d.value for d in at.dataframe))


@pytest.fixture
def two_periods(tmp_path, monkeypatch) -> Path:
    """The real data plus a SYNTHETIC earlier year of the growth series, to see a change against the previous period."""
    return real_data_plus(tmp_path, monkeypatch, {
        "sources/synthetic-2024.txt": "Văn bản thử nghiệm (SYNTHETIC): tăng trưởng năm 2024 đạt 8,1%.\n",
        "metrics/synthetic-2024.yaml":
        "source:\n  id: synthetic-2024\n  title: SYNTHETIC test document\n  agency: van-phong-ubnd-tinh\n  published: 2025-01-10\n"
        "  text: sources/synthetic-2024.txt\nmetrics:\n  - id: economic-growth-2024\n    series: economic-growth\n"
        "    name: {vi: Tốc độ tăng trưởng kinh tế, en: Economic growth rate}\n    theme: economy\n    agency: tinh-phu-tho\n"
        "    period: 2024\n    value: 8.1\n    unit: growth-rate\n    change: increase\n    quote: tăng trưởng năm 2024 đạt 8,1%\n",
    })


@pytest.mark.parametrize(("lang", "delta", "title"), [
    ("vi", "+2,42 điểm % so với 2024", "Tốc độ tăng trưởng kinh tế: tăng 8,1% (2024) → tăng 10,52% (2025)"),
    ("en", "+2.42 pp vs 2024", "Economic growth rate: up 8.1% (2024) → up 10.52% (2025)"),
])
def test_change_against_the_previous_period(two_periods, lang, delta, title):
    at = run_page("economy", lang)
    assert delta in shown_text(at)
    titles = [json.loads(c.proto.spec)["layout"]["title"]["text"] for c in at.get("plotly_chart")]
    assert titles == [title]
    overview = run_page("overview", lang)
    assert "Chỉ có số liệu của một năm" not in shown_text(overview) and "one year only" not in shown_text(overview)


def test_a_rerun_that_carries_no_language_keeps_the_view():
    """A browser whose sidebar was not drawn yet (a crowd at a cold server, a reconnect) can send a rerun whose
    widget state holds no language (None): the view falls back to the URL's, and nothing raises."""
    at = run_page("personnel", "en", period="2025")
    at.session_state["lang"] = None
    at.session_state["period"] = None
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "Personnel" and at.selectbox(key="period").value == 2025


@pytest.fixture
def hostile_root(tmp_path, monkeypatch) -> Path:
    """The fixture data with what a careless or hostile maintainer leaves under data/: editor lock links that
    dangle, a link loop, a pipe, a file with a NUL byte, one with a huge number, one with a date the frame cannot hold."""
    root = real_data_plus(tmp_path, monkeypatch, {})
    (root / "metrics" / "nul.yaml").write_bytes(b"source:\n  id: x\n\0metrics: []\n")
    (root / "metrics" / "huge.yaml").write_text("source: " + "9" * 5000 + "\n", encoding="utf-8")
    late = (root / "metrics" / "van-phong-ubnd-tinh-2026-02-27.yaml").read_text(encoding="utf-8")
    (root / "metrics" / "late.yaml").write_text(late.replace("2026-02-27\n", "9999-12-31\n").replace("id: van-phong", "id: late"),
                                                encoding="utf-8")
    for folder in ("metrics", "sources", "reference", "."):
        (root / folder / ".#lock.yaml").symlink_to("user@host.1234")
    (root / "metrics" / "loop.yaml").symlink_to("loop.yaml")
    os.mkfifo(root / "sources" / "pipe.txt")
    return root


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_beside_hostile_files_and_links(hostile_root, page, lang):
    at = run_page(page, lang)
    if page == "quality":
        text = " ".join([shown_text(at), *(e.label.replace("\\", "") for e in at.expander),
                         *(d.value.to_string() for d in at.dataframe)])
        assert "nul.yaml" in text and "loop.yaml" in text and "9999-12-31 is outside" in text
