"""The dashboard's navigation shell: language and filters in the sidebar, one page per theme, the view in the URL."""

import streamlit as st

from metrics.i18n import t
from ui import state
from ui.registry import PAGES, page_title, script
from ui.shell import sidebar

lang = sidebar()
# An emoji page icon is drawn inline; a :material/ one would be fetched from the internet, and the app works offline.
st.set_page_config(page_title=t("app_title", lang), page_icon="🏛️", layout="wide")
page = st.navigation([
    st.Page(script(path), url_path=path, title=page_title(path, lang), icon=icon, default=path == "overview")
    for path, icon in PAGES
])
# Before the page, so the URL holds the view even when a page stops early (st.stop); after it, because a page
# may settle part of the view itself (Sources picks the first document when the link names none).
state.write_url()
page.run()
state.write_url()
st.sidebar.caption(t("app_title", lang))
