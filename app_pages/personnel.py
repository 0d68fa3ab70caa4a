"""Cán bộ: secondment against plan, severance cases and funding (and the derived cost per case), the national database."""

from metrics import charts
from ui import show
from ui.shell import view
from ui.theme_page import changes, figures, title

v = view("personnel")
title(v)
figures(v)
by_id = v.rows.set_index("id")
for row in v.rows[v.rows["plan_percent"].notna() & ~v.rows["derived"]].to_dict("records"):
    implied = f"{row['id']}-implied-plan"
    if implied in by_id.index:
        show.chart(charts.plan_attainment(row, by_id.loc[implied].to_dict() | {"id": implied}, v.units, v.lang),
                   v.lang, key=f"plan-{row['id']}")
changes(v)
