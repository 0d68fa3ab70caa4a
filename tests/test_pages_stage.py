"""The stage's pages (a deck presented, the decks page) and the task register, run by AppTest on the fixture data."""

from __future__ import annotations

import pytest
from page_support import _fixture_data, real_data_plus, run_page, shown_text  # noqa: F401 - _fixture_data: autouse
from streamlit.testing.v1 import AppTest


def slide_html(at: AppTest) -> str:
    return "\n".join(h.proto.body for h in at.get("html") if 'class="headline"' in h.proto.body or 'class="fig' in h.proto.body
                     or "stage-foot" in h.proto.body)


@pytest.mark.parametrize(("lang", "value", "count", "agency"), [("vi", "5.448 trường hợp", "4 / 9", "Sở Nội vụ"),
                                                                ("en", "5,448 cases", "4 / 9", "Department of Home Affairs")])
def test_a_slide_shows_its_figures_from_the_data(lang, value, count, agency):
    at = run_page("present", lang, deck="so-noi-vu-2025", slide="4")
    html = slide_html(at)
    assert value in html and count in html and agency in html
    assert at.query_params["slide"] in ("4", ["4"]) and at.query_params["deck"] in ("so-noi-vu-2025", ["so-noi-vu-2025"])


def test_keys_step_through_a_deck_and_escape_leaves_for_the_figure_s_page():
    at = run_page("present", "en", deck="so-noi-vu-2025", slide="1")
    at.button(key="next-0").click().run()  # Page Down
    assert "2 / 9" in slide_html(at) and at.query_params["slide"] in ("2", ["2"])
    at.button(key="last").click().run()  # End
    assert "9 / 9" in slide_html(at)
    at.button(key="previous-1").click().run()  # Left
    assert "8 / 9" in slide_html(at)
    at.button(key="first").click().run()  # Home
    assert "1 / 9" in slide_html(at)
    at.button(key="leave").click().run()  # Escape: to the page of the slide's first figure
    assert not at.exception and at.title[0].value == "Apparatus" and at.session_state["metric"] == "provinces-merged"
    assert "deck" not in dict(at.query_params) and "slide" not in dict(at.query_params)


def test_the_decks_page_lists_the_decks_and_checks_a_new_one():
    at = run_page("decks", "vi", period="2025", theme="personnel")
    text = shown_text(at)
    assert "Sở Nội vụ tổng kết năm 2025" in text and "Văn phòng UBND tỉnh tổng kết năm 2025" in text
    assert at.text_input(key="new-deck-id").value == "deck-2025"
    # Without titles the new deck is not valid yet: the page says what is missing, with the field.
    assert any("field" in d.value and "title.vi" in d.value["field"].tolist() for d in at.dataframe)
    at.text_input(key="new-deck-title-vi").input("Cán bộ năm qua").run()
    at.text_input(key="new-deck-title-en").input("Officials last year").run()
    assert any("Tệp trình chiếu hợp lệ" in s.value for s in at.success), [e.value for e in at.error]


def test_a_new_deck_is_saved_under_data_decks_never_over_a_file_unasked(tmp_path, monkeypatch):
    root = real_data_plus(tmp_path, monkeypatch, {})
    at = run_page("decks", "en", period="2025", theme="economy")
    at.text_input(key="new-deck-id").input("so-noi-vu-2025").run()  # the id of a deck that exists
    at.text_input(key="new-deck-title-vi").input("Tăng trưởng").run()
    at.text_input(key="new-deck-title-en").input("Growth").run()
    assert at.button(key="new-deck-save").disabled  # the file exists: saving needs an explicit overwrite
    at.text_input(key="new-deck-id").input("growth-deck").run()
    at.button(key="new-deck-save").click().run()
    saved = root / "decks" / "growth-deck.yaml"
    assert saved.exists() and "economic-growth" in saved.read_text(encoding="utf-8")
    from metrics.dataset import load_dataset

    ds = load_dataset(root)
    assert "growth-deck" in ds.decks and not ds.deck_load.problems  # the saved file validates



def test_the_register_marks_what_is_not_yet_clear():
    at = run_page("tasks", "en")
    card = [m.value for m in at.markdown if "not yet clear" in m.value]
    assert len(card) == 18 * 6 - 25  # every "rõ" the sources leave unclear, marked (25 are stated)
    stated = [m for m in at.markdown if ":green-badge[" in m.value]
    assert len(stated) == 25 and any("sau 5 năm nữa" in (m.help or "") for m in stated)  # the source's words on hover


def test_the_register_filters_by_body_and_status():
    at = run_page("tasks", "vi", agency="van-phong-ubnd-tinh")
    assert sum(":red-badge[" in m.value for m in at.markdown) == 7 * 6 - 9
    at = run_page("tasks", "en", status="done")
    assert not any(":red-badge[" in m.value for m in at.markdown) and at.query_params["status"] in ("done", ["done"])


def test_a_task_s_link_lands_on_its_quote():
    at = run_page("sources", "en", source="van-phong-ubnd-tinh-2026-02-27", task="office-2026-six-clear-assignment")
    focus = [h.proto.body for h in at.get("html") if h.proto.body.startswith('<div class="doc focus">')]
    assert len(focus) == 1 and "<mark class=\"sel\">Văn phòng cần hoàn thành ngay việc phân công nhiệm vụ" in focus[0]
