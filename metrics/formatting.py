"""Numbers for display in Vietnamese or English, built on Babel's CLDR data (65,2% / 65.2%, 5.535 tỷ đồng / 5,535 billion VND)."""

from __future__ import annotations

import math

import pandas as pd
from babel.numbers import format_decimal, format_percent

LANGS = ("vi", "en")
QUALIFIERS = {
    "vi": {"more_than": "trên", "at_least": "ít nhất", "about": "khoảng", "nearly": "gần"},
    "en": {"more_than": "more than", "at_least": "at least", "about": "about", "nearly": "nearly"},
}
# Officials read money in tỷ (10^9) or triệu (10^6) đồng; English renders the same scale words.
MONEY_SCALES = (
    (10**9, {"vi": "tỷ đồng", "en": "billion VND"}),
    (10**6, {"vi": "triệu đồng", "en": "million VND"}),
    (1, {"vi": "đồng", "en": "VND"}),
)
ORDINAL_EN = {1: "st", 2: "nd", 3: "rd"}


def number(value: float, lang: str, decimals: int = 2) -> str:
    """5448 → '5.448' (vi) or '5,448' (en); up to `decimals` decimals, trailing zeros dropped."""
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    return format_decimal(value, pattern, locale=lang)


def percent(value: float, lang: str, decimals: int = 2) -> str:
    """65.2 (a percent) → '65,2%' (vi) or '65.2%' (en)."""
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "") + "%"
    return format_percent(value / 100, pattern, locale=lang)


def money(vnd: float, lang: str) -> str:
    """5.535e12 → '5.535 tỷ đồng' (vi) or '5,535 billion VND' (en)."""
    for factor, words in MONEY_SCALES:
        if abs(vnd) >= factor or factor == 1:
            return f"{number(vnd / factor, lang, 3)} {words[lang]}"
    raise AssertionError("unreachable")


def rank(value: float, lang: str) -> str:
    """1 → 'thứ 1' (vi) or '1st' (en)."""
    n = int(value)
    if lang == "vi":
        return "thứ nhất" if n == 1 else f"thứ {n}"
    suffix = "th" if 10 <= n % 100 <= 20 else ORDINAL_EN.get(n % 10, "th")
    return f"{n}{suffix}"


def qualified(text: str, qualifier: str | None, lang: str) -> str:
    """Put the qualifier's word before a formatted figure: 'trên 500', never a bare '500'."""
    word = QUALIFIERS[lang].get(qualifier or "exact")
    return f"{word} {text}" if word else text


def figure(value: float, unit_kind: str, unit_label: str, lang: str, *, qualifier: str | None = None,
           total: float | None = None) -> str:
    """A metric's value as a person reads it: qualifier, number, unit; 'X/Y' for achieved of a total."""
    if not missing(total):
        body = f"{number(value, lang)}/{number(total, lang)} {unit_label}"
    elif unit_kind in ("percent", "rate"):
        body = percent(value, lang)
    elif unit_kind == "money":
        body = money(value, lang)
    elif unit_kind == "rank":
        body = rank(value, lang)
    else:  # counts and durations are whole numbers; a derived one ("about 402") is rounded
        body = f"{number(value, lang, 0)} {unit_label}".strip()
    return qualified(body, qualifier, lang)


def missing(x) -> bool:
    """None, NaN or pandas' NA: a field the figure does not have."""
    return x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x))
