"""The app shell: page registry, language, presentation mode, and the context every page reads.

``app.py`` calls :func:`start_run` (before ``st.set_page_config``), builds ``st.navigation`` from
:func:`available_pages` (the one ordered registry :data:`PAGES`, shared with the home page's links),
then calls :func:`render_sidebar`. Every page starts with
:func:`page_context` and reads everything shell-related from the returned :class:`PageContext`::

    import streamlit as st

    from ui.shell import page_context
    from ui.urlstate import show_url_notices, url_slider, url_toggle

    ctx = page_context("conv")                      # first call on the page
    st.title(ctx.t("conv.title"))                   # text in the reader's language
    stride = url_slider("conv.stride", ctx.t("conv.stride"), 1, 4, default=1)
    show_url_notices(ctx)                           # "this link had an invalid value" notices
    if not ctx.presentation:                        # presentation mode: fewer controls
        details = url_toggle("conv.details", ctx.t("conv.details"), False)
    cell_px = 56 if ctx.presentation else 36        # ... and larger cells

``ctx.lang`` is ``"en"`` or ``"zh"``; ``ctx.presentation`` is the sidebar's presentation toggle
(URL ``present=1``); ``ctx.embed`` is true when the app runs inside an iframe (``?embed=true``).

Language: the sidebar control (session-state key ``"app.lang"``) starts from ``?lang=en|zh``,
else the browser locale (``zh*`` means Chinese), else English, and is mirrored to ``?lang=``.
Presentation: key ``"app.present"``, mirrored to ``?present=1`` while on.
``page_context`` also works when a page file is run without ``app.py`` (e.g. in a unit test).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from cnnviz import i18n
from ui import chart_links, course, literal, style, uploads, urlstate

LANG_KEY = "app.lang"
PRESENT_KEY = "app.present"
LANG_PARAM = "lang"
PRESENT_PARAM = "present"

APP_DIR = Path(__file__).resolve().parent.parent
"""The repository root: where ``app.py`` and ``pages/`` live."""

START_SECTION = "start"
SECTIONS = (START_SECTION,) + tuple(lecture.key for lecture in course.LECTURES)
"""Navigation sections: the start (course map, teacher view), then one per lecture, in course order."""


@dataclass(frozen=True)
class PageSpec:
    """One page of the app: ``pages/<stem>.py``, served at ``/<stem>``, titled ``nav.<stem>``."""

    stem: str
    section: str
    icon: str

    @property
    def path(self) -> str:
        """The page file relative to the app directory, as ``st.Page`` and ``st.page_link`` want."""
        return f"pages/{self.stem}.py"

    @property
    def title_key(self) -> str:
        return f"nav.{self.stem}"

    @property
    def description_key(self) -> str:
        return f"home.desc.{self.stem}"


# The one ordered page registry, built from the course definition (ui/course.py): the course map and
# the teacher view, then the lectures' pages in course order. app.py registers the files that exist.
PAGES = (
    PageSpec("home", START_SECTION, ":material/home:"),
    PageSpec("teacher", START_SECTION, ":material/co_present:"),
) + tuple(PageSpec(page.stem, lecture.key, page.icon) for lecture in course.LECTURES for page in lecture.pages)
HOME = PAGES[0]
TEACHER = PAGES[1]


def available_pages() -> list[PageSpec]:
    """The registered pages whose files exist, in registry order (others are still being written)."""
    return [spec for spec in PAGES if (APP_DIR / spec.path).exists()]


@dataclass(frozen=True)
class PageContext:
    """What a page needs from the shell. Frozen: a page reads it, the sidebar changes it."""

    page: str
    lang: str
    presentation: bool
    embed: bool

    def t(self, key, **fields) -> str:
        """``cnnviz.i18n.t`` bound to this page's language; given a library error, notice or shape
        problem instead of a key, its message (:func:`cnnviz.i18n.message`)."""
        if not isinstance(key, str):
            return literal.message(key, self.lang)  # its fields may quote a URL, a file name, typed text
        return i18n.t(key, self.lang, **fields)


def resolve_language(url_value: str | None, browser_locale: str | None) -> tuple[str, bool]:
    """The start-up language and whether ``url_value`` was present but invalid.

    ``url_value`` (``?lang=``) wins when it is ``en`` or ``zh``; otherwise a browser locale
    starting with ``zh`` means Chinese; everything else means English.
    """
    if url_value is not None:
        value = url_value.strip().lower()
        if value in i18n.LANGUAGES:
            return value, False
    return i18n.normalize_language(browser_locale), url_value is not None


def _ensure_state() -> None:
    """On a session's first run, set language and presentation from the URL and browser."""
    state = st.session_state
    if LANG_KEY not in state:
        raw = st.query_params.get(LANG_PARAM)
        lang, invalid = resolve_language(raw, st.context.locale)
        if invalid:
            urlstate.record_notice(LANG_PARAM, raw)
        state[LANG_KEY] = lang
    if PRESENT_KEY not in state:
        raw = st.query_params.get(PRESENT_PARAM)
        present = False
        if raw is not None:
            try:
                present = urlstate.parse_flag(raw)
            except ValueError:
                urlstate.record_notice(PRESENT_PARAM, raw)
        state[PRESENT_KEY] = present


def current_language() -> str:
    """The language of this run, ``"en"`` or ``"zh"``."""
    _ensure_state()
    return i18n.normalize_language(st.session_state[LANG_KEY])


def start_run() -> str:
    """Begin a run of the app: settle language and presentation; return the language.

    Call first in ``app.py`` (it issues no Streamlit element, so ``st.set_page_config`` may follow).
    """
    urlstate.reset_notice_slot()
    return current_language()


def page_only() -> bool:
    """Presentation or embed mode: the page alone, the sidebar collapsed (its controls one click away).

    Call after :func:`start_run`.
    """
    return bool(st.session_state.get(PRESENT_KEY)) or bool(st.context.is_embedded)


def intro(ctx: PageContext, text: str) -> None:
    """A page's introduction: in full normally; folded in an expander in presentation and embed
    mode, so that the first screen shows the page's main visual."""
    if ctx.presentation or ctx.embed:
        with st.expander(ctx.t("app.about_page"), icon=":material/info:"):
            st.markdown(text)
    else:
        st.markdown(text)


def settings_box(ctx: PageContext):
    """The container for a page's main controls: a bordered box normally; in presentation and
    embed mode a folded "Settings" expander, so the first screen shows the main visual and the
    controls stay one click away. Use as ``with settings_box(ctx): ...``."""
    if ctx.presentation or ctx.embed:
        return st.expander(ctx.t("app.settings"), icon=":material/tune:")
    return st.container(border=True)


def render_sidebar(lang: str) -> None:
    """Language and presentation controls in the sidebar, their URL mirror, and the shell CSS."""
    with st.sidebar:
        st.radio(
            i18n.t("app.lang_label", lang),
            options=list(reversed(i18n.LANGUAGES)),  # 中文 first, then English
            format_func=i18n.LANGUAGE_NAMES.__getitem__,
            horizontal=True,
            key=LANG_KEY,
        )
        present = st.toggle(
            i18n.t("app.present", lang), key=PRESENT_KEY, help=i18n.t("app.present_help", lang)
        )
        st.caption(i18n.t("app.share_hint", lang))
        chart_links.mount()  # hover/tap an output cell to jump there; the step goes to the URL
    _mirror_to_url(lang, present)
    st.html(style.BASE_CSS + (style.PRESENTATION_CSS if present else "")
            + (style.EMBED_CSS if st.context.is_embedded else "") + style.uploader_css(lang, uploads.limit_mb()))


def _mirror_to_url(lang: str, present: bool) -> None:
    if st.query_params.get(LANG_PARAM) != lang:
        st.query_params[LANG_PARAM] = lang
    if present and st.query_params.get(PRESENT_PARAM) != "1":
        st.query_params[PRESENT_PARAM] = "1"
    elif not present and PRESENT_PARAM in st.query_params:
        del st.query_params[PRESENT_PARAM]


def _rerun_through_router() -> None:
    """Re-run through ``app.py`` when Streamlit ran a page file on its own.

    A folder named ``pages/`` next to the main script puts Streamlit in its old multipage mode
    until some run calls ``st.navigation``. In that mode the first request for ``/<page>`` after
    a server start (and every ``AppTest`` run that starts on a page) executes ``pages/<page>.py``
    without ``app.py``: no navigation, no shell. The flag is Streamlit's own (internal) switch;
    ``st.navigation`` clears it the same way. If it is missing, there is nothing to work around.
    """
    try:
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:  # pragma: no cover - a Streamlit without the old mode
        return
    if getattr(PagesManager, "uses_pages_directory", None):
        PagesManager.uses_pages_directory = False
        st.rerun()


def page_context(page_key: str) -> PageContext:
    """The shell state for the page ``page_key`` (e.g. ``"conv"``). Call once, first, on every page."""
    _rerun_through_router()
    urlstate.reset_notice_slot()
    urlstate.enter_page(page_key)
    lang = current_language()
    return PageContext(
        page=page_key,
        lang=lang,
        presentation=bool(st.session_state[PRESENT_KEY]),
        embed=bool(st.context.is_embedded),
    )


def spec_of(stem: str) -> PageSpec | None:
    """The registered page called ``stem``, else None."""
    return next((spec for spec in PAGES if spec.stem == stem), None)


def course_path() -> list[PageSpec]:
    """The guided path over the pages that exist: the course map, then the course pages in order."""
    existing = {spec.stem: spec for spec in available_pages()}
    return [existing[stem] for stem in course.path(HOME.stem) if stem in existing]


def render_page_footer(stem: str | None, lang: str) -> None:
    """End a page of the course: "what you should now be able to explain", then Previous / Next.

    ``app.py`` calls this after the page ran, so every page ends the same way from the one course
    definition. Pages off the path (the teacher view) and embedded pages (``?embed=true``, a course
    site shows one page) get no footer.
    """
    stems = [spec.stem for spec in course_path()]
    if stem not in stems or st.context.is_embedded:
        return
    before, after = course.neighbours(stem, stems)
    with st.container(key="course_footer"):
        st.divider()
        if stem != HOME.stem:
            st.markdown(f"**{i18n.t('course.explain_header', lang)}**")
            st.markdown(i18n.t(f"course.explain.{stem}", lang))
        previous_column, next_column = st.columns(2)
        if before is not None:
            spec = spec_of(before)
            previous_column.page_link(spec.path, icon=":material/arrow_back:",
                                      label=i18n.t("course.previous", lang, title=i18n.t(spec.title_key, lang)))
        if after is not None:
            spec = spec_of(after)
            next_column.page_link(spec.path, icon=":material/arrow_forward:",
                                  label=i18n.t("course.next", lang, title=i18n.t(spec.title_key, lang)))
