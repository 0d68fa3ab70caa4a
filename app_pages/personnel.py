"""Cán bộ: secondment against plan, severance cases and funding (and the derived cost per case), the national database."""

from ui import show
from ui.shell import view
from ui.theme_page import changes, figures, title

v = view("personnel")
title(v)
figures(v)
show.chart("personnel.plan", v)
changes(v)
