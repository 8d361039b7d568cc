"""Compare two selections side by side (being built)."""

import streamlit as st

st.title("Compare")
st.info("Two selections side by side: this page is being built. Use `signals compare` meanwhile.")
