"""Every validated metric with its source as CSV, JSON or XLSX, safe to open in a spreadsheet."""

from __future__ import annotations

import io
import json

import pandas as pd
from openpyxl import Workbook

COLUMNS = [
    "id", "series", "name_vi", "name_en", "theme", "agency", "period", "value", "unit", "qualifier", "total",
    "plan_percent", "change", "stated_value", "scale", "award_level", "award_title_vi", "award_title_en",
    "recipient_type", "recipient", "quote", "source_id", "source_title", "source_published", "source_agency",
    "source_url", "file", "derived", "formula_vi", "formula_en", "inputs",
]
FORMATS = ("csv", "json", "xlsx")
# A spreadsheet runs a cell that starts with these as a formula (CSV injection); tab and CR too.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """'=HYPERLINK(...)' becomes \"'=HYPERLINK(...)\": shown as text, never run."""
    return "'" + text if text.startswith(FORMULA_START) else text


def table(frame: pd.DataFrame) -> pd.DataFrame:
    """The export's columns as plain Python values: dates as YYYY-MM-DD, missing as None."""
    out = frame.reindex(columns=COLUMNS).copy()
    out["source_published"] = out["source_published"].dt.strftime("%Y-%m-%d")
    out["derived"] = out["derived"].fillna(False).astype(bool)
    out = out.astype(object)
    return out.where(out.notna(), None)


def _cells(frame: pd.DataFrame, safe: bool):
    for row in table(frame).itertuples(index=False):
        yield [neutralise(v) if safe and isinstance(v, str) else v for v in row]


def to_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 with BOM so Excel reads the diacritics; formula-like cells neutralised."""
    rows = pd.DataFrame(list(_cells(frame, safe=True)), columns=COLUMNS)
    return rows.to_csv(index=False, float_format="%.15g", lineterminator="\n").encode("utf-8-sig")


def to_json(frame: pd.DataFrame) -> bytes:
    """A list of records; text stays as written (JSON is not run by spreadsheets)."""
    records = [dict(zip(COLUMNS, row, strict=True)) for row in _cells(frame, safe=False)]
    return (json.dumps(records, ensure_ascii=False, indent=1, default=_json_value) + "\n").encode("utf-8")


def to_xlsx(frame: pd.DataFrame) -> bytes:
    """One sheet; formula-like text stored as text with Excel's own quote prefix, never as a formula."""
    book = Workbook()
    sheet = book.active
    sheet.title = "metrics"
    sheet.append(COLUMNS)
    for r, row in enumerate(_cells(frame, safe=False), start=2):
        for c, value in enumerate(row, start=1):
            cell = sheet.cell(row=r, column=c)
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # openpyxl would otherwise store '=...' as a formula
                cell.quotePrefix = value.startswith(FORMULA_START)
    sheet.freeze_panes = "B2"
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def export(frame: pd.DataFrame, fmt: str) -> bytes:
    """Bytes of the frame in one of FORMATS."""
    return {"csv": to_csv, "json": to_json, "xlsx": to_xlsx}[fmt](frame)


def _json_value(v):
    if hasattr(v, "item"):
        return v.item()
    raise TypeError(f"cannot export {type(v).__name__}")
