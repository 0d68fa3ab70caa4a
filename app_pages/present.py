"""Trình chiếu: one slide of a deck filling the screen, driven from a clicker (Page Down / Page Up) or the keyboard;
the slide number in the address, so a copied link opens that slide and the browser's back button steps back;
Escape leaves for the dashboard page of the slide's figure."""

import streamlit as st

from metrics import qr
from metrics.charts import plotly
from metrics.decks.slides import view as deck_view
from metrics.i18n import t
from ui import stage
from ui.shell import view
from ui.show import memo

v = view()
deck = v.ds.decks.get(st.session_state.get("deck"))
st.html('<style>[data-testid=stSidebar], [data-testid=stSidebarCollapsedControl], [data-testid=stHeader], [data-testid=stToolbar], '
        'footer, [data-testid=stDecoration] { display: none !important; } '
        '[data-testid=stMainBlockContainer] { padding: 2vh 3vw 0 3vw !important; max-width: 100% !important; }</style>')
if deck is None:
    st.warning(t("no_deck", v.lang))
    st.page_link("app_pages/decks.py", label=t("page.decks", v.lang), icon=":material/slideshow:")
    st.stop()

shown = memo(v, f"deck:{deck.id}", lambda: deck_view(deck, v.ds.frame, v.ds.refs, v.lang, v.ds.previous, v.ds.tasks))
total = len(shown.slides)
n = min(max(int(st.session_state.get("slide") or 1), 1), total)
st.session_state["slide"] = n
s = shown.slides[n - 1]


def go(to: int) -> None:
    st.session_state["slide"] = min(max(to, 1), total)


def leave() -> None:
    """Back to the dashboard page that holds the slide's (first) figure, with the same language and filters."""
    st.session_state["leave"] = True


if st.session_state.pop("leave", False):
    first = s.figure_ids[0] if s.figure_ids else None
    row = v.ds.frame[v.ds.frame["id"] == first]
    theme = str(row["theme"].iloc[0]) if len(row) else None
    st.session_state["metric"] = first
    st.switch_page(f"app_pages/{theme}.py" if theme else "app_pages/decks.py")

with st.container(key="stage"):
    st.html(stage.slide_html(s, v.lang))
    if s.chart is not None and not s.problem:
        st.plotly_chart(memo(v, f"deck-chart:{deck.id}:{n}", lambda: plotly.figure(s.chart)), theme=None,
                        config=plotly.config(v.lang), key=f"slide-chart-{n}")
    if s.kind == "closing":
        base = qr.public_base()
        url = qr.view_url(base or qr.base_of(st.context.url, "present"), "present", {"deck": deck.id, "slide": 1, "lang": v.lang})
        stage.qr_block(url, v.lang, public=base is not None, width=360)
    st.html(stage.footer_html(s, n, total))

# The keys: buttons moved off the screen (a shortcut fires a button only while it is on the page); a visible,
# discreet pair for a mouse.
with st.container(key="stage-keys"):
    for i, key in enumerate(stage.NEXT):
        st.button(t("slide_next", v.lang), key=f"next-{i}", shortcut=key, on_click=go, args=(n + 1,))
    for i, key in enumerate(stage.PREVIOUS):
        st.button(t("slide_previous", v.lang), key=f"previous-{i}", shortcut=key, on_click=go, args=(n - 1,))
    st.button(t("slide_first", v.lang), key="first", shortcut=stage.FIRST, on_click=go, args=(1,))
    st.button(t("slide_last", v.lang), key="last", shortcut=stage.LAST, on_click=go, args=(total,))
    st.button(t("slide_leave", v.lang), key="leave", shortcut=stage.LEAVE, on_click=leave)
with st.container(key="stage-nav", horizontal=True):
    st.button("‹", key="nav-previous", on_click=go, args=(n - 1,), help=t("slide_previous", v.lang), disabled=n == 1)
    st.button("›", key="nav-next", on_click=go, args=(n + 1,), help=t("slide_next", v.lang), disabled=n == total)
    st.button("✕", key="nav-leave", on_click=leave, help=t("slide_leave", v.lang))
