"""Cán bộ: secondment against plan, severance cases and funding (and the derived cost per case), the national database."""

from metrics import charts
from ui import show
from ui.shell import view
from ui.theme_page import changes, figures, title

v = view("personnel")
title(v)
figures(v)
planned = v.rows[v.rows["plan_percent"].notna() & ~v.rows["derived"]].head(charts.MAX_BARS)
if not planned.empty:
    implied = v.rows[v.rows["id"].isin(planned["id"] + "-implied-plan")]
    show.chart(lambda: charts.plan_attainment(planned, implied, v.units, v.lang), v, key="plan")
changes(v)
