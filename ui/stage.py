"""A slide on the screen of a hall: the slide as HTML (every text escaped, every number formatted from its figure in
metrics.decks.slides), the keys a presenter's clicker sends, and the QR code to the live view."""

from __future__ import annotations

import html

import streamlit as st

from metrics import qr
from metrics.decks.slides import SlideView
from metrics.i18n import Lang, t
from ui.show import esc

# Key -> step: a clicker sends PageDown/PageUp (some Left/Right); a keyboard has the rest. One button per key:
# Streamlit binds one shortcut to one button.
NEXT, PREVIOUS = ("PageDown", "Right", "Space", "Enter"), ("PageUp", "Left")
FIRST, LAST, LEAVE = "Home", "End", "Escape"


def e(text: object) -> str:
    return html.escape(str(text), quote=True)


def figure_html(c, size: str, lang: Lang) -> str:
    """A figure as the back row reads it: the value huge (qualifier and unit in it), its name, and what qualifies it."""
    notes = [x for x in (c.plan, c.comparison) if x]
    badge = f'<span class="badge">{e(t("derived", lang))}</span>' if c.derived else ""
    formula = f'<div class="note">{e(t("formula", lang))}: {e(c.formula)}</div>' if c.formula else ""
    return (f'<div class="fig {size}"><div class="value">{e(c.value)}</div><div class="name">{e(c.title)} {badge}</div>'
            + "".join(f'<div class="note">{e(n)}</div>' for n in notes) + formula + "</div>")


def slide_html(s: SlideView, lang: Lang) -> str:
    """The body of a slide (its chart, if any, is drawn by the page beside this)."""
    head = f'<h2 class="headline">{e(s.headline)}</h2>' if s.headline else ""
    if s.problem:
        return f'{head}<div class="placeholder">{e(s.problem)}</div>'
    if s.kind == "figure":
        return head + figure_html(s.figures[0], "one", lang)
    if s.kind == "figures":
        return head + f'<div class="figs n{len(s.figures)}">' + "".join(figure_html(c, "many", lang) for c in s.figures) + "</div>"
    if s.kind == "quote":
        c = s.figures[0]
        return (head + f'<blockquote class="quote">“{e(s.quote)}”</blockquote>'
                f'<div class="quote-figure">{e(c.title)}: <b>{e(c.value)}</b></div>')
    if s.kind == "closing":
        items = "".join(f"<li>{e(x)}</li>" for x in s.sources)
        return f'{head}<div class="closing"><div><h3>{e(t("sources_of_deck", lang))}</h3><ul>{items}</ul></div></div>'
    return head


def footer_html(s: SlideView, n: int, total: int) -> str:
    sources = " · ".join(s.sources[:2]) + (" …" if len(s.sources) > 2 else "")
    return f'<div class="stage-foot"><span class="src">{e(sources)}</span><span class="count">{n} / {total}</span></div>'


def qr_block(url: str, lang: Lang, public: bool, width: int = 240) -> None:
    """A QR code that opens url on a phone, and which address it holds: a presenter whose laptop says 'localhost'
    learns that the phones in the hall cannot follow it."""
    with st.container(key=f"qr-{width}"):
        st.image(qr.png(url), width=width)
    st.caption(f"{t('qr_public' if public else 'qr_browser', lang)}: {esc(url)}")
