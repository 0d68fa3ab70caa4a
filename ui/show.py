"""How a card, a chart and a notice appear; data text is always escaped, never run as markup."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from metrics.cards import Card
from metrics.charts import plotly
from metrics.charts.builders import worth_showing
from metrics.charts.image import browser, image
from metrics.charts.registry import build
from metrics.i18n import Lang, t, tn

T = TypeVar("T")

# Markdown, emoji shortcodes (:x:), colour directives and LaTeX ($) all start with ASCII punctuation;
# a backslash before any of it makes Streamlit show the character itself.
_MARKUP = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$&=\"'])")
# Streamlit's Markdown turns 'https://…', 'www.…' and 'a@b.c' into links after escapes are read: an invisible word
# joiner (U+2060) inside each pattern keeps the text as written on screen and makes no link.
_AUTOLINK = re.compile(r"(?i)(://|www\\\.|@)")


def esc(text: object) -> str:
    """Text from a data file, safe to put inside Markdown: shown exactly as written, never as markup or a link."""
    escaped = _MARKUP.sub(r"\\\1", str(text))
    return _AUTOLINK.sub(lambda m: m[0][:1] + "\u2060" + m[0][1:], escaped)


def card(c: Card, lang: Lang, selected: bool = False) -> None:
    """A figure's card: title, value (qualifier and unit included), bar for X/Y, plan, change, source; the quote
    on hover (the ?) and a link to its place in the source text. Few elements: a page of cards redraws fast."""
    with st.container(border=True, key=f"card-{c.id}"):
        label = f"**{esc(c.title)}**" + (f" · :violet-badge[{t('derived', lang)}]" if c.derived else "")
        if c.period is not None:
            label = f":gray-badge[{esc(t('period_of', lang, period=c.period))}] " + label
        if selected:
            label = f":blue-badge[{t('selected', lang)}] " + label
        # Markdown rather than st.metric: a long value ("trên 500 hội nghị, cuộc họp") wraps instead of being cut.
        body = f"{label}\n\n### {esc(c.value)}"
        if c.comparison:  # the source's own comparison, in its words: a stated fact, not a number
            body += f"\n\n{esc(c.comparison)}"
        if c.delta:
            body += f"\n\n{esc(c.delta)}"
        st.markdown(body, help=f"{t('quote', lang)}: {esc(c.quote)}")
        if c.fraction is not None:
            st.progress(min(max(c.fraction, 0.0), 1.0))
        notes = [esc(c.plan)] if c.plan else []
        if c.formula:
            notes.append(f"{t('formula', lang)}: {esc(c.formula)}")
        notes.append(f"{t('source', lang)}: {esc(c.source)}")
        st.caption("  \n".join(notes))
        st.page_link("app_pages/sources.py", label=t("see_in_source", lang), icon=":material/format_quote:",
                     query_params={"lang": lang, "source": c.source_id, "metric": c.quoted})


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
    """A chart of the registry, when it compares something (builders.worth_showing); see draw. Built once per view
    and shared by every session."""
    spec = memo(view, f"chart:{chart_id}", lambda: _build(chart_id, view))
    if spec is not None:
        draw(spec, view)


def draw(spec, view) -> None:
    """A chart: its title (the message) as text that wraps on a phone, the plot, the source line with a link to the
    quote of its first figure, the data behind it, and an image of it (title and source inside) to download."""
    lang = view.lang
    figure = memo(view, f"figure:{spec.id}:{spec.title}", lambda: plotly.figure(spec))
    with st.container(key=f"chart-{spec.id.replace(':', '-').replace('.', '-')}"):
        st.markdown(f"#### {esc(spec.title)}")
        st.plotly_chart(figure, theme=None, config=plotly.config(lang), key=spec.id)
        st.caption(esc(spec.footer))
        cols = st.columns([2, 2, 3])
        if spec.quotes:  # the first figure drawn, at its quote; the others are one selection away there
            source_id, metric_id = spec.quotes[0]
            cols[0].page_link("app_pages/sources.py", label=t("see_in_source", lang), icon=":material/format_quote:",
                              query_params={"lang": lang, "source": source_id, spec.quotes_of: metric_id})
        name = f"{t('chart_file', lang)}-{spec.id.replace(':', '-')}.png"
        cols[1].download_button(t("download_png", lang), lambda: image(spec, "png"), file_name=name,
                                mime="image/png", key=f"png-{spec.id}", on_click="ignore", icon=":material/image:",
                                help=None if browser() else t("image_needs_browser", lang), disabled=browser() is None)
        with st.expander(t("data_behind", lang)):
            st.dataframe(spec.table, hide_index=True)


def _build(chart_id: str, view):
    spec = build(chart_id, view.scope, view.units, view.lang)
    return spec if spec is not None and worth_showing(spec) else None


def rejected_notice(ds, lang: Lang) -> None:
    """A discreet line on every page when the loader left something out."""
    r = ds.result
    if r.problems:
        cols = st.columns([4, 1])
        text = t("rejected_notice", lang, p=tn("count.problems", len(r.problems), lang),
                 n=tn("count.figures", r.records_rejected, lang), f=tn("count.files", len(r.rejected_files), lang))
        cols[0].caption("⚠️ " + text)
        cols[1].page_link("app_pages/quality.py", label=t("see_quality", lang))
