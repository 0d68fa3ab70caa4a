"""Rows of validated metrics to a typed pandas frame (one row per metric)."""

from __future__ import annotations

import pandas as pd

COLUMNS = {
    "id": "string", "series": "string", "name_vi": "string", "name_en": "string", "theme": "category", "agency": "category",
    "period": "int64", "value": "float64", "stated_value": "float64", "scale": "category", "unit": "category",
    "qualifier": "category", "total": "float64", "plan_percent": "float64", "change": "category",
    "award_level": "category", "award_title_vi": "string", "award_title_en": "string",
    "recipient_type": "category", "recipient": "string", "quote": "string",
    "source_id": "category", "source_title": "string", "source_agency": "category",
    "source_published": "datetime64[ns]", "source_url": "string", "source_text": "string", "file": "category", "index": "int64",
}


def to_frame(rows: list[dict] | dict[str, list]) -> pd.DataFrame:
    """Rows (or columns) to the frame every page and export reads; empty input gives typed empty columns."""
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    return frame.astype(COLUMNS)


def _arrow_type(dtype: str):
    import pyarrow as pa

    # Categories are dictionary-encoded where rows are made (in the workers), so loading the cache need not.
    return {"int64": pa.int64(), "float64": pa.float64(), "datetime64[ns]": pa.date32(),
            "category": pa.dictionary(pa.int32(), pa.string())}.get(dtype, pa.string())


def rows_to_table(rows: list[dict]):
    """Rows to a compact Arrow table (one typed buffer per column): cheap to send between processes and to cache."""
    import pyarrow as pa

    return pa.table({c: pa.array([r.get(c) for r in rows], type=_arrow_type(t)) for c, t in COLUMNS.items()})


def tidy_dictionaries(table):
    """Each category column as one dictionary of the values in use, sorted: what table_to_frame(tidy=True)
    makes of the categories, done once when a table is cached instead of on every load."""
    import pyarrow as pa
    import pyarrow.compute as pc

    columns = []
    for name in table.column_names:
        col = table.column(name)
        if pa.types.is_dictionary(col.type):
            text = col.cast(pa.string())
            values = pa.array(sorted(pc.unique(text).drop_null().to_pylist()), type=pa.string())
            col = pa.chunked_array([pa.DictionaryArray.from_arrays(pc.index_in(chunk, value_set=values).cast(pa.int32()), values)
                                    for chunk in text.chunks], type=col.type)
        columns.append(col)
    return pa.table(columns, names=table.column_names)


def table_to_frame(table, tidy: bool = True) -> pd.DataFrame:
    """An Arrow table of rows to the frame to_frame builds, converted column by column in C++: text stays in
    Arrow buffers (pandas' pyarrow strings), categories come from dictionary encoding, no Python object per cell."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if table.num_rows == 0:
        return to_frame([])
    columns = {}
    for name, dtype in COLUMNS.items():
        col = table.column(name)
        columns[name] = pc.dictionary_encode(col) if dtype == "category" and not pa.types.is_dictionary(col.type) else col
    frame = pa.table(columns).to_pandas(types_mapper={pa.string(): pd.StringDtype("pyarrow")}.get, date_as_object=False)
    for name, dtype in COLUMNS.items():
        if dtype == "category" and tidy:
            frame[name] = _tidy(frame[name].array)
    return frame.astype({"source_published": "datetime64[ns]"})


def _tidy(cat: pd.Categorical) -> pd.Categorical:
    """The categories in use, sorted: the same frame however the rows were chunked, cached or filtered.
    (Recoded with numpy in O(n): pandas' remove_unused_categories sorts every code.)"""
    import numpy as np

    codes = cat.codes
    used = np.flatnonzero(np.bincount(codes[codes >= 0], minlength=len(cat.categories)))
    names = cat.categories[used]
    order = np.argsort(names.to_numpy(dtype=object))
    recode = np.full(len(cat.categories) + 1, -1, dtype=codes.dtype)  # the last slot maps missing (-1) to -1
    recode[used[order]] = np.arange(len(used), dtype=codes.dtype)
    return pd.Categorical.from_codes(recode[codes], categories=names[order], validate=False)
