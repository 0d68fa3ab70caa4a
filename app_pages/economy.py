"""Kinh tế: the growth rate, by period."""

from metrics import charts
from ui import show
from ui.shell import view
from ui.theme_page import figures, kinds, title

v = view("economy")
title(v)
figures(v)
rates = v.history[~v.history["derived"] & kinds(v, v.history).isin(["rate", "percent"])]
for series in rates["series"].unique()[:6]:
    show.chart(charts.by_period(rates[rates["series"] == series], v.units, v.lang), v.lang, key=f"rate-{series}")
