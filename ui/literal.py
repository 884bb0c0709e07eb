"""Show text from a URL, a file name or a typed field literally inside Streamlit Markdown.

Streamlit renders ``st.markdown``, ``st.caption``, ``st.info/warning/error/success``, widget labels
and ``help=`` tooltips as Markdown: ``![a](http://host/p.png)`` would make the reader's browser fetch
an outside image and ``[Login again](http://x)`` would become a live link inside the app. Every value
that a visitor controls goes through :func:`literal` before it reaches one of those calls; library
errors shown with ``ctx.t(error)`` go through :func:`message`, which does it for their fields::

    st.error(ctx.t("conv_lab.upload_failed", name=literal(file.name), reason=ctx.t(error)))

:func:`literal` backslash-escapes the punctuation that has a meaning in Markdown (CommonMark lets
any ASCII punctuation be escaped, so the text shows exactly as typed) and inserts an invisible word
joiner where GFM would autolink (``www.x``, ``http://x``, ``a@b.c``). That also defeats Streamlit's
``:colour[...]`` and ``:material/...:`` directives, emoji short codes and ``$...$`` maths.
Line breaks and other control or format characters (including
bidirectional overrides) become spaces, so a value cannot start a heading or a list.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from typing import Any

from cnnviz import i18n

__all__ = ["literal", "literal_fields", "message"]

# The ASCII punctuation that Markdown (CommonMark + GFM + Streamlit's directives) gives a meaning
# inside a line: emphasis, code, links and images, HTML, strikethrough, maths, entities,
# :colour[...] / :material/...: directives, tables, headings. CommonMark lets any ASCII punctuation be
# backslash-escaped, so escaping these shows them as typed; ".", ",", "-", "(", ")" ... stay readable.
MARKDOWN_SPECIALS = "\\`*_[]<>~$&:#|!"
_ESCAPES = {ord(char): "\\" + char for char in MARKDOWN_SPECIALS}
# remark-gfm also turns URLs and e-mail addresses found in the *rendered* text into links, after the
# escapes are resolved, and Streamlit replaces ":material/...:" icons and ":emoji:" short codes before
# parsing: an invisible word joiner (U+2060) after "www", "@" and ":" stops all of them.
_AUTOLINK_START = re.compile(r"(?i)www(?=\.)|@|:")


def _join_after(match: re.Match) -> str:
    return match.group(0) + "\u2060"


def _is_break(char: str) -> bool:
    """Control, format (bidi overrides, zero-width) and line/paragraph separator characters."""
    category = unicodedata.category(char)
    return category[0] == "C" or category in ("Zl", "Zp")


def literal(value: object, max_chars: int | None = None) -> str:
    """``value`` as Markdown source that renders exactly as the text ``str(value)``.

    Parameters
    ----------
    value : object
        Text from outside (a URL value, a file name, a typed token); ``str()`` is applied.
    max_chars : int, optional
        Shorten longer text to this many characters (the last one an ellipsis) first.
    """
    text = str(value)
    if max_chars is not None and len(text) > max_chars:
        text = text[: max(max_chars - 1, 0)] + "…"
    text = "".join(" " if _is_break(char) else char for char in text)
    return _AUTOLINK_START.sub(_join_after, text.translate(_ESCAPES))


def literal_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """The ``str.format`` fields of a message with every string value passed through :func:`literal`.

    Numbers stay as they are (they may carry format specs such as ``{p:.1f}``); a list or tuple
    holding text (names read from a file) is shown as its literal ``str()``; a field that is itself a
    library message (the reason behind an error) gets the same treatment for its own fields.
    """
    return {name: _literal_field(value) for name, value in fields.items()}


def _literal_field(value: Any) -> Any:
    if isinstance(value, str):
        return literal(value)
    if isinstance(value, (list, tuple)) and any(isinstance(item, str) for item in value):
        return literal(str(value))
    if i18n.is_message(value):
        return _literal_copy(value) or literal(value)
    return value


def _literal_copy(error: Any) -> Any:
    """A copy of a translatable error or problem in which everything that came from outside (its
    string fields and string attributes such as a quoted ``token``) is Markdown-literal."""
    fields = getattr(error, "fields", None)
    if dataclasses.is_dataclass(error) and not isinstance(error, type):  # Problem, Notice (frozen)
        if isinstance(fields, tuple):
            escaped = tuple((name, literal(value) if isinstance(value, str) else value) for name, value in fields)
            return dataclasses.replace(error, fields=escaped)
        if isinstance(fields, dict):
            return dataclasses.replace(error, fields=literal_fields(fields))
        problem = getattr(error, "problem", None)  # e.g. a StackGeometry that failed
        return _literal_copy(problem) if problem is not None else None
    if not hasattr(error, "__dict__") or not (isinstance(fields, dict) or hasattr(error, "problem")):
        return None
    clone = type(error).__new__(type(error))
    for name, value in vars(error).items():
        if name == "fields" and isinstance(value, dict):
            value = literal_fields(value)
        elif name == "problem":
            value = _literal_copy(value) or value
        elif isinstance(value, str) and name != "key":
            value = literal(value)
        setattr(clone, name, value)
    return clone


def message(item: Any, lang: str, part: str = "text") -> str:
    """A library message in ``lang`` (:func:`cnnviz.i18n.message`), with every field that came from
    outside shown literally. :meth:`ui.shell.PageContext.t` calls this for ``ctx.t(error)``.

    Parameters
    ----------
    item : CnnvizError, Notice, Problem, or an error carrying a ``.problem``
        Anything else is shown as its literal ``str()``.
    lang : str
    part : {"text", "message", "fix"}
        The whole text; or, for a shape problem, only what is wrong or only how to fix it (an
        error's own ``message``/``fix`` methods are used when it has them, e.g. a SpecError
        naming the token at fault).
    """
    clone = _literal_copy(item)
    if clone is None:
        return literal(item)
    if part == "text":
        return i18n.message(clone, lang)
    method = getattr(clone, part, None)
    if callable(method):
        return method(lang)
    if part == "message" and getattr(clone, "position", None) is not None:  # a spec error names its token
        from cnnviz.figures.architectures import spec_error_message

        return spec_error_message(clone, lang)
    problem = getattr(clone, "problem", None) or clone
    return (i18n.problem_message if part == "message" else i18n.problem_fix)(problem, lang)
