"""How well the extractor reads annotated texts: recall (figures found with the right value) and precision
(candidates that are figures), the share of found figures whose other fields are right too, and the share of the
numbers that are not figures which no candidate took as one.

An annotated file lists texts (inline or a file of the repository) with their figures (the number as written, its
value before scale, unit, qualifier, total, plan percent, direction) and the numbers that are not figures. A figure
is found when an unmatched candidate's number holds the figure's number and reads the same value (a percent of
plan standing alone: the same plan percent)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import yaml

from metrics.extraction.candidates import extract
from metrics.vnnum import same

FIELDS = ("unit", "qualifier", "total", "plan_percent", "change")


def texts_of(path: Path, root: Path) -> list[dict]:
    """The texts of an annotated file; a text given as `file:` is read relative to root (the repository)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = []
    for t in data["texts"]:
        text = t["text"] if "text" in t else (root / t["file"]).read_text(encoding="utf-8")
        out.append({**t, "text": unicodedata.normalize("NFD", text) if t.get("nfd") else text})
    return out


_FACTORS = {"one": 1, "thousand": 10**3, "million": 10**6, "billion": 10**9}


def _value_matches(g: dict, c) -> bool:
    """The same amount (a scale word of a count is read into the value: 4,86 triệu lượt = 4,860,000), the same
    share (1/3 of a total is 0.333), or for a percent of plan alone the same plan."""
    want = float(g["value"]) * _FACTORS[g.get("scale") or "one"]
    got = c.value * _FACTORS[c.scale]
    if same(want, got) or (c.total and g.get("total") is None and abs(c.value / c.total - float(g["value"])) < 1e-3):
        return True
    plan = g.get("plan_percent")
    return plan is not None and c.plan_percent is not None and same(c.plan_percent, float(plan)) and same(float(g["value"]), float(plan))


def _misfits(g: dict, c) -> int:
    """How many of unit, qualifier, total, plan and direction differ between a figure and a candidate."""
    want = {"unit": g.get("unit"), "qualifier": g.get("qualifier") or "exact", "total": g.get("total"),
            "plan_percent": g.get("plan_percent"), "change": g.get("change")}
    got = {"unit": c.unit, "qualifier": c.qualifier, "total": c.total, "plan_percent": c.plan_percent, "change": c.change}
    if got["unit"] == "percent-of-plan" and want["unit"] == "percent":
        got["unit"] = "percent"
    if c.total and want["total"] is None and abs(c.value / c.total - float(g["value"])) < 1e-3:
        got["total"] = None  # a share written X/Y, found as X of Y
    differ = 0
    for k in FIELDS:
        a, b = want[k], got[k]
        if isinstance(a, (int, float)) and isinstance(b, (int, float)):
            differ += not same(float(a), float(b))
        else:
            differ += a != b
    return differ


def score(texts: list[dict], details: bool = False) -> dict:
    figures = found = candidates = real = right = 0
    skips = skips_right = 0
    misses, extras, wrong = [], [], []
    for t in texts:
        x = extract(t["text"])
        cands = list(x.candidates)
        used: set[int] = set()
        last: dict[str, int] = {}
        for g in t.get("figures") or []:
            figures += 1
            number = unicodedata.normalize("NFC", str(g["number"]))
            # Of the unused candidates on this number with this value, the one whose fields agree best, then the
            # first after the last match of the same number (a text may hold '3' as a figure and as a section).
            fits = [i for i, c in enumerate(cands) if i not in used and (number in c.number or number in x.text[c.start:c.end + 2])
                    and _value_matches(g, c)]
            after = last.get(number, -1)
            hit = min(fits, key=lambda i: (_misfits(g, cands[i]), cands[i].start <= after, cands[i].start), default=None)
            if hit is None:
                misses.append((t["id"], number, g))
                continue
            used.add(hit)
            last[number] = cands[hit].start
            found += 1
            if not _misfits(g, cands[hit]):
                right += 1
            else:
                wrong.append((t["id"], number, g, cands[hit]))
        candidates += len(cands)
        real += len(used)
        extras += [(t["id"], c) for i, c in enumerate(cands) if i not in used]
        for n in t.get("not_figures") or []:
            skips += 1
            number = unicodedata.normalize("NFC", str(n["number"]))
            # Taken: a candidate that is no figure of the text stands on it.
            if not any(_overlaps(x.text, number, c) for i, c in enumerate(cands) if i not in used):
                skips_right += 1
            elif details:
                print(f"TAKEN  {t['id']}: {number!r} ({n['reason']}) taken as a figure")
    if details:
        for tid, number, g in misses:
            print(f"MISS   {tid}: {number!r} {g}")
        for tid, c in extras:
            print(f"EXTRA  {tid}: {c.number!r} = {c.value:g} {c.unit} | {c.quote[:90]!r}")
        for tid, number, g, c in wrong:
            got = {k: getattr(c, k) for k in FIELDS}
            print(f"FIELDS {tid}: {number!r} want { {k: g.get(k) for k in FIELDS} } got {got}")
    return {"texts": len(texts), "words": sum(len(t["text"].split()) for t in texts), "figures": figures, "found": found,
            "candidates": candidates, "real": real, "right": right, "skips": skips, "skips_right": skips_right,
            "recall": found / figures if figures else 1.0, "precision": real / candidates if candidates else 1.0,
            "fields": right / found if found else 1.0, "skip_rate": skips_right / skips if skips else 1.0}


def _overlaps(text: str, number: str, c) -> bool:
    """Whether the candidate stands on an occurrence of number (as a whole token: '2' is not in '20')."""
    token = re.compile(rf"(?<![\d.,]){re.escape(number)}(?!\d|[.,]\d)")
    return any(m.start() < c.end and c.start < m.end() for m in token.finditer(text))
