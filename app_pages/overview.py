"""Tổng quan: the leading figures of each theme (the data says which lead), each with its source."""

import streamlit as st

from metrics.cards import cards
from metrics.i18n import t
from ui import show
from ui.registry import page_title
from ui.shell import view
from ui.theme_page import changes, ordered

PER_THEME = 3
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
    shown = ordered(rows, st.session_state.get("metric"))
    leads = int(shown["lead"].fillna(False).sum())
    show.card_grid(cards(shown.head(max(PER_THEME, min(leads, 6))), v.units, v.lang, v.ds.previous, v.several_years), v.lang,
                   st.session_state.get("metric"))
    st.page_link(f"app_pages/{theme}.py", label=t("see_all", v.lang, theme=name), icon=":material/arrow_forward:")
changes(v)
