"""The figures as a clerk reads them, one row per figure in the interface's language, and that table as a CSV or
XLSX file a spreadsheet in the same locale opens without asking anything."""

from __future__ import annotations

import io
import math
import re

import pandas as pd
from babel.numbers import get_decimal_symbol

from metrics.cards import value_text
from metrics.export import neutralise
from metrics.formatting import missing
from metrics.i18n import Lang, date, t
from metrics.references import Refs

# Catalog keys of the headers, in column order; the id comes last, as a reference rather than something to read.
KEYS = ("figure", "value", "number", "unit", "period", "theme", "agency", "derived", "formula", "quote", "source", "published",
        "figure_id")
NUMBER, PERIOD, QUOTE = KEYS.index("number"), KEYS.index("period"), KEYS.index("quote")
DECIMALS = 2  # a derived figure (651 ÷ 162%) has as many decimals as a float holds; a reader needs two at most
WIDTH_CAP = 60
SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")  # characters Excel refuses in a sheet name


def reader_table(frame: pd.DataFrame, refs: Refs, lang: Lang) -> pd.DataFrame:
    """One row per figure of frame (stated and derived), headed in lang: text columns hold strings ('' when the
    figure lacks the field), the number column floats, the period integers."""
    yes, no = t("yes", lang), t("no", lang)
    rows = []
    for r in frame.to_dict("records"):
        unit = refs.units[r["unit"]]
        formula = r.get(f"formula_{lang}")
        rows.append((
            _text(r[f"name_{lang}"]), value_text(r, unit, lang), _rounded(r["amount"], unit.kind), unit.label.text(lang),
            int(r["period"]), refs.name("themes", r["theme"], lang), refs.name("agencies", r["agency"], lang),
            no if missing(r.get("derived")) or not r["derived"] else yes, "" if missing(formula) else str(formula), _text(r["quote"]),
            _text(r["source_title"]), "" if pd.isna(r["source_published"]) else date(r["source_published"], lang), _text(r["id"]),
        ))
    table = pd.DataFrame(rows, columns=[t(k, lang) for k in KEYS])
    text = [h for i, h in enumerate(table.columns) if i not in (NUMBER, PERIOD)]
    # Fixed types even for an empty frame, so the files' writers never meet a column of unknown kind.
    return table.astype({table.columns[NUMBER]: "float64", table.columns[PERIOD]: "int64"} | dict.fromkeys(text, object))


def to_csv(frame: pd.DataFrame, refs: Refs, lang: Lang) -> bytes:
    """UTF-8 with BOM (Excel then reads the diacritics), CRLF row ends, text cells neutralised. The decimal mark is
    the language's and the separator the one a spreadsheet in that locale expects beside it (';' where ',' is the
    decimal mark), so the file opens split into columns with the number column read as numbers."""
    decimal = get_decimal_symbol(lang)
    table = reader_table(frame, refs, lang)
    out = table.astype(object)
    for i, column in enumerate(table.columns):
        if i == NUMBER:
            out[column] = [_plain(x, decimal) for x in table[column]]
        elif i != PERIOD:
            out[column] = [neutralise(v) for v in table[column]]
    sep = ";" if decimal == "," else ","
    return out.to_csv(index=False, sep=sep, lineterminator="\r\n").encode("utf-8-sig")


def to_xlsx(frame: pd.DataFrame, refs: Refs, lang: Lang) -> bytes:
    """One sheet written by XlsxWriter, which never turns text into a formula or a link: bold frozen header, columns
    as wide as their content, numbers stored as numbers, text cells with Excel's quote prefix so a cell stays text
    even when someone edits it."""
    table = reader_table(frame, refs, lang)
    buf = io.BytesIO()
    options = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    with pd.ExcelWriter(buf, engine="xlsxwriter", engine_kwargs={"options": options}) as writer:
        book = writer.book
        sheet = book.add_worksheet(_sheet_name(lang))
        header = book.add_format({"bold": True, "valign": "top"})
        text = book.add_format({"quote_prefix": True, "valign": "top"})
        wrapped = book.add_format({"quote_prefix": True, "valign": "top", "text_wrap": True})
        # '#,##0.##' leaves a bare decimal mark after a whole number ('402.'), so whole numbers get '#,##0'.
        fraction = book.add_format({"num_format": "#,##0.##", "valign": "top"})
        whole = book.add_format({"num_format": "#,##0", "valign": "top"})
        year = book.add_format({"num_format": "0", "valign": "top"})
        sheet.write_row(0, 0, list(table.columns), header)
        for row, values in enumerate(table.itertuples(index=False, name=None), start=1):
            for col, value in enumerate(values):
                if col == NUMBER:
                    if not math.isnan(value):
                        sheet.write_number(row, col, value, whole if value.is_integer() else fraction)
                elif col == PERIOD:
                    sheet.write_number(row, col, value, year)
                elif value:
                    sheet.write_string(row, col, value, wrapped if col == QUOTE else text)
        for col, column in enumerate(table.columns):
            width = WIDTH_CAP if col == QUOTE else _width(column, table[column], col == NUMBER)
            # Empty cells of a text column take its format too: what someone types there later stays text.
            sheet.set_column(col, col, width, None if col in (NUMBER, PERIOD) else wrapped if col == QUOTE else text)
        sheet.freeze_panes(1, 0)
    return buf.getvalue()


def _text(value) -> str:
    return "" if missing(value) else str(value)


def _rounded(amount: float, kind: str) -> float:
    """Money in whole đồng (the base unit has no fractions), anything else to at most DECIMALS decimals."""
    return float(round(amount, 0 if kind == "money" else DECIMALS))


def _plain(x: float, decimal: str) -> str:
    """A number as a spreadsheet parses it: no grouping, no exponent (5535000000000, not 5.535e+12)."""
    if math.isnan(x):
        return ""
    text = str(int(x)) if x.is_integer() else f"{x:.{DECIMALS}f}".rstrip("0")
    return text.replace(".", decimal)


def _width(header: str, values: pd.Series, numeric: bool) -> int:
    # Numbers show with grouping marks, about a third longer than their digits.
    cells = [f"{x:,.2f}".rstrip("0").rstrip(".") for x in values if not math.isnan(x)] if numeric else values.tolist()
    longest = max((len(line) for s in [header, *cells] for line in str(s).splitlines()), default=0)
    return min(longest + 2, WIDTH_CAP)


def _sheet_name(lang: Lang) -> str:
    return SHEET_FORBIDDEN.sub("", t("figure", lang)).strip("'")[:31]
