"""The candidate metric file: the source block, the reviewed figures as `metrics:`, the numbers passed over under
`skipped:`. Every text is written as a double-quoted scalar (JSON's escaping is valid YAML), so a quote holding
':' or '#' or markup stays text. What only a person can say (an English name, the agency) is written as the
placeholder FILL-IN, which does not validate until it is replaced."""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass

import metrics.extraction.words as w
from metrics.extraction.candidates import Candidate, Extraction, explain
from metrics.extraction.skips import Skipped
from metrics.models import PLACEHOLDER

# The columns of a reviewed row, in the order the review table shows them.
ROW_FIELDS = ("accept", "name_vi", "name_en", "theme", "unit", "value", "scale", "qualifier", "total", "plan_percent", "change",
              "period", "quote", "confidence", "reason", "line", "id", "stated_as", "comparison")


@dataclass
class SourceInfo:
    """The source block's fields; None where the reviewer has not said."""

    id: str | None = None
    title: str | None = None
    agency: str | None = None
    published: dt.date | None = None

    def filled(self, text: str, name: str = "") -> SourceInfo:
        """Defaults from the text: the title is its first line, the id the agency and the date (or the file's name)."""
        title = self.title or next((line.strip() for line in text.splitlines() if line.strip()), "")[:300] or None
        sid = self.id
        if not sid and self.agency and self.published:
            sid = f"{self.agency}-{self.published.isoformat()}"
        sid = sid or slug(re.sub(r"\.\w+$", "", name)) or None
        return SourceInfo(sid, title, self.agency, self.published)


def slug(text: str, words: int = 8) -> str:
    """Lower-case ASCII words joined by '-': 'Giảm cơ quan chuyên môn' → 'giam-co-quan-chuyen-mon'."""
    ascii_text = unicodedata.normalize("NFD", text.translate(w.TO_ASCII))
    ascii_text = "".join(ch for ch in ascii_text if not unicodedata.combining(ch)).lower()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text)[:words])


def rows(extraction: Extraction, taken_ids: set[str] = frozenset(), lang: str = "en") -> list[dict]:
    """One review row per candidate, accepted when the extractor is confident; ids unique in the file and
    against taken_ids (the ids of data/); the reason in lang."""
    used = set(taken_ids)
    return [_row(c, used, lang) for c in extraction.candidates]


def _row(c: Candidate, used: set[str], lang: str) -> dict:
    base = slug(c.name) or "figure"
    mid, n = base, 2
    while mid in used:
        mid, n = f"{base}-{n}", n + 1
    used.add(mid)
    return {"accept": c.confidence >= 0.7, "name_vi": c.name, "name_en": "", "theme": c.theme, "unit": c.unit, "value": c.value,
            "scale": c.scale, "qualifier": c.qualifier, "total": c.total, "plan_percent": c.plan_percent, "change": c.change,
            "period": c.period, "quote": c.quote, "confidence": c.confidence, "reason": explain(c, lang), "line": c.line, "id": mid,
            "stated_as": c.stated_as, "comparison": c.comparison}


def _s(value) -> str:
    """A text as YAML: double-quoted, escaped as JSON; the placeholder when there is none."""
    if value is None or (isinstance(value, float) and value != value) or str(value).strip() == "":
        return PLACEHOLDER
    return json.dumps(str(value), ensure_ascii=False)


def _n(value) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return PLACEHOLDER
    value = float(value)
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


def _words(vi: str | None, en: str | None) -> str:
    return f"{{vi: {_s(vi)}, en: {_s(en or w.TRANSLATIONS.get((vi or '').lower()))}}}"


def metric_file_text(source: SourceInfo, reviewed: list[dict], skipped: list[Skipped] = (), origin: str = "") -> str:
    """The metric file of the accepted rows, with the confidence and reason of each above it as a comment."""
    out = [f"# Candidate figures extracted from {_comment(origin or 'a pasted text')} by `python -m metrics extract`.",
           "# Review each figure against the text: keep it or delete it, and replace every FILL-IN;",
           "# `python -m metrics check` then validates the file and checks each quote against the source text.",
           "source:",
           f"  id: {source.id or PLACEHOLDER}   # lowercase words joined by '-', e.g. the agency and the date",
           f"  title: {_s(source.title)}",
           f"  agency: {source.agency or PLACEHOLDER}   # an agency id of data/reference/agencies.yaml",
           f"  published: {source.published.isoformat() if source.published else PLACEHOLDER}   # the document's date, YYYY-MM-DD",
           f"  text: sources/{source.id or PLACEHOLDER}.txt", "", "metrics:"]
    for r in reviewed:
        if not r.get("accept", True):
            continue
        line = int(r["line"]) if _present(r.get("line")) else "?"
        out.append(f"  # confidence {float(r.get('confidence') or 0):.2f}, line {line}: {_comment(r.get('reason') or '')}")
        out += [f"  - id: {r.get('id') or PLACEHOLDER}", f"    name: {_words(r.get('name_vi'), r.get('name_en'))}",
                f"    theme: {r.get('theme') or PLACEHOLDER}", f"    period: {_n(r.get('period'))}", f"    value: {_n(r.get('value'))}"]
        if r.get("scale") not in (None, "one"):
            out.append(f"    scale: {r['scale']}")
        out.append(f"    unit: {r.get('unit') or PLACEHOLDER}")
        if r.get("qualifier") not in (None, "exact"):
            out.append(f"    qualifier: {r['qualifier']}")
        for key in ("total", "plan_percent"):
            if _present(r.get(key)):
                out.append(f"    {key}: {_n(r[key])}")
        if r.get("change"):
            out.append(f"    change: {r['change']}")
        for key in ("stated_as", "comparison"):
            if r.get(key):
                out.append(f"    {key}: {_words(r[key], None)}")
        out.append(f"    quote: {_s(r.get('quote'))}")
        out.append("")
    if skipped:
        out.append("# Numbers of the text that are not figures, and why: for the record, never loaded.")
        out.append("skipped:")
        out += [f"  - {{text: {_s(s.text)}, reason: {s.reason}, line: {s.line}}}" for s in skipped if s.line]
    return "\n".join(out).rstrip() + "\n"


def _present(x) -> bool:
    return x is not None and not (isinstance(x, float) and x != x)


def _comment(text: str) -> str:
    """Text on one comment line."""
    return re.sub(r"\s+", " ", str(text)).strip()[:300]
