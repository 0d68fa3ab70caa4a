"""Metric files as a kind of data file: one parsed file becomes rows of valid figures (each checked against the
reference lists and its quote against the source text) and problems; across files, source ids and metric ids
must be unique; the rows make the figures frame."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from pydantic import TypeAdapter, ValidationError

from metrics.figures.columns import SCHEMA, table_to_frame
from metrics.loading.kind import FileContext, Kind
from metrics.loading.problems import Problem, from_validation
from metrics.models import Metric, MetricFile, SkippedNumber, Source
from metrics.quotecheck import check_quote

_SKIPPED = TypeAdapter(list[SkippedNumber])


class MetricFiles(Kind):
    name = "metrics"
    folder = "metrics"
    shape = "a metric file needs 'source:' and 'metrics:'"
    schema = SCHEMA

    def validate(self, data: dict[str, Any], ctx: FileContext) -> None:
        out = ctx.outcome
        items = data.get("metrics")
        out.read = len(items) if isinstance(items, list) else 0
        extra = sorted((k for k in data if k not in MetricFile.model_fields), key=str)
        for key in extra:
            ctx.problem((key,), "unknown top-level key", "a metric file has 'source:', 'metrics:' and, from the extractor, 'skipped:'",
                        field=str(key))
        if "skipped" in data:  # the extractor's record of numbers that are not figures: checked, never loaded
            try:
                _SKIPPED.validate_python(data["skipped"])
            except ValidationError as e:
                out.problems += from_validation(e, out.path, ("skipped",), ctx.lines, SkippedNumber)
        try:
            source = Source.model_validate(data.get("source"))
        except ValidationError as e:
            out.problems += from_validation(e, out.path, ("source",), ctx.lines, Source)
            source = None
        if not isinstance(items, list) or not items:
            ctx.problem(("metrics",), "expected a non-empty list of metrics", "list each figure under 'metrics:' as '- id: ...'")
        if source is None or not isinstance(items, list) or extra:
            return  # without a valid source no metric can be checked against its text
        if source.agency not in ctx.refs.agencies:
            ctx.problem(("source", "agency"), f"unknown agency '{source.agency}'", _known(ctx.refs.agencies))
            return
        text = ctx.read_text(source.text, ("source", "text"))
        if text is None:
            return
        base = {"source_id": source.id, "source_title": source.title, "source_title_en": source.title_en, "source_agency": source.agency,
                "source_published": source.published, "source_url": source.url, "source_text": source.text,
                "source_preamble": source.preamble_lines, "file": out.path}
        for i, item in enumerate(items):
            if i % 64 == 0 and ctx.out_of_time(("metrics", i), len(items) - i):
                break
            row = _metric_row(item, i, source, text, ctx)
            if row is not None:
                row.update(base)
                out.rows.append(row)

    def check_across(self, paths: list[str], rows_per_file: list[int], table: pa.Table, locate) -> tuple[np.ndarray, list[Problem]]:
        """A source id or metric id already used by an earlier file (in path order) is refused, naming that file."""
        problems, keep = [], np.ones(table.num_rows, dtype=bool)
        starts = np.cumsum([0, *rows_per_file])[:-1]
        with_rows = [i for i, n in enumerate(rows_per_file) if n]
        sids = table.column("source_id").take(pa.array(starts[with_rows])).to_pylist() if with_rows else []
        first_source: dict[str, str] = {}
        for i, sid in zip(with_rows, sids, strict=True):  # one source document per file
            if first_source.setdefault(sid, paths[i]) != paths[i]:
                problems.append(Problem(paths[i], locate(i, ("source", "id")), "source.id",
                                        f"source id '{sid}' is already used by {first_source[sid]}",
                                        "one metric file per source document; merge them or give each its own id"))
                keep[starts[i]:starts[i] + rows_per_file[i]] = False
        # Duplicate ids, vectorised: dictionary codes of the id column, then one pass over integers.
        codes = pc.dictionary_encode(table.column("id")).combine_chunks().indices.to_numpy() if table.num_rows else np.array([], int)
        dup = pd.Series(codes).duplicated().to_numpy() & keep
        if dup.any():
            row_file = np.repeat(np.arange(len(paths)), rows_per_file)
            owner: dict[int, str] = {}
            for row in np.flatnonzero(keep & ~dup):
                owner.setdefault(codes[row], paths[row_file[row]])
            ids, index = table.column("id"), table.column("index")
            for row in np.flatnonzero(dup):
                f, i, mid = row_file[row], index[row].as_py(), ids[row].as_py()
                problems.append(Problem(paths[f], locate(f, ("metrics", i, "id")), f"metrics.{i}.id",
                                        f"duplicate id '{mid}', first used in {owner[codes[row]]}",
                                        "metric ids must be unique across all files; rename one"))
            keep &= ~dup
        return keep, problems

    def frame(self, table: pa.Table, tidy: bool = True) -> pd.DataFrame:
        return table_to_frame(table, tidy)


METRICS = MetricFiles()


def _metric_row(item, i: int, source: Source, text: str, ctx: FileContext) -> dict | None:
    prefix, refs = ("metrics", i), ctx.refs
    try:
        metric = Metric.model_validate(item)
    except ValidationError as e:
        ctx.outcome.problems += from_validation(e, ctx.outcome.path, prefix, ctx.lines, Metric)
        return None
    bad = []
    agency = metric.agency or source.agency
    for field, value, table in (("theme", metric.theme, refs.themes), ("unit", metric.unit, refs.units),
                                ("agency", agency, refs.agencies)):
        if value not in table:
            bad.append((field, f"unknown {field} '{value}'", _known(table)))
    unit = refs.units.get(metric.unit)
    if unit and unit.kind == "rate" and metric.change is not None:
        bad.append(("change", f"a {unit.kind} is a level ('đạt 10,52%'), not a change: change: {metric.change} would read as "
                              "'tăng/giảm' before it", "leave change out; a change of a rate is a figure in percentage points"))
    if unit and unit.kind == "percent" and metric.value > 100:
        bad.append(("value", f"{metric.value:g} is over 100 for a percent of a whole",
                    "a share lies between 0 and 100; use plan_percent for 'đạt X% kế hoạch'"))
    if unit and not bad:
        for f in check_quote(metric, unit.kind, text):
            bad.append((f.field, f.message, f.hint))
    for field, message, hint in bad:
        ctx.problem((*prefix, field), message, hint, field=f"metrics.{i}.{field}")
    if bad:
        return None
    award = metric.award
    return {
        "id": metric.id, "series": metric.series or metric.id, "name_vi": metric.name.vi, "name_en": metric.name.en,
        "theme": metric.theme, "agency": agency, "period": metric.period, "amount": metric.full_value, "unit": metric.unit,
        "qualifier": metric.qualifier.value, "total": metric.total, "plan_percent": metric.plan_percent, "change": metric.change,
        "value": metric.value, "scale": metric.scale.value, "quote": metric.quote, "index": i,
        "award_level": award.level if award else None, "award_title_vi": award.title.vi if award else None,
        "award_title_en": award.title.en if award else None, "recipient_type": award.recipient_type if award else None,
        "recipient": award.recipient if award else None, "lead": metric.lead,
        "stated_as_vi": metric.stated_as.vi if metric.stated_as else None, "stated_as_en": metric.stated_as.en if metric.stated_as else None,
        "comparison_vi": metric.comparison.vi if metric.comparison else None,
        "comparison_en": metric.comparison.en if metric.comparison else None,
    }


def _known(table: dict) -> str:
    return "known: " + ", ".join(sorted(table)) if table else "the reference list is empty"
