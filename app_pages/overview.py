"""Tổng quan: the headline figures of the period, a few per theme, each with its source."""

import streamlit as st

from metrics.cards import cards
from metrics.i18n import t
from ui import show
from ui.shell import view
from ui.theme_page import changes

PER_THEME = 3
v = view()
st.title(t("app_title", v.lang))
stated = v.rows[~v.rows["derived"]]
if stated.empty:
    st.info(t("no_figures", v.lang))
for theme, entry in v.ds.refs.themes.items():
    rows = stated[stated["theme"] == theme]
    if rows.empty:
        continue
    st.subheader(entry.name.text(v.lang))
    show.card_grid(cards(rows.head(PER_THEME), v.units, v.lang, v.ds.previous), v.lang, st.session_state.get("metric"))
    st.page_link(f"app_pages/{theme}.py", label=t("see_all", v.lang, theme=entry.name.text(v.lang)), icon=":material/arrow_forward:")
changes(v)
