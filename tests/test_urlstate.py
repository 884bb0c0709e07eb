"""URL-synced widgets (ui/urlstate.py) under AppTest: first-run values from the URL, invalid
values fall back to defaults with one translated notice, clamping, and the URL mirror."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from ui import urlstate

CONTROLS = """
import streamlit as st
from ui.shell import page_context
from ui.urlstate import (show_url_notices, url_multiselect, url_number, url_select, url_slider,
                         url_text, url_toggle)

def parse_grid(text):
    rows = [[int(v) for v in line.split()] for line in text.strip().splitlines()]
    if not rows or len({len(r) for r in rows}) != 1:
        raise ValueError("ragged grid")
    return rows

ctx = page_context("t")
show_url_notices(ctx)  # before the widgets on purpose: notices still land here
size = url_slider("t.size", "size", 3, 9, default=5)
kernel = url_slider("t.kernel", "kernel", 1, size, default=3)
scale = url_slider("t.scale", "scale", 0.0, 1.0, default=0.5, step=0.1)
mode = url_select("t.mode", "mode", ["valid", "same", "full"], "valid", radio=True)
kinds = ["max", "avg"] if size > 4 else ["max"]
pool = url_select("t.pool", "pool", kinds, "max")
show = url_toggle("t.show", "show", False)
lr = url_number("t.lr", "lr", 0.0001, 1.0, 0.01, step=0.001, format="%.4f")
grid = url_text("t.grid", "grid", "1 0\\n0 1", area=True, validate=parse_grid)
acts = url_multiselect("t.acts", "acts", ["relu", "tanh", "sigmoid"], ["relu"])
st.write(repr(dict(size=size, kernel=kernel, scale=scale, mode=mode, pool=pool, show=show,
                   lr=lr, grid=grid, acts=acts)))
"""

DEFAULTS = dict(size=5, kernel=3, scale=0.5, mode="valid", pool="max", show=False, lr=0.01,
                grid="1 0\n0 1", acts=["relu"])


def run(query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_string(CONTROLS, default_timeout=30)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def values(at: AppTest) -> dict:
    return eval(at.markdown[-1].value.strip("`"))  # the script writes repr(dict(...))


def widget_params(at: AppTest) -> dict:
    return {k: v for k, v in at.query_params.items() if k.startswith("t.")}


def test_defaults_without_url_keep_the_url_clean():
    at = run()
    assert values(at) == DEFAULTS
    assert widget_params(at) == {}
    assert len(at.info) == 0


def test_valid_url_values_open_that_configuration():
    at = run({"t.size": "7", "t.kernel": "6", "t.scale": "0.3", "t.mode": "full", "t.pool": "avg",
              "t.show": "1", "t.lr": "0.25", "t.grid": "1 2 3\n4 5 6", "t.acts": "tanh,sigmoid"})
    assert values(at) == dict(size=7, kernel=6, scale=0.3, mode="full", pool="avg", show=True,
                              lr=0.25, grid="1 2 3\n4 5 6", acts=["tanh", "sigmoid"])
    assert len(at.info) == 0
    # The URL still holds exactly these non-default values.
    assert widget_params(at) == {"t.size": "7", "t.kernel": "6", "t.scale": "0.3", "t.mode": "full",
                                 "t.pool": "avg", "t.show": "1", "t.lr": "0.25",
                                 "t.grid": "1 2 3\n4 5 6", "t.acts": "tanh,sigmoid"}


@pytest.mark.parametrize(
    ("key", "raw"),
    [
        ("t.size", "abc"),        # not a number
        ("t.size", "99"),         # out of range
        ("t.size", "5.5"),        # not an integer
        ("t.kernel", "0"),        # below the minimum
        ("t.scale", "0.55"),      # off the 0.1 grid
        ("t.scale", "nan"),       # not finite
        ("t.mode", "circular"),   # unknown option
        ("t.show", "maybe"),      # not a flag
        ("t.lr", "-1"),           # out of range
        ("t.grid", "1 2\n3"),     # fails the page's validator
        ("t.acts", "relu,gelu"),  # unknown option in the list
        ("t.acts", "relu,relu"),  # duplicate
    ],
)
def test_an_invalid_url_value_falls_back_to_the_default_with_a_notice(key, raw):
    at = run({key: raw})
    assert values(at) == DEFAULTS
    assert len(at.info) == 1
    notice = at.info[0].value
    assert "reset to their defaults" in notice
    assert key in notice
    assert key not in at.query_params  # the bad value is gone from the link


def test_several_invalid_values_give_one_notice_shown_once():
    at = run({"t.size": "abc", "t.mode": "circular", "t.kernel": "4"})
    assert values(at)["kernel"] == 4  # the valid one is kept
    assert len(at.info) == 1
    assert "t.size" in at.info[0].value and "t.mode" in at.info[0].value
    at.run()
    assert len(at.info) == 0


def test_the_notice_is_translated():
    at = run({"lang": "zh", "t.size": "abc"})
    assert "链接中的部分设置在此处无效" in at.info[0].value


def test_a_dependent_range_clamps_the_current_value():
    at = run({"t.size": "9", "t.kernel": "8"})
    at.slider(key="t.size").set_value(4).run()
    assert not at.exception
    assert values(at)["kernel"] == 4
    assert at.slider(key="t.kernel").value == 4
    # Growing the range again keeps the clamped value (no jump back to the default).
    at.slider(key="t.size").set_value(9).run()
    assert values(at)["kernel"] == 4
    assert widget_params(at) == {"t.size": "9", "t.kernel": "4"}


def test_an_option_that_disappears_resets_to_the_default():
    at = run({"t.pool": "avg"})
    at.slider(key="t.size").set_value(3).run()  # only "max" is offered at size <= 4
    assert not at.exception
    assert values(at)["pool"] == "max"
    assert "t.pool" not in at.query_params


def test_changes_are_mirrored_and_defaults_removed():
    at = run()
    at.slider(key="t.scale").set_value(0.3).run()
    at.radio(key="t.mode").set_value("same").run()
    at.toggle(key="t.show").set_value(True).run()
    at.multiselect(key="t.acts").set_value([]).run()
    assert widget_params(at) == {"t.scale": "0.3", "t.mode": "same", "t.show": "1", "t.acts": ""}
    at.radio(key="t.mode").set_value("valid").run()
    at.toggle(key="t.show").set_value(False).run()
    assert widget_params(at) == {"t.scale": "0.3", "t.acts": ""}


def test_an_empty_multiselect_round_trips_through_the_url():
    at = run({"t.acts": ""})
    assert values(at)["acts"] == []
    assert len(at.info) == 0


def test_shell_params_are_left_alone():
    at = run({"lang": "zh", "present": "1", "t.size": "7"})
    at.slider(key="t.size").set_value(5).run()
    assert at.query_params["lang"] == "zh"
    assert at.query_params["present"] == "1"
    assert "t.size" not in at.query_params


def test_a_range_of_one_value_shows_that_value_without_error():
    at = AppTest.from_string(
        "from ui.urlstate import url_slider\n"
        "import streamlit as st\n"
        "st.text(str(url_slider('t.one', 'one', 3, 3, default=1)))\n",
        default_timeout=30,
    )
    at.query_params["t.one"] = "3"
    at.run()
    assert not at.exception
    assert at.text[0].value == "3"
    assert at.number_input(key="t.one").value == 3
    assert at.number_input(key="t.one").proto.disabled


def test_a_reserved_key_is_refused():
    at = AppTest.from_string(
        "from ui.urlstate import url_toggle\nurl_toggle('present', 'p', False)\n", default_timeout=30
    )
    at.run()
    assert "reserved" in at.exception[0].message


def test_number_range_validation_names_the_rule():
    with pytest.raises(ValueError, match="min_value 5 exceeds max_value 2"):
        urlstate._NumberRange("t.x", 5, 2, 1, on_grid=True)
    with pytest.raises(ValueError, match="step must be positive"):
        urlstate._NumberRange("t.x", 0, 2, 0, on_grid=True)


def test_number_range_fit_clamps_and_snaps():
    ints = urlstate._NumberRange("t.x", 1, 9, 2, on_grid=True)  # 1, 3, 5, 7, 9
    assert [ints.fit(v) for v in (-4, 1, 3, 5.2, 8.9, 42, "junk")] == [1, 1, 3, 5, 9, 9, 1]
    floats = urlstate._NumberRange("t.y", 0.0, 1.0, 0.1, on_grid=True)
    assert floats.fit(0.34) == 0.3
    assert floats.fit(1.7) == 1.0


def test_parse_flag():
    assert [urlstate.parse_flag(v) for v in ("1", "true", "ON", "0", "no", "")] == [
        True, True, True, False, False, False]
    with pytest.raises(ValueError):
        urlstate.parse_flag("maybe")
