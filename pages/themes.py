"""Themes: theme trends, co-occurrence and top outlets per theme."""

import streamlit as st

st.title("Themes")
st.info("Theme trends are being built.")
