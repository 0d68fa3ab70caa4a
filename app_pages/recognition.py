"""Thi đua khen thưởng: awards by level and by recipient type, and who received what."""

from metrics import charts
from ui import show
from ui.shell import view
from ui.theme_page import changes, figures, title

v = view("recognition")
title(v)
awards = v.rows[v.rows["award_level"].notna() & ~v.rows["derived"]]
if not awards.empty:
    show.chart(lambda: charts.awards(awards, v.units, v.lang), v, key="awards")
figures(v)
changes(v)
