"""The parts every theme page shares: the title, the figures as cards, changes over periods."""

from __future__ import annotations

import streamlit as st

from metrics.cards import cards
from metrics.charts.registry import trends
from metrics.i18n import num, t
from ui import show
from ui.registry import page_title
from ui.shell import View

MAX_CARDS = 12


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


def changes(v: View) -> None:
    """A chart per measure with several periods; with one period, a plain statement that there is no comparison."""
    if v.history.empty:
        return
    ids = trends(v.scope, v.ds.multi_period_series)
    if not ids:
        st.caption(t("one_period", v.lang))
    for chart_id in ids:
        show.chart(chart_id, v)
