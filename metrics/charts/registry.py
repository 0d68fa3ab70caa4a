"""The dashboard's charts by id: which rows each takes from a view of the figures, and the builder that makes it.
Pages and decks name a chart by id; every renderer draws what `build` returns."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from metrics.charts import builders
from metrics.charts.spec import Chart
from metrics.figures.derived import implied_plans
from metrics.i18n import Lang
from metrics.models import Unit


@dataclass(frozen=True)
class Scope:
    """The figures a chart may draw from: rows (the chosen period) and history (every period, same filters)."""

    rows: pd.DataFrame
    history: pd.DataFrame

    def kinds(self, units: dict[str, Unit], rows: pd.DataFrame | None = None) -> pd.Series:
        """The unit kind of each row (a dict maps a categorical's categories, not its 200,000 cells)."""
        rows = self.rows if rows is None else rows
        return rows["unit"].map({u: unit.kind for u, unit in units.items()}).astype(str)


@dataclass(frozen=True)
class ChartDef:
    """A chart of the dashboard: its id, a description, and how it is made from a scope (None: nothing to draw)."""

    id: str
    doc: str
    make: Callable[[Scope, dict[str, Unit], Lang], Chart | None]


def _stated(rows: pd.DataFrame) -> pd.DataFrame:
    return rows[~rows["derived"]]


def _cuts(s: Scope, units, lang) -> Chart | None:
    rows = builders.amounts(s.rows[(s.rows["change"] == "decrease") & (s.kinds(units) == "percent")])
    return builders.reductions(rows, units, lang, "apparatus.cuts") if not rows.empty else None


def _plan(s: Scope, units, lang) -> Chart | None:
    planned = _stated(s.rows[s.rows["plan_percent"].notna()]).head(builders.MAX_BARS)
    if planned.empty:
        return None
    return builders.plan_attainment(planned, implied_plans(s.rows, planned["id"]), units, lang, "personnel.plan")


def _completion(s: Scope, units, lang) -> Chart | None:
    done = _stated(s.rows)
    done = done[done["total"].notna()]
    return builders.completion(done, units, lang, "direction.completion") if not done.empty else None


def _growth(s: Scope, units, lang) -> Chart | None:
    """The first rate of the selection (the province's growth), over every period its series has."""
    rates = _stated(s.rows)
    rates = rates[s.kinds(units, rates).isin(["rate", "percent"])]
    if rates.empty:
        return None
    series = rates["series"].iloc[0]
    return builders.by_period(s.history[s.history["series"] == series], units, lang, "economy.growth")


def _awards(s: Scope, units, lang) -> Chart | None:
    rows = _stated(s.rows[s.rows["award_level"].notna()])
    return builders.awards(rows, units, lang, "recognition.awards") if not rows.empty else None


CHARTS: dict[str, ChartDef] = {c.id: c for c in (
    ChartDef("apparatus.cuts", "Cuts in percent, largest last: the leaner apparatus", _cuts),
    ChartDef("personnel.plan", "Figures against the plans their percent of plan implies (derived, hatched)", _plan),
    ChartDef("direction.completion", "Achieved of total (184/184) as a share done", _completion),
    ChartDef("economy.growth", "The growth rate over the periods its series has", _growth),
    ChartDef("recognition.awards", "Award recipients by level, individuals and collectives stacked", _awards),
)}
TREND = "trend"  # a chart per series with several periods: trend:<series>


def build(chart_id: str, scope: Scope, units: dict[str, Unit], lang: Lang) -> Chart | None:
    """The chart of that id over the scope, or None when the scope has nothing for it. 'trend:<series>' draws one
    measure over its periods."""
    if chart_id.startswith(TREND + ":"):
        series = chart_id.split(":", 1)[1]
        rows = _stated(scope.history[scope.history["series"] == series])
        return builders.by_period(rows, units, lang, chart_id) if not rows.empty else None
    return CHARTS[chart_id].make(scope, units, lang)


def trends(scope: Scope, multi_period: frozenset[str], limit: int = 6) -> list[str]:
    """Chart ids of the measures in scope that have several periods (the change against the previous one)."""
    if scope.history.empty or not multi_period:
        return []
    shown = _stated(scope.history[scope.history["series"].isin(multi_period)])
    return [f"{TREND}:{s}" for s in shown["series"].unique()[:limit]]
