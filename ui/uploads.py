"""The one guarded path for uploaded files: the size limit, its caption, and no unexpected error.

The limit is Streamlit's ``server.maxUploadSize`` (``.streamlit/config.toml``, in MB): the browser
refuses bigger files, the loaders (:func:`cnnviz.images.load_image`,
:func:`cnnviz.train.model_file.read_model_file`) check it again on the bytes, and
:func:`limit_caption` states it in the reader's language under every uploader (Streamlit's own
"Limit … per file" text is English only). :func:`guarded` runs a loader so that anything it raises
other than its own "cannot load" error becomes that error: the page shows its usual message and
keeps what the reader had.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from cnnviz import i18n

T = TypeVar("T")


def limit_bytes() -> int:
    """The largest upload in bytes (``server.maxUploadSize`` MB)."""
    return int(st.get_option("server.maxUploadSize")) * 2 ** 20


def limit_caption(lang: str) -> None:
    """One caption under an uploader: the size limit, in ``lang``."""
    st.caption(i18n.t("common.upload_limit", lang, mb=int(st.get_option("server.maxUploadSize"))))


def guarded(load: Callable[[], T], error: type[Exception], key: str) -> T:
    """``load()``; any exception other than ``error`` (a MemoryError, a library bug, ...) is raised
    as ``error(key)``, the loader's own "cannot load this file" message."""
    try:
        return load()
    except error:
        raise
    except Exception:  # noqa: BLE001 - the whole point: a hostile file must never give a traceback
        raise error(key) from None
