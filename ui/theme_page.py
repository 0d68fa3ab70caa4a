"""The parts every theme page shares: the title, the figures as cards (the leading ones first), changes over periods."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from metrics.cards import cards
from metrics.charts.registry import trends
from metrics.i18n import num, t
from ui import show
from ui.registry import page_title
from ui.shell import View

MAX_CARDS = 12


def title(v: View, page: str | None = None) -> None:
    st.title(page_title(page or v.theme, v.lang, v.ds.refs))


def ordered(rows: pd.DataFrame, selected: str | None) -> pd.DataFrame:
    """The selected figure first, then the figures the data marks as leading, then the rest in file order."""
    first = (rows["id"] != selected) if selected else pd.Series(True, index=rows.index)
    return rows.assign(_a=first, _b=~rows["lead"].fillna(False).astype(bool)).sort_values(["_a", "_b"], kind="stable").drop(
        columns=["_a", "_b"])


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
