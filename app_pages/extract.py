"""Nhập số liệu: a report's text, pasted or uploaded (.txt, .md, .docx), read into proposed figures that the reviewer
accepts, corrects and saves as a metric file; the same models and quote check as every file of data/ decide what
may be saved, and nothing is written until every accepted row passes."""

import datetime as dt
import hashlib
import io
import zipfile

import pandas as pd
import streamlit as st

from metrics.extraction import Extraction, extract, promote
from metrics.extraction.marks import marked_html
from metrics.extraction.review import check, existing, paths, save
from metrics.extraction.skips import REASONS
from metrics.extraction.source import DOCX_LIMIT, Unreadable, report_text
from metrics.extraction.write import SourceInfo, metric_file_text, rows, slug
from metrics.i18n import t, tn
from ui.data import refresh, writable
from ui.extract_table import COLUMNS, column_config, frame, records
from ui.shell import view
from ui.show import esc
from ui.theme_page import title

PASTE_CHARS = 500_000  # about a hundred pages
v = view()
lang, ds = v.lang, v.ds
title(v, "extract")
st.caption(t("extract_intro", lang))


@st.cache_data(max_entries=16, show_spinner=False)
def read(name: str, raw: bytes) -> tuple[str | None, str | None]:
    """The report's text, or why it cannot be read (a code the catalog words)."""
    try:
        return report_text(name, raw), None
    except Unreadable as e:
        return None, e.code


@st.cache_data(max_entries=16, show_spinner=False)
def extracted(text: str) -> Extraction:
    return extract(text)


@st.cache_data(max_entries=8, show_spinner=False)
def checked_draft(draft: str, text: str, sid: str, data_load: str, _ds):
    """The draft's checks, again only when the draft, the text or the data (a new load, by its token) changed: a
    quarter of a rerun's time on a ten-page report."""
    ids, sources = _ds.taken_ids(paths(sid)[0])
    return check(draft, text, sid, _ds.root, _ds.refs, ids, sources)


how = st.radio(t("extract_input", lang), ["paste", "upload"], format_func=lambda k: t(f"extract_{k}", lang), horizontal=True,
               key="extract-how")
if how == "paste":
    pasted = st.text_area(t("extract_text_label", lang), height=180, max_chars=PASTE_CHARS, key="extract-text")
    name, raw = "pasted.txt", pasted.encode("utf-8")
else:
    upload = st.file_uploader(t("extract_file_label", lang, mb=DOCX_LIMIT // 2**20), type=["txt", "md", "docx"],
                              max_upload_size=DOCX_LIMIT // 2**20, key="extract-file")
    name, raw = (upload.name, upload.getvalue()) if upload else ("", b"")
if not raw.strip():
    st.stop()
text, problem = read(name, raw)
if problem:
    st.error(t(f"unreadable.{problem}", lang, mb=DOCX_LIMIT // 2**20))
    st.stop()
x = extracted(text)
digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]  # names the widgets of this text: another text starts afresh

# --- the source ---------------------------------------------------------------------------------------------------
st.subheader(t("source", lang))
cols = st.columns([4, 3, 2, 3])
first_line = next((line.strip() for line in text.splitlines() if line.strip()), "")[:300]
source_title = cols[0].text_input(t("extract_source_title", lang), value=first_line, max_chars=300, key="extract-title")
agency = cols[1].selectbox(t("agency", lang), list(ds.refs.agencies), format_func=lambda a: v.name("agencies", a), key="extract-agency")
day = cols[2].date_input(t("published", lang), value=dt.date.today(), format="DD/MM/YYYY", key="extract-date",
                         min_value=dt.date(1945, 1, 1), max_value=dt.date(2100, 12, 31))
default_id = f"{agency}-{day.isoformat()}"
typed_id = cols[3].text_input(t("extract_source_id", lang), placeholder=default_id, max_chars=80, key="extract-sid")
sid = slug(typed_id, words=12) if typed_id.strip() else default_id

# --- the text, marked -------------------------------------------------------------------------------------------
st.subheader(t("extract_found", lang, figures=tn("count.figures", len(x.candidates), lang),
               skipped=tn("count.skipped_numbers", len(x.skipped), lang)))
st.caption(t("extract_legend", lang))
reasons = {r: t(f"skip.{r}", lang) for r in REASONS}
with st.container(border=True, key="extract-marked"):  # scrolls past 22rem (ui/style.css)
    st.html(f'<div class="x-text">{marked_html(x, reasons, t("extract_row", lang))}</div>')
if x.skipped:
    with st.expander(tn("count.skipped_numbers", len(x.skipped), lang), icon=":material/block:"):
        st.dataframe(pd.DataFrame({t("line", lang): [s.line for s in x.skipped], t("number", lang): [s.text for s in x.skipped],
                                   t("reason", lang): [reasons[s.reason] for s in x.skipped]}), hide_index=True)
        takeable = [i for i, s in enumerate(x.skipped) if any(ch.isdigit() for ch in s.text)]
        taken = st.multiselect(t("extract_take", lang), takeable, key=f"extract-take-{digest}",
                               format_func=lambda i: f"{x.skipped[i].line}: {x.skipped[i].text} ({reasons[x.skipped[i].reason]})")
else:
    taken = []

# --- the figures, reviewed --------------------------------------------------------------------------------------
promoted = [c for c in (promote(x, x.skipped[i]) for i in taken) if c is not None]
found = Extraction(x.text, [*x.candidates, *promoted], x.skipped, x.period)
start = frame(rows(found, ds.taken_ids(paths(sid)[0])[0], lang))
st.subheader(t("extract_review", lang))
edited = st.data_editor(start[list(COLUMNS)], hide_index=True, key=f"extract-rows-{digest}-{'-'.join(map(str, taken))}",
                        column_config=column_config(lang, ds.refs, v.name), disabled=("n", "confidence", "reason", "line"),
                        placeholder="")
reviewed = records(edited)
accepted = [r for r in reviewed if r["accept"]]
source = SourceInfo(sid, source_title.strip() or None, agency, day)
draft = metric_file_text(source, reviewed, x.skipped, name if how == "upload" else "")
on_disk = existing(ds.root, sid)
checked = checked_draft(draft, x.text, sid, ds.token, ds)

if not accepted:
    st.info(t("extract_none_accepted", lang))
    st.stop()
status = []
for i, r in enumerate(accepted):
    problems = checked.rows.get(i, [])
    status.append({"n": r["n"], t("figure", lang): r["name_vi"] or "", t("status", lang): t("extract_fix" if problems else "extract_ok", lang),
                   t("problem", lang): " · ".join(f"{p.field.split('.', 2)[-1]}: {p.message} ({p.hint})" for p in problems)})
st.dataframe(pd.DataFrame(status), hide_index=True, key="extract-status", column_config={
    t("problem", lang): st.column_config.TextColumn(width="large")})
for p in checked.file:
    st.error(f"{esc(p.field)}: {esc(p.message)} ({esc(p.hint)})")
if not checked.ok:
    st.warning(t("extract_fix_first", lang, n=sum(len(p) for p in checked.rows.values()) + len(checked.file)))
    st.stop()

# --- save ---------------------------------------------------------------------------------------------------------
st.success(t("extract_valid", lang, figures=tn("count.figures", len(accepted), lang), file=paths(sid)[0]))
bundle = io.BytesIO()
with zipfile.ZipFile(bundle, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr(paths(sid)[0], draft)
    z.writestr(paths(sid)[1], x.text)
cols = st.columns([1, 1, 1, 2])
cols[0].download_button(t("extract_download_zip", lang), bundle.getvalue(), file_name=f"{sid}.zip", mime="application/zip",
                        key="extract-zip", on_click="ignore", icon=":material/download:")
cols[1].download_button(t("extract_download_yaml", lang), draft.encode("utf-8"), file_name=f"{sid}.yaml", mime="application/yaml",
                        key="extract-yaml", on_click="ignore", icon=":material/download:")
if writable(ds.root / "metrics"):
    overwrite = bool(on_disk) and cols[3].checkbox(t("extract_overwrite", lang, files=", ".join(on_disk)), key="extract-overwrite")
    if cols[2].button(t("extract_save", lang), key="extract-save", type="primary", disabled=bool(on_disk) and not overwrite):
        save(ds.root, sid, draft, x.text, overwrite=overwrite)
        refresh()
        st.session_state["extract-saved"] = sid
        st.rerun()
if st.session_state.get("extract-saved") == sid and sid in set(ds.frame["source_id"]):
    st.success(t("extract_saved", lang, files=", ".join(paths(sid))))
    st.page_link("app_pages/sources.py", label=t("see_in_source", lang), query_params={"source": sid}, icon=":material/description:")
