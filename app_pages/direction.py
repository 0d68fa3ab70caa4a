"""Chỉ đạo điều hành: meetings, conclusion notices, tasks completed, targets met."""

from metrics import charts
from ui import show
from ui.shell import view
from ui.theme_page import changes, figures, kinds, title

v = view("direction")
title(v)
figures(v)
stated = v.rows[~v.rows["derived"]]
done = stated[stated["total"].notna()]
if not done.empty:
    show.chart(charts.completion(done, v.units, v.lang), v.lang, key="completion")
tallies = stated[stated["total"].isna() & (kinds(v, stated) == "count")]
if not tallies.empty:
    show.chart(charts.counts(tallies, v.units, v.lang, ("Chỉ đạo điều hành", "Direction and administration")), v.lang, key="counts")
changes(v)
