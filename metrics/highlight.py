"""Where each metric's quote stands in its source text, paragraph by paragraph, for highlighting."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise


@dataclass(frozen=True)
class Part:
    """A run of text; ids are the metrics whose quotes cover it (empty for plain text)."""

    text: str
    ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Paragraph:
    index: int
    parts: tuple[Part, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for p in self.parts:
            seen.update(dict.fromkeys(p.ids))
        return tuple(seen)


def paragraphs(text: str, quotes: dict[str, str]) -> list[Paragraph]:
    """Split text into its non-empty paragraphs; cut each where quotes start and end, noting which
    metrics cover each run (quotes may overlap or be shared by several metrics)."""
    out, offset = [], 0
    for block in text.split("\n"):
        start, end = offset, offset + len(block)
        offset = end + 1
        if not block.strip():
            continue
        spans = []
        for mid, quote in quotes.items():
            at = text.find(quote, start, end)
            if at >= 0:
                spans.append((at - start, at - start + len(quote), mid))
        cuts = sorted({0, len(block), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
        parts = []
        for a, b in pairwise(cuts):
            ids = tuple(mid for s, e, mid in spans if s <= a and b <= e)
            parts.append(Part(block[a:b], ids))
        out.append(Paragraph(len(out) + 1, tuple(parts)))
    return out
