"""Home: the course map. Each lecture in order, its pages, a one-line goal and a "try this first" link.

Everything comes from the one course definition (``ui/course.py``) through the shell's registry, so a
new page appears here (and in the Previous / Next path) from its one entry there.
"""

import streamlit as st

from ui import course
from ui.shell import TEACHER, available_pages, page_context
from ui.urlstate import show_url_notices

ctx = page_context("home")
show_url_notices(ctx)

st.title(ctx.t("home.title"))
st.markdown(ctx.t("home.intro"))

existing = {spec.stem: spec for spec in available_pages()}
if TEACHER.stem in existing:
    st.page_link(TEACHER.path, label=ctx.t("home.teacher_hint"), icon=TEACHER.icon)

st.header(ctx.t("home.course_map"))
columns_per_row = 2 if ctx.presentation else 3
for lecture in course.LECTURES:
    pages = [(page, existing[page.stem]) for page in lecture.pages if page.stem in existing]
    if not pages:
        continue
    with st.container(key=f"home.lecture.{lecture.key}"):
        st.subheader(ctx.t(lecture.title_key))
        st.markdown(ctx.t(lecture.goal_key))
        for row_start in range(0, len(pages), columns_per_row):
            columns = st.columns(columns_per_row)
            for column, (page, spec) in zip(columns, pages[row_start: row_start + columns_per_row]):
                with column.container(border=True, height="stretch"):
                    st.page_link(spec.path, label=ctx.t(spec.title_key), icon=spec.icon)
                    st.caption(ctx.t(spec.description_key))
                    if page.try_first:  # a link label is one line: the question goes below it, in full
                        st.page_link(spec.path, label=ctx.t("course.try_label"), icon=":material/play_arrow:",
                                     query_params=dict(page.try_first))
                        st.markdown(ctx.t(page.try_key))
