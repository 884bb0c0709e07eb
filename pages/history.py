"""Applications and history: what CNNs are used for, and the four ideas that got them there.

Every text is in ``cnnviz/i18n/locales/history.py``; each milestone links to the page that shows
its idea, with the settings that show it. The predict-then-reveal question sits in ``quiz_history``.
"""

import streamlit as st

from cnnviz.lessons import quizzes
from ui import quiz
from ui.shell import intro, page_context, spec_of
from ui.urlstate import show_url_notices, url_select

ctx = page_context("history")
show_url_notices(ctx)

APPLICATIONS = ("classification", "detection", "segmentation", "retrieval", "pose")
"""From one label per image to one answer per object, per pixel, per image pair and per joint."""

MILESTONES = (
    # (key, year, page it links to, query of that page)
    ("hubel_wiesel", 1962, "receptive_field", {"receptive.stack": "c3, c3"}),
    ("lenet", 1998, "architectures", {"arch.net": "lenet5-1998"}),
    ("alexnet", 2012, "architectures", {"arch.net": "alexnet"}),
    ("resnet", 2015, "architectures", {"arch.net": "resnet18"}),
)
"""The timeline, each with the one idea it added and where the app shows it."""

EXTRA_LINKS = {
    "alexnet": ("activations", {}),
    "resnet": ("training", {}),
}
"""A second page for a milestone (ReLU on /activations; the residual lesson on /training)."""

st.title(ctx.t("history.title"))
quiz_slot = quiz.slot("history")
intro(ctx, ctx.t("history.intro"))

st.header(ctx.t("history.apps_header"))
st.markdown(ctx.t("history.apps_lead"))
per_row = 2 if ctx.presentation else len(APPLICATIONS)
for start in range(0, len(APPLICATIONS), per_row):
    for column, name in zip(st.columns(per_row), APPLICATIONS[start:start + per_row]):
        with column.container(border=True, height="stretch", key=f"history.app.{name}"):
            st.markdown(f"**{ctx.t(f'history.app.{name}')}**")
            st.markdown(ctx.t(f"history.app.{name}.what"))
            st.caption(ctx.t(f"history.app.{name}.output"))

st.header(ctx.t("history.timeline_header"))
focus = url_select("history.focus", ctx.t("history.focus"), ("all",) + tuple(m[0] for m in MILESTONES), "all",
                   horizontal=True, format_func=lambda k: ctx.t("history.focus.all") if k == "all"
                   else str(next(m[1] for m in MILESTONES if m[0] == k)))
for key, year, stem, query in MILESTONES:
    if focus not in ("all", key):
        continue
    with st.container(border=True, key=f"history.milestone.{key}"):
        left, right = st.columns([1, 5] if not ctx.presentation else [1, 4], vertical_alignment="center")
        left.markdown(f"### {year}")
        with right:
            st.markdown(f"**{ctx.t(f'history.{key}')}** — {ctx.t(f'history.{key}.idea')}")
            links = [(stem, query)] + ([EXTRA_LINKS[key]] if key in EXTRA_LINKS else [])
            for link_stem, link_query in links:
                spec = spec_of(link_stem)
                if spec is not None:
                    st.page_link(spec.path, label=ctx.t(f"history.{key}.link.{link_stem}"), icon=spec.icon,
                                 query_params=link_query)
st.caption(ctx.t("history.sources"))

quiz.ask(quiz_slot, ctx, lambda seed: quizzes.history_question(seed=seed))
