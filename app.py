"""cnnviz: the router. Run with ``streamlit run app.py``.

Registers the page files of ``pages/`` that exist (the ordered registry is ``ui.shell.PAGES``),
grouped into translated sections, puts the language and presentation controls in the sidebar and
runs the selected page. Pages do their own work; see ``ui/shell.py`` for what they can read.
"""

import streamlit as st

from cnnviz.i18n import t
from ui import shell

lang = shell.start_run()
st.set_page_config(page_title=t("app.title", lang), page_icon="🧠", layout="wide",
                   initial_sidebar_state="collapsed" if shell.page_only() else "auto")

sections = {}  # translated section title -> its pages, in registry order
stems = {}  # stem -> its page, for the course footer
for spec in shell.available_pages():
    page = st.Page(
        spec.path,
        title=t(spec.title_key, lang),
        icon=spec.icon,
        url_path=spec.stem,
        default=spec is shell.HOME,
    )
    sections.setdefault(t(f"nav.section.{spec.section}", lang), []).append(page)
    stems[spec.stem] = page

current = st.navigation(sections, expanded=True, position="hidden" if st.context.is_embedded else "sidebar")
shell.render_sidebar(lang)
current.run()
shell.render_page_footer(next((stem for stem, page in stems.items() if page is current), None), lang)
