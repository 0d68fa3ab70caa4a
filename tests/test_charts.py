"""Chart builders as pure functions: the chart's data, its title (the message), separators, source line and table;
and the Plotly renderer that draws them."""

import pandas as pd
import pytest
from conftest import FIXTURE

from metrics.charts import builders as charts
from metrics.charts.plotly import figure
from metrics.dataset import load_dataset


@pytest.fixture(scope="module")
def ds():
    return load_dataset(FIXTURE)


def rows(ds, **where):
    f = ds.frame
    for column, value in where.items():
        f = f[f[column] == value]
    return f


def framed_title(ch) -> str:
    """The title as the framed figure (images, slides) draws it, its wrapped lines joined."""
    return figure(ch, framed=True).layout.title.text.replace("<br>", " ")


def test_reductions(ds):
    cuts = rows(ds, theme="apparatus", change="decrease")
    # Abolished entirely is said in words, not measured: it stays off the axis of percentage cuts.
    assert list(charts.amounts(cuts)["id"]) == ["provincial-agencies-cut", "commune-units-cut"]
    vi, en = charts.reductions(charts.amounts(cuts), ds.refs.units, "vi"), charts.reductions(charts.amounts(cuts), ds.refs.units, "en")
    bar = figure(vi).data[0]
    assert list(bar.x) == [65.2, 69.1] and list(bar.text) == ["giảm 65,2%", "giảm 69,1%"]
    assert vi.title == framed_title(vi) == "Bộ máy tinh gọn năm 2025: giảm từ 65,2% đến 69,1%"
    assert (figure(vi).layout.separators, figure(en).layout.separators) == (",.", ".,")
    assert list(figure(en).data[0].text) == ["down 65.2%", "down 69.1%"]
    assert vi.footer == "Nguồn: Sở Nội vụ triển khai nhiệm vụ năm 2026 (05/01/2026)"
    assert en.footer == "Source: The Department of Home Affairs deploys its tasks for 2026 (translated title) (5 Jan 2026)"
    assert list(vi.table["Chỉ tiêu"]) == ["Giảm cơ quan chuyên môn cấp tỉnh", "Giảm đơn vị hành chính cấp xã"]
    # Each bar's name above it, not as tick labels beside it (they took two thirds of a phone's width).
    assert figure(vi).layout.yaxis.showticklabels is False
    assert [a.text for a in figure(vi).layout.annotations] == ["Giảm cơ quan chuyên môn cấp tỉnh", "Giảm đơn vị hành chính cấp xã"]
    assert not charts.worth_showing(vi)  # two values: the cards' big numbers already say them


def test_completion(ds):
    done = ds.frame[ds.frame["total"].notna()]
    ch = charts.completion(done, ds.refs.units, "vi")
    assert list(figure(ch).data[0].x) == [100.0, 100.0]
    assert ch.title == "Hoàn thành toàn bộ: 184/184 nhiệm vụ; 15/15 chỉ tiêu"
    assert ch.footer.count("(") == 2  # both documents named with their dates


def test_plan_attainment_marks_the_implied_plan_as_derived(ds):
    stated = rows(ds, id="staff-seconded-to-communes")
    implied = rows(ds, id="staff-seconded-to-communes-implied-plan")
    ch = charts.plan_attainment(stated, implied, ds.refs.units, "en")
    plan, done = figure(ch).data
    assert plan.name == "Plan (derived)" and round(plan.y[0]) == 402 and plan.text[0] == "≈ 402 officials"
    assert plan.marker.pattern.shape == "/" and done.y[0] == 651
    assert ch.title == framed_title(ch) == "Officials transferred or seconded to communes: 651 officials, 162% of plan"
    assert ch.footer.endswith("Derived figure: 651 officials ÷ 162% ≈ 402")


def test_awards_by_level_and_recipient_type(ds):
    ch = charts.awards(rows(ds, theme="recognition"), ds.refs.units, "vi")
    individuals, collectives = figure(ch).data
    assert list(individuals.x) == ["Nhà nước", "Chính phủ", "Tỉnh"] and list(individuals.y) == [0, 5, 4]
    assert list(collectives.y) == [1, 0, 3]
    assert ch.title == framed_title(ch) == "13 lượt khen thưởng: 9 cá nhân, 4 tập thể"
    assert list(ch.table["Số lượt"]) == ["1", "5", "4", "3"]  # by level, individuals first; formatted as read
    assert charts.worth_showing(ch)


def test_by_period_with_one_period_says_so_in_its_title(ds):
    ch = charts.by_period(rows(ds, id="economic-growth"), ds.refs.units, "vi")
    assert ch.title == "Tốc độ tăng trưởng kinh tế 2025: 10,52%"  # a rate reached, not a rise of 10.52 points
    assert figure(ch).layout.yaxis.ticksuffix == "%"
    assert not charts.worth_showing(ch)


def test_by_period_with_two_periods_states_the_change(ds):
    one = rows(ds, id="economic-growth")
    earlier = one.assign(id="economic-growth-2024", period=2024, amount=8.0, value=8.0, quote="SYNTHETIC")
    ch = charts.by_period(pd.concat([earlier, one]), ds.refs.units, "en")
    assert ch.title == "Economic growth rate: 8% (2024) → 10.52% (2025)"
    assert list(figure(ch).data[0].x) == ["2024", "2025"] and charts.worth_showing(ch)


def test_the_data_behind_a_chart_reads_like_the_page(ds):
    stated = rows(ds, id="staff-seconded-to-communes")
    ch = charts.plan_attainment(stated, rows(ds, id="staff-seconded-to-communes-implied-plan"), ds.refs.units, "vi")
    assert ch.table.to_dict("records") == [
        {"Chỉ tiêu": "Cán bộ điều động, biệt phái về xã", "Năm": "2025", "Giá trị": "651 cán bộ",
         "Nguồn": "Sở Nội vụ triển khai nhiệm vụ năm 2026", "Số liệu suy ra": "Không"},
        {"Chỉ tiêu": "Kế hoạch suy ra: Cán bộ điều động, biệt phái về xã", "Năm": "2025", "Giá trị": "khoảng 402 cán bộ",
         "Nguồn": "Sở Nội vụ triển khai nhiệm vụ năm 2026", "Số liệu suy ra": "Có"}]


def test_a_framed_chart_carries_title_and_source_at_slide_size(ds):
    ch = charts.awards(rows(ds, theme="recognition"), ds.refs.units, "en")
    framed = figure(ch, framed=True)
    assert (framed.layout.width, framed.layout.height) == (1600, 900)
    assert next(a for a in framed.layout.annotations if a.name == "footer").text.replace("<br>", " ") == ch.footer
    assert figure(ch).layout.title.text is None  # on screen the page writes the title as text, so it wraps


def test_many_sources_are_counted_not_listed(ds):
    many = pd.concat([ds.frame.assign(source_id=ds.frame["source_id"].astype(str) + str(i)) for i in range(3)])
    assert charts.caption(many, "en") == ("Source: 6 documents, 5 Jan 2026 to 27 Feb 2026 (see the Sources page). "
                                          "Derived figure: 651 officials ÷ 162% ≈ 402. Derived figure: 5,535 billion VND ÷ 5,448 cases")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_chart_of_the_registry_builds_and_carries_its_source_when_framed(ds, lang):
    from metrics.charts.registry import CHARTS, Scope, build

    scope = Scope(ds.frame[ds.frame["period"] == 2025], ds.frame)
    for chart_id in CHARTS:
        theme = chart_id.split(".")[0]
        page = Scope(scope.rows[scope.rows["theme"] == theme], scope.history[scope.history["theme"] == theme])
        spec = build(chart_id, page, ds.refs.units, lang)
        assert spec is not None and spec.id == chart_id and spec.lang == lang and spec.categories and spec.series
        drawn = figure(spec)
        footer = next(a for a in figure(spec, framed=True).layout.annotations if a.name == "footer").text.replace("<br>", " ")
        assert footer == spec.footer and footer.startswith("Nguồn: " if lang == "vi" else "Source: ")
        assert drawn.layout.title.text is None  # the page writes it as text above the plot
        framed = figure(spec, framed=True)
        assert framed.layout.title.text.replace("<br>", " ") == spec.title


def test_a_chart_with_nothing_to_draw_is_none(ds):
    from metrics.charts.registry import Scope, build

    empty = ds.frame.iloc[:0]
    assert build("apparatus.cuts", Scope(empty, empty), ds.refs.units, "vi") is None


def test_markup_in_data_is_drawn_as_text(ds):
    hostile = rows(ds, theme="apparatus", change="decrease").assign(name_vi="<b>đậm</b> <a href='x'>link</a>",
                                                                    source_title="<i>nghiêng</i>")
    drawn = figure(charts.reductions(hostile, ds.refs.units, "vi"), framed=True)
    assert "<b>" not in str(drawn.data[0].y) and "&lt;b&gt;đậm&lt;/b&gt;" in drawn.data[0].y[0]
    assert "&lt;i&gt;nghiêng&lt;/i&gt;" in next(a for a in drawn.layout.annotations if a.name == "footer").text
