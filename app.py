"""The dashboard's entry point: the province's validated figures as a table (pages follow in issue 3)."""

import streamlit as st

from metrics.loader import load

st.set_page_config(page_title="Cải cách hành chính Phú Thọ", layout="wide")
result = load("data")
st.title("Cải cách hành chính tỉnh Phú Thọ")
st.caption(f"{result.metrics_loaded} chỉ tiêu từ {result.files_read} văn bản nguồn")
for p in result.problems:
    st.warning(str(p))
st.dataframe(result.frame[["name_vi", "name_en", "period", "value", "unit", "qualifier", "quote", "source_title"]],
             hide_index=True)
