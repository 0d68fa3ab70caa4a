"""The review table of the extraction page: its columns in the reader's language, the choices a cell allows (the
themes and units of the reference lists), and its rows back as plain records for the candidate file."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from metrics.extraction.write import ROW_FIELDS
from metrics.i18n import Lang, t
from metrics.references import Refs

# The order the reviewer reads a row in: accept it, what it is called, the figure, where it belongs, its evidence.
COLUMNS = ("n", "accept", "name_vi", "name_en", "value", "unit", "qualifier", "total", "plan_percent", "change", "scale", "theme",
           "period", "quote", "confidence", "reason", "line", "id", "stated_as", "comparison")
QUALIFIERS = ("exact", "more_than", "at_least", "about", "nearly")
SCALES = ("one", "thousand", "million", "billion")


def column_config(lang: Lang, refs: Refs, name) -> dict:
    """name(list, id) gives a reference entry's name in the reader's language."""
    themes, units = list(refs.themes), list(refs.units)
    return {
        "n": st.column_config.NumberColumn("#", width="small"),
        "accept": st.column_config.CheckboxColumn(t("extract_col.accept", lang), width="small"),
        "name_vi": st.column_config.TextColumn(t("extract_col.name_vi", lang), width="medium", max_chars=300),
        "name_en": st.column_config.TextColumn(t("extract_col.name_en", lang), width="medium", max_chars=300),
        "value": st.column_config.NumberColumn(t("value", lang), min_value=0, format="%g"),
        "unit": st.column_config.SelectboxColumn(t("unit", lang), options=units, format_func=lambda u: name("units", u)),
        "qualifier": st.column_config.SelectboxColumn(t("extract_col.qualifier", lang), options=list(QUALIFIERS),
                                                      format_func=lambda q: t(f"extract_qualifier.{q}", lang), required=True),
        "total": st.column_config.NumberColumn(t("total", lang), min_value=0, format="%g"),
        "plan_percent": st.column_config.NumberColumn(t("plan_percent", lang), min_value=0, format="%g"),
        "change": st.column_config.SelectboxColumn(t("extract_col.change", lang), options=["decrease", "increase"],
                                                   format_func=lambda c: t(f"change.{c}", lang)),
        "scale": st.column_config.SelectboxColumn(t("extract_col.scale", lang), options=list(SCALES),
                                                  format_func=lambda s: t(f"extract_scale.{s}", lang), required=True),
        "theme": st.column_config.SelectboxColumn(t("theme", lang), options=themes, format_func=lambda th: name("themes", th)),
        "period": st.column_config.NumberColumn(t("period", lang), min_value=1945, max_value=2100, step=1, format="%d"),
        "quote": st.column_config.TextColumn(t("quote", lang), width="large", max_chars=1000),
        "confidence": st.column_config.ProgressColumn(t("extract_col.confidence", lang), min_value=0.0, max_value=1.0, format="%.2f"),
        "reason": st.column_config.TextColumn(t("reason", lang), width="medium"),
        "line": st.column_config.NumberColumn(t("line", lang), width="small"),
        "id": st.column_config.TextColumn(t("figure_id", lang), max_chars=80),
        "stated_as": st.column_config.TextColumn(t("extract_col.stated_as", lang)),
        "comparison": st.column_config.TextColumn(t("extract_col.comparison", lang)),
    }


NUMBERS = ("value", "total", "plan_percent", "period", "confidence", "line")


def frame(reviewed: list[dict]) -> pd.DataFrame:
    """The rows as the editor's frame: numbers as floats (an empty cell shows empty, not 'None'), texts as strings."""
    df = pd.DataFrame(reviewed, columns=list(ROW_FIELDS))
    for col in ROW_FIELDS:
        if col in NUMBERS:
            df[col] = pd.to_numeric(df[col], errors="coerce").astype("float64")
        elif col != "accept":
            df[col] = df[col].astype("string")
    df["accept"] = df["accept"].astype(bool)
    df.insert(0, "n", range(1, len(df) + 1))
    return df


def records(edited: pd.DataFrame) -> list[dict]:
    """The rows as records with None for an empty cell (pandas gives NaN or NA)."""
    out = []
    for r in edited.to_dict("records"):
        out.append({k: (None if _empty(v) else v) for k, v in r.items()} | {"accept": bool(r.get("accept"))})
    return out


def _empty(v) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)) or (isinstance(v, str) and not v.strip())
