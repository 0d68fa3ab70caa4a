"""From a report's text to candidate figures: every number read by Vietnamese conventions (metrics.vnnum), each
either a candidate (its quote, unit, qualifier, total, plan, direction, scale, a suggested name, theme and period,
and a confidence with its reason) or a number skipped with the reason a reviewer sees (metrics.extraction.skips)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

import metrics.extraction.words as w
from metrics.extraction.quotes import Sentences, bounds
from metrics.extraction.skips import Skipped, reading_reason, spans
from metrics.i18n import t
from metrics.vnnum import SCALE_WORDS, Reading, readings, same

_YEAR = re.compile(r"\bnăm\s+((?:19|20)\d\d)\b", re.IGNORECASE)  # 'năm 2025', 'Năm 2025': the year a sentence speaks of
SCALES = {1: "one", 10**3: "thousand", 10**6: "million", 10**9: "billion"}


@dataclass
class Candidate:
    """A figure the text seems to state, as much of a metric as its words support."""

    quote: str
    number: str  # as written, with its qualifier: 'trên 500', '5.535 tỷ', '184/184', '65,2%'
    value: float  # before scale: 5535 of '5.535 tỷ'
    scale: str = "one"  # one, thousand, million, billion
    unit: str | None = None  # a unit id of data/reference/units.yaml
    qualifier: str = "exact"
    total: float | None = None
    plan_percent: float | None = None
    change: str | None = None  # decrease, increase
    stated_as: str | None = None  # the words that state it when no numeral does ('xóa bỏ hoàn toàn')
    comparison: str | None = None  # what a change is measured against ('so với cùng kỳ')
    name: str = ""
    theme: str | None = None
    period: int | None = None
    confidence: float = 0.0
    why: list = field(default_factory=list)  # the reasons for the reading, as (catalog key, values): metrics.i18n says them
    start: int = 0  # where the number stands in the text
    end: int = 0
    quote_start: int = 0  # where the quote stands in the text
    quote_end: int = 0
    line: int = 0
    role: str | None = None  # 'before' / 'after': the two figures of 'từ 25 xuống còn 12'


@dataclass
class Extraction:
    text: str  # the text the positions refer to: NFC
    candidates: list[Candidate] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    period: int | None = None  # the year the text reports on, when it names one


def _before(text: str, at: int, chars: int = 40) -> str:
    return w.folded(text[max(0, at - chars):at])


def _after(text: str, at: int, chars: int = 60) -> str:
    return w.folded(text[at:at + chars])


def _readings(text: str) -> list[Reading]:
    """The readings in order; a ranking 'thứ 12/63' is one reading (the ordinal, with the fraction's total)."""
    found = sorted((r for r in readings(text) if r.start >= 0), key=lambda r: (r.start, r.kind != "ordinal"))
    out: list[Reading] = []
    for r in found:
        if out and r.start < out[-1].end:
            if out[-1].kind == "ordinal" and r.kind == "fraction":
                prev = out[-1]
                out[-1] = Reading(prev.value, "ordinal", text[prev.start:r.end], r.total, start=prev.start, end=r.end)
            continue
        out.append(r)
    return out


def extract(text: str, default_period: int | None = None) -> Extraction:
    """Candidates and skipped numbers of a Vietnamese text, in the order they stand. default_period: the year the
    document reports on (a figure's sentence may name another); without it, the year the text names most."""
    text = unicodedata.normalize("NFC", text)
    found = _readings(text)
    masks = spans(text)
    out = Extraction(text, period=default_period or _main_year(text))
    sentences = Sentences(text)
    starts, taken = [m.start for m in masks], []
    verb: tuple[str, int] | None = None  # a direction verb governing a list: (change, where the verb stands)
    for i, r in enumerate(found):
        if _mask_of(masks, starts, r) is not None:
            continue
        reason = reading_reason(r, text)
        if reason:
            out.skipped.append(Skipped(r.text.strip(), reason, r.start, r.end))
            continue
        before, after = _before(text, r.start), _after(text, r.end)
        if r.kind == "percent" and w.PLAN_AFTER.match(after) and _plan_of_previous(text, r, taken, before):
            continue
        c = _candidate(text, sentences, r, out.period)
        if r.kind == "percent" and (plan := w.PLAN_AFTER.match(after)):
            _plan_alone(c, plan[0].strip(), exceeded=bool(w.EXCEED_BEFORE.search(before)))
        _direction(text, sentences, r, c, before, after, taken, verb)
        verb = (c.change, c.start) if c.change and (w.DECREASE.search(before) or w.INCREASE.search(before)) else \
            (verb if ("why.list_verb", {}) in c.why else None)
        _pairs(text, r, c, found[i + 1] if i + 1 < len(found) else None, taken, before)
        _shares(text, c, taken, before)
        taken.append(c)
    out.skipped += masks  # every span holds a number (or says an amount or an order in words), read or not
    out.skipped.sort(key=lambda s: s.start)
    out.candidates = taken
    lines = _line_starts(text)
    for item in (*taken, *out.skipped):
        item.line = _line(lines, item.start)
    return out


def _mask_of(masks: list[Skipped], starts: list[int], r: Reading) -> int | None:
    import bisect
    j = bisect.bisect_right(starts, r.end - 1) - 1
    while j >= 0 and masks[j].end > r.start - 200:
        m = masks[j]
        if m.start < r.end and r.start + len(r.text) - len(r.text.lstrip()) < m.end and _number_start(r) < m.end:
            return j
        j -= 1
    return None


def _number_start(r: Reading) -> int:
    """Where the digits begin (after a qualifier word)."""
    m = re.search(r"\d", r.text)
    return r.start + (m.start() if m else 0)


def _plan_of_previous(text: str, r: Reading, taken: list[Candidate], before: str) -> bool:
    """'651 cán bộ (đạt 162% kế hoạch)', '1.500 tỷ đồng, vượt 20,5% dự toán': the percent of plan qualifies the
    figure before it in the sentence (vượt X% is 100 + X% of the plan)."""
    plan = r.value + 100 if w.EXCEED_BEFORE.search(before) else r.value
    owner = next((c for c in reversed(taken) if r.start - c.end < 80 and c.unit not in ("percent", "growth-rate")), None)
    # Not across a sentence, nor across 'và' or ';' ('đạt 60 nghìn tỷ đồng và giải ngân 100% kế hoạch' are two figures).
    if owner is None or owner.plan_percent is not None or re.search(r"[.;!?](?:\s|$)|\n|\svà\s", text[owner.end:r.start]):
        return False
    owner.plan_percent = plan
    plan_end = r.end + len(w.PLAN_AFTER.match(_after(text, r.end))[0])
    if text.rfind("(", owner.end, r.start) > text.rfind(")", owner.end, r.start):  # '(đạt 162% kế hoạch)' whole
        close = text.find(")", plan_end, plan_end + 40)
        plan_end = close + 1 if close >= 0 else plan_end
    if plan_end > owner.quote_end:
        _set_quote(owner, text, owner.quote_start, plan_end)
    owner.why.append(("why.plan_exceeded" if plan != r.value else "why.plan", {"number": r.text.strip()}))
    return True


def _plan_alone(c: Candidate, plan: str, exceeded: bool) -> None:
    """A percent of plan with no figure before it: 'đạt 162% kế hoạch' is 162% of plan; 'vượt 20,5% dự toán' is a
    rise of 20,5% against the estimate (and 120,5% of it)."""
    c.plan_percent = c.value + 100 if exceeded else c.value
    if exceeded:
        c.change, c.comparison = "increase", plan
    else:
        c.unit = "percent-of-plan"
    c.confidence = min(c.confidence, 0.7)
    c.why.append(("why.plan_alone", {}))


def _direction(text, sentences, r, c, before, after, taken, verb) -> None:
    """Direction: a verb just before the figure, or the verb of a list this figure continues ('giảm 65,2% A,
    69,1% B'). A growth rate reached is a level, not a rise."""
    if w.DECREASE.search(before) or w.INCREASE.search(before):
        c.change = "decrease" if w.DECREASE.search(before) else "increase"
    elif verb and taken and c.unit == taken[-1].unit and re.fullmatch(r"[^.;:()]*?,\s*|\s+và\s+", _between(text, taken[-1], r)):
        c.change = verb[0]
        anchor = text.rfind("giảm" if verb[0] == "decrease" else "tăng", 0, r.start)
        a, b = bounds(sentences, r.start, r.end, anchor=max(0, anchor))
        _set_quote(c, text, a, b)
        c.why.append(("why.list_verb", {}))
    if c.unit == "percent" and w.GROWTH.search(_before(text, r.start, 80)) and not w.SAME_PERIOD.match(after) \
            and not w.INCREASE.search(before) and not w.DECREASE.search(before):
        c.unit, c.change = "growth-rate", None
    m = w.SAME_PERIOD.match(after)
    if c.change and m:
        c.comparison = _after(text, r.end)[m.start():m.end()].strip()
        c.why.append(("why.compared", {"words": c.comparison}))


def _between(text: str, c: Candidate, r: Reading) -> str:
    """The words between a candidate's figure and the next number, with the unit words of the first taken out."""
    gap = text[c.end:r.start]
    m = w.UNIT_RE.match(gap)
    return gap[m.end():] if m else gap


def _pairs(text, r, c, nxt, taken, before) -> None:
    """'từ 25 xuống còn 12': two figures, before and after; the second has the direction."""
    if w.PAIR.search(before) and nxt is not None and w.PAIR_TO.match(text[r.end:nxt.start]):
        c.role, c.change = "before", None
        c.why.append(("why.pair_before", {}))
    if taken and taken[-1].role == "before" and w.PAIR_TO.match(text[taken[-1].end:r.start]):
        c.role = "after"
        word = w.PAIR_TO.match(text[taken[-1].end:r.start])[0].lower()
        c.change = "increase" if re.search(r"\blên\b|\btăng\b", word) else "decrease"
        taken[-1].unit = taken[-1].unit or c.unit
        taken[-1].name = taken[-1].name or c.name
        c.why.append(("why.pair_after", {}))


def _shares(text, c, taken, before) -> None:
    """A bare percent in parentheses takes its subject from the count before it ('120 công chức (15%)'); a
    percent restating the fraction before it ('184/184 nhiệm vụ, đạt 100%') says so."""
    if c.unit != "percent" or not taken:
        return
    prev = taken[-1]
    if re.search(r"\(\s*(?:chiếm|bằng|đạt)?\s*$", before) and prev.unit not in (None, "percent"):
        c.name = f"{prev.name} (%)" if prev.name else c.name
        c.why.append(("why.share", {}))
    elif prev.total and same(prev.value / prev.total * 100, c.value) and not re.search(r"[.;!?\n]", text[prev.end:c.start]):
        c.name = f"{prev.name} (%)" if prev.name else c.name
        c.why.append(("why.restates", {"number": prev.number}))
        if c.end - prev.quote_start <= 200:
            _set_quote(c, text, prev.quote_start, c.end)


def _candidate(text: str, sentences: Sentences, r: Reading, period: int | None) -> Candidate:
    factor = SCALE_WORDS.get(r.scale or "", 1)
    stated = r.stated if r.stated is not None else r.value
    value, scale = (stated * 1000, "billion") if factor == 10**12 else (stated, SCALES[factor])
    unit, word = _unit(text, r)
    if scale != "one" and unit != "vnd":  # '4,86 triệu lượt khách': a scale word of a count is its size, not money's scale
        value, scale = round(stated * factor, 6), "one"
    a, b = bounds(sentences, r.start, r.end)
    c = Candidate(quote=text[a:b], number=r.text.strip(), value=value, scale=scale, unit=unit, qualifier=r.qualifier,
                  total=r.total, start=r.start, end=r.end, quote_start=a, quote_end=b)
    if r.kind == "percent" and not re.search(r"\d", r.text):  # 'xóa bỏ hoàn toàn': 100% said in words
        c.change, c.stated_as = "decrease", text[r.start - len(_verb_before(text, r.start)):r.end].strip()
    c.name = name_from(c.quote, text[r.start:r.end])
    s, e = sentences.around(r.start)
    c.theme = w.theme_of(c.quote) or w.theme_of(text[s:e])
    years = [int(y) for y in _YEAR.findall(text, s, e)]
    c.period = years[0] if years else period
    confidence = 0.9
    if unit:
        c.why.append(("why.percent", {}) if word == "%" else ("why.unit", {"word": word}))
    else:
        confidence -= 0.3
        c.why.append(("why.no_unit", {}))
    if r.qualifier != "exact":
        c.why.append(("why.qualifier", {"word": r.text.split()[0] if r.text.split()[0][0].isalpha() else "trở lên"}))
    if c.theme is None:
        confidence -= 0.1
        c.why.append(("why.no_theme", {}))
    if not years:
        confidence -= 0.05
        c.why.append(("why.period_of_text", {}) if period else ("why.no_period", {}))
    c.confidence = round(confidence, 2)
    return c


def _set_quote(c: Candidate, text: str, a: int, b: int) -> None:
    c.quote_start, c.quote_end, c.quote = a, b, text[a:b]


def _verb_before(text: str, at: int) -> str:
    m = re.search(r"(?:xóa bỏ|xoá bỏ|bãi bỏ|loại bỏ|cắt bỏ|giải thể)\s+$", text[max(0, at - 20):at], re.IGNORECASE)
    return m[0] if m else ""


def _unit(text: str, r: Reading) -> tuple[str | None, str]:
    """The unit a number's neighbouring words name, and those words."""
    if r.kind == "percent":
        return "percent", "%"
    if r.kind == "ordinal":
        return "rank", "thứ"
    after = _after(text, r.end, 40)
    if r.scale and re.match(r"^\s*đồng\b", after):
        return "vnd", "đồng"
    m = w.UNIT_RE.match(after)
    if m:
        word = m[0].strip().lower()
        return w.UNITS.get(word), word
    m = w.UNIT_BEFORE.search(_before(text, r.start, 80))
    if m:
        return w.UNITS.get(m["unit"].lower()), m["unit"].lower()
    return None, ""


_FILLER = re.compile(r"^(?:(?:trong đó|tiêu biểu là|qua đó|đồng thời|góp phần|nhờ đó|theo đó|cụ thể|toàn ngành|toàn tỉnh|đã|"
                     r"được|kịp thời|tham mưu|thực hiện|là|có|cho|với|tặng|đạt|từ|xuống còn|xuống|còn|lên|và|của|về|gồm)\s+)+",
                     re.IGNORECASE)
_TAIL = re.compile(r"(?:\s+(?:đạt|từ|xuống còn|còn|lên|là|với|và|cho|tặng|gồm|của|trong|năm))+$", re.IGNORECASE)
_NUMBERS = re.compile(r"(?:(?:trên|hơn|gần như|gần|khoảng|chừng|ít nhất|xấp xỉ)\s+)?\d[\d.,/]*(?:\s*%|\s+(?:nghìn tỷ|tỷ|tỉ|triệu|nghìn|ngàn))?",
                      re.IGNORECASE)


def name_from(quote: str, number: str) -> str:
    """A suggested name: the quote without its numbers, years, qualifiers, parentheses and opening fillers
    ('Trong đó tiêu biểu là tham mưu ...'), capitalised; the reviewer edits it. The quote is cut after the number's
    own clause: what follows it ('..., giảm 3,5% so với cùng kỳ') names the next figure, not this one."""
    at = quote.find(number)
    if at >= 0:
        cut = re.search(r"[,;]\s", quote[at + len(number):])
        quote = quote[: at + len(number) + cut.start()] if cut else quote
    name = re.sub(r"\([^)]*\)", " ", quote)
    name = re.sub(r"\bnăm\s+(?:19|20)\d\d\b", " ", name, flags=re.IGNORECASE)
    name = _NUMBERS.sub(" ", name)
    name = re.sub(r"\s+([,;:])", r"\1", re.sub(r"\s+", " ", name))
    name = re.sub(r"(?:[,;:]\s*)+(?=[,;:]|$)", "", name).strip(" ,;:.-–")
    name = _TAIL.sub("", _FILLER.sub("", name)).strip(" ,;:.-–")
    name = name[:80].rsplit(" ", 1)[0] if len(name) > 80 else name
    return name[:1].upper() + name[1:]


def _main_year(text: str) -> int | None:
    """The year a report names most ('năm 2025'), the earliest on a tie: a review reports on the year it closes."""
    years = Counter(int(y) for y in _YEAR.findall(text))
    if not years:
        return None
    top = max(years.values())
    return min(y for y, n in years.items() if n == top)


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer(r"\n", text)]


def _line(starts: list[int], at: int) -> int:
    import bisect
    return bisect.bisect_right(starts, at)


def explain(c: Candidate, lang: str) -> str:
    """Why the extractor reads the candidate as it does, in the reader's language."""
    return "; ".join(t(key, lang, **values) for key, values in c.why)


def promote(x: Extraction, skipped: Skipped) -> Candidate | None:
    """A number the rules passed over, taken as a figure by the reviewer ('chính quyền địa phương 2 cấp' when the
    count of tiers is the figure): the first number it holds, read like any candidate."""
    found = [r for r in _readings(x.text) if skipped.start <= r.start < skipped.end and re.search(r"\d", r.text)]
    if not found:
        return None
    c = _candidate(x.text, Sentences(x.text), found[0], x.period)
    c.confidence = min(c.confidence, 0.5)
    c.why.append(("why.taken", {"text": skipped.text}))
    c.line = _line(_line_starts(x.text), c.start)
    return c
