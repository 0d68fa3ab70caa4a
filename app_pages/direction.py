"""Chỉ đạo điều hành: meetings, conclusion notices, tasks completed, targets met (counts of unlike things are
cards, not bars on one axis)."""

from ui import show
from ui.shell import view
from ui.theme_page import changes, figures, title

v = view("direction")
title(v)
figures(v)
show.chart("direction.completion", v)
changes(v)
