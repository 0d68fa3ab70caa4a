"""Where each metric's quote stands in its source text, paragraph by paragraph, for highlighting."""

from __future__ import annotations

import html
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


def paragraphs(text: str, quotes: dict[str, str], skip_lines: int = 0) -> list[Paragraph]:
    """Split text into its non-empty paragraphs; cut each where quotes start and end, noting which metrics cover
    each run (quotes may overlap or be shared by several metrics). The first skip_lines lines (a scraper's header)
    are not the document's prose and are left out."""
    out, offset = [], 0
    for n, block in enumerate(text.split("\n")):
        start, end = offset, offset + len(block)
        offset = end + 1
        if not block.strip() or n < skip_lines:
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


def paragraph_html(p: Paragraph, selected: str | None, shades: dict[str, int], anchored: set[str] | None = None) -> str:
    """One paragraph as HTML: every run of text escaped (data text is shown, never obeyed), each quote in a <mark>
    whose class says which shade it takes (neighbours alternate), the selected figure's quote marked 'sel'.
    anchored: when given, an empty element id="m-<figure id>" before the first run of each figure's quote (a page
    without script lands on it from a link, and CSS marks it as the target); the ids put are added to it."""
    runs = []
    for part in p.parts:
        text = html.escape(part.text, quote=False)
        if anchored is not None:
            for mid in part.ids:
                if mid not in anchored:
                    anchored.add(mid)
                    runs.append(f'<span class="anchor" id="m-{html.escape(mid)}"></span>')
        if not part.ids:
            runs.append(text)
        elif selected in part.ids:
            runs.append(f'<mark class="sel">{text}</mark>')
        else:
            runs.append(f'<mark class="q{shades.get(part.ids[0], 0)}">{text}</mark>')
    return f'<p id="p-{p.index}"><span class="pn">¶{p.index}</span>{"".join(runs)}</p>'


def document_html(paras: list[Paragraph], selected: str | None, focus: bool = False, anchors: bool = False) -> str:
    """Paragraphs as a document (class 'doc'; 'focus' for the one paragraph shown on its own at the top); anchors:
    each quote can be linked to as #m-<figure id> (the static snapshot)."""
    shades = {}
    for p in paras:
        for mid in p.ids:
            shades.setdefault(mid, len(shades) % 2)
    anchored: set[str] | None = set() if anchors else None
    body = "".join(paragraph_html(p, selected, shades, anchored) for p in paras)
    return f'<div class="doc{" focus" if focus else ""}">{body}</div>'
