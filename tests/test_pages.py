"""Every page run by AppTest in both languages, on the fixture data (a frozen copy of the real data) and on a folder
with broken and hostile files."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import FIXTURE
from page_support import _fixture_data, card_values, real_data_plus, run_page, shown_text  # noqa: F401 - _fixture_data: autouse
from streamlit.testing.v1 import AppTest

PAGES = ["overview", "apparatus", "personnel", "direction", "economy", "recognition", "plan", "tasks", "sources", "data", "decks", "extract",
         "quality"]

# What each page must show, per language, on the fixture data (values formatted by the language's conventions, in
# the source's words).
EXPECTED = {
    "overview": {"vi": ["giảm 65,2%", "5.448 trường hợp", "trên 500 hội nghị, cuộc họp", "10,52%", "cao hơn chỉ tiêu Chính phủ giao",
                        "thứ nhất", "88.921 cán bộ"],
                 "en": ["down 65.2%", "5,448 cases", "more than 500 meetings", "10.52%", "above the target the Government set", "1st",
                        "88,921 officials"]},
    "apparatus": {"vi": ["giảm 65,2%", "giảm 69,1%", "xóa bỏ hoàn toàn", "3 đơn vị hành chính cấp tỉnh",
                         "Mỗi chỉ tiêu ở đây mới có số liệu của một năm: chưa so sánh được với năm trước."],
                  "en": ["down 65.2%", "down 69.1%", "abolished entirely", "3 provincial-level administrative units",
                         "Each figure here has one year only: no comparison with an earlier year yet."]},
    "personnel": {"vi": ["651 cán bộ", "5.535 tỷ đồng", "khoảng 1,016 tỷ đồng", "88.921 cán bộ", "thứ nhất"],
                  "en": ["651 officials", "5,535 billion VND", "about 1.016 billion VND", "88,921 officials", "1st"]},
    "direction": {"vi": ["184/184 nhiệm vụ", "15/15 chỉ tiêu", "trên 500 hội nghị, cuộc họp", "386 thông báo kết luận"],
                  "en": ["184/184 tasks", "15/15 targets", "more than 500 meetings", "386 conclusion notices"]},
    "economy": {"vi": ["10,52%", "cao hơn chỉ tiêu Chính phủ giao"], "en": ["10.52%", "above the target the Government set"]},
    "recognition": {"vi": ["3 cá nhân", "2 tập thể", "4 cá nhân", "Sở Nội vụ", "13 lượt khen thưởng: 9 cá nhân, 4 tập thể"],
                    "en": ["3 individuals", "2 collectives", "4 individuals", "Phòng Quản trị - Tài vụ",
                           "13 awards: 9 to individuals, 4 to collectives"]},
    "plan": {"vi": ["10 nhiệm vụ", "5 năm"], "en": ["10 tasks", "5 years"]},
    "tasks": {"vi": ["Chưa nhiệm vụ nào đủ 6 rõ", "văn bản nêu 10, ghi nhận 10", "18 nhiệm vụ ghi nhận từ 2 văn bản", "hoàn thành ngay"],
              "en": ["No task is clear on all six points yet", "the text announces 10, 10 recorded", "18 tasks recorded from 2 documents",
                     "hoàn thành ngay"]},
    "sources": {"vi": ["Sở Nội vụ triển khai nhiệm vụ năm 2026", "Toàn văn"], "en": ["Sở Nội vụ triển khai nhiệm vụ năm 2026", "Full text"]},
    "quality": {"vi": ["2 tệp, 24 chỉ tiêu đã đọc: 24 được nạp, 0 bị loại.", "Mọi tệp số liệu đều hợp lệ."],
                "en": ["2 files, 24 figures read: 24 loaded, 0 rejected.", "Every metric file is valid."]},
}
# Words a page must not show: a direction the source does not give, units that are not the source's words.
NOT_SHOWN = {"vi": ["tăng 10,52%", "giảm 100%", "386 văn bản"], "en": ["up 10.52%", "down 100%", "386 documents", "Provinces merged"]}
TITLES = {"vi": {"overview": "Cải cách hành chính tỉnh Phú Thọ", "apparatus": "Bộ máy", "sources": "Nguồn", "data": "Dữ liệu",
                 "quality": "Chất lượng dữ liệu"},
          "en": {"overview": "Phú Thọ administrative reform", "apparatus": "Apparatus", "sources": "Sources", "data": "Data",
                 "quality": "Data quality"}}



@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_page_runs_on_the_fixture_data(page, lang):
    at = run_page(page, lang)
    text = shown_text(at)
    for expected in EXPECTED.get(page, {}).get(lang, []):
        assert expected in text, f"{page}/{lang}: '{expected}' not shown"
    assert not [w for w in NOT_SHOWN[lang] if w in text], f"{page}/{lang}: words the sources do not say"
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
    """The title states the message as text above the plot (it wraps on a phone); the plot has the language's
    separators and no modebar (its zoom moved charts by accident on a projector)."""
    for lang, sep, title in (("vi", ",.", "13 lượt khen thưởng: 9 cá nhân, 4 tập thể"),
                             ("en", ".,", "13 awards: 9 to individuals, 4 to collectives")):
        at = run_page("recognition", lang)
        chart = at.get("plotly_chart")[0]
        spec = json.loads(chart.proto.spec)
        assert spec["layout"]["separators"] == sep
        assert json.loads(chart.proto.config)["displayModeBar"] is False
        assert spec["layout"]["yaxis"]["fixedrange"] is True
        assert f"#### {title}" in [m.value.replace("\\", "") for m in at.markdown]


def test_charts_that_repeat_the_cards_are_not_drawn():
    """One or two values the cards already show (economy's growth rate, direction's two 100%, two cuts, one plan)
    are big numbers, not charts; recognition's awards by level and type compare six values."""
    assert [p for p in ("apparatus", "personnel", "direction", "economy", "plan") if run_page(p, "vi").get("plotly_chart")] == []
    assert len(run_page("recognition", "vi").get("plotly_chart")) == 1


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
    assert list(frame["Figure id"]) == ["key-tasks-2026-home-affairs", "apparatus-standard-horizon"]


def test_a_link_inside_the_app_keeps_the_rest_of_the_view():
    at = run_page("data", "en", period="2026")
    at.query_params.clear()
    at.query_params.update({"lang": "en", "metric": "severance-cases", "source": "so-noi-vu-2026-01-05"})
    at.switch_page("app_pages/sources.py").run()  # as st.page_link does: another page, with only these parameters
    assert not at.exception
    assert at.session_state["period"] == 2026 and at.query_params["metric"] in ("severance-cases", ["severance-cases"])
    # The selected figure's quote is at the top of the page, in its paragraph, marked.
    assert "**Severance cases settled: 5,448 cases**" in [m.value.replace("\\", "") for m in at.markdown]
    focus = [h.proto.body for h in at.get("html") if h.proto.body.startswith('<div class="doc focus">')]
    assert len(focus) == 1 and '<mark class="sel">giải quyết dứt điểm chế độ thôi việc cho 5.448 trường hợp</mark>' in focus[0]


def test_a_derived_figure_s_link_lands_on_the_quote_it_is_derived_from():
    # A derived figure has no quote of its own: its card opens the source at its first input's, which is marked there.
    at = run_page("personnel", "vi")
    links = [p.proto.query_string for p in at.get("page_link") if p.proto.page == "sources"]
    assert "lang=vi&source=so-noi-vu-2026-01-05&metric=staff-seconded-to-communes" in links
    assert not any("implied-plan" in q or "funding-per-case" in q for q in links)
    assert "metric=severance-funding" in " ".join(links)


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
    assert table.iloc[:, 1].tolist() == ["agencies.5.id"]


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
        "    period: 2024\n    value: 8.1\n    unit: growth-rate\n    quote: tăng trưởng năm 2024 đạt 8,1%\n",
    })


@pytest.mark.parametrize(("lang", "delta", "title"), [
    ("vi", "+2,42 điểm % so với 2024", "Tốc độ tăng trưởng kinh tế: 8,1% (2024) → 10,52% (2025)"),
    ("en", "+2.42 pp vs 2024", "Economic growth rate: 8.1% (2024) → 10.52% (2025)"),
])
def test_change_against_the_previous_period(two_periods, lang, delta, title):
    at = run_page("economy", lang)
    assert delta in shown_text(at)
    assert len(at.get("plotly_chart")) == 1 and f"#### {title}" in [m.value.replace("\\", "") for m in at.markdown]
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


def sidebar_filters(at: AppTest) -> set[str]:
    return {s.key for s in at.sidebar.selectbox if s.key in ("period", "agency", "theme")}


def test_each_page_shows_only_the_filters_that_apply_to_it():
    assert sidebar_filters(run_page("overview", "vi")) == {"period", "agency", "theme"}
    assert sidebar_filters(run_page("data", "vi")) == {"period", "agency", "theme"}
    assert sidebar_filters(run_page("apparatus", "vi")) == {"period", "agency"}  # its theme is the page
    assert sidebar_filters(run_page("plan", "vi")) == {"agency"}  # the plan's own year, not the year under review
    assert sidebar_filters(run_page("sources", "vi")) == set() and sidebar_filters(run_page("quality", "vi")) == set()


def test_a_filter_a_page_does_not_show_is_kept_for_the_next_page():
    at = run_page("data", "en", theme="economy")
    at.switch_page("app_pages/sources.py").run()
    at.switch_page("app_pages/data.py").run()
    assert not at.exception and at.selectbox(key="theme").value == "economy"
    assert set(at.dataframe[0].value["Figure id"]) == {"economic-growth"}


def test_the_plan_page_shows_the_plan_s_year_whatever_the_year_filter_says():
    at = run_page("plan", "vi", period="2025")
    assert at.title[0].value == "Kế hoạch 2026" and "10 nhiệm vụ" in shown_text(at)


def test_a_selected_figure_can_be_cleared():
    at = run_page("personnel", "en", metric="severance-cases")
    assert any("Selected" in m.value for m in at.markdown)
    at.sidebar.button(key="clear-selection").click().run()
    assert not at.exception and not at.session_state["metric"]
    assert not any("Selected" in m.value for m in at.markdown) and "metric" not in dict(at.query_params)


def test_with_every_year_each_card_says_its_year():
    at = run_page("overview", "vi", period="all")
    text = shown_text(at)
    assert "năm 2025" in text and "năm 2026" in text


@pytest.mark.parametrize("query", ["thoi viec", "thôi việc", "THOI VIEC", "Thôi viec"])
def test_search_with_or_without_diacritics_and_kept_in_the_url(query):
    at = run_page("data", "vi", q=query)
    frame = at.dataframe[0].value
    assert set(frame["Mã chỉ tiêu"]) == {"severance-cases", "severance-funding", "severance-funding-per-case"}
    assert at.query_params["q"] in (query, [query])


def test_units_and_names_read_as_the_source_s_words():
    at = run_page("direction", "en")
    assert "386 conclusion notices" in shown_text(at)
    at = run_page("apparatus", "en")
    text = shown_text(at)
    assert "Provincial-level administrative units merged" in text and "abolished entirely" in text
