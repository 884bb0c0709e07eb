"""Chinese / English strings for every user-visible text.

Strings live in ``cnnviz/i18n/locales/<area>.py`` modules, one per page or area, each defining
``STRINGS = {"area.key": {"en": "...", "zh": "..."}}``. This module merges them, so helpers and
pages can add strings without editing one shared file.

Use ``t("conv.title", lang)`` or with ``str.format`` fields: ``t("conv.out_size", lang, h=3, w=3)``.
"""

from __future__ import annotations

import importlib
import pkgutil

from cnnviz.i18n import locales

LANGUAGES = ("en", "zh")
LANGUAGE_NAMES = {"en": "English", "zh": "中文"}
DEFAULT_LANGUAGE = "en"


def _load_strings() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(locales.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{locales.__name__}.{info.name}")
        for key, texts in module.STRINGS.items():
            if key in merged:
                raise ValueError(f"i18n key {key!r} is defined twice (again in locales/{info.name}.py)")
            merged[key] = texts
    return merged


STRINGS = _load_strings()


def normalize_language(value: str | None) -> str:
    """Map a language tag or locale ("zh-CN", "en_US", "中文", None) to "en" or "zh"."""
    if not value:
        return DEFAULT_LANGUAGE
    value = str(value).strip().lower()
    if value.startswith("zh") or value == "中文":
        return "zh"
    if value.startswith("en"):
        return "en"
    return DEFAULT_LANGUAGE


def t(key: str, lang: str = DEFAULT_LANGUAGE, **fields) -> str:
    """The text for ``key`` in ``lang``, with ``fields`` substituted by ``str.format``.

    An unknown key raises ``KeyError`` (tests check every key exists in both languages).
    """
    texts = STRINGS[key]
    text = texts.get(normalize_language(lang)) or texts[DEFAULT_LANGUAGE]
    return text.format(**fields) if fields else text


# ---------------------------------------------------------------------------------------------
# messages of library objects: the library raises keys and fields, the edge translates them here
# ---------------------------------------------------------------------------------------------

def problem_message(problem, lang: str = DEFAULT_LANGUAGE) -> str:
    """What is wrong, for a :class:`cnnviz.nn.shapes.Problem` ("kernel span 7 exceeds padded input 5")."""
    text = t(problem.key, lang, **dict(problem.fields))
    if problem.axis is not None:
        text += t("shapes.on_axis", lang, axis=t(f"shapes.axis{problem.axis}", lang))
    return text


def problem_fix(problem, lang: str = DEFAULT_LANGUAGE) -> str:
    """How to fix a :class:`cnnviz.nn.shapes.Problem` ("lower the kernel size or dilation, or add padding")."""
    return t(problem.key + ".fix", lang, **dict(problem.fields))


def message(item, lang: str = DEFAULT_LANGUAGE) -> str:
    """The text of a library message in ``lang``.

    ``item`` is a :class:`cnnviz.errors.CnnvizError` (or anything with ``key`` and a ``fields``
    dict, such as a :class:`cnnviz.images.Notice`), or a :class:`cnnviz.nn.shapes.Problem` or an
    error carrying one (``.problem``), shown as "message: fix". A field that is itself such a
    message (the reason behind an error, e.g. why a model file's weights do not fit) is translated
    into ``lang`` too.
    """
    problem = getattr(item, "problem", None)
    if problem is None and isinstance(item.fields, tuple):  # a Problem itself
        problem = item
    if problem is not None:
        return t("shapes.message_and_fix", lang, message=problem_message(problem, lang),
                 fix=problem_fix(problem, lang))
    fields = {name: message(value, lang) if is_message(value) else value for name, value in item.fields.items()}
    return t(item.key, lang, **fields)


def is_message(value) -> bool:
    """Whether ``value`` is a library message :func:`message` can translate (a key and fields, or a
    ``.problem``), rather than a plain value such as a number or a text from a file."""
    if isinstance(value, (str, bytes, int, float)):
        return False
    return getattr(value, "problem", None) is not None or (
        isinstance(getattr(value, "key", None), str) and isinstance(getattr(value, "fields", None), (dict, tuple)))
