"""Ai làm gì: who does what, by when, across the documents."""

import streamlit as st

st.title("Ai làm gì")
st.info("Trang này đang được xây dựng.")
