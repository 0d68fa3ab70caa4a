"""Chỉ đạo điều hành: meetings, conclusion notices, tasks completed, targets met (counts of unlike things are\ncards, not bars on one axis)."""

from metrics import charts
from ui import show
from ui.shell import view
from ui.theme_page import changes, figures, title

v = view("direction")
title(v)
figures(v)
stated = v.rows[~v.rows["derived"]]
done = stated[stated["total"].notna()]
if not done.empty:
    show.chart(lambda: charts.completion(done, v.units, v.lang), v, key="completion")
changes(v)
