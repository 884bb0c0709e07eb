"""Teacher view: ready 45-minute lessons as presentation-mode deep links, each with a question to ask."""

import streamlit as st

from ui import course
from ui.shell import available_pages, page_context
from ui.urlstate import show_url_notices

ctx = page_context("teacher")
show_url_notices(ctx)

st.title(ctx.t("teacher.title"))
st.markdown(ctx.t("teacher.intro"))

existing = {spec.stem: spec for spec in available_pages()}
for number, flow in enumerate(course.FLOWS, start=1):
    with st.container(border=True, key=f"teacher.flow.{flow.key}"):
        st.subheader(ctx.t("teacher.lesson", number=number, title=ctx.t(flow.title_key), minutes=flow.minutes))
        lines = []
        for step_number, step in enumerate(flow.steps, start=1):
            if step.stem not in existing:
                continue
            url = course.link(step.stem, step.params, lang=ctx.lang, present=True)
            lines.append(ctx.t("teacher.step", number=step_number, page=ctx.t(existing[step.stem].title_key),
                               url=url, minutes=step.minutes, question=ctx.t(flow.question_key(step_number))))
        st.markdown("\n".join(lines))
