"""The dashboard's navigation shell: the view from the URL, one page per theme, the filters that apply to the page in
the sidebar, the view written back to the URL."""

import datetime as dt
from pathlib import Path

import streamlit as st

from metrics.i18n import t
from metrics.pages import HIDDEN, PAGES, page_title, script
from ui import state
from ui.data import dataset
from ui.shell import prepare, sidebar

HERE = Path(__file__).parent
# The app's own styles, and the marks of a source document, which the static snapshot shares.
CSS = "\n".join((HERE / f).read_text(encoding="utf-8") for f in ("ui/style.css", "metrics/highlight.css"))

lang = prepare()
# An emoji page icon is drawn inline; a :material/ one would be fetched from the internet, and the app works offline.
st.set_page_config(page_title=t("app_title", lang), page_icon="🏛️", layout="wide")
st.html(f"<style>{CSS}</style>")  # type sizes and marks for a projector and a phone (shipped, nothing fetched)
refs = dataset().refs
page = st.navigation([
    st.Page(script(path), url_path=path, title=page_title(path, lang, refs), icon=icon, default=path == "overview",
            visibility="hidden" if path in HIDDEN else "visible")
    for path, icon in PAGES
], expanded=True)  # every page in the menu: a collapsed "View more" hides pages officials look for
path = page.url_path or "overview"
lang = sidebar(path)
# Before the page, so the URL holds the view even when a page stops early (st.stop); after it, because a page
# may settle part of the view itself (Sources picks the first document when the link names none).
state.write_url(path)
page.run()
state.write_url(path)
st.sidebar.caption(t("app_title", lang))


@st.fragment(run_every=dt.timedelta(hours=1))
def rerun_after_reconnect() -> None:
    """Shows nothing. Streamlit's frontend reruns the page after its connection comes back only when a fragment runs
    on a timer; with one, a reader whose replica died (deploy/) sees the surviving replica draw the same view from
    the address at once, instead of a page whose buttons and images point at the dead process."""


rerun_after_reconnect()
