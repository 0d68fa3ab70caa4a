"""Bộ máy: the merger of three provinces, the cuts in agencies and commune-level units, the district level ended."""

from metrics import charts
from ui import show
from ui.shell import view
from ui.theme_page import changes, figures, kinds, title

v = view("apparatus")
title(v)
figures(v)
cuts = v.rows[(v.rows["change"] == "decrease") & (kinds(v) == "percent")]
if not cuts.empty:
    show.chart(lambda: charts.reductions(cuts, v.units, v.lang), v, key="cuts")
changes(v)
