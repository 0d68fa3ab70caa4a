"""Streamlit glue of the dashboard: data cache, URL state, sidebar, and how cards and charts are shown."""
