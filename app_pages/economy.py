"""Kinh tế: the growth rate, by period."""

from ui import show
from ui.shell import view
from ui.theme_page import figures, title

v = view("economy")
title(v)
figures(v)
show.chart("economy.growth", v)
