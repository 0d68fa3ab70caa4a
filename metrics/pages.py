"""The pages of the dashboard: ASCII URL path (also the script's name under app_pages/), menu icon, the filters
that apply to each (only those are shown, so every filter shown acts), and what a theme page and the overview show.
Theme pages are named by the data's themes; the others by the catalog's page.<path> entries. Streamlit-free: the app
and the static snapshot (metrics/snapshot) draw the same pages from these facts."""

from __future__ import annotations

import pandas as pd

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


# The pages a frozen copy (metrics/snapshot) holds; the others edit, check or present the live data.
SNAPSHOT_PAGES = tuple(p for p, _icon in PAGES if p in ("overview", *THEME_PAGES, "tasks", "sources", "data"))

# What each theme page shows, in order: its figures as cards, the charts it names (metrics/charts/registry.py), and a
# chart of each measure that has several periods. Charts sit after the cards unless the chart is the page's point.
CARDS, CHANGES = "cards", "changes"
LAYOUT: dict[str, tuple[str, ...]] = {
    "apparatus": (CARDS, "apparatus.cuts", CHANGES),
    "personnel": (CARDS, "personnel.plan", CHANGES),
    "direction": (CARDS, "direction.completion", CHANGES),  # counts of unlike things are cards, not bars on one axis
    "economy": (CARDS, "economy.growth"),
    "recognition": ("recognition.awards", CARDS, CHANGES),
    "plan": (CARDS,),
}
MAX_CARDS = 12  # on a theme page; the data page lists every figure
PER_THEME = 3  # on the overview, unless the data marks more as leading (up to 6)


def every_period(page: str) -> bool:
    """A page that covers its own years (the plan: the year ahead) has no year filter and shows every period."""
    return page in FILTERS and "period" not in FILTERS[page] and page in THEME_PAGES


def ordered(rows: pd.DataFrame, selected: str | None = None) -> pd.DataFrame:
    """The selected figure first, then the figures the data marks as leading, then the rest in file order."""
    first = (rows["id"] != selected) if selected else pd.Series(True, index=rows.index)
    return rows.assign(_a=first, _b=~rows["lead"].fillna(False).astype(bool)).sort_values(["_a", "_b"], kind="stable").drop(
        columns=["_a", "_b"])


def leading(rows: pd.DataFrame, selected: str | None = None) -> pd.DataFrame:
    """A theme's figures on the overview: the leading ones (as many as the data marks, up to 6), at least PER_THEME."""
    shown = ordered(rows, selected)
    leads = int(shown["lead"].fillna(False).sum())
    return shown.head(max(PER_THEME, min(leads, 6)))
