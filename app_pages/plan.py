"""Kế hoạch 2026: the figures the sources set for the year ahead (key tasks, horizons); the plan's own year, so the
page has no year filter."""

from metrics.pages import every_period
from ui import state
from ui.shell import view
from ui.theme_page import page

page(view("plan", period=state.ALL if every_period("plan") else None))
