"""A one-line notice when a page lost state that only the server had (a restart, or a new session).

A page that holds something the URL cannot carry (a trained or loaded model, an uploaded file) calls
:func:`mark_held` while it holds it: the URL gets ``?held=<server id>``. When a browser comes back
with that mark to a session that does not have the state (the server restarted, or the page was
reloaded or opened elsewhere), :func:`lost_state_notice` says so once and removes the mark::

    restart.lost_state_notice(ctx, "training")     # at the top of the page
    ...
    restart.mark_held(session.trainer.step > 0)    # after the state is known
"""

from __future__ import annotations

import uuid

import streamlit as st

from cnnviz import i18n

PARAM = "held"
SERVER_ID = uuid.uuid4().hex[:8]
"""Changes whenever the server process starts."""
_SEEN = "_restart.seen."


def lost_state_notice(ctx, page: str) -> None:
    """On this session's first run of ``page``: if the URL says the page held state, say it is gone."""
    key = _SEEN + page
    if key in st.session_state:
        return
    st.session_state[key] = True
    mark = st.query_params.get(PARAM)
    if mark is None:
        return
    reason = "reload" if mark == SERVER_ID else "restart"
    st.info(i18n.t(f"common.state_lost_{reason}", ctx.lang), icon=":material/restart_alt:")
    del st.query_params[PARAM]


def mark_held(holds: bool) -> None:
    """Keep ``?held=`` in the URL while the page holds server-only state, and only then."""
    if holds:
        if st.query_params.get(PARAM) != SERVER_ID:
            st.query_params[PARAM] = SERVER_ID
    elif PARAM in st.query_params:
        del st.query_params[PARAM]
