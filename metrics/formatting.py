"""Numbers for display in the interface's language, built on Babel's CLDR data and the catalog's words
(65,2% / 65.2%, 5.535 tỷ đồng / 5,535 billion VND, trên 500 / more than 500, thứ nhất / 1st)."""

from __future__ import annotations

import math

import pandas as pd
from babel.numbers import format_decimal, format_percent

from metrics.i18n import Lang, ordinal, t

# Officials read money in tỷ (10^9) or triệu (10^6) đồng; the words are the catalog's money.<scale> entries.
MONEY_SCALES = ((10**9, "money.billion"), (10**6, "money.million"), (1, "money.one"))
QUALIFIED = ("more_than", "at_least", "about", "nearly")  # qualifiers that put a word before the number


def number(value: float, lang: Lang, decimals: int = 2) -> str:
    """5448 → '5.448' (vi) or '5,448' (en); up to `decimals` decimals, trailing zeros dropped."""
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    return format_decimal(value, pattern, locale=lang)


def percent(value: float, lang: Lang, decimals: int = 2) -> str:
    """65.2 (a percent) → '65,2%' (vi) or '65.2%' (en)."""
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "") + "%"
    return format_percent(value / 100, pattern, locale=lang)


def money(vnd: float, lang: Lang) -> str:
    """5.535e12 → '5.535 tỷ đồng' (vi) or '5,535 billion VND' (en)."""
    factor, key = next((f, k) for f, k in MONEY_SCALES if abs(vnd) >= f or f == 1)
    return t(key, lang, x=number(vnd / factor, lang, 3))


def rank(value: float, lang: Lang) -> str:
    """1 → 'thứ nhất' (vi) or '1st' (en)."""
    return ordinal(int(value), lang)


def qualified(text: str, qualifier: str | None, lang: Lang) -> str:
    """Put the qualifier's word before a formatted figure: 'trên 500', never a bare '500'."""
    return f"{t(f'qualifier.{qualifier}', lang)} {text}" if qualifier in QUALIFIED else text


def figure(value: float, unit_kind: str, unit_label: str, lang: Lang, *, qualifier: str | None = None,
           total: float | None = None) -> str:
    """A metric's amount as a person reads it: qualifier, number, unit; 'X/Y' for achieved of a total."""
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
