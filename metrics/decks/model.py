"""The deck file format: strict Pydantic models whose descriptions become the deck's JSON Schema. A deck names
figures and charts by id; every number on a slide comes from the figures, formatted when the slide is shown."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from metrics.models import Day, Localized, Slug, Strict

_DIGIT = re.compile(r"\d")


def _no_number(text: Localized) -> Localized:
    for lang in ("vi", "en"):
        if _DIGIT.search(text.text(lang)):
            raise ValueError(f"the {lang} headline types a number ('{text.text(lang)}'); a slide's numbers come from its figures")
    return text


Headline = Annotated[Localized, AfterValidator(_no_number)]
ChartId = Annotated[str, Field(pattern=r"^[a-z0-9.:-]+$", max_length=80)]


class FigureSlide(Strict):
    """One figure, shown as a huge number with its qualifier and unit, its name, and an optional headline."""

    kind: Literal["figure"] = Field(description="figure: one figure, large.")
    metric: Slug = Field(description="The figure's id (from data/metrics).")
    headline: Headline | None = Field(default=None, description="The slide's message in both languages, without numbers.")


class FiguresSlide(Strict):
    """Two to four figures side by side."""

    kind: Literal["figures"] = Field(description="figures: two to four figures side by side.")
    metrics: list[Slug] = Field(min_length=2, max_length=4, description="The figures' ids, in order.")
    headline: Headline | None = Field(default=None, description="The slide's message in both languages, without numbers.")


class ChartSlide(Strict):
    """A chart of the dashboard by id, or a chart comparing a listed set of figures."""

    kind: Literal["chart"] = Field(description="chart: a chart of the dashboard, or one over listed figures.")
    chart: ChartId | None = Field(default=None, description="A chart id of metrics/charts/registry.py (e.g. recognition.awards).")
    metrics: list[Slug] | None = Field(default=None, min_length=2, max_length=12,
                                       description="Instead of chart: figures of one unit kind compared as bars.")
    headline: Headline | None = Field(default=None, description="The slide's message; the chart's own title when absent.")


class QuoteSlide(Strict):
    """A figure's verbatim quote with its source: the document's own words."""

    kind: Literal["quote"] = Field(description="quote: the source's words that state a figure.")
    metric: Slug = Field(description="The figure whose quote is read out.")
    headline: Headline | None = Field(default=None, description="A line above the quote, without numbers.")


class TasksSlide(Strict):
    """The task register's summary: how far the tasks (of one body, or all) are from the "6 rõ"."""

    kind: Literal["tasks"] = Field(description="tasks: the register of the year's tasks and how clear they are.")
    body: Slug | None = Field(default=None, description="Only the tasks assigned to this agency id (default: every task).")
    headline: Headline | None = Field(default=None, description="The slide's message; the register's own when absent.")


class ClosingSlide(Strict):
    """Thanks, the sources of the whole deck, and a QR code to the live view."""

    kind: Literal["closing"] = Field(description="closing: thanks, the deck's sources, and the QR code to the live view.")
    headline: Headline | None = Field(default=None, description="The thanks, in both languages (default: the catalog's).")


Slide = Annotated[FigureSlide | FiguresSlide | ChartSlide | QuoteSlide | TasksSlide | ClosingSlide, Field(discriminator="kind")]


class Deck(Strict):
    """A deck for the stage: what it is, who presents it, for which year, and its slides in order."""

    id: Slug = Field(description="Unique id of the deck, e.g. so-noi-vu-2025.")
    title: Localized = Field(description="The deck's title in both languages.")
    subtitle: Localized | None = Field(default=None, description="A line under the title, in both languages.")
    date: Day = Field(description="The day it is presented (YYYY-MM-DD).")
    presenter: Slug = Field(description="The presenting body: an agency id of data/reference/agencies.yaml.")
    period: int = Field(ge=1945, le=2100, description="The year its figures cover; every figure named must be of this year.")
    slides: list[Slide] = Field(min_length=1, max_length=60, description="The slides, in order.")

    def metric_ids(self) -> list[str]:
        """Every figure the deck names, in slide order, once each."""
        out: dict[str, None] = {}
        for s in self.slides:
            for mid in ([s.metric] if getattr(s, "metric", None) else []) + list(getattr(s, "metrics", None) or []):
                out[mid] = None
        return list(out)
