"""Kế hoạch 2026: the figures the sources set for the year ahead (key tasks, horizons)."""

from ui.shell import view
from ui.theme_page import figures, title

v = view("plan")
title(v)
figures(v, v.history)  # the plan is for the year ahead: every period is shown
