"""How a card, a chart and a notice appear; data text is always escaped, never run as markup."""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from metrics.cards import Card
from metrics.charts import Chart
from metrics.i18n import count, t
from metrics.plotly_locale import plotly_config

T = TypeVar("T")

# Markdown, emoji shortcodes (:x:), colour directives and LaTeX ($) all start with ASCII punctuation;
# a backslash before any of it makes Streamlit show the character itself.
_MARKUP = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$&=\"'])")


def esc(text: object) -> str:
    """Text from a data file, safe to put inside Markdown: shown exactly as written."""
    return _MARKUP.sub(r"\\\1", str(text))


def card(c: Card, lang: str, selected: bool = False) -> None:
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


def card_grid(cards: list[Card], lang: str, selected: str | None = None, columns: int = 3) -> None:
    for start in range(0, len(cards), columns):
        cols = st.columns(columns)
        for col, c in zip(cols, cards[start:start + columns], strict=False):
            with col:
                card(c, lang, selected == c.id)


_memo: OrderedDict = OrderedDict()
_memo_lock = threading.Lock()
MEMO_SIZE = 256


def memo(view, key: str, build: Callable[[], T]) -> T:
    """What build() makes for this view (data, filters, language), made once and reused by every rerun and
    session that shows the same view: Plotly figures and formatted tables cost tens of milliseconds each."""
    memo_key = (view.ds.token, key, view.period, view.agency, view.theme, view.lang)
    with _memo_lock:
        if memo_key in _memo:
            _memo.move_to_end(memo_key)
            return _memo[memo_key]
    value = build()
    with _memo_lock:
        _memo[memo_key] = value
        while len(_memo) > MEMO_SIZE:
            _memo.popitem(last=False)
    return value


def chart(build: Callable[[], Chart], view, key: str) -> None:
    """The figure (built once per view), its caption with sources, and the data behind it one click away."""
    lang = view.lang
    ch = memo(view, f"chart:{key}", build)
    st.plotly_chart(ch.figure, theme=None, config=plotly_config(lang), key=key)
    st.caption(esc(ch.caption))
    with st.expander(t("data_behind", lang)):
        st.dataframe(ch.table, hide_index=True)


def rejected_notice(ds, lang: str) -> None:
    """A discreet line on every page when the loader left something out."""
    r = ds.result
    if r.problems:
        cols = st.columns([4, 1])
        p = len(r.problems)
        text = t("rejected_notice", lang, p=count(p, lang, "vấn đề", "problems", "problem"),
                 n=count(r.metrics_rejected, lang, "chỉ tiêu", "figures", "figure"),
                 f=count(len(r.rejected_files), lang, "tệp", "files", "file"))
        cols[0].caption("⚠️ " + text)
        cols[1].page_link("app_pages/quality.py", label=t("see_quality", lang))
