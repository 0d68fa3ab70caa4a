"""Task files as a kind of data file: each file validated by the model, then against its source (the quote and every
stated "rõ" verbatim in the source text, the reports' quotes in theirs), the reference lists (the body) and the
figures (the ids that measure a task); task ids unique across files."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
from pydantic import ValidationError

from metrics.loading.kind import FileContext, Kind
from metrics.loading.problems import Problem, from_validation
from metrics.tasks.model import SIX, Task, TaskFile

SCHEMA = pa.schema([("id", pa.string()), ("body", pa.string()), ("period", pa.int64()), ("source_id", pa.string()),
                    ("stated", pa.int64()), ("deadline", pa.date32()), ("doc", pa.string()), ("file", pa.string()),
                    ("index", pa.int64()), ("announced", pa.int64()), ("announced_body", pa.string())])


class TaskFiles(Kind):
    name = "tasks"
    folder = "tasks"
    shape = "a task file needs 'source:' and 'tasks:'"
    schema = SCHEMA

    def __init__(self, sources: pd.DataFrame, figures: pd.DataFrame):
        """sources: one row per source document (source_id, source_text, ...); figures: the figures there are."""
        self.texts = dict(zip(sources["source_id"].astype(str), sources["source_text"].astype(str), strict=True)) if len(sources) else {}
        self.metric_ids = set(figures["id"].astype(str))
        self.metric_agencies = dict(zip(figures["id"].astype(str), figures["agency"].astype(str), strict=True)) if len(figures) else {}

    def _text(self, source_id: str, where: tuple, ctx: FileContext) -> str | None:
        if source_id not in self.texts:
            ctx.problem(where, f"unknown source '{source_id}'", "name the id of a metric file's source: "
                        + ", ".join(sorted(self.texts)) if self.texts else "there are no sources yet")
            return None
        return ctx.read_text(self.texts[source_id], where)

    def validate(self, data: dict[str, Any], ctx: FileContext) -> None:
        out = ctx.outcome
        items = data.get("tasks")
        out.read = len(items) if isinstance(items, list) else 0
        try:
            doc = TaskFile.model_validate(data)
        except ValidationError as e:
            out.problems += from_validation(e, out.path, (), ctx.lines, TaskFile)
            return
        text = self._text(doc.source, ("source",), ctx)
        if doc.announced_metric is not None and doc.announced_metric not in self.metric_ids:
            ctx.problem(("announced_metric",), f"unknown figure '{doc.announced_metric}'", "name a figure id of data/metrics")
        if text is None:
            return
        # The body the announced count is about: the announcing figure's agency (else the first task's body).
        announced_body = self.metric_agencies.get(doc.announced_metric or "", doc.tasks[0].body)
        for i, task in enumerate(doc.tasks):
            if self._task(task, i, text, ctx):
                stated = task.six.stated()
                deadline = task.six.time.deadline if task.six.time else None
                out.rows.append({"id": task.id, "body": task.body, "period": task.period, "source_id": doc.source, "stated": len(stated),
                                 "deadline": deadline, "doc": task.model_dump_json(), "file": out.path, "index": i,
                                 "announced": doc.announced, "announced_body": announced_body})

    def _task(self, task: Task, i: int, text: str, ctx: FileContext) -> bool:
        """Check one task against its source and the reference lists; True when it holds."""
        before = len(ctx.outcome.problems)
        at = ("tasks", i)
        if task.body not in ctx.refs.agencies:
            ctx.problem((*at, "body"), f"unknown body '{task.body}'", "known: " + ", ".join(sorted(ctx.refs.agencies)))
        if task.quote not in text:
            ctx.problem((*at, "quote"), "the quote does not occur verbatim in the source text",
                        "copy the words exactly from the source file, including diacritics and punctuation")
        for name in SIX:
            clear = getattr(task.six, name)
            if clear is not None and clear.words not in text:
                ctx.problem((*at, "six", name, "words"), f"'{clear.words}' is not in the source text",
                            "a 'rõ' is filled only with the source's own words; leave it out when the source does not state it")
        for j, mid in enumerate(task.metrics):
            if mid not in self.metric_ids:
                ctx.problem((*at, "metrics", j), f"unknown figure '{mid}'", "name a figure id of data/metrics")
        for j, report in enumerate(task.progress):
            report_text = self._text(report.source, (*at, "progress", j, "source"), ctx)
            if report_text is not None and report.quote not in report_text:
                ctx.problem((*at, "progress", j, "quote"), "the report's quote does not occur verbatim in its source text",
                            "copy the words exactly from that source file")
        return len(ctx.outcome.problems) == before

    def check_across(self, paths, rows_per_file, table, locate) -> tuple[np.ndarray, list[Problem]]:
        keep, problems, first = np.ones(table.num_rows, dtype=bool), [], {}
        files = np.repeat(np.arange(len(paths)), rows_per_file)
        index = table.column("index").to_pylist()
        for row, task_id in enumerate(table.column("id").to_pylist()):
            f = int(files[row])
            if task_id in first:
                problems.append(Problem(paths[f], locate(f, ("tasks", index[row], "id")), f"tasks.{index[row]}.id",
                                        f"task id '{task_id}' is already used in {first[task_id]}", "give each task its own id"))
                keep[row] = False
            else:
                first[task_id] = paths[f]
        return keep, problems

    def frame(self, table: pa.Table, tidy: bool = True) -> pd.DataFrame:
        return table.to_pandas()

    @staticmethod
    def announcements(frame: pd.DataFrame) -> list[tuple[int, int, str]]:
        """(announced, recorded, source id) of each file that announces a count: recorded counts its tasks assigned
        to the body the count is about."""
        out = []
        for sid, group in frame[frame["announced"].notna()].groupby("source_id", sort=False):
            body = group["announced_body"].iloc[0]
            out.append((int(group["announced"].iloc[0]), int((group["body"] == body).sum()), str(sid)))
        return out

    @staticmethod
    def tasks(frame: pd.DataFrame) -> list[tuple[Task, str]]:
        """The valid tasks (with their source id), in file and task order."""
        return [(Task.model_validate_json(doc), sid) for doc, sid in zip(frame["doc"], frame["source_id"], strict=True)]
