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
