"""The Activations page under AppTest: drive the controls, check the numbers it shows."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import plotly_specs

from cnnviz.i18n import t
from cnnviz.lessons import activations as A

CHARTS = ("curves", "feature_map", "saturation", "softmax", "maxout")


def charts(at) -> dict:
    specs = plotly_specs(at)
    assert len(specs) == len(CHARTS)
    return dict(zip(CHARTS, specs))


def metrics(at) -> dict:
    return {m.label: m.value for m in at.metric}


def softmax_table(at) -> list[str]:
    return list(at.dataframe[1].value["Probability p"])


def latex(at) -> str:
    return "\n".join(element.value for element in at.latex)


def test_defaults_show_the_course_numbers(app_test):
    at = app_test("activations")
    assert not at.exception
    assert at.title[0].value == "Activation functions"
    found = charts(at)
    # the softmax of the course example, in the bars, the table and the formula
    assert found["softmax"]["data"][1]["text"] == ["0.879", "0.119", "0.002"]
    assert softmax_table(at) == ["0.879", "0.119", "0.002"]
    assert r"p_{1} = \frac{e^{3/1}}{e^{3/1} + e^{1/1} + e^{-3/1}} = \mathbf{0.879}" in latex(at)
    # the BP exercise is only pointed at (its answer is /backprop's quiz): see test_teaching_traps.py
    # curves of the four default functions at x = 1
    probe = at.dataframe[0].value
    assert list(probe["Function"]) == ["ReLU", "Leaky ReLU", "Sigmoid", "tanh"]
    assert list(probe["f(1)"]) == ["1", "1", "0.7311", "0.7616"]
    assert list(probe["f′(1)"]) == ["1", "1", "0.1966", "0.42"]
    # saturation with raw 0-255 pixels and sigmoid: almost everything is flat
    flat = float(metrics(at)["Units in the flat region"].rstrip("%"))
    assert flat > 90
    assert "saturated" in at.error[0].value
    assert "exactly ReLU" in "\n".join(c.value for c in at.caption)


def test_softmax_temperature_and_typed_logits(app_test):
    at = app_test("activations")
    at.slider(key="act.temperature").set_value(2.0).run()
    expected = [f"{p:.3f}" for p in A.softmax_with_temperature([3.0, 1.0, -3.0], 2.0)]
    assert softmax_table(at) == expected == ["0.705", "0.259", "0.035"]
    assert r"e^{3/2}" in latex(at)
    at.text_input(key="act.logits").input("2, 2, 2, 2").run()
    assert softmax_table(at) == ["0.250"] * 4
    at.text_input(key="act.logits").input("3, one, -3").run()
    assert not at.exception
    assert "value 2 (“one”) is not a number" in at.warning[0].value
    assert len(plotly_specs(at)) == 4  # the softmax chart waits for valid logits; the rest stays
    at.text_input(key="act.logits").input("7").run()
    assert "there are 1 numbers" in at.warning[0].value


def test_normalised_inputs_leave_the_flat_region(app_test):
    at = app_test("activations", query={"act.scale": "standard"})
    assert not at.exception
    flat = float(metrics(at)["Units in the flat region"].rstrip("%"))
    assert flat < 5
    assert at.success[0].value == t("activations.healthy_none", "en")  # sigmoid, standardised: no flat unit
    at.radio(key="act.scale").set_value("raw").run()
    at.selectbox(key="act.sat_fn").set_value("tanh").run()
    assert float(metrics(at)["Units in the flat region"].rstrip("%")) > 90
    at.selectbox(key="act.sat_fn").set_value("relu").run()
    assert "does not saturate like sigmoid" in at.warning[0].value
    saturation = charts(at)["saturation"]
    assert sum(saturation["data"][0]["y"]) == pytest.approx(100, abs=0.05)


def test_function_explorer_controls(app_test):
    at = app_test("activations")
    at.multiselect(key="act.functions").set_value(["sigmoid", "gelu"]).run()
    at.slider(key="act.probe").set_value(0.0).run()
    probe = at.dataframe[0].value
    assert list(probe["f(0)"]) == ["0.5", "0"] and list(probe["f′(0)"]) == ["0.25", "0.5"]
    curves = charts(at)["curves"]
    assert [t["name"] for t in curves["data"] if t["mode"] == "lines"] == ["Sigmoid"] * 2 + ["GELU"] * 2
    assert r"\mathrm{GELU}'(x) = \Phi(x) + x\,\varphi(x)" in latex(at)
    at.multiselect(key="act.functions").set_value(["leaky_relu"]).run()
    at.slider(key="act.slope").set_value(0.2).run()
    assert r"0.2 & x \le 0" in latex(at)
    assert list(at.dataframe[0].value["f(0)"]) == ["0"]
    at.multiselect(key="act.functions").set_value([]).run()
    assert not at.exception
    assert "Pick at least one" in at.info[0].value


def test_feature_map_with_each_activation(app_test):
    at = app_test("activations")
    found = charts(at)["feature_map"]
    assert len(found["data"]) == 4
    relu = metrics(at)
    assert relu["Exactly zero after the activation"] == relu["Negative responses u < 0"] or abs(
        float(relu["Exactly zero after the activation"].rstrip("%")) - float(relu["Negative responses u < 0"].rstrip("%"))
    ) <= 2  # ReLU zeroes the negative responses (and the exact zeros)
    at.selectbox(key="act.feature_fn").set_value("sigmoid").run()
    assert metrics(at)["Exactly zero after the activation"] == "0%"
    assert "0.5" in "\n".join(c.value for c in at.caption)
    at.selectbox(key="act.image").set_value("house").run()
    at.radio(key="act.edge").set_value("y").run()
    assert not at.exception
    assert charts(at)["feature_map"]["layout"]["annotations"][2]["text"] == "After Sigmoid: f(u)"


def test_maxout_examples(app_test):
    at = app_test("activations", query={"act.maxout": "abs"})
    assert r"z_{1} = -x,\quad z_{2} = x" in latex(at)
    maxout = charts(at)["maxout"]
    assert [t["name"] for t in maxout["data"][:3]] == ["z1", "z2", "h(x) = max"]
    at.selectbox(key="act.maxout").set_value("convex").run()
    at.slider(key="act.pieces").set_value(5).run()
    assert r"\max_{j=1..5}" in latex(at) and r"z_{1} = -3\,x - 4.5" in latex(at)
    at.selectbox(key="act.maxout").set_value("random").run()
    at.number_input(key="act.seed").set_value(3).run()
    assert not at.exception
    weight, bias = A.maxout_preset("random", 4, rng=np.random.default_rng(3))
    assert f"{weight[0, 0, 0]:g}" in latex(at)


def test_chinese_presentation_and_bad_link(app_test):
    at = app_test("activations", query={"present": 1, "act.temperature": "hot", "act.functions": "relu,swish"},
                  lang="zh")
    assert not at.exception
    assert at.title[0].value == "激活函数"
    assert "act.temperature" in at.info[0].value and "act.functions" in at.info[0].value
    assert list(at.dataframe[1].value["概率 p"]) == ["0.879", "0.119", "0.002"]
    assert "已经饱和" in at.error[0].value
