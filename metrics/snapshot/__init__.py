"""A frozen, dated copy of the dashboard as a static site: every page in both languages as plain HTML, charts as
inline SVG from the same chart definitions, the data files beside them; no JavaScript, nothing fetched from outside.

site        writing a snapshot into its dated folder (never over one unasked), the data's fingerprint, the index
pages       what each page holds, from the same layout, cards, charts and texts as the app (metrics/pages.py)
html        the Jinja2 templates (every data text escaped), the chart SVGs cleaned and checked
"""

from metrics.snapshot.site import LABEL, Snapshot, fingerprint, latest, write

__all__ = ["LABEL", "Snapshot", "fingerprint", "latest", "write"]
