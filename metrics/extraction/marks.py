"""The report as the reviewer reads it: its paragraphs as HTML, every candidate's number marked with its row number
in the review table, every number passed over marked with why. The text is escaped (markup in a report shows as
written, never runs); only the marks are ours."""

from __future__ import annotations

import html

from metrics.extraction.candidates import Extraction


def marked_html(x: Extraction, reasons: dict[str, str], candidate_label: str = "#{n}") -> str:
    """reasons: the words for each reason of a skipped number, in the reader's language."""
    marks: list[tuple[int, int, str, str]] = []  # start, end, opening tag, closing tag
    for n, c in enumerate(x.candidates, 1):
        title = html.escape(candidate_label.format(n=n), quote=True)
        marks.append((c.start, c.end, f'<mark class="x-figure" title="{title}"><sup>{n}</sup>', "</mark>"))
    for s in x.skipped:
        title = html.escape(reasons.get(s.reason, s.reason), quote=True)
        marks.append((s.start, s.end, f'<span class="x-skipped" title="{title}">', "</span>"))
    marks.sort(key=lambda m: (m[0], -m[1]))
    out, at = [], 0
    for start, end, opening, closing in marks:
        if start < at:  # an overlap (a candidate inside a span): the first mark wins
            continue
        out += [html.escape(x.text[at:start]), opening, html.escape(x.text[start:end]).replace("\n", " "), closing]
        at = end
    out.append(html.escape(x.text[at:]))
    body = "".join(out)
    paragraphs = [p for p in body.split("\n") if p.strip()]
    return "".join(f"<p>{p}</p>" for p in paragraphs)
