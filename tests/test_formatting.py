"""Display formats in both languages come from Babel's CLDR data, as officials write them."""

import pytest

from metrics import formatting as f


@pytest.mark.parametrize(("call", "vi", "en"), [
    (lambda lang: f.percent(65.2, lang), "65,2%", "65.2%"),
    (lambda lang: f.percent(10.52, lang), "10,52%", "10.52%"),
    (lambda lang: f.number(5448, lang), "5.448", "5,448"),
    (lambda lang: f.number(88921, lang), "88.921", "88,921"),
    (lambda lang: f.money(5_535_000_000_000, lang), "5.535 tỷ đồng", "5,535 billion VND"),
    (lambda lang: f.money(2_500_000, lang), "2,5 triệu đồng", "2.5 million VND"),
    (lambda lang: f.qualified(f.number(500, lang), "more_than", lang), "trên 500", "more than 500"),
    (lambda lang: f.rank(1, lang), "thứ nhất", "1st"),
    (lambda lang: f.rank(12, lang), "thứ 12", "12th"),
    (lambda lang: f.figure(184, "count", {"vi": "nhiệm vụ", "en": "tasks"}[lang], lang, total=184), "184/184 nhiệm vụ", "184/184 tasks"),
    (lambda lang: f.figure(500, "count", {"vi": "hội nghị", "en": "meetings"}[lang], lang, qualifier="more_than"),
     "trên 500 hội nghị", "more than 500 meetings"),
])
def test_formats(call, vi, en):
    assert (call("vi"), call("en")) == (vi, en)


def test_exact_qualifier_adds_no_word():
    assert f.qualified("651", "exact", "vi") == "651"
