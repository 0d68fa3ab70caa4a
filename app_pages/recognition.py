"""Thi đua khen thưởng: awards by level and by recipient type, and who received what."""

from ui import show
from ui.shell import view
from ui.theme_page import changes, figures, title

v = view("recognition")
title(v)
show.chart("recognition.awards", v)
figures(v)
changes(v)
