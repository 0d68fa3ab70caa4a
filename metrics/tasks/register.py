"""The register's figures, computed from the task records and today, never typed: each task's status (its latest
report), whether it is overdue (a certain deadline passed, not done), how many of the six "rõ" it states, the same
per body, and the charts that say it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from metrics.charts.builders import number_format
from metrics.charts.spec import Chart, Series
from metrics.i18n import Lang, date, num, t, tn
from metrics.references import Refs
from metrics.tasks.model import SIX, Task

STATUSES = ("no_report", "not_started", "in_progress", "done")  # no_report: the sources give no report yet


@dataclass(frozen=True)
class Entry:
    task: Task
    source_id: str
    stated: tuple[str, ...]  # the "rõ" the source states, in the order of SIX
    status: str
    overdue: bool
    deadline: dt.date | None

    @property
    def complete(self) -> bool:
        return len(self.stated) == len(SIX)


def entries(tasks: list[tuple[Task, str]], today: dt.date) -> list[Entry]:
    """Each task with what is computed of it on `today`."""
    out = []
    for task, source_id in tasks:
        status = task.progress[-1].status if task.progress else "no_report"
        deadline = task.six.time.deadline if task.six.time else None
        out.append(Entry(task, source_id, tuple(task.six.stated()), status, bool(deadline and deadline < today and status != "done"),
                         deadline))
    return out


def counts(shown: list[Entry]) -> dict[str, int]:
    """Tasks by status, and how many are overdue."""
    out = {s: 0 for s in STATUSES}
    for e in shown:
        out[e.status] += 1
    out["overdue"] = sum(e.overdue for e in shown)
    return out


def by_body(shown: list[Entry]) -> pd.DataFrame:
    """Per body: tasks, those fully specified, and the mean number of "rõ" stated."""
    frame = pd.DataFrame({"body": [e.task.body for e in shown], "stated": [len(e.stated) for e in shown],
                          "complete": [e.complete for e in shown]})
    return frame.groupby("body", sort=False).agg(tasks=("stated", "size"), complete=("complete", "sum"), mean=("stated", "mean")).reset_index()


def headline(shown: list[Entry], lang: Lang) -> str:
    """The completeness message: 'Chưa nhiệm vụ nào đủ 6 rõ' when none is fully specified."""
    full = sum(e.complete for e in shown)
    if not full:
        return t("tasks.none_complete", lang)
    return t("tasks.some_complete", lang, full=num(full, lang), n=tn("count.tasks", len(shown), lang))


def completeness_chart(shown: list[Entry], refs: Refs, lang: Lang, source_line: str) -> Chart:
    """Each task's "rõ" stated, of six, as horizontal bars (the fullest last: at the top); the title says how many
    are fully specified."""
    ordered = sorted(shown, key=lambda e: len(e.stated))
    labels = tuple(t("tasks.stated_of_six", lang, n=len(e.stated)) for e in ordered)
    table = pd.DataFrame({t("task", lang): [e.task.text.text(lang) for e in ordered],
                          t("body", lang): [refs.name("agencies", e.task.body, lang) for e in ordered],
                          t("tasks.stated", lang): list(labels),
                          t("tasks.unclear", lang): [", ".join(t(f"six.{n}", lang) for n in SIX if n not in e.stated) for e in ordered]})
    return Chart("tasks.six", "bar", lang, headline(shown, lang), tuple(e.task.text.text(lang) for e in ordered),
                 (Series(None, tuple(float(len(e.stated)) for e in ordered), labels),), number_format(lang), source_line,
                 value_range=(0, 6), table=table, quotes=tuple((e.source_id, e.task.id) for e in ordered),
                 quotes_of="task")


def deadline_text(e: Entry, lang: Lang) -> str | None:
    """The deadline as the source states it, and its date when certain."""
    if e.task.six.time is None:
        return None
    words = e.task.six.time.words
    return f"{words} ({date(e.deadline, lang)})" if e.deadline else words


def table(shown: list[Entry]) -> pd.DataFrame:
    """The register as a table for exports: one row per task, the six as the source's words (empty when unclear),
    status and overdue computed."""
    rows = []
    for e in shown:
        task = e.task
        row = {"id": task.id, "text_vi": task.text.vi, "text_en": task.text.en, "body": task.body, "assigned_by_vi": task.assigned_by.vi,
               "period": task.period, "source_id": e.source_id, "quote": task.quote, "status": e.status, "overdue": e.overdue,
               "deadline": e.deadline.isoformat() if e.deadline else None, "stated": len(e.stated)}
        row |= {f"{name}_words": getattr(task.six, name).words if getattr(task.six, name) else None for name in SIX}
        row |= {"metrics": ", ".join(task.metrics), "reports": len(task.progress)}
        rows.append(row)
    return pd.DataFrame(rows)
