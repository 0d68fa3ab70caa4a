"""The parts every theme page shares: the title, the figures as cards, changes over periods."""

from __future__ import annotations

import streamlit as st

from metrics import charts
from metrics.cards import cards
from metrics.i18n import num, t
from ui import show
from ui.registry import page_title
from ui.shell import View

MAX_CARDS = 12


def kinds(v: View, rows=None):
    """The unit kind of each row (a dict maps a categorical's categories, not its 200,000 cells)."""
    rows = v.rows if rows is None else rows
    return rows["unit"].map({u: unit["kind"] for u, unit in v.units.items()}).astype(str)


def title(v: View, page: str | None = None) -> None:
    st.title(page_title(page or v.theme, v.lang))


def figures(v: View, rows=None, limit: int = MAX_CARDS) -> None:
    """Cards of the page's figures, the selected one first."""
    rows = v.rows if rows is None else rows
    if rows.empty:
        st.info(t("no_figures", v.lang))
        return
    selected = st.session_state.get("metric")
    if selected and (rows["id"] == selected).any():
        rows = rows.assign(_first=rows["id"] != selected).sort_values("_first", kind="stable").drop(columns="_first")
    show.card_grid(cards(rows.head(limit), v.units, v.lang, v.ds.previous), v.lang, selected)
    if len(rows) > limit:
        st.caption(t("more_figures", v.lang, n=num(len(rows) - limit, v.lang)))


def changes(v: View, max_series: int = 6) -> None:
    """A chart per measure with several periods; with one period, a plain statement that there is no comparison."""
    multi = v.ds.multi_period_series
    if v.history.empty:
        return
    shown = v.history[v.history["series"].isin(multi) & ~v.history["derived"]] if multi else v.history.iloc[:0]
    if shown.empty:
        st.caption(t("one_period", v.lang))
        return
    for s in shown["series"].unique()[:max_series]:
        show.chart(lambda s=s: charts.by_period(shown[shown["series"] == s], v.units, v.lang), v, key=f"trend-{s}")
