"""The Pooling page under AppTest: drive the controls, check the numbers it shows."""

from __future__ import annotations

import numpy as np
from conftest import plotly_specs

from cnnviz.figures import pooling as fp
from cnnviz.nn import functional as F

CHARTS = ("animation", "coverage", "compare", "shift", "backward")


def charts(at) -> dict:
    """The page's five charts by role (they appear in this order)."""
    specs = plotly_specs(at)
    assert len(specs) == len(CHARTS)
    return dict(zip(CHARTS, specs))


def metrics(at) -> dict:
    return {m.label: m.value for m in at.metric}


def heat_z(spec, index):
    return np.array([[np.nan if v is None else v for v in row] for row in spec["data"][index]["z"]], dtype=float)


def texts(at) -> str:
    return "\n".join(e.value for kind in ("markdown", "caption", "info", "success", "warning", "latex")
                     for e in getattr(at, kind))


COURSE6 = {"pool.preset": "course6"}


def test_the_course_6x6_example(app_test):
    at = app_test("pooling", query=COURSE6)
    assert not at.exception
    assert at.title[0].value == "Pooling"
    latex = at.latex[0].value
    assert r"\frac{6 - 3 + 2\cdot 0}{3}" in latex and r"\mathbf{2}" in latex
    assert metrics(at) == {"Input": "6 × 6", "Output": "2 × 2", "Learnable parameters": "0"}
    found = charts(at)
    assert len(found["animation"]["frames"]) == 4
    np.testing.assert_array_equal(heat_z(found["compare"], 1), [[10, 0], [0, 10]])  # max
    np.testing.assert_array_equal(heat_z(found["compare"], 2), [[10, 0], [0, 10]])  # average
    page = texts(at)
    assert "no parameters" in page and "10 numbers" in page  # a 3×3 conv would learn 3·3 + 1
    assert "**3 of 4** max-pooled values did not change." in page
    assert "max pooling 10, average pooling 10" in page


def test_classic_4x4_max_average_and_backward(app_test):
    at = app_test("pooling", query={"pool.preset": "classic4"})
    found = charts(at)
    np.testing.assert_array_equal(heat_z(found["compare"], 1), [[6, 8], [3, 4]])
    np.testing.assert_allclose(heat_z(found["compare"], 2), [[3.25, 5.25], [2, 2]])
    np.testing.assert_array_equal(heat_z(found["backward"], 0), [[1, 2], [3, 4]])
    np.testing.assert_array_equal(heat_z(found["backward"], 1),
                                  [[0, 0, 0, 0], [0, 1, 0, 2], [3, 0, 0, 0], [0, 0, 0, 4]])
    np.testing.assert_allclose(heat_z(found["backward"], 2), np.kron([[0.25, 0.5], [0.75, 1]], np.ones((2, 2))))
    # the animation's output grid is the max pooling; switch to average and it follows
    animated = [t for t in found["animation"]["data"] if t["type"] == "heatmap"]
    np.testing.assert_array_equal(heat_z({"data": animated}, 2), [[6, 8], [3, 4]])
    at.radio(key="pool.mode").set_value("avg").run()
    assert not at.exception
    animated = [t for t in charts(at)["animation"]["data"] if t["type"] == "heatmap"]
    np.testing.assert_allclose(heat_z({"data": animated}, 2), [[3.25, 5.25], [2, 2]])
    assert "**mean**" in texts(at)
    at.radio(key="pool.dout").set_value("ones").run()
    np.testing.assert_allclose(heat_z(charts(at)["backward"], 2), np.full((4, 4), 0.25))


def test_overlapping_pooling_stride_1_gives_4x4_and_alexnet_button(app_test):
    at = app_test("pooling", query=COURSE6)
    at.toggle(key="pool.same_stride").set_value(False).run()
    at.slider(key="pool.stride").set_value(1).run()
    assert not at.exception
    assert metrics(at)["Output"] == "4 × 4"
    assert r"\frac{6 - 3 + 2\cdot 0}{1}" in at.latex[0].value
    found = charts(at)
    np.testing.assert_array_equal(heat_z(found["compare"], 1), fp.parse_grid("10 10 10 0; 10 10 10 10; 10 10 10 10; 0 10 10 10"))
    assert len(found["animation"]["frames"]) == 16
    assert heat_z(found["coverage"], 0).max() == 9  # the centre cells are read by 3×3 windows
    assert "Overlapping pooling" in at.success[0].value
    assert "windows overlap" in texts(at)

    at.button(key="pool.alexnet").click().run()
    assert not at.exception
    assert at.slider(key="pool.kernel").value == 3 and at.slider(key="pool.stride").value == 2
    assert r"\frac{6 - 3 + 2\cdot 0}{2}" in at.latex[0].value
    assert "55×55 → 27×27" in at.success[0].value and "= 27" in at.success[0].value


def test_padding_and_ceil_mode_change_the_formula(app_test):
    at = app_test("pooling", query={**COURSE6, "pool.padding": 1})
    assert not at.exception
    assert r"\frac{6 - 3 + 2\cdot 1}{3}" in at.latex[0].value and metrics(at)["Output"] == "2 × 2"
    at.toggle(key="pool.ceil").set_value(True).run()
    assert r"\left\lceil" in at.latex[0].value and metrics(at)["Output"] == "3 × 3"
    expected = F.max_pool2d(fp.preset_grid("course6")[None, None], 3, 3, 1, ceil_mode=True)[0, 0]
    np.testing.assert_array_equal(heat_z(charts(at)["compare"], 1), expected)


def test_window_slider_and_the_20x20_example(app_test):
    at = app_test("pooling", query={"pool.preset": "random", "pool.size": 20, "pool.kernel": 10})
    assert not at.exception
    assert metrics(at)["Output"] == "2 × 2"
    assert r"\frac{20 - 10 + 2\cdot 0}{10}" in at.latex[0].value
    at.slider(key="pool.kernel").set_value(7).run()
    assert metrics(at)["Output"] == "2 × 2"
    assert any("last 6 row(s) and 6 column(s)" in c.value for c in at.caption)  # 14..19 dropped by the floor


def test_typed_grid_and_its_mistakes(app_test):
    at = app_test("pooling", query={"pool.preset": "custom"})
    grid = at.text_area(key="pool.grid")
    grid.input("1 2 3 4; 5 6 7 8; 9 10 11 12; 13 14 15 16").run()
    assert not at.exception
    np.testing.assert_array_equal(heat_z(charts(at)["compare"], 1), [[6, 8], [14, 16]])
    at.text_area(key="pool.grid").input("1 2; 3 x").run()
    assert not at.exception
    assert "“x” in row 2 is not a number" in at.warning[0].value
    assert not plotly_specs(at)
    at.text_area(key="pool.grid").input("1 2 3; 4 5").run()
    assert "row 2 has 2 numbers but row 1 has 3" in at.warning[0].value


def test_translation_invariance_on_the_step_edge(app_test):
    at = app_test("pooling", query={"pool.preset": "edge"})
    assert "**16 of 16** max-pooled values did not change." in texts(at)
    shift = charts(at)["shift"]
    assert any(a["text"] == "8 of 64 changed" for a in shift["layout"]["annotations"])
    at.slider(key="pool.shift").set_value(2).run()
    assert "**12 of 16** max-pooled values" in texts(at)
    at.radio(key="pool.shift_dir").set_value("down").run()
    assert "**14 of 16**" in texts(at)  # only the top windows, where zeros came in, change
    at.radio(key="pool.mode").set_value("avg").run()
    assert "average-pooled values did not change" in texts(at)


def test_mnist_digit_preset(app_test):
    at = app_test("pooling", query={"pool.preset": "digit", "pool.digit": 7})
    assert not at.exception
    assert metrics(at) ["Input"] == "12 × 12" and metrics(at)["Output"] == "6 × 6"
    x = heat_z(charts(at)["compare"], 0)
    assert x.min() == 0 and x.max() == 9
    at.number_input(key="pool.digit").set_value(8).run()
    assert not np.array_equal(heat_z(charts(at)["compare"], 0), x)


def test_invalid_link_values_are_explained_not_raised(app_test):
    at = app_test("pooling", query={**COURSE6, "pool.kernel": 99, "pool.mode": "median", "pool.padding": 2})
    assert not at.exception
    notice = at.info[0].value
    assert "pool.kernel" in notice and "pool.mode" in notice and "pool.padding" in notice  # padding ≤ K//2 = 1
    assert metrics(at)["Output"] == "2 × 2"


def test_a_preset_loads_its_own_window(app_test):
    at = app_test("pooling", query=COURSE6)
    at.slider(key="pool.kernel").set_value(2).run()
    at.toggle(key="pool.same_stride").set_value(False).run()
    assert metrics(at)["Output"] == "3 × 3"  # the stride starts at the window size
    at.slider(key="pool.stride").set_value(1).run()
    assert metrics(at)["Output"] == "5 × 5"
    at.selectbox(key="pool.preset").set_value("classic4").run()
    assert not at.exception
    assert at.slider(key="pool.kernel").value == 2 and at.toggle(key="pool.same_stride").value is True
    assert metrics(at)["Output"] == "2 × 2"
    at.selectbox(key="pool.preset").set_value("course6").run()
    assert at.slider(key="pool.kernel").value == 3 and metrics(at)["Output"] == "2 × 2"


def test_chinese_then_presentation_mode(app_test):
    at = app_test("pooling", lang="zh", query=COURSE6)
    assert not at.exception
    assert at.title[0].value == "池化"
    assert metrics(at)["可学习参数"] == "0"
    assert "**3 个**保持不变" in texts(at)
    assert [e.label.startswith("**先预测：**") for e in at.expander] == [True]  # only the question
    at.toggle(key="app.present").set_value(True).run()
    assert not at.exception
    labels = [e.label for e in at.expander]  # presenting: intro, the question, controls folded
    assert labels[0] == "本页说明" and labels[1].startswith("**先预测：**") and labels[2] == "设置"
    assert metrics(at)["输出"] == "2 × 2"
