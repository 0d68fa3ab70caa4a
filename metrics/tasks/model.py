"""The task file format: strict Pydantic models whose descriptions become the task file's JSON Schema. Each of the
six "rõ" is either stated, with the source's own words (checked verbatim), or left out: an empty one is the finding,
never a gap to fill by guesswork."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from metrics.models import Day, Localized, ShortText, Slug, Strict

Quote = Annotated[str, Field(min_length=3, max_length=1500)]
SIX = ("person", "work", "time", "responsibility", "product", "authority")  # rõ người, việc, thời gian, trách nhiệm, sản phẩm, thẩm quyền
STATUSES = ("not_started", "in_progress", "done")


class Clear(Strict):
    """One "rõ" the source states: its words, verbatim."""

    words: ShortText = Field(description="The source's words that state it, copied verbatim from the source text.")


class ClearTime(Clear):
    """Rõ thời gian: the deadline as the source states it ('ngay', 'sau 5 năm nữa'), with the date it implies only where
    the text makes that date certain."""

    deadline: Day | None = Field(default=None, description="The date the words imply, only when the text makes it certain.")


class ClearResponsibility(Clear):
    """Rõ trách nhiệm: the responsibility as stated, and its role when the words say it."""

    role: Literal["lead", "coordinate", "advise"] | None = Field(
        default=None, description="lead (chủ trì), coordinate (phối hợp) or advise (tham mưu), when the words say it.")


class Six(Strict):
    """The six "rõ" of a task; each is stated (with the source's words) or absent."""

    person: Clear | None = Field(default=None, description="Rõ người: the person or post responsible.")
    work: Clear | None = Field(default=None, description="Rõ việc: the work itself.")
    time: ClearTime | None = Field(default=None, description="Rõ thời gian: the deadline, as stated.")
    responsibility: ClearResponsibility | None = Field(default=None, description="Rõ trách nhiệm: lead, coordinate or advise.")
    product: Clear | None = Field(default=None, description="Rõ sản phẩm: the concrete deliverable.")
    authority: Clear | None = Field(default=None, description="Rõ thẩm quyền: who decides or signs off.")

    def stated(self) -> list[str]:
        return [name for name in SIX if getattr(self, name) is not None]


class Progress(Strict):
    """A dated report on a task: its status then, what was done, and the source that says so."""

    date: Day = Field(description="The day of the report (YYYY-MM-DD).")
    status: Literal["not_started", "in_progress", "done"] = Field(
        description="not_started, in_progress or done. Overdue is computed from the deadline and today, never written.")
    note: Localized | None = Field(default=None, description="What was done or what holds it up, in both languages.")
    product: Localized | None = Field(default=None, description="The concrete product delivered; required when done.")
    source: Slug = Field(description="The id of the source document that reports it.")
    quote: Quote = Field(description="The report's words, verbatim in that source.")

    @field_validator("status", mode="before")
    @classmethod
    def _overdue_is_computed(cls, value: object) -> object:
        if value == "overdue":
            raise ValueError("overdue is computed from the deadline and today, never written: write not_started, in_progress or done")
        return value

    @model_validator(mode="after")
    def _done_has_a_product(self) -> Progress:
        if self.status == "done" and self.product is None:
            raise ValueError("a task reported done needs its product: what was delivered (the 6 rõ judge by products)")
        return self


class Task(Strict):
    """One task the source assigns for the year ahead."""

    id: Slug = Field(description="Unique id across all task files, lowercase words joined by '-'.")
    text: Localized = Field(description="The task in a short sentence, in both languages.")
    body: Slug = Field(description="The body it is assigned to: an agency id of data/reference/agencies.yaml.")
    assigned_by: Localized = Field(description="Who assigns it, as the source says (the Chairman of the Provincial People's Committee).")
    period: int = Field(ge=1945, le=2100, description="The year the task is for.")
    quote: Quote = Field(description="The source's words that assign it, verbatim in the source text.")
    six: Six = Field(default_factory=Six, description="The six 'rõ', each stated with the source's words or absent.")
    metrics: list[Slug] = Field(default_factory=list, description="Ids of the figures that measure it (data/metrics).")
    progress: list[Progress] = Field(default_factory=list, description="Dated reports, oldest first.")


class TaskFile(Strict):
    """A task file: the source document that assigns the tasks, what it announces, and the tasks it spells out."""

    source: Slug = Field(description="The id of the source document (a metric file's source.id) whose text assigns these tasks.")
    announced: int | None = Field(default=None, ge=1, description="How many tasks the text announces, when it gives a count.")
    announced_metric: Slug | None = Field(default=None, description="The figure that records the announced count, if any.")
    tasks: list[Task] = Field(min_length=1, description="Every task the text assigns, in its order.")
