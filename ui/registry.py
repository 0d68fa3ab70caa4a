"""The pages of the dashboard: script, ASCII URL path, title in each language, icon."""

from __future__ import annotations

PAGES = [
    ("overview", "Tổng quan", "Overview", ":material/home:"),
    ("apparatus", "Bộ máy", "Apparatus", ":material/account_balance:"),
    ("personnel", "Cán bộ", "Personnel", ":material/groups:"),
    ("direction", "Chỉ đạo điều hành", "Direction and administration", ":material/assignment:"),
    ("economy", "Kinh tế", "Economy", ":material/trending_up:"),
    ("recognition", "Thi đua khen thưởng", "Recognition", ":material/military_tech:"),
    ("plan", "Kế hoạch 2026", "Plan for 2026", ":material/event:"),
    ("sources", "Nguồn", "Sources", ":material/description:"),
    ("data", "Dữ liệu", "Data", ":material/table:"),
    ("quality", "Chất lượng dữ liệu", "Data quality", ":material/fact_check:"),
]
TITLES = {path: {"vi": vi, "en": en} for path, vi, en, _ in PAGES}


def script(path: str) -> str:
    return f"app_pages/{path}.py"


def page_title(path: str, lang: str) -> str:
    return TITLES[path][lang]
