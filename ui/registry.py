"""The pages of the dashboard: script, ASCII URL path, title in each language, icon."""

from __future__ import annotations

PAGES = [
    ("overview", "Tổng quan", "Overview", "🏠"),
    ("apparatus", "Bộ máy", "Apparatus", "🏛️"),
    ("personnel", "Cán bộ", "Personnel", "👥"),
    ("direction", "Chỉ đạo điều hành", "Direction and administration", "🧭"),
    ("economy", "Kinh tế", "Economy", "📈"),
    ("recognition", "Thi đua khen thưởng", "Recognition", "🏅"),
    ("plan", "Kế hoạch 2026", "Plan for 2026", "🗓️"),
    ("sources", "Nguồn", "Sources", "📄"),
    ("data", "Dữ liệu", "Data", "🗂️"),
    ("quality", "Chất lượng dữ liệu", "Data quality", "✅"),
]
TITLES = {path: {"vi": vi, "en": en} for path, vi, en, _ in PAGES}


def script(path: str) -> str:
    return f"app_pages/{path}.py"


def page_title(path: str, lang: str) -> str:
    return TITLES[path][lang]
