"""Deep links: widgets whose values live in the URL, so a pasted link opens the same view.

Each wrapper creates one Streamlit widget whose session-state key and query-parameter name are the
same namespaced string (``"conv.stride"`` → ``?conv.stride=2``)::

    ctx = page_context("conv")
    stride = url_slider("conv.stride", ctx.t("conv.stride"), 1, 4, default=1)
    mode = url_select("conv.mode", ctx.t("conv.mode"), ["valid", "same"], "valid", radio=True)
    grid = url_text("conv.grid", ctx.t("conv.grid"), "1 0\\n0 1", area=True, validate=parse_grid)
    show_url_notices(ctx)

Semantics, the same for every wrapper:

- On a session's first run (the key is not in ``st.session_state``) the value comes from
  ``st.query_params[key]`` when present and valid, else ``default``. An invalid or stale URL value
  (``conv.stride=abc``, out of range, an unknown option) falls back to ``default`` and records a
  short translated notice that :func:`show_url_notices` displays once (an ``st.info``).
- On later runs the widget keeps its value. If the allowed range or options changed so the
  current value no longer fits (a dependent slider), it is clamped (numbers) or reset to the
  default (choices) before the widget is created, so Streamlit never raises.
- After the widget, the value is written to ``st.query_params[key]`` when it differs from
  ``default`` and removed when equal, which keeps links short. ``lang`` and ``present`` belong
  to the shell and are never touched here; they cannot be used as keys.
- Every value is also remembered for the session. Navigating to another page drops the widgets
  of the page left (Streamlit forgets them, and the URL loses their parameters); on the first
  run after coming back (:func:`enter_page`, called by ``page_context``) a widget whose key is
  neither in the session nor in the URL starts from its remembered value, and the URL is rebuilt.
  :func:`forget` resets widgets to their defaults for good (session, URL and memory).

Extra keyword arguments (``format=``, ``label_visibility=``, ``disabled=`` ...) go to the
Streamlit widget. Place a wrapper in a column or the sidebar with ``with col:`` as usual.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import streamlit as st

from cnnviz import i18n
from ui.literal import literal

T = TypeVar("T")

NOTICES_KEY = "_urlstate.notices"
SLOT_KEY = "_urlstate.slot"
SAVED_KEY = "_urlstate.saved"  # key -> last value, for the whole session (survives navigation)
PAGE_KEY = "_urlstate.page"  # the page of the previous run
ARRIVED_KEY = "_urlstate.arrived"  # this run is the first one on its page after another page
RESERVED_PARAMS = frozenset({"lang", "present", "embed", "embed_options", "held"})
MAX_TEXT_CHARS = 2000
_NOTICE_VALUE_CHARS = 40
_INT_PATTERN = re.compile(r"[+-]?\d+")
_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off", ""})


# --------------------------------------------------------------------------------------------
# Notices about invalid URL values
# --------------------------------------------------------------------------------------------


def record_notice(key: str, raw: object) -> None:
    """Remember that the URL gave ``key`` the unusable value ``raw`` (shown once, translated)."""
    text = str(raw)
    if len(text) > _NOTICE_VALUE_CHARS:
        text = text[: _NOTICE_VALUE_CHARS - 1] + "…"
    st.session_state.setdefault(NOTICES_KEY, []).append((key, text))
    _flush_notices()


def reset_notice_slot() -> None:
    """Forget the notice placeholder of the previous run (the shell calls this at run start)."""
    st.session_state.pop(SLOT_KEY, None)


def show_url_notices(ctx: Any) -> None:
    """Show, here and once, which URL values were invalid and reset to their defaults.

    Call it once per page after :func:`ui.shell.page_context`; anywhere works, because notices
    recorded later in the same run are written into the placeholder created here.

    Parameters
    ----------
    ctx : ui.shell.PageContext
        Supplies the language (``ctx.lang``).
    """
    st.session_state[SLOT_KEY] = {"slot": st.empty(), "lang": ctx.lang, "shown": []}
    _flush_notices()


def _flush_notices() -> None:
    state = st.session_state
    entry = state.get(SLOT_KEY)
    pending = state.get(NOTICES_KEY)
    if entry is None or not pending:
        return
    entry["shown"].extend(pending)
    state[NOTICES_KEY] = []
    lang = entry["lang"]
    items = ", ".join(
        i18n.t("common.url_notice_item", lang, name=name, value=literal(value))
        for name, value in entry["shown"]
    )
    entry["slot"].info(i18n.t("common.url_notice", lang, items=items), icon=":material/link_off:")


# --------------------------------------------------------------------------------------------
# Settings that survive navigation
# --------------------------------------------------------------------------------------------


def enter_page(page: str) -> None:
    """Note which page this run shows; the first run after another page restores its settings."""
    state = st.session_state
    state[ARRIVED_KEY] = state.get(PAGE_KEY) != page
    state[PAGE_KEY] = page


def remember(key: str, encoded: str | None) -> None:
    """Keep the URL spelling of ``key``'s value for this session (None: forget it)."""
    saved = st.session_state.setdefault(SAVED_KEY, {})
    if encoded is None:
        saved.pop(key, None)
    else:
        saved[key] = encoded


def remembered(key: str) -> str | None:
    """The URL spelling remembered for ``key`` when this run has just come back to its page."""
    state = st.session_state
    if not state.get(ARRIVED_KEY):
        return None
    return state.get(SAVED_KEY, {}).get(key)


def forget(*keys: str) -> None:
    """Reset widgets to their defaults: drop their values from the session, the URL and the memory.

    Use it in ``on_change`` callbacks (they run before the script, so the widgets are created anew).
    """
    for key in keys:
        st.session_state.pop(key, None)
        remember(key, None)
        if key in st.query_params:
            del st.query_params[key]


# --------------------------------------------------------------------------------------------
# The shared mechanism
# --------------------------------------------------------------------------------------------


def _settle(key: str, default: T, parse: Callable[[str], T], fit: Callable[[Any], T]) -> None:
    """Put the value the widget must show into ``st.session_state[key]`` before it is created.

    ``parse`` turns a URL string into a value or raises ``ValueError``; ``fit`` maps the value
    kept from the previous run into the current range (clamp, or the default).
    """
    if key in RESERVED_PARAMS:
        raise ValueError(f"widget key {key!r} is reserved for the shell: use a namespaced key")
    state = st.session_state
    if key in state:
        # Re-assigning also carries the value over when Streamlit gives the widget a new
        # identity (a slider whose bounds changed).
        state[key] = fit(state[key])
        return
    raw = st.query_params.get(key)
    value = default
    if raw is not None:
        try:
            value = parse(raw)
        except (ValueError, TypeError):
            record_notice(key, raw)
    elif remembered(key) is not None:  # back on this page: the value it had (if still valid)
        try:
            value = parse(remembered(key))
        except (ValueError, TypeError):
            value = default
    state[key] = value


def _mirror(key: str, encoded: str, is_default: bool) -> None:
    """Write the value to the URL, or remove it when it is the default; remember it."""
    remember(key, encoded)
    params = st.query_params
    if is_default:
        if key in params:
            del params[key]
    elif params.get(key) != encoded:
        params[key] = encoded


def _bad(key: str, raw: object) -> ValueError:
    return ValueError(f"{key}: URL value {raw!r} is not valid here")


# --------------------------------------------------------------------------------------------
# Numbers
# --------------------------------------------------------------------------------------------


def _parse_number(raw: str, is_float: bool) -> float | int:
    text = raw.strip()
    if is_float:
        value = float(text)
        if not math.isfinite(value):
            raise ValueError(f"not a finite number: {raw!r}")
        return value
    if not _INT_PATTERN.fullmatch(text):
        raise ValueError(f"not an integer: {raw!r}")
    return int(text)


def _format_number(value: float | int) -> str:
    return format(value, ".10g") if isinstance(value, float) else str(value)


def _same_number(a: float | int, b: float | int) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


class _NumberRange:
    """An inclusive range with an optional step grid starting at ``low``."""

    def __init__(self, name: str, low, high, step, *, on_grid: bool) -> None:
        self.is_float = any(isinstance(v, float) for v in (low, high, step))
        kind = float if self.is_float else int
        self.low, self.high, self.step = kind(low), kind(high), kind(step)
        self.on_grid = on_grid
        if not self.step > 0:
            raise ValueError(f"{name}: step must be positive, got {step}")
        if self.low > self.high:
            raise ValueError(
                f"{name}: min_value {low} exceeds max_value {high}: pass min_value <= max_value"
            )

    def fit(self, value) -> float | int:
        """Clamp to the range and, for a grid, snap to the nearest grid point."""
        try:
            value = float(value) if self.is_float else int(round(float(value)))
        except (TypeError, ValueError):
            value = self.low
        value = min(max(value, self.low), self.high)
        if self.on_grid:
            steps = round((value - self.low) / self.step)
            value = self.low + steps * self.step
            if value > self.high:
                value -= self.step
            if self.is_float:
                value = round(value, 12)
        return value

    def parse(self, key: str, raw: str) -> float | int:
        value = _parse_number(raw, self.is_float)
        if not self.low <= value <= self.high:
            raise _bad(key, raw)
        if self.on_grid:
            steps = (value - self.low) / self.step
            if abs(steps - round(steps)) > 1e-6:
                raise _bad(key, raw)
        return float(value) if self.is_float else value


def url_slider(
    key: str,
    label: str,
    min_value: float,
    max_value: float,
    default: float,
    step: float = 1,
    help: str | None = None,
    **widget_kwargs,
) -> int | float:
    """A URL-synced ``st.slider`` for one int (all arguments ints) or float (any float).

    Parameters
    ----------
    key : str
        Session-state key and query-parameter name, namespaced (``"conv.stride"``).
    label : str
        Translated label.
    min_value, max_value : int or float
        Inclusive bounds; they may depend on other controls (a stale value is clamped).
    default : int or float
        Used when the URL has no (valid) value; clamped into the bounds.
    step : int or float
        Grid spacing from ``min_value``; URL values off the grid are invalid.
    help : str, optional
        Tooltip.

    Returns
    -------
    int or float
        The slider's value. When ``min_value == max_value`` there is nothing to choose: a
        disabled number box shows the single value.
    """
    grid = _NumberRange(key, min_value, max_value, step, on_grid=True)
    default = grid.fit(default)
    _settle(key, default, lambda raw: grid.parse(key, raw), grid.fit)
    if grid.low == grid.high:
        value = st.number_input(label, min_value=grid.low, max_value=grid.high, key=key,
                                help=help, disabled=True)
    else:
        value = st.slider(label, min_value=grid.low, max_value=grid.high, step=grid.step, key=key,
                          help=help, **widget_kwargs)
    _mirror(key, _format_number(value), _same_number(value, default))
    return value


def url_number(
    key: str,
    label: str,
    min_value: float,
    max_value: float,
    default: float,
    step: float = 1,
    help: str | None = None,
    **widget_kwargs,
) -> int | float:
    """A URL-synced ``st.number_input`` (int or float as for :func:`url_slider`).

    Any value in ``[min_value, max_value]`` is valid (``step`` is the +/- increment only).
    """
    bounds = _NumberRange(key, min_value, max_value, step, on_grid=False)
    default = bounds.fit(default)
    _settle(key, default, lambda raw: bounds.parse(key, raw), bounds.fit)
    value = st.number_input(label, min_value=bounds.low, max_value=bounds.high, step=bounds.step,
                            key=key, help=help, **widget_kwargs)
    _mirror(key, _format_number(value), _same_number(value, default))
    return value


# --------------------------------------------------------------------------------------------
# Choices
# --------------------------------------------------------------------------------------------


def _option_codes(key: str, options: Sequence) -> list[str]:
    """The URL spelling of each option (``str(option)``); they must be distinct."""
    if not options:
        raise ValueError(f"{key}: options is empty: pass at least one option")
    codes = [str(option) for option in options]
    if len(set(codes)) != len(codes):
        raise ValueError(f"{key}: options {codes} do not have distinct str() spellings for the URL")
    return codes


def url_select(
    key: str,
    label: str,
    options: Sequence[T],
    default: T,
    format_func: Callable[[T], str] | None = None,
    horizontal: bool = False,
    radio: bool = False,
    help: str | None = None,
    **widget_kwargs,
) -> T:
    """A URL-synced ``st.selectbox``, or ``st.radio`` when ``radio`` or ``horizontal`` is true.

    In the URL an option is spelled ``str(option)``. ``options`` may depend on other controls:
    a value that disappeared is reset to ``default`` (or the first option if ``default`` is
    not among ``options``). ``horizontal=True`` lays the radio buttons out in a row.
    """
    options = list(options)
    codes = _option_codes(key, options)
    if default not in options:
        default = options[0]

    def parse(raw: str) -> T:
        if raw not in codes:
            raise _bad(key, raw)
        return options[codes.index(raw)]

    def fit(value: Any) -> T:
        return value if value in options else default

    _settle(key, default, parse, fit)
    format_func = format_func or str
    if radio or horizontal:
        value = st.radio(label, options, format_func=format_func, horizontal=horizontal, key=key,
                         help=help, **widget_kwargs)
    else:
        value = st.selectbox(label, options, format_func=format_func, key=key, help=help,
                             **widget_kwargs)
    _mirror(key, codes[options.index(value)], value == default)
    return value


def url_multiselect(
    key: str,
    label: str,
    options: Sequence[T],
    default: Sequence[T],
    format_func: Callable[[T], str] | None = None,
    max_selections: int | None = None,
    help: str | None = None,
    **widget_kwargs,
) -> list[T]:
    """A URL-synced ``st.multiselect``; in the URL a comma-separated list (``?k=a,b``; ``?k=``
    for none). Options that disappeared are dropped from the selection."""
    options = list(options)
    codes = _option_codes(key, options)
    if any("," in code for code in codes):
        raise ValueError(f"{key}: option spellings {codes} must not contain commas")
    default = [option for option in default if option in options]

    def parse(raw: str) -> list[T]:
        picked = [part.strip() for part in raw.split(",") if part.strip()]
        if len(set(picked)) != len(picked) or any(code not in codes for code in picked):
            raise _bad(key, raw)
        if max_selections is not None and len(picked) > max_selections:
            raise _bad(key, raw)
        return [options[codes.index(code)] for code in picked]

    def fit(value: Any) -> list[T]:
        kept = [option for option in (value or []) if option in options]
        return kept[:max_selections] if max_selections is not None else kept

    _settle(key, default, parse, fit)
    value = st.multiselect(label, options, format_func=format_func or str, key=key,
                           max_selections=max_selections, help=help, **widget_kwargs)
    encoded = ",".join(codes[options.index(option)] for option in value)
    _mirror(key, encoded, list(value) == default)
    return value


# --------------------------------------------------------------------------------------------
# Flags and text
# --------------------------------------------------------------------------------------------


def parse_flag(raw: str) -> bool:
    """``"1"/"true"/"yes"/"on"`` → True, ``"0"/"false"/"no"/"off"/""`` → False, else ValueError."""
    text = raw.strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"not a flag: {raw!r} (use 1 or 0)")


def url_toggle(key: str, label: str, default: bool, help: str | None = None,
               **widget_kwargs) -> bool:
    """A URL-synced ``st.toggle``; ``?key=1`` or ``?key=0``."""
    default = bool(default)
    _settle(key, default, parse_flag, lambda value: value if isinstance(value, bool) else default)
    value = st.toggle(label, key=key, help=help, **widget_kwargs)
    _mirror(key, "1" if value else "0", value == default)
    return value


def url_text(
    key: str,
    label: str,
    default: str,
    max_chars: int = MAX_TEXT_CHARS,
    area: bool = False,
    validate: Callable[[str], object] | None = None,
    help: str | None = None,
    **widget_kwargs,
) -> str:
    """A URL-synced ``st.text_input`` (or ``st.text_area`` when ``area``), e.g. a typed grid.

    ``validate(text)`` is called on URL values only; raising ``ValueError`` makes the value
    invalid (default + notice). Text the reader types is returned as is: the page explains
    what is wrong with it.
    """
    if len(default) > max_chars:
        raise ValueError(f"{key}: default has {len(default)} characters, more than max_chars {max_chars}")

    def parse(raw: str) -> str:
        if len(raw) > max_chars:
            raise _bad(key, raw)
        if validate is not None:
            validate(raw)
        return raw

    def fit(value: Any) -> str:
        return value[:max_chars] if isinstance(value, str) else default

    _settle(key, default, parse, fit)
    widget = st.text_area if area else st.text_input
    value = widget(label, key=key, max_chars=max_chars, help=help, **widget_kwargs)
    _mirror(key, value, value == default)
    return value
