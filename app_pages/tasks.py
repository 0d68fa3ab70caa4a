"""Nhiệm vụ 2026: every task the sources assign for the year ahead, each with the six "rõ" the source states (its own
words on hover) and those it leaves unclear, marked so they stand out; how far each task and each body is from the
six; status and deadlines computed from the records and today."""

import datetime as dt

import streamlit as st

from metrics.i18n import num, t, tn
from metrics.tasks import register
from metrics.tasks.model import SIX
from ui import show
from ui.shell import view
from ui.show import esc
from ui.theme_page import title

v = view()
lang = v.lang
title(v, "tasks")
load = v.ds.task_load
all_entries = register.entries(v.ds.tasks, dt.date.today())
docs = {sid for _, sid in v.ds.tasks}
st.caption(t("tasks.recorded", lang, n=num(len(all_entries), lang), docs=tn("count.documents", len(docs), lang)))
# What each text announces beside what was recorded, so nobody counts "ten" where the paragraphs hold another number.
for announced, recorded, source_id in v.ds.task_announcements:
    titles = v.ds.sources.set_index("source_id")["source_title"]
    st.caption(t("tasks.announced", lang, source=esc(titles.get(source_id, source_id)), announced=num(announced, lang),
                 recorded=num(recorded, lang)) + " " + t("tasks.announced_note", lang))

statuses = ["all", *register.STATUSES, "overdue"]
if st.session_state.get("status") not in statuses:
    st.session_state["status"] = "all"
st.segmented_control(t("status", lang), statuses, key="status", required=True,
                     format_func=lambda s: t("all", lang) if s == "all" else t(f"status.{s}", lang))
shown = [e for e in all_entries if (v.agency == "all" or e.task.body == v.agency)]
status = st.session_state["status"]
shown = [e for e in shown if status == "all" or e.status == status or (status == "overdue" and e.overdue)]

cols = st.columns(len(register.STATUSES) + 1)
for col, (key, n) in zip(cols, register.counts([e for e in all_entries if v.agency == "all" or e.task.body == v.agency]).items(), strict=True):
    col.metric(t(f"status.{key}", lang), num(n, lang))

if shown:
    sources = "; ".join(dict.fromkeys(str(v.ds.sources.set_index("source_id").loc[e.source_id, "source_title"]) for e in shown))
    spec = show.memo(v, f"tasks-six:{status}", lambda: register.completeness_chart(shown, v.ds.refs, lang, f"{t('source', lang)}: {sources}"))
    show.draw(spec, v)
    bodies = register.by_body(shown)
    st.caption(" ".join(t("tasks.per_body", lang, body=esc(v.name("agencies", r.body)), complete=num(r.complete, lang),
                          tasks=num(r.tasks, lang), mean=f"{r.mean:.1f}".replace(".", "," if lang == "vi" else "."))
                        for r in bodies.itertuples()))

timed = [e for e in shown if e.task.six.time is not None]
if timed:
    st.subheader(t("tasks.deadlines", lang))
    if not any(e.deadline for e in timed):
        st.caption(t("tasks.no_dated_deadline", lang))
    for e in sorted(timed, key=lambda e: (e.deadline or dt.date.max, e.task.id)):
        flag = f" :red-badge[{t('status.overdue', lang)}]" if e.overdue else ""
        st.markdown(f"- **{esc(register.deadline_text(e, lang))}**: {esc(e.task.text.text(lang))}{flag}")

for e in shown:
    task = e.task
    with st.container(border=True, key=f"task-{task.id}"):
        st.markdown(f"**{esc(task.text.text(lang))}**  \n{esc(v.name('agencies', task.body))} · {t('assigned_by', lang)}: "
                    f"{esc(task.assigned_by.text(lang))} · :gray-badge[{t(f'status.{e.status}', lang)}]"
                    + (f" :red-badge[{t('status.overdue', lang)}]" if e.overdue else ""))
        # The six: a stated one green, its source words on hover; an empty one red, "chưa rõ", so the gap stands out.
        cols = st.columns(3)
        for i, name in enumerate(SIX):
            clear = getattr(task.six, name)
            with cols[i % 3]:
                if clear is None:
                    st.markdown(f":red-badge[:material/help: {t(f'six.{name}', lang)}: {t('six.missing', lang)}]")
                else:
                    st.markdown(f":green-badge[:material/check: {t(f'six.{name}', lang)}]", help=f"«{esc(clear.words)}»")
        links = st.columns([2, 3])
        links[0].page_link("app_pages/sources.py", label=t("see_in_source", lang), icon=":material/format_quote:",
                           query_params={"lang": lang, "source": e.source_id, "task": task.id})
        measured = v.ds.frame[v.ds.frame["id"].isin(task.metrics)]
        for r in measured.to_dict("records"):
            links[1].page_link(f"app_pages/{r['theme']}.py", label=f"{t('tasks.measured_by', lang)}: {esc(r[f'name_{lang}'])}",
                               icon=":material/bar_chart:", query_params={"lang": lang, "metric": r["id"]})
