"""Bộ máy: the merger of three provinces, the cuts in agencies and commune-level units, the district level ended."""

from ui import show
from ui.shell import view
from ui.theme_page import changes, figures, title

v = view("apparatus")
title(v)
figures(v)
show.chart("apparatus.cuts", v)
changes(v)
