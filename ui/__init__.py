"""Streamlit-only helpers for the app: the shell (language, presentation mode, page registry),
URL-synced widgets for deep links, and shared CSS.

- :mod:`ui.shell`: ``page_context(page_key)`` that every page calls first.
- :mod:`ui.urlstate`: ``url_slider``, ``url_select``, ... widgets whose values live in the URL.
- :mod:`ui.style`: the CSS injected by the shell.

Nothing in ``cnnviz/`` imports this package; it imports streamlit freely.
"""
