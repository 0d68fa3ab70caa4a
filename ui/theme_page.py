"""The parts every theme page shares: the title, the figures as cards, changes over periods."""

from __future__ import annotations

import streamlit as st

from metrics import charts
from metrics.cards import cards
from metrics.i18n import t
from ui import show
from ui.registry import page_title
from ui.shell import View

MAX_CARDS = 12


def kinds(v: View, rows=None):
    rows = v.rows if rows is None else rows
    return rows["unit"].map(lambda u: v.units[u]["kind"]).astype(str)


def title(v: View, page: str | None = None) -> None:
    st.title(page_title(page or v.theme, v.lang))


def figures(v: View, rows=None, limit: int = MAX_CARDS) -> None:
    """Cards of the page's figures, the selected one first."""
    rows = v.rows if rows is None else rows
    if rows.empty:
        st.info(t("no_figures", v.lang))
        return
    selected = st.session_state.get("metric")
    if selected in set(rows["id"]):
        rows = rows.assign(_first=rows["id"] != selected).sort_values("_first", kind="stable").drop(columns="_first")
    show.card_grid(cards(rows.head(limit), v.units, v.lang, v.history), v.lang, selected)
    if len(rows) > limit:
        st.caption(t("more_figures", v.lang, n=f"{len(rows) - limit:,}"))


def changes(v: View, max_series: int = 6) -> None:
    """A chart per measure with several periods; with one period, a plain statement that there is no comparison."""
    if "series" not in v.history or v.history.empty:
        return
    per = v.history.groupby("series", observed=True)["period"].nunique()
    multi = per[per > 1].index[:max_series]
    if len(multi) == 0:
        st.caption(t("one_period", v.lang))
        return
    for s in multi:
        rows = v.history[(v.history["series"] == s) & ~v.history["derived"]]
        show.chart(charts.by_period(rows, v.units, v.lang), v.lang, key=f"trend-{s}")
