"""Vietnamese number reading: conventions of the sources, and format-then-parse round trips."""

from decimal import Decimal

import pytest
from babel.numbers import format_decimal
from hypothesis import given
from hypothesis import strategies as st

from metrics.vnnum import parse_number, readings


@pytest.mark.parametrize(("text", "value"), [
    ("5.448", 5448), ("88.921", 88921), ("65,2%", 65.2), ("10,52%", 10.52), ("5.535 tỷ", 5_535_000_000_000),
    ("1.234.567,5", 1234567.5), ("3 triệu", 3_000_000), ("12 nghìn", 12_000), ("651", 651),
])
def test_parse_number(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("bad", ["5,448.5", "1.23", "abc", "", "5 . 448"])
def test_parse_number_refuses_non_vietnamese_forms(bad):
    with pytest.raises(ValueError, match="not a Vietnamese number"):
        parse_number(bad)


def test_readings_keep_qualifier_fraction_percent_and_ordinal():
    found = readings("tổ chức trên 500 hội nghị; hoàn thành 184/184 nhiệm vụ; đạt 162% kế hoạch; xếp thứ nhất cả nước")
    assert [(r.kind, r.value, r.total, r.qualifier) for r in found] == [
        ("number", 500, None, "more_than"), ("fraction", 184, 184, "exact"), ("percent", 162, None, "exact"),
        ("ordinal", 1, None, "exact"),
    ]


def test_reading_of_money_applies_the_scale_word():
    (r,) = readings("với kinh phí 5.535 tỷ đồng")
    assert r.value == 5_535_000_000_000


def test_words_completely_read_as_one_hundred_percent():
    assert [(r.kind, r.value) for r in readings("xóa bỏ hoàn toàn cấp trung gian")] == [("percent", 100)]


amounts = st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False, allow_infinity=False)


@given(amounts)
def test_format_then_parse_returns_the_value(value: Decimal):
    text = format_decimal(value, "#,##0.##", locale="vi")
    assert parse_number(text) == float(value)


@given(st.integers(min_value=0, max_value=10**6), st.sampled_from([("tỷ", 10**9), ("triệu", 10**6), ("nghìn", 10**3)]))
def test_scaled_amount_round_trips(n: int, scale):
    word, factor = scale
    assert parse_number(f"{format_decimal(n, '#,##0', locale='vi')} {word}") == n * factor
