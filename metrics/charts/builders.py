"""Pure chart builders: rows of the figures frame in, a renderer-neutral chart (metrics.charts.spec) out, whose
title states the message and whose footer names the sources and the formulas of derived figures."""

from __future__ import annotations

import pandas as pd

from metrics import formatting as fmt
from metrics.cards import source_title, value_text
from metrics.charts.spec import DERIVED_COLOR, Chart, NumberFormat, Series
from metrics.i18n import Lang, date, num, t, tn
from metrics.models import Unit

MAX_BARS = 12  # a chart on a projector stays readable; the rest is in the table and on the Data page
MAX_SOURCES_NAMED = 3
LEVELS = ("state", "government", "province")  # award levels, highest first
RECIPIENTS = ("individual", "collective")

Units = dict[str, Unit]


def number_format(lang: Lang, decimals: int = 0, suffix: str = "") -> NumberFormat:
    return NumberFormat(decimals, suffix, fmt.number(1.5, lang, 1)[1], fmt.number(1000, lang)[1])


def source_line(rows: pd.DataFrame, lang: Lang) -> str:
    """'Nguồn: <document> (05/01/2026); ...'; beyond a few documents, their number and date range (each is listed
    on the Sources page)."""
    docs = rows.drop_duplicates("source_id")
    if len(docs) <= MAX_SOURCES_NAMED:
        return f"{t('source', lang)}: " + "; ".join(f"{source_title(r, lang)} ({date(r['source_published'], lang)})"
                                                    for r in docs.to_dict("records"))
    return f"{t('source', lang)}: " + t("many_sources", lang, n=num(len(docs), lang), first=date(docs["source_published"].min(), lang),
                                       last=date(docs["source_published"].max(), lang))


def derived_notes(rows: pd.DataFrame, lang: Lang) -> tuple[str, ...]:
    """The formula of every derived figure shown (a few, then '…')."""
    if "derived" not in rows:
        return ()
    formulas = rows.loc[rows["derived"].fillna(False).astype(bool), f"formula_{lang}"].drop_duplicates()
    notes = tuple(f"{t('derived', lang)}: {f}" for f in formulas.head(MAX_SOURCES_NAMED))
    return notes + (("…",) if len(formulas) > MAX_SOURCES_NAMED else ())


def caption(rows: pd.DataFrame, lang: Lang) -> str:
    """The source line and the derived figures' formulas as one text (what Chart.footer holds)."""
    return ". ".join((source_line(rows, lang), *derived_notes(rows, lang)))


def _labels(rows: pd.DataFrame, units: Units, lang: Lang) -> tuple[str, ...]:
    return tuple(value_text(r, units[r["unit"]], lang) for r in rows.to_dict("records"))


def _table(rows: pd.DataFrame, units: Units, lang: Lang) -> pd.DataFrame:
    """The data behind a chart as a reader reads it: every number written in the language, no raw floats."""
    out = pd.DataFrame({
        t("figure", lang): rows[f"name_{lang}"].to_numpy(),
        t("period", lang): rows["period"].astype(str).to_numpy(),
        t("value", lang): list(_labels(rows, units, lang)),
        t("source", lang): [source_title(r, lang) for r in rows.to_dict("records")],
    })
    if "derived" in rows:
        out[t("derived", lang)] = [t("yes" if d else "no", lang) for d in rows["derived"].fillna(False).astype(bool)]
    return out


def amounts(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows whose figure is a measured amount: one the source says in words ('xóa bỏ hoàn toàn') stays off an axis."""
    return rows[rows["stated_as_vi"].isna()] if "stated_as_vi" in rows else rows


def worth_showing(chart: Chart) -> bool:
    """A chart earns its place on a page when it compares: at least three marks, or a measure over two periods or
    more. One or two values are the cards' big numbers already (decks may still ask for the chart by id)."""
    if chart.id.startswith("trend:") or chart.kind == "column":
        return len(chart.categories) >= 2
    return sum(1 for s in chart.series for v in s.values if v) >= 3


def _chart(chart_id: str, kind: str, rows: pd.DataFrame, lang: Lang, title: str, categories, series, **more) -> Chart:
    stated = rows[~rows["derived"].fillna(False).astype(bool)] if "derived" in rows else rows
    quotes = tuple(zip(stated["source_id"].astype(str), stated["id"].astype(str), strict=True))
    return Chart(chart_id, kind, lang, title, tuple(categories), tuple(series), more.pop("number_format", number_format(lang)),
                 source_line(rows, lang), derived_notes(rows, lang), quotes=quotes, **more)


def reductions(rows: pd.DataFrame, units: Units, lang: Lang, chart_id: str = "reductions") -> Chart:
    """Cuts in percent (change: decrease), largest first: the leaner apparatus."""
    rows = rows.sort_values("amount", ascending=True).tail(MAX_BARS)
    lo, hi = fmt.percent(rows["amount"].min(), lang), fmt.percent(rows["amount"].max(), lang)
    period = ", ".join(map(str, sorted(rows["period"].unique())))
    return _chart(chart_id, "bar", rows, lang, t("chart.reductions.title", lang, period=period, lo=lo, hi=hi),
                  rows[f"name_{lang}"], [Series(None, tuple(rows["amount"]), _labels(rows, units, lang))],
                  number_format=number_format(lang, suffix="%"), value_range=(0, 105), table=_table(rows, units, lang))


def compare(rows: pd.DataFrame, units: Units, lang: Lang, chart_id: str = "compare") -> Chart:
    """Figures of one kind side by side (a deck's chart over listed figures), the largest last: at the top."""
    rows = amounts(rows).sort_values("amount").tail(MAX_BARS)
    pct = units[rows.iloc[-1]["unit"]].kind in ("percent", "rate")
    return _chart(chart_id, "bar", rows, lang, tn("chart.compare", len(rows), lang), rows[f"name_{lang}"],
                  [Series(None, tuple(rows["amount"]), _labels(rows, units, lang))],
                  number_format=number_format(lang, 1 if pct else 0, "%" if pct else ""), table=_table(rows, units, lang))


def completion(rows: pd.DataFrame, units: Units, lang: Lang, chart_id: str = "completion") -> Chart:
    """Achieved of total (184/184): the share done, with the fraction written on the bar."""
    rows = rows.head(MAX_BARS)
    share = tuple(rows["amount"] / rows["total"] * 100)
    done = "; ".join(_labels(rows, units, lang))
    title = t("chart.completion.all" if min(share) >= 100 else "chart.completion.some", lang, done=done)
    return _chart(chart_id, "bar", rows, lang, title, rows[f"name_{lang}"], [Series(None, share, _labels(rows, units, lang))],
                  number_format=number_format(lang, suffix="%"), value_range=(0, 105), table=_table(rows, units, lang))


def plan_attainment(stated: pd.DataFrame, implied: pd.DataFrame, units: Units, lang: Lang, chart_id: str = "plan") -> Chart:
    """Figures against the plans their percent implies (651 officials at 162% of plan: a plan of about 402); the
    implied plans are a derived series."""
    stated = stated.head(MAX_BARS)
    implied = implied.head(len(stated))
    plan_texts = tuple(f"≈ {fmt.number(p, lang, 0)} {units[u].label.text(lang)}" for p, u in zip(implied["amount"], stated["unit"], strict=True))
    series = [Series(t("chart.plan.derived", lang), tuple(implied["amount"]), plan_texts, color=DERIVED_COLOR, derived=True),
              Series(t("chart.plan.achieved", lang), tuple(stated["amount"]), _labels(stated, units, lang))]
    first = stated.iloc[0].to_dict()
    if len(stated) == 1:
        title = f"{first[f'name_{lang}']}: {value_text(first, units[first['unit']], lang)}, " + t(
            "of_plan", lang, pct=fmt.percent(first["plan_percent"], lang))
    else:
        title = tn("chart.plan.many", len(stated), lang)
    top = max(stated["amount"].max(), implied["amount"].max())
    both = pd.concat([stated, implied], ignore_index=True)
    return _chart(chart_id, "grouped", both, lang, title, stated[f"name_{lang}"], series,
                  value_range=(0, top * 1.2), table=_table(both, units, lang))  # headroom for the labels above the bars


def awards(rows: pd.DataFrame, units: Units, lang: Lang, chart_id: str = "awards") -> Chart:
    """Recipients by the level that confers the award, stacked by individuals and collectives."""
    grouped = rows.groupby(["award_level", "recipient_type"], observed=True)["amount"].sum()
    levels = [lvl for lvl in LEVELS if lvl in grouped.index.get_level_values(0)]
    series = []
    for i, kind in enumerate(RECIPIENTS):
        y = tuple(float(grouped.get((lvl, kind), 0)) for lvl in levels)
        series.append(Series(t(f"award.recipient.{kind}", lang), y, tuple(fmt.number(v, lang, 0) if v else "" for v in y), color=i))
    by_kind = {kind: float(grouped.xs(kind, level=1).sum()) if kind in grouped.index.get_level_values(1) else 0.0 for kind in RECIPIENTS}
    title = t("chart.awards.title", lang, total=fmt.number(sum(by_kind.values()), lang, 0),
              individuals=fmt.number(by_kind["individual"], lang, 0), collectives=fmt.number(by_kind["collective"], lang, 0))
    # The data behind the chart is what it draws: recipients by level and type, and how many figures add up to each.
    counts = rows.groupby(["award_level", "recipient_type"], observed=True)["amount"].agg(["sum", "size"]).reset_index()
    counts = counts.sort_values(["award_level", "recipient_type"], key=lambda c: c.astype(str).map({**{v: i for i, v in enumerate(LEVELS)},
                                                                                         **{v: i for i, v in enumerate(RECIPIENTS)}}))
    table = pd.DataFrame({
        t("chart.awards.level", lang): [t(f"award.level.{v}", lang) for v in counts["award_level"]],
        t("chart.awards.recipients", lang): [t(f"award.recipient.{v}", lang) for v in counts["recipient_type"]],
        t("chart.awards.count", lang): [fmt.number(v, lang, 0) for v in counts["sum"]],
        t("chart.awards.figures", lang): [fmt.number(v, lang, 0) for v in counts["size"]],
    })
    return _chart(chart_id, "stacked", rows, lang, title, [t(f"award.level.{lvl}", lang) for lvl in levels], series,
                  value_title=t("chart.awards.axis", lang), table=table)


def by_period(rows: pd.DataFrame, units: Units, lang: Lang, chart_id: str = "by-period") -> Chart:
    """One measure over the periods it has; with a single period it says so and draws a single bar."""
    rows = rows.sort_values("period")
    first, last = rows.iloc[0].to_dict(), rows.iloc[-1].to_dict()
    unit = units[last["unit"]]
    name = last[f"name_{lang}"]
    if len(rows) == 1:
        title = f"{name} {last['period']}: {value_text(last, unit, lang)}"
    else:
        title = f"{name}: {value_text(first, unit, lang)} ({first['period']}) → {value_text(last, unit, lang)} ({last['period']})"
    is_pct = unit.kind in ("percent", "rate")
    return _chart(chart_id, "column", rows, lang, title, rows["period"].astype(str),
                  [Series(None, tuple(rows["amount"]), _labels(rows, units, lang), color=2)],
                  number_format=number_format(lang, 1 if is_pct else 0, "%" if is_pct else ""), table=_table(rows, units, lang))
