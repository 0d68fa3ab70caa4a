"""Nguồn: a source document as a document, every quoted figure marked in it; a selected figure's quote first, in its
paragraph, where a link from a card or a chart lands, so the reader checks it without looking for it."""

import streamlit as st

from metrics.cards import source_title, value_text
from metrics.highlight import document_html, paragraphs
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
ids = sources["source_id"].astype(str).tolist()
if st.session_state.get("source") not in ids:
    st.session_state["source"] = ids[0]
# 'Title (05/01/2026)' of every document, made once per view (a list of 10,000 documents is not formatted on each rerun).
labels = memo(v, "source-labels", lambda: {str(r["source_id"]): f"{source_title(r, v.lang)} ({date(r['source_published'], v.lang)})"
                                            for r in sources.to_dict("records")})
st.selectbox(t("source", v.lang), ids, key="source", format_func=labels.__getitem__)
sid = st.session_state["source"]
doc = sources.set_index("source_id").loc[sid]
st.subheader(esc(source_title(doc.to_dict(), v.lang)))
original = f"{esc(doc['source_title'])} · " if v.lang != "vi" else ""  # the document's own title beside its translation
st.caption(f"{original}{t('published', v.lang)}: {date(doc['source_published'], v.lang)} · {esc(v.name('agencies', doc['source_agency']))}")

figures = v.ds.frame[(v.ds.frame["source_id"] == sid) & ~v.ds.frame["derived"]]
tasks = [task for task, source_id in v.ds.tasks if source_id == sid]
# The figures' quotes and the tasks' quotes, marked alike; a task is told apart by its key.
quotes = dict(zip(figures["id"], figures["quote"], strict=True)) | {f"task:{task.id}": task.quote for task in tasks}
paras = memo(v, f"paragraphs:{sid}", lambda: paragraphs(v.ds.source_text(sid), quotes, int(doc["source_preamble"])))
where = {mid: p for p in paras for mid in p.ids}
names = {r["id"]: f"{r[f'name_{v.lang}']}: {value_text(r, v.units[r['unit']], v.lang)}" for r in figures.to_dict("records")}
names |= {f"task:{task.id}": f"{t('task', v.lang)}: {task.text.text(v.lang)}" for task in tasks}

selected = f"task:{st.session_state['task']}" if st.session_state.get("task") else st.session_state.get("metric")
if selected not in names:
    selected = None


def pick() -> None:
    chosen = st.session_state[f"pick-{sid}"] or ""
    st.session_state["task"] = chosen.removeprefix("task:") if chosen.startswith("task:") else None
    st.session_state["metric"] = None if chosen.startswith("task:") else chosen


# One chooser for the document's figures (no button per figure): choosing one puts its quote at the top.
st.selectbox(t("figures_in_text", v.lang), list(names), index=list(names).index(selected) if selected else None, key=f"pick-{sid}",
             format_func=names.__getitem__, on_change=pick, placeholder=t("choose_figure", v.lang))
if selected:
    back = ("app_pages/tasks.py", {"lang": v.lang}) if selected.startswith("task:") else (
        f"app_pages/{figures.set_index('id').loc[selected, 'theme']}.py", {"lang": v.lang, "metric": selected, "source": sid})
    with st.container(border=True, key="quote-focus"):
        st.markdown(f"**{esc(names[selected])}**")
        if selected in where:
            st.html(document_html([where[selected]], selected, focus=True))
        else:
            st.warning(t("not_found_in_text", v.lang))
        st.page_link(back[0], label=t("back_to_figure", v.lang), icon=":material/undo:", query_params=back[1])

st.subheader(t("full_text", v.lang))
st.html(memo(v, f"document:{sid}:{selected}", lambda: document_html(paras, selected)))
