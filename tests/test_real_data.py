"""Every real file in data/ validates, and holds the facts both source documents state."""

import pytest
from conftest import DATA

from metrics.figures import METRICS, load
from metrics.loading.pipeline import kind_files
from metrics.vnnum import readings

# (id, value in base units, unit, qualifier, total, plan_percent), read off the two source documents.
FACTS = [
    ("provinces-merged", 3, "provincial-unit", "exact", None, None),
    ("local-government-tiers", 2, "tier", "exact", None, None),
    ("provincial-agencies-cut", 65.2, "percent", "exact", None, None),
    ("commune-units-cut", 69.1, "percent", "exact", None, None),
    ("district-level-abolished", 100, "percent", "exact", None, None),
    ("staff-seconded-to-communes", 651, "official", "exact", None, 162),
    ("severance-cases", 5448, "case", "exact", None, None),
    ("severance-funding", 5_535_000_000_000, "vnd", "exact", None, None),
    ("assigned-tasks-completed", 184, "task", "exact", 184, None),
    ("national-database-rank", 1, "rank", "exact", None, None),
    ("national-database-records-synced", 100, "percent", "exact", None, None),
    ("national-database-officials-synced", 88921, "official", "exact", None, None),
    ("key-tasks-2026-home-affairs", 10, "task", "exact", None, None),
    ("leadership-meetings", 500, "meeting", "more_than", None, None),
    ("conclusion-notices", 386, "conclusion-notice", "exact", None, None),
    ("economic-growth", 10.52, "growth-rate", "exact", None, None),
    ("socio-economic-targets-met", 15, "target", "exact", 15, None),
]
AWARDS = {  # (level, recipient type) → recipients, from the award ceremonies in both documents
    ("state", "collective"): 1, ("government", "individual"): 5, ("province", "collective"): 3, ("province", "individual"): 4,
}


@pytest.fixture(scope="module")
def real():
    return load(DATA)


def test_every_real_file_is_valid(real):
    assert [str(p) for p in real.problems] == []
    assert real.files_read == len(kind_files(DATA, METRICS).files) >= 2
    assert real.records_read == real.records_loaded >= len(FACTS) + 6


@pytest.mark.parametrize(("mid", "value", "unit", "qualifier", "total", "plan"), FACTS)
def test_fact_is_recorded(real, mid, value, unit, qualifier, total, plan):
    row = real.frame.set_index("id").loc[mid]
    assert row["amount"] == pytest.approx(value)
    assert (row["unit"], row["qualifier"]) == (unit, qualifier)
    assert (None if row.isna()["total"] else row["total"]) == total
    assert (None if row.isna()["plan_percent"] else row["plan_percent"]) == plan


def test_awards_by_level_and_recipient_type(real):
    awards = real.frame[real.frame["theme"] == "recognition"]
    got = awards.groupby(["award_level", "recipient_type"], observed=True)["amount"].sum().to_dict()
    assert got == AWARDS


def test_periods_and_sources(real):
    f = real.frame.set_index("id")
    assert f.loc["key-tasks-2026-home-affairs", "period"] == 2026 and f.loc["economic-growth", "period"] == 2025
    assert set(f["source_published"].dt.strftime("%Y-%m-%d")) == {"2026-01-05", "2026-02-27"}


# Numbers of the sources that are not figures: dates, years and terms, resolution numbers, the name of the
# "6 rõ" principle, and the ordinal of a party congress.
NOT_FIGURES = {"2026", "01", "05", "5/1", "27/2", "57", "59", "66", "68", "70", "71", "72", "2025", "2030", "2021", "2050",
               "2031", "6", "thứ Nhất"}


def test_no_number_of_the_sources_is_missed(real):
    """Each number in the source texts is stated by some metric's quote, or listed above as not a figure."""
    quoted = {r.text.strip() for q in real.frame["quote"] for r in readings(q)}
    missed = [(path.name, r.text.strip()) for path in sorted((DATA / "sources").glob("*.txt"))
              for r in readings(path.read_text(encoding="utf-8"))
              if r.text.strip() not in quoted and r.text.strip() not in NOT_FIGURES]
    assert missed == []


@pytest.fixture(scope="module")
def shown():
    """Every stated figure of data/ as its card and chart labels read it, in both languages."""
    from metrics.cards import value_text
    from metrics.dataset import load_dataset
    from metrics.quotecheck import DIRECTION

    ds = load_dataset(DATA)
    out = []
    for r in ds.frame[~ds.frame["derived"]].to_dict("records"):
        unit = ds.refs.units[r["unit"]]
        out.append((r, unit, {lang: value_text(r, unit, lang) for lang in ("vi", "en")}))
    return out, DIRECTION


def test_no_figure_gets_a_direction_its_quote_does_not_give(shown):
    """'giảm'/'tăng' (down/up) on a card or a chart label stands in the figure's quote: a growth rate that 'reached
    10.52%' is never shown as 'up 10.52%'."""
    rows, direction = shown
    wrong = []
    for r, _unit, texts in rows:
        for lang, words in (("vi", ("giảm", "tăng")), ("en", ("down", "up"))):
            for word, change in zip(words, ("decrease", "increase"), strict=True):
                if texts[lang].startswith(word + " ") and not direction[change].search(r["quote"]):
                    wrong.append((r["id"], texts[lang]))
    assert wrong == []
    growth = next(texts for r, _u, texts in rows if r["id"] == "economic-growth")
    assert growth == {"vi": "10,52%", "en": "10.52%"}


def test_units_read_as_the_source_s_words(shown):
    """A count's unit is what the source calls the things counted ('386 thông báo kết luận', not '386 văn bản'); a
    figure the source gives by name reads as that name."""
    rows, _ = shown
    wrong = [(r["id"], texts["vi"]) for r, unit, texts in rows
             if unit.kind in ("count", "duration") and texts["vi"] not in (r["recipient"], r["stated_as_vi"])
             and unit.label.vi not in r["quote"]]
    assert wrong == []


def test_a_frozen_copy_of_the_real_data_holds_every_page_and_figure(tmp_path):
    # The snapshot builder on data/ itself: every page in both languages, every figure of data/ on its theme page
    # (each theme page holds fewer than 12) and in the data table, every document with every quote linkable.
    import lxml.html

    from metrics.cards import cards
    from metrics.charts.image import stop
    from metrics.dataset import load_dataset
    from metrics.pages import SNAPSHOT_PAGES, every_period
    from metrics.snapshot import write

    ds = load_dataset(DATA)
    try:
        snap = write(ds, tmp_path, "2026-01-05")
    finally:
        stop()
    for lang in ("vi", "en"):
        assert {f"{lang}/{p}.html" for p in SNAPSHOT_PAGES} <= set(snap.files)
        data_page = lxml.html.fromstring((tmp_path / snap.label / lang / "data.html").read_text(encoding="utf-8"))
        assert {td.text_content() for td in data_page.xpath("//table//tr/td[last()]")} == set(ds.frame["id"])
        for theme in ds.themes:
            rows = ds.frame[ds.frame["theme"] == theme]
            rows = rows if every_period(theme) else rows[rows["period"] == ds.default_period]
            page = lxml.html.fromstring((tmp_path / snap.label / lang / f"{theme}.html").read_text(encoding="utf-8"))
            shown = [e.text_content() for e in page.find_class("value")]
            assert sorted(shown) == sorted(c.value for c in cards(rows, ds.refs.units, lang, ds.previous, every_period(theme)))
        for sid in ds.sources["source_id"]:
            doc = (tmp_path / snap.label / lang / "sources" / f"{sid}.html").read_text(encoding="utf-8")
            for mid in ds.frame[(ds.frame["source_id"] == sid) & ~ds.frame["derived"]]["id"]:
                assert f'id="m-{mid}"' in doc, (lang, sid, mid)
