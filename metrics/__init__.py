"""The dashboard's data: metric file models, loading, formatting, derived figures and exports (no Streamlit here)."""
