"""The metric file format: strict Pydantic models whose descriptions become the JSON Schema."""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from metrics.i18n import as_lang

SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Slug = Annotated[str, Field(pattern=SLUG, min_length=1, max_length=80)]
FIRST_DATE, LAST_DATE = dt.date(1945, 1, 1), dt.date(2100, 12, 31)  # the years a figure may cover, and a document's dates


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# What `python -m metrics extract` writes where only a person can answer (an English name, the agency): a file that
# still holds it does not validate.
PLACEHOLDER = "FILL-IN"


def _printable(text: str) -> str:
    """Text shown to readers and written to spreadsheets holds no control character (a YAML escape such as
    "\x01" would put one there): it would be invisible on screen and break an XLSX file. This runs on every text of
    200,000 figures: str.isprintable (C, true for nearly every text) spares the search, which then tells a control
    character from what is merely not printable (a tab, a line break, a non-breaking space)."""
    if not text.isprintable() and (bad := _CONTROL.search(text)):
        raise ValueError(f"holds the control character U+{ord(bad[0]):04X}; remove it")
    if text == PLACEHOLDER:
        raise ValueError(f"still the placeholder {PLACEHOLDER}")
    return text


def _in_range(day: dt.date) -> dt.date:
    if not FIRST_DATE <= day <= LAST_DATE:
        raise ValueError(f"{day.isoformat()} is outside {FIRST_DATE.isoformat()} to {LAST_DATE.isoformat()}, the dates the dashboard holds")
    return day


# Text fields are short by nature; a cap keeps a hostile file from smuggling megabytes into a cell.
ShortText = Annotated[str, Field(min_length=1, max_length=300), AfterValidator(_printable)]
Day = Annotated[dt.date, AfterValidator(_in_range)]


class Strict(BaseModel):
    """Base of every model: an unknown key is an error, never silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class Qualifier(StrEnum):
    """How the stated number relates to the true figure ("trên 500" is more than 500, never 500)."""

    exact = "exact"
    more_than = "more_than"
    at_least = "at_least"
    about = "about"
    nearly = "nearly"


class Scale(StrEnum):
    """The scale word a document writes after a number (5.535 tỷ đồng = 5,535 × 10^9 đồng)."""

    one = "one"
    thousand = "thousand"
    million = "million"
    billion = "billion"


SCALE_FACTOR = {Scale.one: 1, Scale.thousand: 10**3, Scale.million: 10**6, Scale.billion: 10**9}


class Localized(Strict):
    """A text in Vietnamese (shown first) and English."""

    vi: ShortText = Field(description="Vietnamese text, as officials read it.")
    en: ShortText = Field(description="English text.")

    def text(self, lang: str) -> str:
        """The text in a supported language (an unknown code is an error, never another language)."""
        return getattr(self, as_lang(lang))


class Award(Strict):
    """What a recognition metric counts: which award, from which level, to what kind of recipient."""

    title: Localized = Field(description="The award or title, e.g. Bằng khen của Thủ tướng Chính phủ.")
    level: Literal["state", "government", "province"] = Field(
        description="Who confers it: state (Chủ tịch nước), government (Thủ tướng), province (UBND tỉnh)."
    )
    recipient_type: Literal["individual", "collective"] = Field(
        description="Whether the recipients are individuals (cá nhân) or collectives (tập thể)."
    )
    recipient: ShortText | None = Field(
        default=None,
        description="The named recipient when the document names one; a named single recipient counts as 1.",
    )


class Metric(Strict):
    """One figure a source document states, with the verbatim quote that states it."""

    id: Slug = Field(description="Unique id across all metric files, lowercase words joined by '-'.")
    name: Localized = Field(description="What the figure measures, in both languages.")
    series: Slug | None = Field(
        default=None,
        description="Groups one measure across periods (economic-growth for economic-growth-2024 and economic-growth-2025), "
        "so a page can show the change against the previous period; defaults to the id.",
    )
    theme: Slug = Field(description="Theme id from data/reference/themes.yaml.")
    agency: Slug | None = Field(
        default=None,
        description="Agency id (data/reference/agencies.yaml) the figure belongs to; defaults to the source's agency.",
    )
    period: int = Field(ge=1945, le=2100, description="The year the figure covers (not the document's date).")
    value: float = Field(ge=0, allow_inf_nan=False, description="The stated number, before scale. Direction goes in 'change'.")
    scale: Scale = Field(default=Scale.one, description="Scale word of the document: billion for 'tỷ', million for 'triệu'.")
    unit: Slug = Field(description="Unit id from data/reference/units.yaml.")
    qualifier: Qualifier = Field(default=Qualifier.exact, description="exact, more_than (trên/hơn), at_least, about (khoảng), nearly (gần).")
    total: float | None = Field(
        default=None, gt=0, allow_inf_nan=False, description="For 'achieved of total' figures such as 184/184: the total (184)."
    )
    plan_percent: float | None = Field(
        default=None, gt=0, le=10000, allow_inf_nan=False, description="Percent of plan achieved ('đạt 162% kế hoạch' is 162); may exceed 100."
    )
    change: Literal["decrease", "increase"] | None = Field(
        default=None, description="Direction when the figure is a change of a quantity: decrease (giảm) or increase (tăng); the quote "
        "must say it. A rate such as a growth rate is a level ('đạt 10,52%'), never a change.",
    )
    stated_as: Localized | None = Field(
        default=None, description="The source's words for the figure when it is not a measured amount ('xóa bỏ hoàn toàn': abolished "
        "entirely): cards show these words, and charts of amounts leave the figure out. The Vietnamese stands in the quote.",
    )
    comparison: Localized | None = Field(
        default=None, description="What the source compares the figure with, in its own words ('cao hơn chỉ tiêu Chính phủ giao': "
        "above the Government's target), shown on the card as a stated fact. The Vietnamese stands in the quote.",
    )
    lead: bool = Field(default=False, description="One of the figures that lead its theme on the Overview.")
    award: Award | None = Field(default=None, description="For recognition figures: the award, its level and recipients.")
    quote: Annotated[str, Field(min_length=3, max_length=1000), AfterValidator(_printable)] = Field(
        description="The words of the source that state the figure, copied verbatim from the source text."
    )

    @model_validator(mode="after")
    def _consistent(self) -> Metric:
        if self.total is not None and self.value > self.total:
            raise ValueError(f"value {self.value:g} is larger than total {self.total:g}; an achieved count cannot exceed its total")
        if self.scale is not Scale.one and self.unit != "vnd":
            raise ValueError(f"scale '{self.scale}' is for money; unit '{self.unit}' takes scale 'one'")
        return self

    @property
    def full_value(self) -> float:
        """The value in base units (5.535 tỷ đồng gives 5,535,000,000,000)."""
        return self.value * SCALE_FACTOR[self.scale]


class Source(Strict):
    """The document every metric of the file quotes."""

    id: Slug = Field(description="Unique id of the document, e.g. so-noi-vu-2026-01-05.")
    title: ShortText = Field(description="The document's title as published.")
    agency: Slug = Field(description="Id of the issuing agency from data/reference/agencies.yaml.")
    published: Day = Field(description="Date of the document (YYYY-MM-DD), between 1945-01-01 and 2100-12-31.")
    text: Annotated[str, Field(pattern=r"^[^\\:\x00-\x1f]+\.txt$", max_length=200)] = Field(
        description="Path of the full text, relative to the data folder (e.g. sources/x.txt); it must stay inside it."
    )
    preamble_lines: int = Field(
        default=0, ge=0, le=20, description="Lines at the top of the text file that are not the document's prose (a scraper's "
        "header line such as 'date 2026-01-05 ...'): kept in the file for the verbatim check, not shown as the document's text.",
    )
    title_en: ShortText | None = Field(
        default=None, description="An English translation of the title; the document is Vietnamese, so it is shown marked as a translation."
    )
    url: Annotated[str, Field(pattern=r"^https?://\S+$", max_length=500)] | None = Field(
        default=None, description="Where the document was published, when known."
    )


class SkippedNumber(Strict):
    """A number of the source that is not a figure, as `python -m metrics extract` lists it for the reviewer."""

    text: ShortText = Field(description="The words holding the number, as the source writes them ('Ngày 5/1', 'Nghị quyết 57').")
    reason: Literal["date", "year", "document", "ordinal", "name", "vague", "code", "class", "section"] = Field(
        description="Why it is not a figure: a date or time, a year or period, a document's number, an ordinal, part of a name, a vague "
        "amount, a phone number or address or version, a threshold naming a group, a section's number."
    )
    line: int | None = Field(default=None, ge=1, description="The line of the source text it stands on.")


class MetricFile(Strict):
    """A metric file: one source document and the figures it states."""

    source: Source = Field(description="The source document.")
    metrics: list[Metric] = Field(min_length=1, description="The figures this document states.")
    skipped: list[SkippedNumber] = Field(
        default_factory=list, description="Numbers of the source that are not figures, kept by the extractor for the record; not loaded."
    )


class ReferenceEntry(Strict):
    """An entry of a reference list (agency, theme)."""

    id: Slug = Field(description="Stable id used in metric files.")
    name: Localized = Field(description="Display name in both languages.")


class Unit(ReferenceEntry):
    """A unit of measure and how its values read."""

    kind: Literal["count", "percent", "rate", "money", "rank", "duration"] = Field(
        description="percent is a share of a whole (0 to 100); rate is a growth rate; money is in đồng."
    )
    label: Localized = Field(description="Word shown after a number: 'trường hợp' / 'cases'.")
    label_one: Localized | None = Field(default=None, description="Word shown after the number 1 when it differs: 'case'.")
