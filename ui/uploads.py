"""The one guarded path for uploaded files: the size limit and no unexpected error.

The limit is Streamlit's ``server.maxUploadSize`` (``.streamlit/config.toml``, in MB): the browser
refuses bigger files, the loaders (:func:`cnnviz.images.load_image`,
:func:`cnnviz.train.model_file.read_model_file`) check it again on the bytes, and every uploader
states it in the reader's language (Streamlit's own "8MB per file" is English only: the shell's
CSS, :func:`ui.style.uploader_css`, replaces the uploader's texts). :func:`guarded` runs a loader so that anything it raises
other than its own "cannot load" error becomes that error: the page shows its usual message and
keeps what the reader had.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st

T = TypeVar("T")


def limit_mb() -> int:
    """The largest upload in MB, as Streamlit's uploader counts them (``server.maxUploadSize``)."""
    return int(st.get_option("server.maxUploadSize"))


def limit_bytes() -> int:
    """The largest upload in bytes."""
    return limit_mb() * 2 ** 20


def guarded(load: Callable[[], T], error: type[Exception], key: str) -> T:
    """``load()``; any exception other than ``error`` (a MemoryError, a library bug, ...) is raised
    as ``error(key)``, the loader's own "cannot load this file" message."""
    try:
        return load()
    except error:
        raise
    except Exception:  # noqa: BLE001 - the whole point: a hostile file must never give a traceback
        raise error(key) from None
