"""Each page's settings survive a visit to another page (ui/urlstate.py's session memory)."""

from __future__ import annotations

from tests.conftest import make_app_test


def _leave_and_return(at, away: str, back: str):
    """Open ``away`` then ``back`` as the browser does: a page link drops the old page's URL."""
    for key in [k for k in at.query_params if k != "lang"]:
        del at.query_params[key]
    at.switch_page(f"pages/{away}.py").run()
    assert not at.exception, at.exception
    for key in [k for k in at.query_params if k != "lang"]:
        del at.query_params[key]
    at.switch_page(f"pages/{back}.py").run()
    assert not at.exception, at.exception
    return at


def test_conv_lab_settings_and_url_come_back_after_pooling():
    at = make_app_test("conv_lab", query={"conv.sh": 2, "conv.pad": "full"})
    assert at.slider(key="conv.sh").value == 2
    at = _leave_and_return(at, "pooling", "conv_lab")
    assert at.slider(key="conv.sh").value == 2
    assert at.selectbox(key="conv.pad").value == "full"
    assert at.query_params["conv.sh"] == ["2"] or at.query_params["conv.sh"] == "2"
    assert "full" in str(at.query_params["conv.pad"])


def test_a_reset_callback_is_not_undone_by_the_memory():
    at = make_app_test("conv_lab", query={"conv.input": "edge", "conv.size": 5})
    assert at.slider(key="conv.size").value == 5
    at = _leave_and_return(at, "pooling", "conv_lab")
    assert at.slider(key="conv.size").value == 5
    at.selectbox(key="conv.input").set_value("checker").run()  # a new source starts from its own size
    assert not at.exception
    assert at.slider(key="conv.size").value == 7
    at = _leave_and_return(at, "pooling", "conv_lab")
    assert at.selectbox(key="conv.input").value == "checker"
    assert at.slider(key="conv.size").value == 7


def test_a_fresh_page_still_starts_from_defaults():
    at = make_app_test("pooling")
    at = _leave_and_return(at, "conv_lab", "pooling")
    assert not [k for k in at.query_params if k.startswith("pool.")]
