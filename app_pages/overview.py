"""Tổng quan: the leading figures of each theme (the data says which lead), each with its source."""

import streamlit as st

from metrics.cards import cards
from metrics.i18n import t
from metrics.pages import leading, page_title
from ui import show
from ui.shell import view
from ui.theme_page import changes

v = view()
st.title(t("app_title", v.lang))
stated = v.rows[~v.rows["derived"]]
if stated.empty:
    st.info(t("no_figures", v.lang))
for theme in v.ds.refs.themes:
    rows = stated[stated["theme"] == theme]
    if rows.empty:
        continue
    name = page_title(theme, v.lang, v.ds.refs)
    st.subheader(name)
    show.card_grid(cards(leading(rows, st.session_state.get("metric")), v.units, v.lang, v.ds.previous, v.several_years), v.lang,
                   st.session_state.get("metric"))
    st.page_link(f"app_pages/{theme}.py", label=t("see_all", v.lang, theme=name), icon=":material/arrow_forward:")
changes(v)
