"""Why a number of a report is not a figure. The spans of a text that hold a date, a year or a term, a document's
number, an ordinal, a name with a number in it, or a vague amount are found once; a number that stands in one is
skipped with that reason, and the span is what the reviewer sees."""

from __future__ import annotations

import re
from dataclasses import dataclass

import metrics.extraction.words as w
from metrics.vnnum import Reading

# The reasons, in the order a span wins when two overlap (a date inside a document's number is the document's).
REASONS = {
    "document": "a document's number (Nghị quyết 57, Nghị định 178/2024/NĐ-CP)",
    "date": "a date or a time (ngày 5/1, 27/2, 14h30)",
    "year": "a year or a period (năm 2025, 2021-2030, nhiệm kỳ 2026-2031)",
    "ordinal": "an ordinal (lần thứ XIV, khóa XIII, hạng Nhất)",
    "name": "part of a name (chính quyền địa phương 2 cấp, 6 rõ)",
    "vague": "a vague amount (hàng trăm, nhiều)",
    "code": "a phone number, an address, a version or a level (1900 1234, số 12 đường Trần Phú, 4.0, mức độ 2)",
    "class": "a threshold naming a group (trẻ 5 tuổi, từ 60 tuổi trở lên, khách sạn 3 sao)",
    "section": "the number of a section or an item of a list (1., 2), a))",
}

_I = re.IGNORECASE
_CODE = r"\d+(?:\s*[/-]\s*(?:\d+|[A-ZĐ][A-ZĐa-zđ]*))*"  # 57 · 57-NQ/TW · 178/2024/NĐ-CP · 1234/QĐ-UBND
_DOC_KINDS = (r"nghị quyết|nghị định|quyết định|thông tư|chỉ thị|công văn|kết luận|luật|điều|khoản|điểm|chương|kế hoạch|"
              r"chương trình|đề án|thông báo|văn bản|tờ trình|báo cáo|hướng dẫn|quy định|công điện|hiến pháp")
_ROMAN = r"(?-i:[IVXLC]+)\b"
PATTERNS: tuple[tuple[str, re.Pattern], ...] = (
    # 'Nghị quyết 57, 59, 66 và 68', 'Nghị định 178/2024/NĐ-CP', 'số 57-NQ/TW': every number of the list.
    ("document", re.compile(rf"\b(?:{_DOC_KINDS})\s+(?:số\s+)?{_CODE}(?:\s*(?:,|và)\s*{_CODE}(?!\d|[.,]\d)(?!\s*%|\s+(?:{w.UNIT_ALT})\b))*", _I)),
    ("document", re.compile(r"\b\d+(?:/\d{2,4})?\s*[/-]\s*(?-i:NQ|NĐ|QĐ|TT|CT|KL|TB|KH|BC|TTr|UBND|HĐND|CP|TW|QH|VPCP|BNV|BTC)\b"
                            r"(?:\s*[/-]\s*[A-ZĐ]+)*", _I)),
    ("date", re.compile(r"\b\d{4}-\d{1,2}-\d{1,2}\b")),
    ("date", re.compile(r"\b(?:ngày|hôm|sáng|chiều|tối|trưa|đêm)\s+\d{1,2}(?:\s*[/-]\s*\d{1,2}(?:\s*[/-]\s*\d{2,4})?)?(?!\s*%)", _I)),
    ("date", re.compile(r"\b\d{1,2}/\d{1,2}/\d{4}\b|\b\d{1,2}-\d{1,2}-\d{4}\b")),
    ("date", re.compile(r"\btháng\s+\d{1,2}(?:\s*/\s*\d{4})?(?!\s*(?:năm|tháng)\b)(?!\d)", _I)),
    ("date", re.compile(r"\b\d{1,2}\s*(?:h|giờ)\s*\d{2}\b|\blúc\s+\d{1,2}\s*(?:h|giờ)\b", _I)),
    ("date", re.compile(r"\bngày\s+\d{1,2}\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?", _I)),
    # The months a report covers: '6 tháng đầu năm', '9 tháng năm 2025', 'lũy kế 9 tháng', 'trong 6 tháng'.
    ("year", re.compile(r"\b(?:trong|lũy kế|luỹ kế|sau|qua)\s+\d{1,2}\s+tháng\b|\b\d{1,2}\s+tháng(?=\s+(?:đầu|cuối)?\s*năm\b|\s*[,.;:)]|\s+qua\b)",
                        _I)),
    ("year", re.compile(r"\b(?:năm|niên độ|niên khóa|giai đoạn|nhiệm kỳ|tầm nhìn|đến|từ)\s+(?:năm\s+)?(?:19[4-9]\d|20\d\d)"
                        r"(?:\s*[-–]\s*(?:19[4-9]\d|20\d\d))?(?!\d|[.,]\d)", _I)),
    ("year", re.compile(r"\b(?:19[4-9]\d|20\d\d)\s*[-–]\s*(?:19[4-9]\d|20\d\d)\b")),
    ("year", re.compile(rf"\bquý\s+(?:{_ROMAN}|\d)(?:\s*/\s*\d{{4}})?", _I)),
    ("ordinal", re.compile(rf"\b(?:lần thứ|kỳ họp thứ|phiên họp thứ|khóa|khoá|đại hội|hội nghị trung ương|thứ|chương|phần|mục)\s+{_ROMAN}", _I)),
    ("ordinal", re.compile(r"\b(?:lần thứ|lần|kỳ họp thứ|phiên thứ|khóa|khoá|kỳ|đợt|phiên|hạng|loại|số thứ tự)\s+(?:thứ\s+)?\d+\b", _I)),
    ("ordinal", re.compile(r"\bhạng\s+(?:nhất|nhì|ba|tư)\b", _I)),
    ("name", w.NAMES),
    ("code", re.compile(r"\b(?:đường dây nóng|tổng đài|hotline|điện thoại|số điện thoại|sđt|fax)\b[^\d\n]{0,25}\d[\d .]{2,14}\d", _I)),
    ("code", re.compile(r"\b(?:1900|1800)[ .]?\d{4}\b|\b0\d{2,3}[. ]\d{3,4}[. ]\d{3,4}\b")),
    ("code", re.compile(r"\bsố\s+\d+[a-z]?(?:/\d+)?\s+(?:đường|phố|ngõ|ngách|hẻm|đại lộ)\b|\b(?:khu|tổ|thôn|xóm|ấp|khóm|khu phố|"
                        r"tổ dân phố|phòng họp số|phòng số|tầng|lô)\s+\d+\b", _I)),
    ("code", re.compile(r"\bphiên bản\s+\d+(?:\.\d+)*|\b\d\.0\b|\bmức(?: độ)?\s+\d\b", _I)),
    ("class", re.compile(r"\b\d+\s+tuổi\b(?:\s+trở\s+(?:lên|xuống))?|\b\d\s+sao\b", _I)),
    # '1. Công tác ...', '2) Về ...' at the start of a line.
    ("section", re.compile(r"(?m)^[ \t]*(?:\d{1,2}(?:\.\d{1,2})*[.)]|[a-zđ]\))(?=\s)")),
    # A short phrase in quotation marks is a slogan or a programme's name: “5 tăng, 5 giảm”, "3 ca 4 kíp".
    ("name", re.compile(r"[“\"](?=[^”\"\n]{0,40}[”\"])(?:[^\s”\"]+\s*){1,7}[”\"]")),
    # A plan named by its length and years: 'Kế hoạch phát triển kinh tế - xã hội 5 năm 2026-2030'.
    ("name", re.compile(r"\b\d+\s+năm\s+(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d\b", _I)),
    ("vague", w.VAGUE),
)
_ORDER = {reason: i for i, reason in enumerate(REASONS)}


@dataclass
class Skipped:
    """A number (or a vague amount) the text holds that is not a figure, with why."""

    text: str
    reason: str  # a key of REASONS
    start: int = 0
    end: int = 0
    line: int = 0

    @property
    def explained(self) -> str:
        return REASONS[self.reason]


def spans(text: str) -> list[Skipped]:
    """Every span of the text that makes a number in it something other than a figure; overlapping spans merge
    into the one found first in REASONS' order."""
    found = sorted((Skipped(m[0], reason, m.start(), m.end()) for reason, rx in PATTERNS for m in rx.finditer(text)),
                   key=lambda s: (s.start, _ORDER[s.reason], -s.end))
    merged: list[Skipped] = []
    for s in found:
        if merged and s.start < merged[-1].end:
            last = merged[-1]  # one span covers both; the one that starts first names it, unless both start together
            if s.start == last.start and _ORDER[s.reason] < _ORDER[last.reason]:
                last.reason = s.reason
            if s.end > last.end:
                last.end, last.text = s.end, text[last.start:s.end]
            continue
        merged.append(s)
    return merged


def reading_reason(r: Reading, text: str) -> str | None:
    """Why a number outside every span is still not a figure: a bare year, a day and month, an ordinal that is
    no ranking."""
    after = w.folded(text[r.end:r.end + 40])
    before = w.folded(text[max(0, r.start - 40):r.start])
    if r.kind == "ordinal":
        return None if w.RANKED_BEFORE.search(before) else "ordinal"
    if r.kind == "fraction":
        if r.total and r.value > r.total and r.total <= 12 and r.value <= 31 and not w.UNIT_RE.match(after):
            return "date"
        return None
    if r.kind == "number" and re.fullmatch(r"(?:19[4-9]\d|20\d\d)", r.text.split()[-1]) and not w.UNIT_RE.match(after):
        return "year"
    return None
