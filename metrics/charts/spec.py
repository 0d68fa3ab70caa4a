"""A chart as data, drawn by any renderer (Plotly in the app; PowerPoint and images on the stage): what kind of
chart, its categories and series with the text drawn on each mark, the value axis and its number format in the
chart's language, the title that states the message, the source line, and the marks of derived figures."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

from metrics.i18n import Lang

# Okabe-Ito: safe for colour-blind readers and readable on a projector. Renderers index it by Series.color.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000", "#999999", "#882255")
DERIVED_COLOR = 8  # grey: a derived figure is drawn hatched in it


@dataclass(frozen=True)
class Series:
    """One set of marks: a value per category, the text drawn on each, and how it is drawn."""

    name: str | None  # legend entry; None for a chart of one series
    values: tuple[float, ...]
    labels: tuple[str, ...]  # each value as a reader reads it, in the chart's language ("giảm 65,2%")
    color: int = 0  # index into PALETTE
    derived: bool = False  # computed, not stated: renderers draw it hatched and say so


@dataclass(frozen=True)
class NumberFormat:
    """How the value axis writes numbers: decimals, a suffix, and the language's marks."""

    decimals: int = 0
    suffix: str = ""
    decimal_mark: str = ","
    group_mark: str = "."

    def excel(self) -> str:
        """The format as a spreadsheet or PowerPoint writes it (marks follow the reader's locale there)."""
        return "#,##0" + ("." + "0" * self.decimals if self.decimals else "") + (f'"{self.suffix}"' if self.suffix else "")


@dataclass(frozen=True)
class Chart:
    """A renderer-neutral chart; every text already in the chart's language."""

    id: str
    kind: Literal["bar", "column", "grouped", "stacked"]  # bar: horizontal bars; the others are vertical columns
    lang: Lang
    title: str  # the message, not a label: "Bộ máy tinh gọn năm 2025: giảm từ 65,2% đến 100%"
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    number_format: NumberFormat
    source: str  # "Nguồn: <document> (05/01/2026)"
    notes: tuple[str, ...] = ()  # derived figures' formulas: "Số liệu suy ra: 651 cán bộ ÷ 162% ≈ 402"
    value_range: tuple[float, float] | None = None
    value_title: str | None = None
    table: pd.DataFrame = field(default_factory=pd.DataFrame, compare=False)  # the data behind the chart
    quotes: tuple[tuple[str, str], ...] = ()  # (source id, figure id) of the stated figures drawn: links to their quotes
    quotes_of: Literal["metric", "task"] = "metric"  # what the ids of quotes name (the register's chart draws tasks)

    @property
    def footer(self) -> str:
        """The source line and the derived figures' formulas, as one text for the foot of any rendering."""
        return ". ".join((self.source, *self.notes))

    @property
    def legend(self) -> bool:
        return len(self.series) > 1
