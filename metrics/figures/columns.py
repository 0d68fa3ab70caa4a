"""The figures frame's columns, declared once: name, type, what it holds, and its header in exports. The loader's
rows, the Arrow tables that cross processes and the cache, the frame, the derived rows and the exports all read
this list."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

ARROW = {"int64": pa.int64(), "float64": pa.float64(), "date": pa.date32(), "bool": pa.bool_(), "string": pa.string(),
         # Categories are dictionary-encoded where rows are made (in the workers), so loading the cache need not.
         "category": pa.dictionary(pa.int32(), pa.string())}
PANDAS = {"date": "datetime64[ns]"}


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # int64, float64, date, bool, string, category
    doc: str
    export: str | None = None  # header in CSV/XLSX/JSON exports; None: not exported
    derived_only: bool = False  # added by metrics.figures.derived, not by the loader


# A document's attributes (title, URL, text path) repeat on each of its figures: categories hold each text once.
COLUMNS = (
    Column("id", "string", "unique id of the figure", "id"),
    Column("series", "string", "one measure across periods (defaults to the id)", "series"),
    Column("name_vi", "string", "what the figure measures, in Vietnamese", "name_vi"),
    Column("name_en", "string", "what the figure measures, in English", "name_en"),
    Column("theme", "category", "theme id", "theme"),
    Column("agency", "category", "agency the figure belongs to", "agency"),
    Column("period", "int64", "the year the figure covers", "period"),
    Column("amount", "float64", "the figure in base units: value × scale (đồng for money)", "value"),
    Column("unit", "category", "unit id", "unit"),
    Column("qualifier", "category", "exact, more_than, at_least, about, nearly", "qualifier"),
    Column("total", "float64", "the total of an achieved-of-total figure (184 in 184/184)", "total"),
    Column("plan_percent", "float64", "percent of plan achieved", "plan_percent"),
    Column("change", "category", "decrease or increase when the figure is a change", "change"),
    Column("value", "float64", "the number as the document states it, before scale (as in the metric file)", "stated_value"),
    Column("scale", "category", "the document's scale word: one, thousand, million, billion", "scale"),
    Column("award_level", "category", "who confers the award", "award_level"),
    Column("award_title_vi", "string", "the award, in Vietnamese", "award_title_vi"),
    Column("award_title_en", "string", "the award, in English", "award_title_en"),
    Column("recipient_type", "category", "individual or collective", "recipient_type"),
    Column("recipient", "string", "the named recipient", "recipient"),
    Column("stated_as_vi", "string", "the source's words for a figure that is not a measured amount", "stated_as_vi"),
    Column("stated_as_en", "string", "the same in English", "stated_as_en"),
    Column("comparison_vi", "string", "what the source compares the figure with, in its words", "comparison_vi"),
    Column("comparison_en", "string", "the same in English", "comparison_en"),
    Column("lead", "bool", "one of the figures that lead its theme on the Overview", "lead"),
    Column("quote", "string", "the source's words that state the figure, verbatim", "quote"),
    Column("source_id", "category", "the source document's id", "source_id"),
    Column("source_title", "category", "the source document's title", "source_title"),
    Column("source_title_en", "category", "an English translation of the title", "source_title_en"),
    Column("source_published", "date", "the source document's date", "source_published"),
    Column("source_agency", "category", "the agency that issued the source", "source_agency"),
    Column("source_url", "category", "where the source was published", "source_url"),
    Column("file", "category", "the metric file, relative to the data folder", "file"),
    Column("derived", "bool", "computed from stated figures, never typed in", "derived", derived_only=True),
    Column("formula_vi", "string", "how a derived figure is computed, in Vietnamese", "formula_vi", derived_only=True),
    Column("formula_en", "string", "how a derived figure is computed, in English", "formula_en", derived_only=True),
    Column("inputs", "string", "the ids a derived figure is computed from", "inputs", derived_only=True),
    Column("source_text", "category", "the source's full text, relative to the data folder"),
    Column("source_preamble", "int64", "lines at the top of the source text that are not its prose"),
    Column("index", "int64", "the figure's position in its file"),
)
LOADED = tuple(c for c in COLUMNS if not c.derived_only)
SCHEMA = pa.schema([(c.name, ARROW[c.type]) for c in LOADED])
DTYPES = {c.name: PANDAS.get(c.type, c.type) for c in COLUMNS}
EXPORTED = tuple(c for c in COLUMNS if c.export)


def empty_frame() -> pd.DataFrame:
    """The loaded columns with their types and no rows."""
    return pd.DataFrame({c.name: pd.Series(dtype=DTYPES[c.name]) for c in LOADED})


def table_to_frame(table: pa.Table, tidy: bool = True) -> pd.DataFrame:
    """An Arrow table of rows to the typed frame, converted column by column in C++: text stays in Arrow buffers
    (pandas' pyarrow strings), categories come from dictionary encoding, no Python object per cell."""
    if table.num_rows == 0:
        return empty_frame()
    columns = {}
    for c in LOADED:
        col = table.column(c.name)
        columns[c.name] = pc.dictionary_encode(col) if c.type == "category" and not pa.types.is_dictionary(col.type) else col
    frame = pa.table(columns).to_pandas(types_mapper={pa.string(): pd.StringDtype("pyarrow")}.get, date_as_object=False)
    if tidy:
        for c in LOADED:
            if c.type == "category":
                frame[c.name] = _tidy(frame[c.name].array)
    return frame.astype({c.name: "datetime64[ns]" for c in LOADED if c.type == "date"})


def _tidy(cat: pd.Categorical) -> pd.Categorical:
    """The categories in use, sorted: the same frame however the rows were chunked, cached or filtered.
    (Recoded with numpy in O(n): pandas' remove_unused_categories sorts every code.)"""
    codes = cat.codes
    used = np.flatnonzero(np.bincount(codes[codes >= 0], minlength=len(cat.categories)))
    names = cat.categories[used]
    order = np.argsort(names.to_numpy(dtype=object))
    recode = np.full(len(cat.categories) + 1, -1, dtype=codes.dtype)  # the last slot maps missing (-1) to -1
    recode[used[order]] = np.arange(len(used), dtype=codes.dtype)
    return pd.Categorical.from_codes(recode[codes], categories=names[order], validate=False)
