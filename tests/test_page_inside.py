"""The page "Inside a trained CNN" under AppTest: pick a digit, change layer, unit, method and class.

Every number the page shows is checked against a direct computation with cnnviz on the shipped
pretrained model.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from cnnviz import explain, train
from cnnviz.assets import asset_path
from cnnviz.i18n import t
from cnnviz.nn import functional as F
from cnnviz.train import datasets, model_file

PRETRAINED = asset_path("lenet5_mnist.npz")


@pytest.fixture(scope="module")
def model():
    net, _ = model_file.load_model_bytes(PRETRAINED.read_bytes())
    return net


def held_out(digit: int, sample: int = 0):
    x_test, y_test = datasets.load_mnist("test")
    index = int(np.flatnonzero(y_test == digit)[sample])
    return index, np.array(x_test[index:index + 1])


def chart(at, key: str) -> dict:
    """The Plotly spec of the chart with this key."""
    for element in at.get("plotly_chart"):
        if element.proto.id.endswith(key):
            return json.loads(element.proto.spec)
    raise AssertionError(f"no chart {key!r}; charts: {[e.proto.id[-30:] for e in at.get('plotly_chart')]}")


def latex(at) -> str:
    return "\n".join(element.value for element in at.latex)


def markdown(at) -> str:
    return "\n".join(element.value for element in at.markdown)


def num(value: float) -> str:
    return f"{float(value):.4g}"


def test_default_view_predicts_like_the_model(app_test, model):
    at = app_test("inside")
    assert not at.exception
    index, x = held_out(7)
    logits, outputs = model.forward(x, record=True)
    probs = F.softmax(logits, dim=1)[0]
    assert at.metric[0].value == str(int(np.argmax(probs)))
    np.testing.assert_allclose(chart(at, "inside.probs")["data"][0]["y"], probs, rtol=1e-5)
    assert f"#{index}" in at.caption[-1].value or any(f"#{index}" in c.value for c in at.caption)
    network = chart(at, "inside.network")
    assert len(network["data"]) == 13  # the input and 12 layers
    assert len(at.selectbox(key="inside.layer").options) == 12
    # conv1 maps view: the 6 filters and the 6 feature maps
    filters = chart(at, "inside.filters")["data"]
    assert len(filters) == 6
    np.testing.assert_allclose(np.array(filters[2]["z"], float), model[0].params["weight"][2, 0], atol=1e-5)
    maps = chart(at, "inside.maps")["data"]
    np.testing.assert_allclose(np.array(maps[5]["z"], float), outputs[0][0, 5], atol=1e-4)
    am = chart(at, "inside.am")
    assert len(am["frames"]) == 20  # 80 steps, a snapshot every 4
    assert "Preparing" not in markdown(at)


def test_pick_a_digit(app_test, model):
    at = app_test("inside")
    at.selectbox(key="inside.digit").set_value(3)
    at.slider(key="inside.sample").set_value(2).run()
    assert not at.exception
    index, x = held_out(3, 2)
    predicted = int(np.argmax(model.forward(x)[0]))
    assert at.metric[0].value == str(predicted)
    assert any(f"#{index}" in c.value for c in at.caption)
    expected = t("inside.correct" if predicted == 3 else "inside.wrong", "en", label=3)
    assert expected in markdown(at)
    assert at.query_params["inside.digit"] == "3" and at.query_params["inside.sample"] == "2"


def test_change_layer_and_follow_one_conv2_unit(app_test, model):
    at = app_test("inside", query={"inside.layer": 3, "inside.channel": 2})
    _, x = held_out(7)
    _, outputs = model.forward(x, record=True)
    slices = chart(at, "inside.filters")["data"]  # filter 2 of conv2: one 5×5 slice per input map
    assert len(slices) == 6
    np.testing.assert_allclose(np.array(slices[4]["z"], float), model[3].params["weight"][1, 4], atol=1e-5)
    assert len(chart(at, "inside.maps")["data"]) == 16

    at.radio(key="inside.view").set_value("unit")
    at.slider(key="inside.row").set_value(3)
    at.slider(key="inside.col").set_value(5).run()
    assert not at.exception
    value = outputs[3][0, 1, 3, 5]
    assert rf"\mathbf{{{num(value)}}}" in latex(at)
    assert r"x_{c,\,3+i,\,5+j}" in latex(at)  # a valid 5×5 conv: pool1 rows 3–7, columns 5–9
    assert "rows 4–17 and columns 8–21" in markdown(at)  # conv2's 14×14 field
    products = chart(at, "inside.conv_unit")["data"]
    assert len(products) == 18  # 6 input channels × (patch, kernel, products)
    field = chart(at, "inside.field")
    np.testing.assert_allclose(np.array(field["data"][1]["z"], float), outputs[3][0, 1], atol=1e-4)


def test_output_pool_and_flatten_units(app_test, model):
    _, x = held_out(7)
    logits, outputs = model.forward(x, record=True)
    at = app_test("inside", query={"inside.layer": 11, "inside.view": "unit"})
    assert not at.exception
    predicted = int(np.argmax(logits))
    assert at.slider(key="inside.unit").value == predicted  # the output layer opens on the prediction
    assert rf"\mathbf{{{num(logits[0, predicted])}}}" in latex(at)
    assert "whole 28×28 input" in markdown(at)
    products = model[11].params["weight"][predicted] * outputs[10][0]
    largest = products[np.argsort(-np.abs(products))[:10]]
    np.testing.assert_allclose(chart(at, "inside.linear_unit")["data"][0]["x"], largest[::-1], rtol=1e-5)

    at.selectbox(key="inside.layer").set_value(2).run()
    at.slider(key="inside.channel").set_value(4)
    at.slider(key="inside.row").set_value(6)
    at.slider(key="inside.col").set_value(3).run()
    window = outputs[1][0, 3, 12:14, 6:8]
    assert rf"= \mathbf{{{num(window.max())}}}" in latex(at)
    assert outputs[2][0, 3, 6, 3] == window.max()

    at.selectbox(key="inside.layer").set_value(6).run()
    at.slider(key="inside.unit").set_value(77).run()
    assert r"\text{pool2}[4, 0, 2]" in latex(at)  # 77 = 3·25 + 0·5 + 2, map 4 counted from 1
    assert rf"\mathbf{{{num(outputs[6][0, 77])}}}" in latex(at)
    assert "rows -2–13 and columns 6–21" in markdown(at)  # pool2's 16×16 field, reaching into the padding


def test_change_class_and_method(app_test, model):
    at = app_test("inside")
    at.selectbox(key="inside.target").set_value(3).run()
    assert "Explaining **digit 3**" in markdown(at)
    _, x = held_out(7)
    drops, _, base = explain.occlusion(model, x, 3, patch=4, stride=2)
    np.testing.assert_allclose(np.array(chart(at, "inside.detail_occlusion")["data"][0]["z"], float), drops,
                               atol=1e-5)
    assert num(base) in latex(at)

    at.radio(key="inside.method").set_value("gradcam").run()
    assert not at.exception
    _, weights, _, coarse = explain.grad_cam(model, x, 3)
    np.testing.assert_allclose(chart(at, "inside.detail_alpha")["data"][0]["y"], weights, rtol=1e-4, atol=1e-7)
    np.testing.assert_allclose(np.array(chart(at, "inside.detail_gradcam")["data"][0]["z"], float), coarse,
                               atol=1e-5)
    assert t("inside.limits.gradcam", "en") in [c.value for c in at.caption]

    at.radio(key="inside.method").set_value("saliency").run()
    saliency = explain.saliency(model, x, 3)
    peak = np.unravel_index(np.argmax(saliency), saliency.shape)
    assert rf"S_{{{peak[0]},{peak[1]}}} = {num(saliency[peak])}" in latex(at)
    explanations = chart(at, "inside.explanations")
    assert len(explanations["data"]) == 6 + 5  # input and 5 maps (guided backprop beside saliency), each outlined
    np.testing.assert_allclose(np.array(explanations["data"][1]["z"], float), saliency, atol=1e-5 * saliency.max())

    at.radio(key="inside.method").set_value("occlusion")
    at.slider(key="inside.patch").set_value(6)
    at.slider(key="inside.stride").set_value(3).run()
    assert at.slider(key="inside.stride").max == 6  # a stride larger than the patch would skip pixels
    drops = np.array(chart(at, "inside.detail_occlusion")["data"][0]["z"], float)
    assert drops.shape == (8, 8)  # (28 - 6) // 3 + 1
    np.testing.assert_allclose(drops, explain.occlusion(model, x, 3, patch=6, stride=3)[0], atol=1e-5)
    assert any("64 copies of the input, each with one 6×6 patch" in c.value for c in at.caption)


def test_sanity_check_randomises_the_weights(app_test):
    at = app_test("inside", query={"inside.sanity": 1})
    assert not at.exception
    figure = chart(at, "inside.explanations")
    assert len([d for d in figure["data"] if d["type"] == "heatmap"]) == 12  # the input and 5 maps, trained and randomised
    titles = [a["text"] for a in figure["layout"]["annotations"]]
    assert sum("ρ =" in title for title in titles) == 5
    text = markdown(at)
    assert "With random weights the network predicts" in text
    assert text.count("ρ = ") == 5
    at.selectbox(key="inside.random_from").set_value(11).run()  # only the output layer
    assert not at.exception and "from fc3 up to the output" in at.selectbox(key="inside.random_from").format_func(11)


def test_activation_maximization_controls(app_test, model):
    at = app_test("inside", query={"inside.am_layer": 3, "inside.am_unit": 5, "inside.am_steps": 40})
    am = chart(at, "inside.am")
    assert len(am["frames"]) == 10
    assert am["layout"]["title"]["text"] == t("inside.am_title_filter", "en", name="conv2", k=5)
    snapshots = list(explain.activation_maximization(model, 3, 4, steps=40, rng=np.random.default_rng(0),
                                                     snapshot_every=4))
    np.testing.assert_allclose(am["data"][1]["y"], [a for _, _, a in snapshots], rtol=1e-4)


def test_chinese_presentation_mode(app_test):
    at = app_test("inside", query={"present": 1}, lang="zh")
    assert not at.exception
    assert at.title[0].value == "训练好的 CNN 内部"
    keys = [slider.key for slider in at.slider]
    assert "inside.samples" not in keys and "inside.noise" not in keys  # fewer controls
    assert at.radio(key="inside.source").format_func("draw") == "手写一个数字"


def test_empty_canvas_and_missing_upload_explain_themselves(app_test):
    at = app_test("inside", query={"inside.source": "draw"})
    assert not at.exception
    assert at.info[0].value == t("data.err_blank", "en")
    assert not at.get("plotly_chart")
    at.radio(key="inside.source").set_value("upload").run()
    assert at.info[0].value == t("inside.upload_prompt", "en")


def test_invalid_link_values_fall_back_with_a_notice(app_test):
    at = app_test("inside", query={"inside.layer": 99, "inside.digit": "x"})
    assert not at.exception
    assert at.selectbox(key="inside.layer").value == 0 and at.selectbox(key="inside.digit").value == 7
    assert "inside.layer" in at.info[0].value


def test_the_training_pages_model_is_offered(app_test):
    config = train.TrainConfig(model="small", conv_blocks=1, filters=4, kernel_size=3)
    trained = train.build_model(config, (1, 28, 28), 10, np.random.default_rng(3))
    at = app_test("inside", query={"inside.am_steps": 20})
    at.session_state["shared.model"] = (trained, config)
    at.session_state["shared.model_id"] = "run:7"
    at.run()
    assert at.radio(key="inside.model").options == [t("inside.model.pretrained", "en"),
                                                    t("inside.model.trained", "en")]
    at.radio(key="inside.model").set_value("trained").run()
    assert not at.exception
    assert len(chart(at, "inside.network")["data"]) == len(trained) + 1
    _, x = held_out(7)
    probs = F.softmax(trained.forward(x), dim=1)[0]
    np.testing.assert_allclose(chart(at, "inside.probs")["data"][0]["y"], probs, rtol=1e-5)
    # a model of the shapes dataset is not offered (its classes are not digits)
    at.session_state["shared.model"] = (trained, config.__class__(**{**config.__dict__, "dataset": "shapes"}))
    at.run()
    assert len(at.radio(key="inside.model").options) == 1
