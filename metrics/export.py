"""Every validated figure with its source as CSV, JSON or XLSX, safe to open in a spreadsheet; the columns and
their headers are those of metrics.figures.columns."""

from __future__ import annotations

import io
import json
import unicodedata

import pandas as pd

from metrics.figures.columns import EXPORTED

HEADERS = [c.export for c in EXPORTED]
FORMATS = ("csv", "json", "xlsx")
# A spreadsheet runs a cell that starts with these as a formula (CSV injection), also after the characters it skips
# at the start of a cell: spaces, tabs, line breaks, zero-width and byte-order marks; full-width forms (＝, ＋)
# count as the ASCII ones (NFKC).
FORMULA_START = ("=", "+", "-", "@")
SKIPPED = " \t\r\n\u00a0\u200b\u200c\u200d\u2060\ufeff"


def neutralise(text: str) -> str:
    """'=HYPERLINK(...)' becomes \"'=HYPERLINK(...)\": shown as text, never run, however it is disguised."""
    return "'" + text if unicodedata.normalize("NFKC", text).lstrip(SKIPPED).startswith(FORMULA_START) else text


def table(frame: pd.DataFrame) -> pd.DataFrame:
    """The exported columns under their headers, as plain Python values: dates as YYYY-MM-DD, missing as None."""
    out = frame.reindex(columns=[c.name for c in EXPORTED]).copy()
    out["source_published"] = out["source_published"].dt.strftime("%Y-%m-%d")
    out["derived"] = out["derived"].fillna(False).astype(bool)
    out = out.astype(object)
    out.columns = HEADERS
    return out.where(out.notna(), None)


def to_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 with BOM so Excel reads the diacritics; formula-like cells neutralised; rows end in CRLF (RFC 4180),
    so every cell holding a line break of either kind is quoted and no reader splits a row."""
    return csv_bytes(table(frame))


def csv_bytes(rows: pd.DataFrame) -> bytes:
    """Any table (the figures, the tasks) as the CSV described in to_csv."""
    rows = rows.map(lambda v: neutralise(v) if isinstance(v, str) else v)
    return rows.to_csv(index=False, float_format="%.15g", lineterminator="\r\n").encode("utf-8-sig")


def to_json(frame: pd.DataFrame, tasks: pd.DataFrame | None = None) -> bytes:
    """{"metrics": [records], "tasks": [records]} (tasks when given); text stays as written (JSON is not run by
    spreadsheets)."""
    doc = {"metrics": table(frame).to_dict("records")}
    if tasks is not None:
        doc["tasks"] = tasks.astype(object).where(tasks.notna(), None).to_dict("records")
    return (json.dumps(doc, ensure_ascii=False, indent=1, default=_json_value) + "\n").encode("utf-8")


def to_xlsx(frame: pd.DataFrame, tasks: pd.DataFrame | None = None) -> bytes:
    """A sheet 'metrics' (and 'tasks' when given) written by XlsxWriter, which never turns text into a formula or a
    link; text columns carry Excel's quote prefix, so a cell stays text even when someone edits it."""
    buf = io.BytesIO()
    options = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    with pd.ExcelWriter(buf, engine="xlsxwriter", engine_kwargs={"options": options}) as writer:
        text = writer.book.add_format({"quote_prefix": True})
        sheets = {"metrics": table(frame)} | ({"tasks": tasks} if tasks is not None else {})
        for name, rows in sheets.items():
            rows.to_excel(writer, sheet_name=name, index=False, freeze_panes=(1, 1))
            for i, column in enumerate(rows.columns):
                if rows[column].dtype == object or str(rows[column].dtype) in ("string", "category"):
                    writer.sheets[name].set_column(i, i, None, text)
    return buf.getvalue()


def export(frame: pd.DataFrame, fmt: str, tasks: pd.DataFrame | None = None) -> bytes:
    """Bytes of the frame (and the tasks, in JSON and XLSX) in one of FORMATS; CSV holds the figures only (the
    tasks' CSV is a file of its own: csv_bytes)."""
    if fmt == "csv":
        return to_csv(frame)
    return {"json": to_json, "xlsx": to_xlsx}[fmt](frame, tasks)


def _json_value(v):
    if hasattr(v, "item"):
        return v.item()
    raise TypeError(f"cannot export {type(v).__name__}")
