"""The dashboard's charts: each defined once (registry: id, rows, builder), built as renderer-neutral data (spec),
and drawn by renderers (plotly for the app)."""
