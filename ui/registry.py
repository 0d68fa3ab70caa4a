"""The pages of the dashboard: ASCII URL path (also the script's name under app_pages/) and menu icon. Titles
are the catalog's page.<path> entries."""

from __future__ import annotations

from metrics.i18n import Lang, t

PAGES = [
    ("overview", ":material/home:"),
    ("apparatus", ":material/account_balance:"),
    ("personnel", ":material/groups:"),
    ("direction", ":material/assignment:"),
    ("economy", ":material/trending_up:"),
    ("recognition", ":material/military_tech:"),
    ("plan", ":material/event:"),
    ("sources", ":material/description:"),
    ("data", ":material/table:"),
    ("quality", ":material/fact_check:"),
]


def script(path: str) -> str:
    return f"app_pages/{path}.py"


def page_title(path: str, lang: Lang) -> str:
    return t(f"page.{path}", lang)
