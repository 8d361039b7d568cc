"""Overlap: which outlets are cited together (co-citation, network, intersections)."""

import streamlit as st

st.title("Overlap")
st.info("Co-citation charts are being built; this page will show which outlets are cited together.")
