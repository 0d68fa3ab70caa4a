"""The pages of the dashboard: ASCII URL path (also the script's name under app_pages/), menu icon, and the filters
that apply to each (only those are shown, so every filter shown acts). Theme pages are named by the data's themes;
the others by the catalog's page.<path> entries."""

from __future__ import annotations

from metrics.i18n import Lang, t
from metrics.references import Refs

PAGES = [
    ("overview", ":material/home:"),
    ("apparatus", ":material/account_balance:"),
    ("personnel", ":material/groups:"),
    ("direction", ":material/assignment:"),
    ("economy", ":material/trending_up:"),
    ("recognition", ":material/military_tech:"),
    ("plan", ":material/event:"),
    ("tasks", ":material/task_alt:"),
    ("sources", ":material/description:"),
    ("data", ":material/table:"),
    ("decks", ":material/slideshow:"),
    ("extract", ":material/post_add:"),
    ("quality", ":material/fact_check:"),
    ("present", ":material/present_to_all:"),
]
HIDDEN = ("present",)  # full-screen slides, opened from a deck, not from the menu
THEME_PAGES = ("apparatus", "personnel", "direction", "economy", "recognition", "plan")
FILTERS = {
    "overview": ("period", "agency", "theme"),
    **{p: ("period", "agency") for p in THEME_PAGES if p != "plan"},
    "plan": ("agency",),  # the plan covers the year ahead: its own year, not the one under review
    "data": ("period", "agency", "theme"),
    "decks": ("period", "agency", "theme"),  # they choose the figures a new deck starts from
    "tasks": ("agency",),  # the body the tasks are assigned to
}


def script(path: str) -> str:
    return f"app_pages/{path}.py"


def page_title(path: str, lang: Lang, refs: Refs | None = None) -> str:
    """A theme page is called what the data calls its theme (menu, heading and filters agree); others by the catalog."""
    if path in THEME_PAGES and refs is not None and path in refs.themes:
        return refs.name("themes", path, lang)
    return t(f"page.{path}", lang)
