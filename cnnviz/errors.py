"""The library's one error type for a person to read: a message key and its fields.

A :class:`CnnvizError` is a ``ValueError`` (so ``except ValueError`` keeps working) that carries
what went wrong as data, ``key`` (e.g. ``"grid.not_number"``) and ``fields`` (e.g.
``{"token": "x", "row": 2}``), never as finished text. The library raises it and never translates;
the edge (``ui/``, ``pages/``, ``cnnviz/figures/``) shows it in the reader's language with
:func:`cnnviz.i18n.message`. ``str(error)`` is the English text, looked up in the message tables only
when a message is actually printed (the library imports no locale module to run), with a
plain ``key: field=value`` fallback when a key has no text. A field may itself be a
:class:`CnnvizError`, the reason behind an error (why a model file's weights do not fit): it travels
as key and fields too and is translated in the same language as the message around it.

Areas may subclass it (:class:`cnnviz.images.ImageLoadError`, ...) to be caught selectively; the
subclasses add no behaviour.
"""

from __future__ import annotations

from typing import Any

__all__ = ["CnnvizError", "english"]


def english(key: str, fields: dict[str, Any]) -> str:
    """The English text of message ``key`` with ``fields``, looked up only now (printing a message
    is the one time the library reads the message tables); ``"key: a=1, b=2"`` without one."""
    try:
        from cnnviz.i18n import t

        return t(key, "en", **fields)
    except (ImportError, KeyError, IndexError, ValueError):
        detail = ", ".join(f"{name}={value!r}" for name, value in fields.items())
        return f"{key}: {detail}" if detail else key


class CnnvizError(ValueError):
    """An error carrying a message key and its ``str.format`` fields.

    Parameters
    ----------
    key : str
        Message key in the locale tables, e.g. ``"data.err_not_image"``.
    **fields
        Values substituted into the message (the quantity, the value given, the limit ...).
    """

    def __init__(self, key: str, /, **fields: Any) -> None:
        super().__init__(key)
        self.key = key
        self.fields = fields

    def __str__(self) -> str:
        try:
            from cnnviz.i18n import message  # only when a message is printed: see the module docstring

            return message(self, "en")
        except (ImportError, KeyError, IndexError, ValueError):
            return english(self.key, self.fields)

    def __reduce__(self):
        return (_rebuild, (type(self), self.key, self.fields))


def _rebuild(cls: type, key: str, fields: dict[str, Any]) -> CnnvizError:
    return cls(key, **fields)
