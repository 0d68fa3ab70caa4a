"""Chart builders as pure functions: the figure's data, its title (the message), separators, caption and table."""

import pandas as pd
import pytest
from conftest import DATA

from metrics import charts
from metrics.dataset import load_dataset


@pytest.fixture(scope="module")
def ds():
    return load_dataset(DATA)


def rows(ds, **where):
    f = ds.frame
    for column, value in where.items():
        f = f[f[column] == value]
    return f


def test_reductions(ds):
    cuts = rows(ds, theme="apparatus", change="decrease")
    vi, en = charts.reductions(cuts, ds.refs.units, "vi"), charts.reductions(cuts, ds.refs.units, "en")
    bar = vi.figure.data[0]
    assert list(bar.x) == [65.2, 69.1, 100.0] and list(bar.text) == ["giảm 65,2%", "giảm 69,1%", "giảm 100%"]
    assert vi.figure.layout.title.text == "Bộ máy tinh gọn năm 2025: giảm từ 65,2% đến 100%"
    assert (vi.figure.layout.separators, en.figure.layout.separators) == (",.", ".,")
    assert list(en.figure.data[0].text) == ["down 65.2%", "down 69.1%", "down 100%"]
    assert vi.caption == "Nguồn: Sở Nội vụ triển khai nhiệm vụ năm 2026 (05/01/2026)"
    assert list(vi.table["Chỉ tiêu"]) == ["Giảm cơ quan chuyên môn cấp tỉnh", "Giảm đơn vị hành chính cấp xã", "Xóa bỏ cấp huyện"]


def test_completion(ds):
    done = ds.frame[ds.frame["total"].notna()]
    ch = charts.completion(done, ds.refs.units, "vi")
    assert list(ch.figure.data[0].x) == [100.0, 100.0]
    assert ch.figure.layout.title.text == "Hoàn thành toàn bộ: 184/184 nhiệm vụ; 15/15 chỉ tiêu"
    assert ch.caption.count("(") == 2  # both documents named with their dates


def test_plan_attainment_marks_the_implied_plan_as_derived(ds):
    stated = rows(ds, id="staff-seconded-to-communes")
    implied = rows(ds, id="staff-seconded-to-communes-implied-plan")
    ch = charts.plan_attainment(stated, implied, ds.refs.units, "en")
    plan, done = ch.figure.data
    assert plan.name == "Plan (derived)" and round(plan.y[0]) == 402 and plan.text[0] == "≈ 402 officials"
    assert plan.marker.pattern.shape == "/" and done.y[0] == 651
    assert ch.figure.layout.title.text == "Officials transferred or seconded to communes: 651 officials, 162% of plan"
    assert ch.caption.endswith("Derived figure: 651 officials ÷ 162% ≈ 402")


def test_awards_by_level_and_recipient_type(ds):
    ch = charts.awards(rows(ds, theme="recognition"), ds.refs.units, "vi")
    individuals, collectives = ch.figure.data
    assert list(individuals.x) == ["Nhà nước", "Chính phủ", "Tỉnh"] and list(individuals.y) == [0, 5, 4]
    assert list(collectives.y) == [1, 0, 3]
    assert ch.figure.layout.title.text == "13 lượt khen thưởng: 9 cá nhân, 4 tập thể"
    assert ch.table["Số lượt"].sum() == 13


def test_by_period_with_one_period_says_so_in_its_title(ds):
    ch = charts.by_period(rows(ds, id="economic-growth"), ds.refs.units, "vi")
    assert ch.figure.layout.title.text == "Tốc độ tăng trưởng kinh tế 2025: tăng 10,52%"
    assert ch.figure.layout.yaxis.ticksuffix == "%"


def test_by_period_with_two_periods_states_the_change(ds):
    one = rows(ds, id="economic-growth")
    earlier = one.assign(id="economic-growth-2024", period=2024, value=8.0, quote="SYNTHETIC")
    ch = charts.by_period(pd.concat([earlier, one]), ds.refs.units, "en")
    assert ch.figure.layout.title.text == "Economic growth rate: up 8% (2024) → up 10.52% (2025)"
    assert list(ch.figure.data[0].x) == ["2024", "2025"]


def test_many_sources_are_counted_not_listed(ds):
    many = pd.concat([ds.frame.assign(source_id=ds.frame["source_id"].astype(str) + str(i)) for i in range(3)])
    assert charts.caption(many, "en") == ("Source: 6 documents, 5 Jan 2026 to 27 Feb 2026 (see the Sources page). "
                                          "Derived figure: 651 officials ÷ 162% ≈ 402. Derived figure: 5,535 billion VND ÷ 5,448 cases")
