"""The parts every theme page shares: the title, the figures as cards (the leading ones first), changes over periods."""

from __future__ import annotations

import streamlit as st

from metrics.cards import cards
from metrics.charts.registry import trends
from metrics.i18n import num, t
from metrics.pages import CARDS, CHANGES, LAYOUT, MAX_CARDS, ordered, page_title
from ui import show
from ui.shell import View


def title(v: View, page: str | None = None) -> None:
    st.title(page_title(page or v.theme, v.lang, v.ds.refs))


def page(v: View) -> None:
    """A theme page as metrics/pages.LAYOUT lays it out (the static snapshot draws the same)."""
    title(v)
    for block in LAYOUT[v.theme]:
        if block == CARDS:
            figures(v)
        elif block == CHANGES:
            changes(v)
        else:
            show.chart(block, v)


def figures(v: View, rows=None, limit: int = MAX_CARDS) -> None:
    """Cards of the page's figures."""
    rows = v.rows if rows is None else rows
    if rows.empty:
        st.info(t("no_figures", v.lang))
        return
    selected = st.session_state.get("metric")
    rows = ordered(rows, selected)
    show.card_grid(cards(rows.head(limit), v.units, v.lang, v.ds.previous, v.several_years), v.lang, selected)
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
