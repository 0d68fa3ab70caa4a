"""Deck files as a kind of data file: each deck validated by the model, then against the figures and charts it names
(an unknown figure, a figure of another year than the deck's, an unknown chart are problems with file and line);
deck ids unique across files. A broken deck never blanks the app or another deck."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
from pydantic import ValidationError

from metrics.charts.registry import CHARTS, TREND
from metrics.decks.model import ChartSlide, Deck
from metrics.loading.kind import FileContext, Kind
from metrics.loading.problems import Problem, from_validation

SLIDE_KINDS = frozenset(("figure", "figures", "chart", "quote", "tasks", "closing"))
SCHEMA = pa.schema([("id", pa.string()), ("title_vi", pa.string()), ("title_en", pa.string()), ("date", pa.date32()),
                    ("period", pa.int64()), ("slides", pa.int64()), ("doc", pa.string()), ("file", pa.string())])


class DeckFiles(Kind):
    name = "decks"
    folder = "decks"
    shape = "a deck file needs 'id:', 'title:', 'date:', 'presenter:', 'period:' and 'slides:'"
    schema = SCHEMA

    def __init__(self, figures: pd.DataFrame, units: dict | None = None):
        """figures: the frame of stated and derived figures the decks may name (id, period, unit)."""
        self.periods = dict(zip(figures["id"].astype(str), figures["period"].astype(int), strict=True)) if len(figures) else {}
        kinds = {u: unit.kind for u, unit in (units or {}).items()}
        self.unit_kinds = dict(zip(figures["id"].astype(str), figures["unit"].astype(str).map(kinds), strict=True)) if len(figures) else {}
        self.series = set(figures["series"].astype(str)) if len(figures) else set()

    def validate(self, data: dict[str, Any], ctx: FileContext) -> None:
        out = ctx.outcome
        out.read = 1
        try:
            deck = Deck.model_validate(data)
        except ValidationError as e:
            out.problems += from_validation(e, out.path, (), ctx.lines, Deck, SLIDE_KINDS)
            return
        bad = len(out.problems)
        if deck.presenter not in ctx.refs.agencies:
            ctx.problem(("presenter",), f"unknown agency '{deck.presenter}'", "known: " + ", ".join(sorted(ctx.refs.agencies)))
        for i, slide in enumerate(deck.slides):
            named = [(("slides", i, "metric"), slide.metric)] if getattr(slide, "metric", None) else []
            named += [(("slides", i, "metrics", j), mid) for j, mid in enumerate(getattr(slide, "metrics", None) or [])]
            for where, mid in named:
                if mid not in self.periods:
                    ctx.problem(where, f"unknown figure '{mid}'", "name a figure id of data/metrics (python -m metrics export lists them)")
                elif self.periods[mid] != deck.period:
                    ctx.problem(where, f"figure '{mid}' covers {self.periods[mid]}, the deck {deck.period}",
                                "a deck shows the figures of its year: name another figure or change period")
            if isinstance(slide, ChartSlide):
                self._chart(slide, i, ctx)
            if getattr(slide, "body", None) and slide.body not in ctx.refs.agencies:
                ctx.problem(("slides", i, "body"), f"unknown agency '{slide.body}'", "known: " + ", ".join(sorted(ctx.refs.agencies)))
        if len(out.problems) > bad:
            return
        out.rows.append({"id": deck.id, "title_vi": deck.title.vi, "title_en": deck.title.en, "date": deck.date, "period": deck.period,
                         "slides": len(deck.slides), "doc": deck.model_dump_json(), "file": out.path})

    def _chart(self, slide: ChartSlide, i: int, ctx: FileContext) -> None:
        if (slide.chart is None) == (slide.metrics is None):
            ctx.problem(("slides", i), "a chart slide names either chart or metrics, not both and not neither",
                        "chart: recognition.awards, or metrics: [id, id, ...]", field=f"slides.{i}")
        elif slide.chart is not None:
            known = slide.chart in CHARTS or (slide.chart.startswith(TREND + ":") and slide.chart.split(":", 1)[1] in self.series)
            if not known:
                ctx.problem(("slides", i, "chart"), f"unknown chart '{slide.chart}'", "known: " + ", ".join(CHARTS) + f", {TREND}:<series>")
        else:
            kinds = {self.unit_kinds.get(m) for m in slide.metrics if m in self.unit_kinds}
            if len(kinds) > 1:
                ctx.problem(("slides", i, "metrics"), f"figures of different kinds ({', '.join(sorted(map(str, kinds)))}) on one axis",
                            "compare figures of one kind: counts with counts, percents with percents")

    def check_across(self, paths, rows_per_file, table, locate) -> tuple[np.ndarray, list[Problem]]:
        keep, problems, first = np.ones(table.num_rows, dtype=bool), [], {}
        files = np.repeat(np.arange(len(paths)), rows_per_file)
        for row, deck_id in enumerate(table.column("id").to_pylist()):
            f = int(files[row])
            if first.setdefault(deck_id, paths[f]) != paths[f]:
                problems.append(Problem(paths[f], locate(f, ("id",)), "id", f"deck id '{deck_id}' is already used by {first[deck_id]}",
                                        "give each deck its own id"))
                keep[row] = False
        return keep, problems

    def frame(self, table: pa.Table, tidy: bool = True) -> pd.DataFrame:
        return table.to_pandas()

    @staticmethod
    def decks(frame: pd.DataFrame) -> list[Deck]:
        """The validated decks of a loaded frame, by date then id."""
        return [Deck.model_validate_json(doc) for doc in frame.sort_values(["date", "id"])["doc"]]
