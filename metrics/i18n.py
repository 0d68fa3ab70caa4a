"""The dashboard's own words in Vietnamese (first) and English; data files carry their own names."""

from __future__ import annotations

from babel.dates import format_date
from babel.numbers import format_decimal

TEXT: dict[str, tuple[str, str]] = {
    "app_title": ("Cải cách hành chính tỉnh Phú Thọ", "Phú Thọ administrative reform"),
    "language": ("Ngôn ngữ", "Language"),
    "period": ("Năm", "Year"),
    "agency": ("Cơ quan", "Agency"),
    "theme": ("Lĩnh vực", "Theme"),
    "all": ("Tất cả", "All"),
    "source": ("Nguồn", "Source"),
    "quote": ("Trích dẫn", "Quote"),
    "figure": ("Chỉ tiêu", "Figure"),
    "value": ("Giá trị", "Value"),
    "derived": ("Số liệu suy ra", "Derived figure"),
    "formula": ("Công thức", "Formula"),
    "of_plan": ("đạt {pct} kế hoạch", "{pct} of plan"),
    "implied_plan": ("kế hoạch suy ra ≈ {plan}", "implied plan ≈ {plan}"),
    "vs_previous": ("so với {period}", "vs {period}"),
    "one_period": ("Chỉ có số liệu của một năm: chưa so sánh được.", "Figures for one year only: no comparison yet."),
    "no_figures": ("Không có số liệu cho bộ lọc này.", "No figures for this filter."),
    "more_figures": ("và {n} chỉ tiêu khác: xem trang Dữ liệu.", "and {n} more figures: see the Data page."),
    "see_all": ("Xem tất cả: {theme}", "See all: {theme}"),
    "see_in_source": ("Xem trong văn bản nguồn", "See in the source text"),
    "back_to_figure": ("Về chỉ tiêu", "Back to the figure"),
    "data_behind": ("Dữ liệu của biểu đồ", "Data behind the chart"),
    "rejected_notice": ("Kiểm tra dữ liệu: {p}; {n} và {f} bị loại.", "Data check: {p}; {n} and {f} left out."),
    "see_quality": ("Xem Chất lượng dữ liệu", "See Data quality"),
    "quality_ok": ("Mọi tệp số liệu đều hợp lệ.", "Every metric file is valid."),
    "quality_counts": ("{files} tệp, {read} chỉ tiêu đã đọc: {loaded} được nạp, {rejected} bị loại.",
                       "{files} files, {read} figures read: {loaded} loaded, {rejected} rejected."),
    "file": ("Tệp", "File"),
    "line": ("Dòng", "Line"),
    "field": ("Trường", "Field"),
    "problem": ("Vấn đề", "Problem"),
    "hint": ("Gợi ý sửa", "How to fix"),
    "search": ("Tìm kiếm", "Search"),
    "download_csv": ("Tải CSV", "Download CSV"),
    "download_xlsx": ("Tải XLSX", "Download XLSX"),
    "download_json": ("Tải JSON", "Download JSON"),
    "rows_shown": ("{n} dòng", "{n} rows"),
    "rows_first": ("{shown} dòng đầu trong {n} dòng: tải về để có tất cả.", "First {shown} of {n} rows: download for all of them."),
    "figures_in_text": ("Các chỉ tiêu trích từ văn bản này", "Figures quoted from this document"),
    "full_text": ("Toàn văn", "Full text"),
    "selected": ("Đang chọn", "Selected"),
    "published": ("Ngày văn bản", "Published"),
    "not_found_in_text": ("Không tìm thấy trích dẫn trong văn bản.", "Quote not found in the text."),
    "many_sources": ("{n} văn bản, từ {first} đến {last} (xem trang Nguồn)", "{n} documents, {first} to {last} (see the Sources page)"),
    "synthetic": ("DỮ LIỆU TỔNG HỢP, không phải số liệu thật", "SYNTHETIC DATA, not real figures"),
}

LEVELS = {
    "state": ("Nhà nước", "State"),
    "government": ("Chính phủ", "Government"),
    "province": ("Tỉnh", "Province"),
}
RECIPIENTS = {"individual": ("Cá nhân", "Individuals"), "collective": ("Tập thể", "Collectives")}


def t(key: str, lang: str, **values) -> str:
    """The text for key in lang, with {placeholders} filled."""
    vi, en = TEXT[key]
    return (vi if lang == "vi" else en).format(**values)


def num(n: int, lang: str) -> str:
    """A whole number with the language's grouping: 10.000 / 10,000."""
    return format_decimal(n, "#,##0", locale=lang)


def count(n: int, lang: str, vi: str, en: str, en_one: str) -> str:
    """'3 chỉ tiêu' / '3 figures', '1 figure': English counts take a plural, Vietnamese ones do not."""
    return f"{num(n, lang)} {vi}" if lang == "vi" else f"{num(n, lang)} {en_one if n == 1 else en}"


def pick(pair: tuple[str, str], lang: str) -> str:
    return pair[0] if lang == "vi" else pair[1]


def date(value, lang: str) -> str:
    """05/01/2026 as officials write it; 5 Jan 2026 in English."""
    return format_date(value, "dd/MM/yyyy" if lang == "vi" else "d MMM yyyy", locale=lang)
