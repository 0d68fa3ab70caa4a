"""Nguồn: each source document in full, its figures highlighted where their quotes stand, linked both ways."""

import streamlit as st

from metrics.cards import value_text
from metrics.highlight import paragraphs
from metrics.i18n import date, t
from ui.shell import view
from ui.show import esc, memo
from ui.theme_page import title

v = view()
title(v, "sources")
sources = v.ds.sources
if sources.empty:
    st.info(t("no_figures", v.lang))
    st.stop()
ids = sources["source_id"].tolist()
if st.session_state.get("source") not in ids:
    st.session_state["source"] = ids[0]
info = sources.set_index("source_id")
labels = v.ds.source_labels(v.lang)
st.selectbox(t("source", v.lang), ids, key="source", format_func=labels.__getitem__)
sid = st.session_state["source"]
doc = info.loc[sid]
st.caption(f"{t('published', v.lang)}: {date(doc['source_published'], v.lang)} · {esc(v.name('agencies', doc['source_agency']))}")

figures = v.ds.frame[(v.ds.frame["source_id"] == sid) & ~v.ds.frame["derived"]]
selected = st.session_state.get("metric")
quotes = dict(zip(figures["id"], figures["quote"], strict=True))
paras = memo(v, f"paragraphs:{sid}", lambda: paragraphs(v.ds.source_text(sid), quotes))
where = {mid: p.index for p in paras for mid in p.ids}

st.subheader(t("figures_in_text", v.lang))
for r in figures.to_dict("records"):
    mark = "▶ " if r["id"] == selected else ""
    link = f"[↓ ¶{where[r['id']]}](#p-{where[r['id']]})" if r["id"] in where else t("not_found_in_text", v.lang)
    # One line and one link per figure (no columns): a long list redraws fast.
    st.markdown(f"{mark}**{esc(r[f'name_{v.lang}'])}**: {esc(value_text(r, v.units[r['unit']], v.lang))} · {link}")
    st.page_link(f"app_pages/{r['theme']}.py", label=t("back_to_figure", v.lang), icon=":material/undo:",
                 query_params={"lang": v.lang, "metric": r["id"], "source": sid})

st.subheader(t("full_text", v.lang))
names = figures.set_index("id")
# Neighbouring quotes alternate colours so each can be told apart; the selected figure's quote is blue and bold.
shade = {mid: ("orange", "violet")[i % 2] for i, mid in enumerate(quotes)}
for p in paras:
    body = "".join(
        (f":blue-background[**{esc(part.text)}**]" if selected in part.ids else f":{shade[part.ids[0]]}-background[{esc(part.text)}]")
        if part.ids else esc(part.text)
        for part in p.parts
    )
    if p.ids:
        st.subheader(f"¶{p.index}", anchor=f"p-{p.index}")
    st.markdown(body)
    for mid in p.ids:
        st.page_link(f"app_pages/{names.loc[mid, 'theme']}.py", label=esc(names.loc[mid, f'name_{v.lang}']), icon=":material/undo:",
                     query_params={"lang": v.lang, "metric": mid, "source": sid})
