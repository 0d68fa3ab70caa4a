"""The quote check: a metric's quote must stand verbatim in its source and state the metric's value."""

from __future__ import annotations

import re
from dataclasses import dataclass

from metrics.models import Metric
from metrics.vnnum import Reading, readings, same

# The words that give a figure its direction: a card that says "giảm" or "down" must find one of them in the quote.
DIRECTION_WORDS = {"decrease": ("giảm", "cắt giảm", "tinh giảm", "xóa bỏ", "xoá bỏ", "bãi bỏ", "còn", "xuống", "thấp hơn", "ít hơn"),
                   "increase": ("tăng", "vượt", "lên", "cao hơn", "nhiều hơn")}
# "tăng trưởng" (growth) names a rate; it says nothing about the figure going up.
DIRECTION = {k: re.compile(r"\b(" + "|".join(words) + r")\b(?!\s+trưởng)", re.IGNORECASE) for k, words in DIRECTION_WORDS.items()}
EXCEEDED = re.compile(r"\bvượt\s*$", re.IGNORECASE)
QUALIFIER_VI = {"more_than": "trên", "at_least": "ít nhất", "about": "khoảng", "nearly": "gần", "exact": "(none)"}


@dataclass(frozen=True)
class Finding:
    """Something wrong between a metric and its quote."""

    field: str
    message: str
    hint: str


def _show(r: Reading) -> str:
    if r.kind == "fraction":
        return f"'{r.text.strip()}'"
    return f"'{r.text.strip()}' (= {_n(r.value)})"


def _n(x: float) -> str:
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.6g}"


def _stated(found: list[Reading]) -> str:
    """What the quote states, for a message (built only when there is a problem to say)."""
    return ", ".join(_show(r) for r in found) or "no number"


def check_quote(metric: Metric, unit_kind: str, source_text: str) -> list[Finding]:
    """Compare a validated metric with its quote and source text."""
    quote = metric.quote
    if quote not in source_text:
        return [Finding("quote", "the quote does not occur verbatim in the source text",
                        "copy the words exactly from the source file, including diacritics and punctuation")]
    found = readings(quote)
    out: list[Finding] = []
    value = metric.full_value
    recipient = metric.award.recipient if metric.award else None

    if metric.total is not None:
        match = [r for r in found if r.kind == "fraction" and same(r.value, metric.value) and same(r.total, metric.total)]
        if not match:
            out.append(Finding("value", f"the quote states {_stated(found)}, not {metric.value:g}/{metric.total:g}",
                               "for 'X/Y' figures set value to X and total to Y as the quote writes them"))
    elif value == 1 and recipient and recipient in quote:
        match = [Reading(1.0, "named", recipient)]
    else:
        want = {"percent": ("percent",), "rate": ("percent",), "rank": ("ordinal", "number")}.get(unit_kind, ("number",))
        match = [r for r in found if r.kind in want and same(r.value, value)]
        if not match:
            scale = f" × {metric.scale}" if metric.scale != "one" else ""
            out.append(Finding("value", f"the quote states {_stated(found)}, but value{scale} reads {_n(value)}",
                               "read '.' as the thousands mark and ',' as the decimal mark (5.448 is 5448, 65,2% is 65.2); "
                               "tỷ is scale: billion"))
    if match and metric.qualifier != match[0].qualifier:
        word = QUALIFIER_VI[match[0].qualifier]
        out.append(Finding("qualifier", f"the quote says {_show(match[0])} (qualifier: {match[0].qualifier}), "
                                        f"the metric says {metric.qualifier}",
                           f"set qualifier to {match[0].qualifier} (the quote's word: {word})"))
    for field, words in (("stated_as", metric.stated_as), ("comparison", metric.comparison)):
        if words is not None and words.vi not in quote:
            out.append(Finding(field, f"'{words.vi}' is not in the quote", f"{field}.vi is the source's own words: quote them"))
    if metric.change is not None and not DIRECTION[metric.change].search(quote):
        out.append(Finding("change", f"the quote gives no direction for change: {metric.change} "
                                     f"({' / '.join(DIRECTION_WORDS[metric.change])})",
                           "quote the words that say the figure went down or up, or leave change out"))
    if metric.plan_percent is not None:
        # 'vượt 20,5% dự toán' is 120,5% of the estimate.
        plan = metric.plan_percent
        if not any(same(r.value, plan) or (EXCEEDED.search(quote, 0, r.start) and same(r.value + 100, plan))
                   for r in found if r.kind == "percent"):
            out.append(Finding("plan_percent", f"the quote states {_stated(found)}, not {metric.plan_percent:g}%",
                               "plan_percent is the 'đạt X% kế hoạch' figure of the quote; 'vượt X%' is 100 + X"))
    return out
