"""The quote of a candidate: the clause around its number, verbatim, short enough to read on a card. A sentence
ends at . ! ? ; or a line break; a clause at a comma, a colon or a joining word (và, đồng thời, qua đó...), never
inside parentheses, so '651 cán bộ về xã (đạt 162% kế hoạch)' keeps its plan."""

from __future__ import annotations

import bisect
import re

QUOTE_MAX = 160  # characters: about two lines of a card
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=\S)|;\s*|\n+")
_CLAUSE_BREAK = re.compile(r",\s+|:\s+|\s+[-–]\s+(?=(?-i:[A-ZĐ]))|\s+(?:và|đồng thời|trong đó|qua đó|nhờ đó|nhưng|song|tuy nhiên|"
                           r"góp phần|cùng với)\s+|(?<!\bso)(?<!đối)\s+với\s+", re.IGNORECASE)
# A clause that continues the one before as its comparison: 'đạt 10,52%, cao hơn chỉ tiêu Chính phủ giao'.
_COMPARISON = re.compile(r"^(?:cao hơn|thấp hơn|vượt|bằng|so với|tăng|giảm)\b", re.IGNORECASE)
# What a clause may hold besides its number and still say nothing of what is counted.
_EMPTY = re.compile(r"\b(?:tăng|giảm|đạt|bằng|vượt|so với|cùng kỳ|năm trước|kế hoạch|chiếm|khoảng|trên|hơn|gần|là|có|"
                    r"thêm|lên|xuống|còn|tỷ lệ)\b|[\d.,%/()]+", re.IGNORECASE)
_WORD_GAP = re.compile(r"\s+")


class Sentences:
    """The sentence bounds of a text, found once."""

    def __init__(self, text: str):
        self.text = text
        self.starts = [0] + [m.end() for m in _SENTENCE_END.finditer(text)]
        self.ends = [m.start() for m in _SENTENCE_END.finditer(text)] + [len(text)]

    def around(self, at: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, at) - 1
        return self.starts[i], self.ends[i]


def _breaks(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """The clause breaks of text[s:e] that stand outside parentheses."""
    out, depth, last = [], 0, s
    for m in _CLAUSE_BREAK.finditer(text, s, e):
        for ch in text[last:m.start()]:
            depth += (ch == "(") - (ch == ")")
        last = m.start()
        if depth <= 0:
            out.append((m.start(), m.end()))
    return out


def _words(text: str) -> int:
    return len(_EMPTY.sub(" ", text).split())


def bounds(sentences: Sentences, start: int, end: int, anchor: int | None = None) -> tuple[int, int]:
    """Where the quote of a number at [start, end) begins and ends. anchor: a governing verb before the number
    that the quote must keep ('giảm 65,2% ..., 69,1% ...')."""
    text = sentences.text
    s, e = sentences.around(start)
    breaks = _breaks(text, s, e)
    left = min(start, anchor) if anchor is not None else start
    before = [b for b in breaks if b[1] <= left]
    after = [b for b in breaks if b[0] >= end]
    a = before[-1][1] if before else s
    b = after[0][0] if after else e
    # A clause that names nothing ('tăng 8,5% so với cùng kỳ', '4 cá nhân') takes the clause before it.
    while _words(text[a:b]) < 3 and before:
        before.pop()
        a = before[-1][1] if before else s
    if after and _COMPARISON.match(text[after[0][1]:e]) and b - a < QUOTE_MAX // 2:
        b = after[1][0] if len(after) > 1 else e
    if b - a > QUOTE_MAX:
        a, b = _window(text, a, b, left, end)
    while b > a and text[b - 1] in " .,;:":
        b -= 1
    return a, b


def _window(text: str, a: int, b: int, start: int, end: int) -> tuple[int, int]:
    """A window of whole words around the number inside a long clause, parentheses kept whole."""
    lo, hi = max(a, start - 70), min(b, end + 80)
    if lo > a:
        gap = _WORD_GAP.search(text, lo, start)
        lo = gap.end() if gap else lo
    if hi < b:
        gaps = list(_WORD_GAP.finditer(text, end, hi))
        hi = gaps[-1].start() if gaps else hi
    opened = text.rfind("(", lo, hi)
    if opened > text.rfind(")", lo, hi):
        close = text.find(")", hi, b)
        hi = close + 1 if 0 <= close < hi + 40 else hi
    return lo, hi
