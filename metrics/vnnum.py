"""Reading numbers the way Vietnamese documents write them: '.' thousands, ',' decimal, scale words, X/Y."""

from __future__ import annotations

import re
from dataclasses import dataclass

SCALE_WORDS = {"nghìn": 10**3, "ngàn": 10**3, "triệu": 10**6, "tỷ": 10**9, "tỉ": 10**9, "nghìn tỷ": 10**12, "ngàn tỷ": 10**12,
               "nghìn tỉ": 10**12, "ngàn tỉ": 10**12}

# Words before a number that change what it means; longest first so "ít nhất" wins over "nhất".
QUALIFIER_WORDS = {
    "trên": "more_than",
    "hơn": "more_than",
    "ít nhất": "at_least",
    "tối thiểu": "at_least",
    "không dưới": "at_least",
    "khoảng": "about",
    "chừng": "about",
    "xấp xỉ": "about",
    "gần như": "nearly",
    "gần": "nearly",
}

ORDINALS = {"nhất": 1, "hai": 2, "ba": 3, "tư": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10}

_NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_SCALE = "|".join(sorted(SCALE_WORDS, key=len, reverse=True))
_QUAL = "|".join(sorted(QUALIFIER_WORDS, key=len, reverse=True))
# The number itself. It starts with a digit, so the engine jumps from digit to digit instead of trying a qualifier at
# every character (a pattern that opens with an optional qualifier cost a quarter of a cold load).
_TOKEN = re.compile(
    # A number stands alone: not the tail of '14h30', 'G20' or a date's '/2026', not the head of '5G'.
    rf"(?<![\w.,/])(?:(?P<num>{_NUMBER})\s*/\s*(?P<den>{_NUMBER})"
    rf"|(?P<value>{_NUMBER})(?:\s*(?P<pct>%)|\s+(?P<scale>{_SCALE})(?!\w))?)(?![\w])"
    # '10% trở lên' (10% or more) qualifies after the number.
    r"(?:\s+(?P<post>trở lên)(?!\w))?",
    re.IGNORECASE,
)
# A qualifier word right before a number ('trên 500'), looked for in the few characters before it. 'cao hơn 7,3 điểm'
# (higher by) compares; 'hơn 500' (more than) qualifies.
_QUALIFIER = re.compile(rf"(?<!cao )(?<!thấp )(?<!nhiều )(?<!ít )(?<!lớn )(?<!nhỏ )(?P<qual>{_QUAL})\s+$", re.IGNORECASE)
_BEFORE = 40  # characters: the longest qualifier and its spaces, and the words its lookbehinds read
_ORDINAL = re.compile(rf"\bthứ\s+(?P<word>{'|'.join(ORDINALS)}|\d+)(?!\w)", re.IGNORECASE)
# "xóa bỏ hoàn toàn" (abolished entirely) states a 100% reduction in words.
_ENTIRELY = re.compile(r"\bhoàn toàn\b", re.IGNORECASE)


@dataclass(frozen=True)
class Reading:
    """A number found in a text, with what surrounds it."""

    value: float
    kind: str  # "number", "percent", "fraction", "ordinal"
    text: str
    total: float | None = None
    qualifier: str = "exact"
    start: int = -1  # where the reading stands in the text (the qualifier word included)
    end: int = -1
    stated: float | None = None  # the number as written, before its scale word (5.535 of 5.535 tỷ)
    scale: str | None = None  # the scale word, lower case (tỷ, triệu, nghìn, nghìn tỷ)


def parse_number(text: str) -> float:
    """Parse one Vietnamese-formatted number, optionally followed by a scale word or '%'.

    >>> parse_number("5.448"), parse_number("65,2%"), parse_number("5.535 tỷ")
    (5448.0, 65.2, 5535000000000.0)
    """
    match = re.fullmatch(rf"\s*(?P<value>{_NUMBER})\s*(?:(?P<pct>%)|(?P<scale>{_SCALE}))?\s*", text, re.IGNORECASE)
    if not match:
        raise ValueError(f"not a Vietnamese number: {text!r}")
    return _to_float(match["value"]) * SCALE_WORDS.get((match["scale"] or "").lower(), 1)


def _to_float(digits: str) -> float:
    return float(digits.replace(".", "").replace(",", "."))


def readings(text: str) -> list[Reading]:
    """Every number stated in a text, in order of appearance."""
    found: list[Reading] = []
    after = 0  # a qualifier never reaches back into the reading before it
    for m in _TOKEN.finditer(text):
        start = m.start()
        q = _QUALIFIER.search(text, max(after, start - _BEFORE), start) if start > after else None
        if q is not None:
            start = q.start()
        after = m.end()
        qualifier = QUALIFIER_WORDS[q["qual"].lower()] if q is not None else "at_least" if m["post"] else "exact"
        if m["num"]:
            found.append(Reading(_to_float(m["num"]), "fraction", text[start:m.end()], _to_float(m["den"]), qualifier, start, m.end(),
                                 _to_float(m["num"])))
        else:
            scale = (m["scale"] or "").lower() or None
            stated = _to_float(m["value"])
            found.append(Reading(stated * SCALE_WORDS.get(scale or "", 1), "percent" if m["pct"] else "number", text[start:m.end()], None,
                                 qualifier, start, m.end(), stated, scale))
    for m in _ORDINAL.finditer(text):
        word = m["word"].lower()
        found.append(Reading(float(ORDINALS.get(word) or int(word)), "ordinal", m[0], start=m.start(), end=m.end()))
    for m in _ENTIRELY.finditer(text):
        found.append(Reading(100.0, "percent", m[0], start=m.start(), end=m.end()))
    return found


def same(a: float, b: float) -> bool:
    """Equal up to float noise: 5.535 × 10^9 must match 5535000000000."""
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))
