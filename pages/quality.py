"""Data quality: what the parser was unsure about (being built)."""

import streamlit as st

st.title("Data quality")
st.info(
    "What the parser was unsure about: this page is being built. See `signals stats` meanwhile."
)
