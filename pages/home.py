"""Home: what the app teaches, and a card linking to each page, grouped by section."""

import streamlit as st

from ui.shell import HOME, SECTIONS, available_pages, page_context
from ui.urlstate import show_url_notices

ctx = page_context("home")
show_url_notices(ctx)

st.title(ctx.t("home.title"))
st.markdown(ctx.t("home.intro"))

pages = [spec for spec in available_pages() if spec is not HOME]
if pages:
    st.caption(ctx.t("home.start_hint"))
columns_per_row = 2 if ctx.presentation else 4

for section in SECTIONS:
    in_section = [spec for spec in pages if spec.section == section]
    if not in_section:
        continue
    st.subheader(ctx.t(f"nav.section.{section}"))
    for row_start in range(0, len(in_section), columns_per_row):
        columns = st.columns(columns_per_row)
        for column, spec in zip(columns, in_section[row_start : row_start + columns_per_row]):
            with column.container(border=True, height="stretch"):
                st.page_link(spec.path, label=ctx.t(spec.title_key), icon=spec.icon)
                st.caption(ctx.t(spec.description_key))
