"""A figure's history: the same series' figure in the latest earlier period, for the change against it."""

from __future__ import annotations

from itertools import pairwise

import pandas as pd


def previous_periods(frame: pd.DataFrame) -> dict[str, dict]:
    """For each row id, the same series' row of the latest earlier period (only series with several periods)."""
    out: dict[str, dict] = {}
    if "series" not in frame or frame.empty:
        return out
    multi = frame[frame.groupby("series", observed=True)["period"].transform("nunique") > 1]
    if multi.empty:
        return out
    for _, group in multi.sort_values("period").groupby("series", observed=True):
        records = group.to_dict("records")
        for before, row in pairwise(records):
            if before["period"] < row["period"]:
                out[row["id"]] = before
    return out


def multi_period_series(frame: pd.DataFrame) -> frozenset[str]:
    """Series with figures for more than one period: only these get a chart of their change."""
    per = frame.groupby("series", observed=True)["period"].nunique()
    return frozenset(per[per > 1].index)
