"""How a card, a chart and a notice appear; data text is always escaped, never run as markup."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from metrics.cards import Card
from metrics.charts import plotly
from metrics.charts.registry import build
from metrics.i18n import Lang, t, tn

T = TypeVar("T")

# Markdown, emoji shortcodes (:x:), colour directives and LaTeX ($) all start with ASCII punctuation;
# a backslash before any of it makes Streamlit show the character itself.
_MARKUP = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$&=\"'])")


def esc(text: object) -> str:
    """Text from a data file, safe to put inside Markdown: shown exactly as written."""
    return _MARKUP.sub(r"\\\1", str(text))


def card(c: Card, lang: Lang, selected: bool = False) -> None:
    """A figure's card: title, value (qualifier and unit included), bar for X/Y, plan, change, source; the quote
    on hover (the ?) and a link to its place in the source text. Few elements: a page of cards redraws fast."""
    with st.container(border=True, key=f"card-{c.id}"):
        label = f"**{esc(c.title)}**" + (f" · :violet-badge[{t('derived', lang)}]" if c.derived else "")
        if selected:
            label = f":blue-badge[{t('selected', lang)}] " + label
        # Markdown rather than st.metric: a long value ("trên 500 hội nghị, cuộc họp") wraps instead of being cut.
        body = f"{label}\n\n### {esc(c.value)}"
        if c.delta:
            body += f"\n\n:gray[{esc(c.delta)}]"
        st.markdown(body, help=f"{t('quote', lang)}: {esc(c.quote)}")
        if c.fraction is not None:
            st.progress(min(max(c.fraction, 0.0), 1.0))
        notes = [esc(c.plan)] if c.plan else []
        if c.formula:
            notes.append(f"{t('formula', lang)}: {esc(c.formula)}")
        notes.append(f"{t('source', lang)}: {esc(c.source)}")
        st.caption("  \n".join(notes))
        st.page_link("app_pages/sources.py", label=t("see_in_source", lang), icon=":material/format_quote:",
                     query_params={"lang": lang, "source": c.source_id, "metric": c.id})


def card_grid(cards: list[Card], lang: Lang, selected: str | None = None, columns: int = 3) -> None:
    for start in range(0, len(cards), columns):
        cols = st.columns(columns)
        for col, c in zip(cols, cards[start:start + columns], strict=False):
            with col:
                card(c, lang, selected == c.id)


@st.cache_resource(max_entries=256, show_spinner=False)
def _memo(view_key: tuple, key: str, _build: Callable[[], T]) -> T:
    return _build()


def memo(view, key: str, build: Callable[[], T]) -> T:
    """What build() makes for this view (data, filters, language), made once and shared by every rerun and
    session that shows the same view: Plotly figures and formatted tables cost tens of milliseconds each."""
    return _memo(view.key, key, build)


def chart(chart_id: str, view) -> None:
    """A chart of the registry drawn by Plotly (built once per view), with the data behind it one click away;
    nothing when the view has no figures for it. The title and the source line are inside the figure."""
    drawn = memo(view, f"chart:{chart_id}", lambda: _draw(chart_id, view))
    if drawn is None:
        return
    figure, table = drawn
    st.plotly_chart(figure, theme=None, config=plotly.config(view.lang), key=chart_id)
    with st.expander(t("data_behind", view.lang)):
        st.dataframe(table, hide_index=True)


def _draw(chart_id: str, view):
    spec = build(chart_id, view.scope, view.units, view.lang)
    return None if spec is None else (plotly.figure(spec), spec.table)


def rejected_notice(ds, lang: Lang) -> None:
    """A discreet line on every page when the loader left something out."""
    r = ds.result
    if r.problems:
        cols = st.columns([4, 1])
        text = t("rejected_notice", lang, p=tn("count.problems", len(r.problems), lang),
                 n=tn("count.figures", r.records_rejected, lang), f=tn("count.files", len(r.rejected_files), lang))
        cols[0].caption("⚠️ " + text)
        cols[1].page_link("app_pages/quality.py", label=t("see_quality", lang))
