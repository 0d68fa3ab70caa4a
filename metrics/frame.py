"""Rows of validated metrics to a typed pandas frame (one row per metric)."""

from __future__ import annotations

import pandas as pd

COLUMNS = {
    "id": "string", "name_vi": "string", "name_en": "string", "theme": "category", "agency": "category",
    "period": "int64", "value": "float64", "stated_value": "float64", "scale": "category", "unit": "category",
    "qualifier": "category", "total": "float64", "plan_percent": "float64", "change": "category",
    "award_level": "category", "award_title_vi": "string", "award_title_en": "string",
    "recipient_type": "category", "recipient": "string", "quote": "string",
    "source_id": "category", "source_title": "string", "source_agency": "category",
    "source_published": "datetime64[ns]", "source_url": "string", "file": "category", "index": "int64",
}


def to_frame(rows: list[dict] | dict[str, list]) -> pd.DataFrame:
    """Rows (or columns) to the frame every page and export reads; empty input gives typed empty columns."""
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    return frame.astype(COLUMNS)
