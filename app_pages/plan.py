"""Kế hoạch 2026: the figures the sources set for the year ahead (key tasks, horizons); the plan's own year, so the
page has no year filter."""

from ui import state
from ui.shell import view
from ui.theme_page import figures, title

v = view("plan", period=state.ALL)
title(v)
figures(v)
