"""Predict, then reveal: a page's question in ``st.container(key="quiz_<page>")``.

Two calls on a page: reserve the place near the top (before the page's widgets, so a reveal can
still set them), then ask once the settings the question depends on are known::

    box = quiz.slot("conv_lab")                                   # near the top
    ...                                                           # the page's widgets
    quiz.ask(box, ctx, lambda seed: quizzes.conv_lab_question(size, kernel, stride, seed=seed))

The answer field starts empty. **Check** reads the typed text leniently
(:func:`cnnviz.lessons.quizzes.parse_answer`); an unreadable answer gets a message saying what to
type (the text is echoed literally) and nothing else happens. A readable one is marked right or
wrong, the worked reasoning is shown and the page's widgets jump to the question's ``reveal``
state, whose visual proves the answer. The checked question stays (it no longer follows the
settings) until **Another question**, which asks the next variant (the ``seed`` goes up).

The question is the label of an expander holding the answer field (open once answered), so it
opens the page while the page's main visual still starts in the first screen.

Teacher's link: ``?quiz=revealed`` on any page opens its question with the answer and reasoning
shown and the page in the reveal state (read on the page's first run in a session; any other
value is reported like every invalid URL value).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import streamlit as st

from cnnviz.i18n import t
from cnnviz.lessons import quizzes
from ui import urlstate

QUIZ_PARAM = "quiz"
REVEALED = "revealed"


def _state_key(page: str) -> str:
    return f"_quiz.{page}"


def answer_key(page: str) -> str:
    """The answer widget's key (a text field, or a radio for choice questions)."""
    return f"quiz.{page}.answer"


def _state(page: str) -> dict:
    return st.session_state.setdefault(_state_key(page), {
        "seed": 0, "question": None, "result": None, "typed": None, "error": None, "revealed": False,
        "pending": None,
    })


def literal(text: str) -> str:
    """``text`` as an inline code span: Markdown shows it exactly as typed (no bold, LaTeX, emoji)."""
    text = str(text).replace("\n", " ")
    longest = run = 0
    for char in text:
        run = run + 1 if char == "`" else 0
        longest = max(longest, run)
    fence = "`" * (longest + 1)
    return f"{fence} {text} {fence}"


@dataclass(frozen=True)
class Slot:
    """The place reserved by :func:`slot`: the page stem and its ``quiz_<page>`` container."""

    page: str
    box: Any


def slot(page: str) -> Slot:
    """Reserve the question's place (``st.container(key="quiz_<page>")``); call before the page's
    widgets. Applies a pending reveal (from a teacher's link) to the widgets' state."""
    first = _state_key(page) not in st.session_state
    state = _state(page)
    if first:
        raw = st.query_params.get(QUIZ_PARAM)
        if raw is not None:
            if raw.strip().lower() == REVEALED:
                state["revealed"] = True
            else:
                urlstate.record_notice(QUIZ_PARAM, raw)
    pending = state.get("pending")
    if pending:
        for key, value in pending.items():
            st.session_state[key] = value
        state["pending"] = None
    return Slot(page, st.container(key=f"quiz_{page}"))


def _apply(question: quizzes.Question) -> None:
    for key, value in question.reveal.items():
        st.session_state[key] = value


def _check(page: str, question: quizzes.Question,
           on_check: Callable[[quizzes.Question], None] | None) -> None:
    """Check button callback: runs before the script, so it may set the page's widgets."""
    state = _state(page)
    typed = st.session_state.get(answer_key(page))
    state["typed"] = typed
    try:
        value = quizzes.parse_answer(question, typed)
    except quizzes.AnswerError as error:
        state["error"] = (error.key, error.fields)
        state["result"] = None
        return
    state["error"] = None
    state["question"] = question
    state["result"] = "right" if quizzes.is_correct(question, value) else "wrong"
    state["value"] = value
    _apply(question)
    if on_check is not None:
        on_check(question)


def _another(page: str) -> None:
    state = _state(page)
    state.update(seed=state["seed"] + 1, question=None, result=None, typed=None, error=None, revealed=False)
    st.session_state.pop(answer_key(page), None)  # the field starts empty again


def is_done(page: str) -> bool:
    """Whether the page's question has been answered (or revealed by a teacher's link)."""
    state = st.session_state.get(_state_key(page))
    return bool(state) and (state["result"] is not None or state["revealed"])


def _fields(fields: dict, lang: str) -> dict:
    """Fields with :class:`cnnviz.lessons.quizzes.Text` values translated."""
    return {k: t(v.key, lang) if isinstance(v, quizzes.Text) else v for k, v in fields.items()}


def _show_value(question: quizzes.Question, value, lang: str) -> str:
    if question.kind == "choice":
        return t(question.choice_key(value), lang, **_fields(question.fields, lang))
    return quizzes.format_value(question, value)


def _frame(label: str, done: bool):
    """The question as the label of an expander that holds the answer field (open once answered):
    the question opens the page, and its main visual still starts in the first screen."""
    return st.expander(label, expanded=done, icon=":material/quiz:")


def ask(where: Slot, ctx, make: Callable[[int], quizzes.Question | None],
        on_check: Callable[[quizzes.Question], None] | None = None) -> quizzes.Question | None:
    """Render the question in ``where`` (from :func:`slot`) and return it (None: nothing to ask).

    ``make(seed)`` builds the question from the page's current settings; it is called only while
    the question is not yet checked. ``on_check(question)`` runs (in the Check callback) after a
    readable answer, e.g. to start a run. Returns the question shown.
    """
    page = where.page
    state = _state(page)
    question = state["question"]
    if question is None:
        question = make(state["seed"])
        if question is None:
            return None
        if state["revealed"]:
            state["question"] = question
            if any(st.session_state.get(k) != v for k, v in question.reveal.items()):
                state["pending"] = dict(question.reveal)  # applied by slot() before the widgets
                st.rerun()
    lang = ctx.lang
    done = state["result"] is not None or state["revealed"]
    label = f"**{t('quiz.title', lang)}** {t(question.prompt, lang, **_fields(question.fields, lang))}"
    with where.box, _frame(label, done):
        if question.kind == "choice":
            st.radio(t("quiz.your_choice", lang), question.choices, index=None, key=answer_key(page),
                     format_func=lambda c: _show_value(question, c, lang), disabled=done)
        else:
            st.text_input(t("quiz.your_answer", lang), key=answer_key(page), max_chars=quizzes.MAX_ANSWER_CHARS,
                          placeholder=t(f"quiz.placeholder.{'square' if question.square else question.kind}", lang),
                          disabled=done)
        if done:
            answer = _show_value(question, question.answer, lang)
            typed = state.get("typed")
            if state["result"] == "right":
                st.success(t("quiz.right", lang, answer=answer), icon=":material/check_circle:")
            elif state["result"] == "wrong":
                yours = _show_value(question, state["value"], lang)
                st.warning(t("quiz.wrong", lang, answer=answer, yours=literal(yours if question.kind == "choice"
                                                                               else typed)),
                           icon=":material/lightbulb:")
            else:
                st.info(t("quiz.revealed", lang, answer=answer), icon=":material/visibility:")
            st.markdown(t(question.reasoning, lang, **_fields(question.reasoning_fields, lang)))
            st.button(t("quiz.another", lang), key=f"quiz.{page}.another", on_click=_another, args=(page,),
                      icon=":material/refresh:")
        else:
            if state["error"] is not None:
                key, fields = state["error"]
                typed = state.get("typed")
                message = t(key, lang, **fields)
                if typed:
                    message += " " + t("quiz.you_typed", lang, text=literal(typed))
                st.warning(message, icon=":material/edit_note:")
            st.button(t("quiz.check", lang), key=f"quiz.{page}.check", on_click=_check,
                      args=(page, question, on_check), type="primary")
    return question

