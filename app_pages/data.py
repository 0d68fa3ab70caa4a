"""Dữ liệu: every figure with its source, filtered by the sidebar and a search (with or without diacritics, kept in the
URL), downloadable as CSV and XLSX in the reader's language (and JSON, as the command line exports it)."""

import pandas as pd
import streamlit as st

from metrics import reader_export
from metrics.cards import source_title, value_text
from metrics.export import export
from metrics.i18n import date, num, t
from metrics.search import matches
from ui.shell import view
from ui.show import memo
from ui.theme_page import title

SHOWN = 1_000  # the grid stays fast; the downloads carry every matching row
v = view()
lang = v.lang
title(v, "data")
query = st.text_input(t("search", lang), key="q", placeholder=t("search_hint", lang)) or ""
rows = v.rows
if query.strip():
    rows = rows[matches(v.ds.search, query).to_numpy()[rows.index.to_numpy()]]
shown = rows.head(SHOWN)
st.caption(t("rows_shown", lang, n=num(len(rows), lang)) if len(rows) <= SHOWN
           else t("rows_first", lang, shown=num(SHOWN, lang), n=num(len(rows), lang)))


def grid():
    """The displayed rows with their values written out in the language (built once per view and search)."""
    return pd.DataFrame({
        t("figure", lang): shown[f"name_{lang}"],
        t("value", lang): [value_text(r, v.units[r["unit"]], lang) for r in shown.to_dict("records")],
        t("period", lang): shown["period"].astype(str),
        t("theme", lang): [v.name("themes", x) for x in shown["theme"]],
        t("agency", lang): [v.name("agencies", x) for x in shown["agency"]],
        t("derived", lang): [t("yes" if d else "no", lang) for d in shown["derived"]],
        t("formula", lang): shown[f"formula_{lang}"],
        t("quote", lang): shown["quote"],
        t("source", lang): [source_title(r, lang) for r in shown.to_dict("records")],
        t("published", lang): [date(d, lang) for d in shown["source_published"]],
        t("figure_id", lang): shown["id"],
    })


st.dataframe(
    memo(v, f"data-grid:{query}", grid),
    hide_index=True,
    height=560,
    column_config={t("figure", lang): st.column_config.TextColumn(width="medium", pinned=True),
                   t("value", lang): st.column_config.TextColumn(width="medium"),
                   t("quote", lang): st.column_config.TextColumn(width="large"),
                   t("figure_id", lang): st.column_config.TextColumn(width="small")},
)
stem = t("download_stem", lang)
cols = st.columns([1, 1, 1, 3])
# Files are built when clicked, not on every rerun: an XLSX of 200,000 rows takes seconds. A download changes
# nothing on the page, so it does not rerun it: a rerun would redraw the grid for nothing, and a second button
# clicked during that rerun could be lost.
cols[0].download_button(t("download_csv", lang), lambda: reader_export.to_csv(rows, v.ds.refs, lang), file_name=f"{stem}.csv",
                        mime="text/csv", key="dl-csv", on_click="ignore")
cols[1].download_button(t("download_xlsx", lang), lambda: reader_export.to_xlsx(rows, v.ds.refs, lang), file_name=f"{stem}.xlsx",
                        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="dl-xlsx", on_click="ignore")
cols[2].download_button(t("download_json", lang), lambda: export(rows, "json"), file_name=f"{stem}.json", mime="application/json",
                        key="dl-json", on_click="ignore")
