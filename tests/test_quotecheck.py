"""The quote check keeps a wrong figure off the screen: each case is a metric file written inline."""

from conftest import HEADER, metric, write

from metrics.figures import load


def problems(root, *metrics: str):
    write(root, "t.yaml", HEADER + "".join(metrics))
    return [str(p) for p in load(root).problems]


def test_valid_quote_passes(root):
    assert problems(root, metric()) == []


def test_value_read_with_wrong_convention_is_refused(root):
    (p,) = problems(root, metric(value=5.448))
    assert "metrics.0.value: the quote states '5.448' (= 5,448), but value reads 5.448" in p
    assert "'.' as the thousands mark" in p


def test_more_than_is_never_exact(root):
    quote = "tổ chức trên 500 hội nghị"
    (p,) = problems(root, metric(id="meetings", value=500, unit="meeting", theme="direction", quote=quote))
    assert "metrics.0.qualifier: the quote says 'trên 500' (= 500) (qualifier: more_than), the metric says exact" in p
    assert problems(root, metric(id="meetings", value=500, unit="meeting", theme="direction", quote=quote,
                                 qualifier="more_than")) == []


def test_qualifier_without_word_in_quote_is_refused(root):
    (p,) = problems(root, metric(qualifier="about"))
    assert "qualifier: the quote says '5.448' (= 5,448) (qualifier: exact), the metric says about" in p


def test_money_needs_its_scale(root):
    quote = "với kinh phí 5.535 tỷ đồng"
    (p,) = problems(root, metric(id="funding", value=5535, unit="vnd", quote=quote))
    assert "the quote states '5.535 tỷ' (= 5,535,000,000,000), but value reads 5,535" in p
    assert problems(root, metric(id="funding", value=5535, scale="billion", unit="vnd", quote=quote)) == []


def test_achieved_of_total(root):
    quote = "hoàn thành 184/184 nhiệm vụ"
    good = metric(id="tasks", value=184, total=184, unit="task", theme="direction", quote=quote)
    assert problems(root, good) == []
    (p,) = problems(root, metric(id="tasks", value=184, total=200, unit="task", theme="direction", quote=quote))
    assert "the quote states '184/184', not 184/200" in p


def test_plan_percent_is_checked(root):
    quote = "điều động 651 cán bộ về xã (đạt 162% kế hoạch)"
    (p,) = problems(root, metric(id="seconded", value=651, unit="official", plan_percent=126, quote=quote))
    assert "metrics.0.plan_percent: the quote states '651' (= 651), '162%' (= 162), not 126%" in p


def test_percent_must_be_read_from_a_percent(root):
    (p,) = problems(root, metric(id="cut", value=651, unit="percent", quote="điều động 651 cán bộ về xã"))
    assert "value: 651 is over 100 for a percent of a whole" in p


def test_quote_not_in_source_is_refused(root):
    (p,) = problems(root, metric(quote="thôi việc cho 5.488 trường hợp"))
    assert "metrics.0.quote: the quote does not occur verbatim in the source text" in p


def test_a_direction_needs_the_quote_s_word_for_it(root):
    quote = "giảm 65,2% cơ quan chuyên môn"
    assert problems(root, metric(id="cut", value=65.2, unit="percent", change="decrease", quote=quote)) == []
    (p,) = problems(root, metric(id="cut", value=65.2, unit="percent", change="increase", quote=quote))
    assert "metrics.0.change: the quote gives no direction for change: increase (tăng / vượt / lên / cao hơn / nhiều hơn)" in p


def test_a_rate_is_a_level_not_a_change(root):
    quote = "tăng trưởng năm 2025 đạt 10,52%"
    assert problems(root, metric(id="growth", value=10.52, unit="growth-rate", theme="economy", quote=quote)) == []
    found = problems(root, metric(id="growth", value=10.52, unit="growth-rate", theme="economy", change="increase", quote=quote))
    assert any("metrics.0.change: a rate is a level ('đạt 10,52%'), not a change" in p for p in found)
    # "tăng trưởng" (growth) is the rate's name, not a direction: a percent that says "tăng" only there has none.
    (p,) = problems(root, metric(id="share", value=10.52, unit="percent", theme="economy", change="increase", quote=quote))
    assert "the quote gives no direction for change: increase" in p


def test_stated_words_and_comparisons_stand_in_the_quote(root):
    quote = "tăng trưởng năm 2025 đạt 10,52%, cao hơn chỉ tiêu"
    ok = metric(id="growth", value=10.52, unit="growth-rate", theme="economy", quote=quote, comparison="{vi: cao hơn chỉ tiêu, en: above target}")
    assert problems(root, ok) == []
    (p,) = problems(root, ok.replace("cao hơn chỉ tiêu, en", "thấp hơn chỉ tiêu, en"))
    assert "metrics.0.comparison: 'thấp hơn chỉ tiêu' is not in the quote" in p
