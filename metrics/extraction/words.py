"""The words of Vietnamese reports the extractor reads a figure's meaning from: the nouns that name what is counted
(and the unit of data/reference/units.yaml they map to), the words that make a number something other than a
figure, the words of direction and of plans, and the words that suggest a theme. Written NFC, lower case; the text
is matched in NFC with its spelling variants folded (hoá/hóa, thuỷ/thủy, curly and straight quotes), which keeps
its length, so a position in the folded text is the same position in the text."""

from __future__ import annotations

import re
import unicodedata

# What follows a number, longest first: 'đơn vị hành chính cấp xã' before 'đơn vị'.
UNITS = {
    "đơn vị hành chính cấp tỉnh": "provincial-unit", "đơn vị hành chính cấp xã": "administrative-unit",
    "đơn vị hành chính": "administrative-unit", "thông báo kết luận": "conclusion-notice", "thông báo": "conclusion-notice",
    "hội nghị": "meeting", "cuộc họp": "meeting", "buổi làm việc": "meeting", "văn bản": "document", "quyết định": "decision",
    "nhiệm vụ": "task", "chỉ tiêu": "target", "cơ quan": "organisation", "đơn vị": "organisation", "xã": "commune",
    "phường": "commune", "thị trấn": "commune", "hồ sơ": "record", "trường hợp": "case", "lượt người": "person-visit", "người": "person",
    "cán bộ": "official", "công chức": "official", "viên chức": "official", "người lao động": "person", "cá nhân": "individual",
    "tập thể": "collective", "năm": "year", "tỷ đồng": "vnd", "tỉ đồng": "vnd", "triệu đồng": "vnd", "nghìn đồng": "vnd",
    "ngàn đồng": "vnd", "đồng": "vnd", "cấp": "tier", "đầu mối": "organisation", "lượt": "person-visit", "đặc khu": "commune",
    "doanh nghiệp": "organisation", "biên chế": "official", "sở": "organisation", "chủ đầu tư": "organisation",
    "tổ chức cơ sở đảng": "organisation", "tổ chức": "organisation", "phiên họp": "meeting", "nhóm nhiệm vụ": "task",
    "đảng viên": "person", "lao động": "person", "hộ": "household", "hộ gia đình": "household",
    # People, bodies, cases and papers by the names reports count them under.
    "học sinh": "person", "sinh viên": "person", "học viên": "person", "trẻ": "person", "trẻ em": "person", "em": "person",
    "giáo viên": "person", "bác sĩ": "person", "điều dưỡng": "person", "nhân viên": "person", "đại biểu": "person",
    "bệnh nhân": "person", "người bệnh": "person", "công dân": "person", "người dân": "person", "hội viên": "person",
    "đoàn viên": "person", "thí sinh": "person", "cử tri": "person", "đối tượng": "person", "lượt khách": "person-visit",
    "cơ sở": "organisation", "trường": "organisation", "trường học": "organisation", "khách sạn": "organisation",
    "bệnh viện": "organisation", "trạm y tế": "organisation", "hợp tác xã": "organisation", "chi bộ": "organisation",
    "đảng bộ": "organisation", "ngành": "organisation", "vụ": "case", "vụ việc": "case", "ca": "case", "ca bệnh": "case",
    "đơn": "document", "đơn thư": "document", "tờ khai": "document", "báo cáo": "document", "tờ trình": "document",
    "tỉnh": "provincial-unit", "tỉnh, thành phố": "provincial-unit",
}
UNIT_ALT = "|".join(sorted(map(re.escape, UNITS), key=len, reverse=True))
UNIT_RE = re.compile(rf"^\s*(?:{UNIT_ALT})(?!\w)", re.IGNORECASE)
# A unit named before the number: 'số hồ sơ tiếp nhận: 12.450', 'tổng số cán bộ là 1.234'.
UNIT_BEFORE = re.compile(rf"\b(?:tổng số|số|số lượng)\s+(?P<unit>{UNIT_ALT})\b[^.;!?()]{{0,50}}?(?:là|:|đạt|gồm|có)?\s*$", re.IGNORECASE)

# A number after these words ranks the province: 'xếp thứ nhất', 'đứng thứ 12/34'.
RANKED_BEFORE = re.compile(r"(?:\b(?:xếp|đứng|xếp hạng|vươn lên)\s+)$", re.IGNORECASE)
# A number that is part of a name ("chính quyền địa phương 2 cấp" is the model's name; "6 rõ" a principle's).
NAMES = re.compile(r"(?:chính quyền(?: địa phương)?\s+\d+\s+cấp|\b\d+\s+rõ\b|\b\d+\s+không\b|\b\d+\s+tốt\b|\b\d+\s+sẵn sàng\b|"
                   r"\btop\s+\d+|\bg\d+\b|\b\d+g\b|\b\d+\s+con số\b)", re.IGNORECASE)
VAGUE = re.compile(r"\b(?:hàng (?:trăm|nghìn|ngàn|chục|vạn|triệu|tỷ)|hàng loạt|nhiều|một số|hàng chục nghìn|rất nhiều|vô số)\b",
                   re.IGNORECASE)

# Direction: a verb before the figure (a list after it: "giảm 65,2% ..., 69,1% ..." all take it).
DECREASE = re.compile(r"\b(?:giảm|cắt giảm|tinh giảm|giảm bớt|hạ|giảm còn|giảm xuống|giảm xuống còn|hạ xuống|thấp hơn|ít hơn)\s*$",
                      re.IGNORECASE)
INCREASE = re.compile(r"\b(?:tăng|tăng thêm|tăng lên|cao hơn|nhiều hơn)\s*$", re.IGNORECASE)
SAME_PERIOD = re.compile(r"^\s*so với (?:cùng kỳ|năm trước|năm \d{4}|kỳ trước|cùng kỳ năm trước)", re.IGNORECASE)
PLAN_AFTER = re.compile(r"^\s*(?:so với\s+)?(?:kế hoạch|chỉ tiêu kế hoạch|dự toán|chỉ tiêu giao|mục tiêu)", re.IGNORECASE)
EXCEED_BEFORE = re.compile(r"\bvượt\s*$", re.IGNORECASE)
GROWTH = re.compile(r"\b(?:tốc độ tăng trưởng|tăng trưởng kinh tế|tăng trưởng grdp|grdp|tăng trưởng)\b", re.IGNORECASE)
PAIR = re.compile(r"\btừ\s*$", re.IGNORECASE)
PAIR_TO = re.compile(r"^\s*(?:\S+\s+){0,6}?(?:xuống còn|xuống|giảm còn|còn|lên|tăng lên|đến|tới)\s*$", re.IGNORECASE)

THEMES = (
    ("recognition", r"khen thưởng|bằng khen|huân chương|cờ thi đua|chiến sĩ thi đua|danh hiệu|thi đua"),
    ("economy", r"tăng trưởng|grdp|kinh tế|vốn đầu tư|giải ngân|ngân sách|thu ngân sách|doanh nghiệp|xuất khẩu"),
    ("personnel", r"cán bộ|công chức|viên chức|biên chế|thôi việc|nghỉ hưu|tuyển dụng|điều động|biệt phái|nhân lực|người lao động"),
    ("apparatus", r"bộ máy|sắp xếp|sáp nhập|đơn vị hành chính|cơ quan chuyên môn|tinh gọn|chính quyền|cấp huyện|cấp xã"),
    ("direction", r"hội nghị|cuộc họp|văn bản|thông báo|chỉ đạo|nhiệm vụ|chỉ tiêu|thủ tục hành chính|hồ sơ"),
)
THEME_RES = tuple((theme, re.compile(words, re.IGNORECASE)) for theme, words in THEMES)

# Spelling variants a report may use: old and new tone placement, curly and straight quotes.
VARIANTS = {"hoá": "hóa", "thuỷ": "thủy", "luỹ": "lũy", "tuỳ": "tùy", "hoà": "hòa", "khoẻ": "khỏe", "oà": "òa",
            "“": '"', "”": '"', "‘": "'", "’": "'"}
_VARIANT_RE = re.compile("|".join(map(re.escape, VARIANTS)))


# The letter NFD does not decompose: an id is ASCII ('Đơn vị' → 'don-vi').
TO_ASCII = str.maketrans({"đ": "d", "Đ": "D"})


def folded(text: str) -> str:
    """For matching words only: NFC and the spelling variants folded."""
    return _VARIANT_RE.sub(lambda m: VARIANTS[m[0]], unicodedata.normalize("NFC", text))


def theme_of(text: str) -> str | None:
    """The theme the words of a sentence suggest (the first that matches, most specific first)."""
    return next((theme for theme, rx in THEME_RES if rx.search(folded(text))), None)

# The English of fixed phrases a figure's words may hold (its stated_as and comparison); anything else the reviewer
# translates.
TRANSLATIONS = {
    "xóa bỏ hoàn toàn": "abolished entirely", "bãi bỏ hoàn toàn": "abolished entirely", "loại bỏ hoàn toàn": "removed entirely",
    "so với cùng kỳ": "against the same period", "so với cùng kỳ năm trước": "against the same period last year",
    "so với năm trước": "against the previous year", "so với kỳ trước": "against the previous period",
    "dự toán": "the estimate", "kế hoạch": "the plan", "so với kế hoạch": "against the plan", "chỉ tiêu kế hoạch": "the planned target",
    "dự toán giao": "the estimate set", "kế hoạch giao": "the plan set", "chỉ tiêu giao": "the target set", "mục tiêu": "the goal",
}
