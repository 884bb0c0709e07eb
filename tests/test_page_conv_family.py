"""AppTest of pages/conv_family.py: every topic's controls drive the formulas (numbers substituted),
the parameter counts and the figures, all equal to cnnviz.nn.shapes / cnnviz.lessons.convmath."""

from __future__ import annotations

import numpy as np

from cnnviz.lessons import convmath
from cnnviz.nn import shapes
from tests.conftest import make_app_test, plotly_specs

PAGE = "conv_family"


def latex_text(at):
    return " ".join(element.value for element in at.latex)


def texts(elements):
    return " ".join(element.value for element in elements)


def test_dilated_defaults_show_the_course_numbers_and_gridding():
    at = make_app_test(PAGE)
    assert not at.exception
    latex = latex_text(at)
    assert r"K_\text{eff} = K + (K-1)(D-1) = 3 + (3-1)(2-1) = \mathbf{5}" in latex
    assert r"1 + (3-1)(2+2) = \mathbf{9}" in latex
    assert "Still 9 weights" in texts(at.caption)
    spec = plotly_specs(at)[0]
    stacked = convmath.receptive_field_counts(3, [2, 2])
    maps = [d for d in spec["data"] if d["type"] == "heatmap"]
    z = np.array([[0 if v is None else v for v in row] for row in maps[-1]["z"]])
    np.testing.assert_array_equal(z, stacked)
    holes = int((stacked == 0).sum())
    assert holes == 56
    assert "56 of the 81 pixels" in at.warning[0].value


def test_dilated_doubling_from_1_has_no_holes():
    at = make_app_test(PAGE)
    at.slider(key="family.dilation").set_value(1).run()
    at.slider(key="family.layers").set_value(3).run()
    at.toggle(key="family.doubling").set_value(True).run()
    assert not at.exception
    assert r"1 + (3-1)(1+2+4) = \mathbf{15}" in latex_text(at)
    assert shapes.receptive_field([(3, 1, 0, d) for d in (1, 2, 4)])[-1].rf == 15
    assert "15×15" in at.success[0].value
    at.slider(key="family.kernel").set_value(5).run()
    assert r"1 + (5-1)(1+2+4) = \mathbf{29}" in latex_text(at)


def test_groups_parameter_count_changes_live():
    at = make_app_test(PAGE, query={"family.topic": "groups"})
    assert not at.exception
    latex = latex_text(at)
    assert r"16 \times \frac{8}{2} \times 3 \times 3 + 16 = \mathbf{592}" in latex
    assert shapes.conv_params(8, 16, 3, 2) == 592
    assert "(16, 4, 3, 3)" in texts(at.caption) and "1,168" in texts(at.caption)
    wiring, bars = plotly_specs(at)
    lines = [d for d in wiring["data"] if d["mode"] == "lines"]
    assert sum(d["x"].count(None) for d in lines) == 16 * 4  # one line per (filter, channel it reads)
    assert bars["data"][0]["y"] == ["g = 1", "g = 2", "g = 4", "g = 8"]
    assert bars["data"][0]["x"] == [shapes.conv_params(8, 16, 3, g) for g in (1, 2, 4, 8)]
    assert bars["data"][0]["text"] == ["1,168", "592", "304", "160"]

    at.slider(key="family.groups").set_value(8).run()  # depthwise
    assert not at.exception
    assert r"16 \times \frac{8}{8} \times 3 \times 3 + 16 = \mathbf{160}" in latex_text(at)
    assert "depthwise" in at.info[0].value and "2 filter(s)" in at.info[0].value


def test_groups_that_do_not_divide_the_channels_are_explained():
    at = make_app_test(PAGE, query={"family.topic": "groups"})
    at.slider(key="family.groups").set_value(3).run()
    assert not at.exception
    warning = at.warning[0].value
    assert "in_channels 8 is not divisible by groups 3" in warning
    assert "g ∈ {1, 2, 4, 8}" in warning
    assert not plotly_specs(at)
    at.slider(key="family.out_channels").set_value(12).run()  # 8 and 12 share 1, 2, 4
    at.slider(key="family.groups").set_value(4).run()
    assert not at.exception and not at.warning
    assert r"12 \times \frac{8}{4} \times 3 \times 3 + 12 = \mathbf{228}" in latex_text(at)


def test_separable_versus_standard():
    at = make_app_test(PAGE, query={"family.topic": "separable"})
    assert not at.exception
    latex = latex_text(at)
    assert r"64\cdot32\cdot3^2 + 64 = 18{,}496" in latex
    assert r"320 + 2{,}112 = \mathbf{2{,}432}" in latex
    cost = convmath.separable_cost(32, 64, 3, 26)
    assert f"{cost.standard_macs:,}".replace(",", "{,}") in latex
    assert r"\tfrac{1}{64} + \tfrac{1}{9} = \mathbf{0.1267}" in latex
    assert "13.1% of the parameters" in at.success[0].value
    params, macs = plotly_specs(at)
    assert params["data"][0]["x"] == [18496, 320, 2112, 2432]
    assert macs["data"][0]["x"] == [cost.standard_macs, cost.depthwise_macs, cost.pointwise_macs, cost.separable_macs]

    at.number_input(key="family.sep_out").set_value(128).run()
    at.slider(key="family.sep_kernel").set_value(5).run()
    cost = convmath.separable_cost(32, 128, 5, 26)
    assert cost.standard_params == 128 * 32 * 25 + 128
    latex = latex_text(at)
    assert f"= {cost.standard_params:,}".replace(",", "{,}") in latex
    assert rf"\mathbf{{{cost.separable_params:,}}}".replace(",", "{,}") in latex
    assert plotly_specs(at)[0]["data"][0]["x"][3] == cost.separable_params


def test_bottleneck_course_example_and_the_slides_mistake():
    at = make_app_test(PAGE, query={"family.topic": "bottleneck"})
    assert not at.exception
    latex = latex_text(at)
    assert r"128\times5\times5\times256 = \mathbf{819{,}200}" in latex
    assert r"4{,}096 + 204{,}800 = \mathbf{208{,}896}" in latex
    assert "4,096 + 204,800 = 208,896" in texts(at.caption)
    assert "3.9× fewer weights" in at.success[0].value
    assert plotly_specs(at)[0]["data"][0]["x"] == [819200, 4096, 204800, 208896]
    at.slider(key="family.width").set_value(64).run()
    assert r"8{,}192 + 409{,}600 = \mathbf{417{,}792}" in latex_text(at)
    assert not at.caption or "slides" not in texts(at.caption)


def test_conv1d_echo_in_every_mode():
    at = make_app_test(PAGE, query={"family.topic": "conv1d"})
    assert not at.exception
    assert r"L_\text{full} = N + K - 1 = 6 + 3 - 1 = \mathbf{8}" in latex_text(at)
    animation, signal = plotly_specs(at)
    assert len(animation["frames"]) == 8
    assert signal["data"][1]["y"] == [1, 0.5, 2.25, 1, 0.5, 1, 0.5, 0.25]
    assert signal["data"][1]["x"] == list(range(8))  # full mode starts at t = 0
    assert signal["data"][1]["y"] == np.convolve([1, 0, 2, 0, 0, 1], [1, 0.5, 0.25]).tolist()
    assert animation["frames"][-1]["data"][2]["z"][0] == signal["data"][1]["y"]  # the animation's last frame

    at.radio(key="family.mode").set_value("valid").run()
    assert r"6 - 3 + 1 = \mathbf{4}" in latex_text(at)
    animation, signal = plotly_specs(at)
    assert len(animation["frames"]) == 4
    assert signal["data"][1]["y"] == [2.25, 1, 0.5, 1] and signal["data"][1]["x"] == [2, 3, 4, 5]

    at.radio(key="family.mode").set_value("same").run()
    assert r"L_\text{same} = N = \mathbf{6}" in latex_text(at)
    assert plotly_specs(at)[1]["data"][1]["y"] == [0.5, 2.25, 1, 0.5, 1, 0.5]

    at.toggle(key="family.flip").set_value(False).run()  # cross-correlation
    assert not at.exception
    expected = np.correlate([1, 0, 2, 0, 0, 1], [1, 0.5, 0.25], "same").tolist()
    assert plotly_specs(at)[1]["data"][1]["y"] == expected


def test_conv1d_bad_input_is_explained():
    at = make_app_test(PAGE, query={"family.topic": "conv1d"})
    at.text_input(key="family.signal").input("1, two, 3").run()
    assert not at.exception
    assert "Signal x: type up to 24 numbers" in at.warning[0].value
    assert not plotly_specs(at)
    at.text_input(key="family.signal").input("1, 2").run()
    at.radio(key="family.mode").set_value("valid").run()
    assert not at.exception
    assert "kernel span 3 exceeds padded input 2" in at.warning[0].value
    at.radio(key="family.mode").set_value("full").run()
    assert plotly_specs(at)[1]["data"][1]["y"] == [1, 2.5, 1.25, 0.5]


def test_chinese_and_presentation_mode():
    at = make_app_test(PAGE, lang="zh", query={"present": 1, "family.topic": "conv1d"})
    assert not at.exception
    assert at.title[0].value == "卷积家族"
    assert any("回声" in m.value for m in at.markdown)
    assert at.expander  # the flip switch folds away on a projector
    at2 = make_app_test(PAGE, lang="zh", query={"family.topic": "bottleneck"})
    assert not at2.exception
    assert r"\text{直接卷积}" in latex_text(at2)
