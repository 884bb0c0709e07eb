"""The Backpropagation page under AppTest: every section, every control, the numbers it shows."""

from __future__ import annotations

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from cnnviz.lessons import backprop as B
from tests.conftest import APP_PATH, plotly_specs


@pytest.fixture
def open_page():
    """Open the page directly (one script run: router, shell and page), with query parameters."""

    def open_(query: dict | None = None, lang: str = "en") -> AppTest:
        at = AppTest.from_file(str(APP_PATH), default_timeout=30)
        at.query_params["lang"] = lang
        for key, value in (query or {}).items():
            at.query_params[key] = str(value)
        at.switch_page("pages/backprop.py")
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return open_


def texts(at) -> str:
    return "\n".join(e.value for kind in ("markdown", "caption", "info", "success", "warning", "error", "latex")
                     for e in getattr(at, kind))


def latex(at) -> str:
    return "\n".join(e.value for e in at.latex)


def metrics(at) -> dict:
    return {m.label: m.value for m in at.metric}


def heat_z(trace) -> np.ndarray:
    return np.array([[np.nan if v is None else v for v in row] for row in trace["z"]], dtype=float)


def rerun(at) -> AppTest:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


# ---------------------------------------------------------------------------------------------
# ① the network by hand
# ---------------------------------------------------------------------------------------------

def check_answer(at, text: str) -> AppTest:
    at.text_input(key="quiz.backprop.answer").input(text)
    at.button(key="quiz.backprop.check").click()
    return rerun(at)


def test_exercise_hides_then_reveals_049(open_page):
    at = open_page()
    assert at.title[0].value == "Backpropagation, number by number"
    assert at.radio(key="backprop.section").value == "network"
    specs = plotly_specs(at)
    assert len(specs) == 1  # only the forward pass before the reveal
    assert specs[0]["data"][2]["text"][3] == "?"
    assert "0.4920" not in latex(at) and "A_1(4) &= f(u_{1,4}) = ?" in latex(at)
    assert "press **Check**" in texts(at)
    assert at.text_input(key="quiz.backprop.answer").value == ""  # no pre-filled 0.50

    check_answer(at, "0.49")
    assert at.success[0].value == "Right: **0.4920**."
    specs = plotly_specs(at)
    assert len(specs) == 3  # forward, backward, sigmoid
    assert specs[0]["data"][2]["text"][3] == "0.492"
    shown = latex(at)
    assert "= 0.4920" in shown and "= -0.03185" in shown
    assert r"\delta_{1,4}" in shown and "= 0.03036" in shown  # δ1 of neuron 4 with the squared error
    assert "0.2112 - 0.5\\cdot0.02324 = 0.1996" in shown  # W1(1,4) update

    at.button(key="quiz.backprop.another").click()  # the next neuron: hidden again until checked
    rerun(at)
    assert len(plotly_specs(at)) == 1
    check_answer(at, "0.7")
    assert "Not quite" in at.warning[0].value and "0.5462" in at.warning[0].value  # neuron 1
    assert len(plotly_specs(at)) == 3


def test_loss_target_rate_and_neuron_controls(open_page):
    at = open_page()
    check_answer(at, "0.49")
    step = B.fc_step(B.course_network(0), "mse", 0.5)
    assert metrics(at)["Loss before"] == f"{step.update.loss_before:.4f}"
    assert metrics(at)["Loss after one step"] == f"{step.update.loss_after:.4f}"

    at.radio(key="backprop.loss").set_value("cross_entropy")
    at.radio(key="backprop.target").set_value(3)
    at.slider(key="backprop.lr").set_value(1.0)
    at.radio(key="backprop.neuron").set_value(1)
    rerun(at)
    step = B.fc_step(B.course_network(2), "cross_entropy", 1.0)
    shown = latex(at)
    assert r"\delta_{2,3} &= y_{3} - t_{3}" in shown
    assert r"E = -\log y_{3}" in shown
    assert "u_{1,1}" in shown and r"\delta_{1,1}" in shown
    assert metrics(at)["Loss after one step"] == f"{step.update.loss_after:.4f}"
    assert "Softmax with cross-entropy" in texts(at) or "softmax with cross-entropy" in texts(at)
    backward = plotly_specs(at)[1]
    assert backward["data"][3]["text"] == [f"{d:.3g}" for d in step.backward.delta2]
    table = at.dataframe[0].value
    assert list(table.iloc[:, 0])[0] == "W1(1,1)" and len(table) == 9
    assert at.query_params["backprop.loss"] == "cross_entropy" and at.query_params["backprop.neuron"] == "1"


# ---------------------------------------------------------------------------------------------
# ② through a convolution
# ---------------------------------------------------------------------------------------------

def test_convolution_course_example(open_page):
    at = open_page({"backprop.section": "conv"})
    overview, animation = plotly_specs(at)
    heatmaps = [d for d in overview["data"] if d["type"] == "heatmap"]
    np.testing.assert_array_equal(heat_z(heatmaps[2]), [[19, 25], [37, 43]])
    np.testing.assert_array_equal(heat_z(heatmaps[4]), [[5, 7], [11, 13]])
    np.testing.assert_array_equal(heat_z(heatmaps[5]), [[0, 1, -1], [2, 3, -3], [4, 6, 0]])
    assert len(animation["frames"]) == 4  # one frame per weight
    assert len(at.success) == 2 and "largest difference 0" in at.success[0].value
    assert latex(at).count("= 5") >= 1 and r"\frac{\partial E}{\partial b}" in latex(at)

    at.radio(key="backprop.conv_grad").set_value("input")
    rerun(at)
    animation = plotly_specs(at)[1]
    assert len(animation["frames"]) == 9  # one frame per input pixel
    assert "rot180" in latex(at) and "K − 1 = 1" in texts(at)


def test_convolution_random_example(open_page):
    at = open_page({"backprop.section": "conv", "backprop.conv_example": "random"})
    at.slider(key="backprop.conv_size").set_value(5)
    at.slider(key="backprop.conv_kernel").set_value(3)
    at.number_input(key="backprop.conv_seed").set_value(7)
    rerun(at)
    walk = B.conv_backward_walkthrough(*B.random_conv_example(5, 3, np.random.default_rng(7)))
    overview, animation = plotly_specs(at)
    heatmaps = [d for d in overview["data"] if d["type"] == "heatmap"]
    np.testing.assert_allclose(heat_z(heatmaps[4]), walk.dweight)
    np.testing.assert_allclose(heat_z(heatmaps[5]), walk.dx)
    assert len(animation["frames"]) == 9
    assert len(at.success) == 2 and not at.error


# ---------------------------------------------------------------------------------------------
# ③ through pooling
# ---------------------------------------------------------------------------------------------

def test_pooling_max_then_average_with_overlap(open_page):
    at = open_page({"backprop.section": "pool"})
    (spec,) = plotly_specs(at)
    walk = B.pool_backward_walkthrough(*B.random_pool_example(4, 2, 2, np.random.default_rng(0)), 2, 2, "max")
    assert len(spec["frames"]) == 4
    np.testing.assert_allclose(heat_z(spec["frames"][-1]["data"][0]), walk.dx)
    assert "goes to x" in spec["layout"]["annotations"][-1]["text"]
    assert f"Σ ∂E/∂x = {walk.dx_total:g} = Σ δ = {walk.delta_total:g}" in texts(at)

    at.radio(key="backprop.pool_mode").set_value("avg")
    at.slider(key="backprop.pool_size").set_value(5)
    at.slider(key="backprop.pool_window").set_value(3)
    at.slider(key="backprop.pool_stride").set_value(2)
    at.number_input(key="backprop.pool_seed").set_value(4)
    rerun(at)
    (spec,) = plotly_specs(at)
    x, delta = B.random_pool_example(5, 3, 2, np.random.default_rng(4))
    walk = B.pool_backward_walkthrough(x, delta, 3, 2, "avg")
    assert len(spec["frames"]) == 4
    np.testing.assert_allclose(heat_z(spec["frames"][-1]["data"][0]), walk.dx, atol=1e-5)
    assert "windows overlap" in at.info[0].value
    assert "K·K = 9" in texts(at)


# ---------------------------------------------------------------------------------------------
# ④ gradient check
# ---------------------------------------------------------------------------------------------

def test_gradient_check_controls(open_page):
    at = open_page({"backprop.section": "gradcheck"})
    check = B.gradient_check(B.course_network(), "w1", (3, 0), 1e-5)
    assert metrics(at)["Relative error"] == f"{check.rel_error:.2e}"
    assert metrics(at)["Backpropagated gradient"] == f"{check.analytic:.8g}"
    assert "the gradient is right" in at.success[0].value
    (sweep,) = plotly_specs(at)
    assert len(sweep["data"]) == 4

    at.selectbox(key="backprop.gc_eps").set_value(1e-7)
    at.radio(key="backprop.gc_dtype").set_value("float32")
    rerun(at)
    assert at.error and "disagree" in at.error[0].value

    at.selectbox(key="backprop.gc_param").set_value("b2")
    rerun(at)
    assert at.slider(key="backprop.gc_row").max == 3
    assert [w.key for w in at.slider] == ["backprop.gc_row"]  # a bias vector has no column to pick
    at.slider(key="backprop.gc_row").set_value(2)
    at.selectbox(key="backprop.gc_eps").set_value(1e-4)
    at.radio(key="backprop.gc_dtype").set_value("float64")
    at.selectbox(key="backprop.gc_loss").set_value("cross_entropy")
    rerun(at)
    check = B.gradient_check(B.course_network(), "b2", (1,), 1e-4, "cross_entropy")
    assert metrics(at)["Numerical gradient"] == f"{check.central:.8g}"


# ---------------------------------------------------------------------------------------------
# ⑤ a whole small CNN
# ---------------------------------------------------------------------------------------------

def test_tiny_cnn_step(open_page):
    at = open_page({"backprop.section": "cnn"})
    step = B.cnn_training_step(B.tiny_cnn_input("vertical"), 0, 0.5, np.random.default_rng(0))
    table = at.dataframe[0].value
    assert len(table) == 29
    assert list(table.iloc[:6, 2]) == ["x", "z₁", "a₁", "p₁", "f", "s"]
    assert list(table.iloc[:6, 4]) == ["1×1×6×6", "1×2×4×4", "1×2×4×4", "1×2×2×2", "1×8", "1×3"]
    assert metrics(at)["Loss before"] == f"{step.loss_before:.4f}"
    assert metrics(at)["Loss after"] == f"{step.loss_after:.4f}"
    flow, update, probs = plotly_specs(at)
    assert len(flow["data"]) == 12 and len(update["data"]) == 6
    assert probs["data"][1]["y"] == pytest.approx(list(step.probs_after))

    at.selectbox(key="backprop.cnn_pattern").set_value("diagonal")
    at.selectbox(key="backprop.cnn_target").set_value("horizontal")
    at.slider(key="backprop.cnn_lr").set_value(0.2)
    at.number_input(key="backprop.cnn_seed").set_value(5)
    rerun(at)
    step = B.cnn_training_step(B.tiny_cnn_input("diagonal"), 1, 0.2, np.random.default_rng(5))
    assert metrics(at)["Loss after"] == f"{step.loss_after:.4f}"
    assert r"\mathrm{onehot}(t)" in latex(at)


# ---------------------------------------------------------------------------------------------
# language, presentation, deep links
# ---------------------------------------------------------------------------------------------

def test_every_section_in_chinese_presentation_mode(open_page):
    at = open_page({"present": 1}, lang="zh")
    assert at.title[0].value == "反向传播：逐个数字算清楚"
    for section in ("network", "conv", "pool", "gradcheck", "cnn"):
        at.radio(key="backprop.section").set_value(section)
        rerun(at)
        assert plotly_specs(at), section
        assert at.query_params["backprop.section"] == section if section != "network" else True
        assert not any(n.key in ("backprop.pool_seed", "backprop.cnn_seed") for n in at.number_input)
    assert "更新后的损失" in metrics(at)


def test_invalid_link_values_fall_back_with_a_notice(open_page):
    at = open_page({"backprop.section": "nowhere", "backprop.lr": "fast"})
    assert at.radio(key="backprop.section").value == "network"
    assert "backprop.section" in at.info[0].value and "backprop.lr" in at.info[0].value
