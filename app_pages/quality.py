"""Chất lượng dữ liệu: what the loader rejected or passed over, file by file, with the message and the hint to fix it;
the metric files first, then the deck files and the task files (checked against the figures and their sources)."""

import pandas as pd
import streamlit as st

from metrics.i18n import num, t
from ui.shell import view
from ui.show import esc
from ui.theme_page import title


def listed(problems) -> None:
    """Each file's problems in an open expander: line, field, what is wrong, how to fix it."""
    table = pd.DataFrame([p.as_dict() for p in problems], columns=["file", "line", "field", "message", "hint"])
    for file, group in table.groupby("file", sort=True):
        with st.expander(f"{esc(file)} ({len(group)})", expanded=True):
            st.dataframe(group.drop(columns="file").rename(columns={"line": t("line", v.lang), "field": t("field", v.lang),
                                                                    "message": t("problem", v.lang), "hint": t("hint", v.lang)}),
                         hide_index=True)


v = view()
title(v, "quality")
r = v.ds.result
st.markdown(t("quality_counts", v.lang, files=num(r.files_read, v.lang), read=num(r.records_read, v.lang),
              loaded=num(r.records_loaded, v.lang), rejected=num(r.records_rejected, v.lang)))
if not r.problems and not r.skipped:
    st.success(t("quality_ok", v.lang))
if r.skipped:  # found under data/ but never read: a link that loops or leaves, a pipe; said, never dropped
    with st.expander(t("skipped_files", v.lang, n=num(len(r.skipped), v.lang)), expanded=True):
        st.dataframe(pd.DataFrame(r.skipped, columns=[t("file", v.lang), t("reason", v.lang)]), hide_index=True)
listed(r.problems)
decks = v.ds.deck_load  # a deck naming a figure the check rejected, or one of another year, is listed here
st.subheader(t("deck_files", v.lang, n=num(decks.files_read, v.lang), ok=num(decks.records_loaded, v.lang)))
listed(decks.problems)
tasks = v.ds.task_load  # a task whose quote or "rõ" words are not in its source, an unknown body or figure
st.subheader(t("task_files", v.lang, n=num(tasks.files_read, v.lang), read=num(tasks.records_read, v.lang),
               ok=num(tasks.records_loaded, v.lang)))
listed(tasks.problems)
