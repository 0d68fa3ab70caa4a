"""Kinh tế: the growth rate, by period."""

from metrics import charts
from ui import show
from ui.shell import view
from ui.theme_page import figures, kinds, title

v = view("economy")
title(v)
figures(v)
# The first rate of the selection (the province's growth), drawn over every period its series has.
rates = v.rows[~v.rows["derived"] & kinds(v).isin(["rate", "percent"])]
for series in rates["series"].unique()[:1]:
    history = v.history[v.history["series"] == series]
    show.chart(lambda history=history: charts.by_period(history, v.units, v.lang), v, key=f"rate-{series}")
