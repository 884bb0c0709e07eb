"""Figures and helpers of the "Inside a trained CNN" page (cnnviz/figures/inside.py)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from cnnviz import architectures, images
from cnnviz.explain import units
from cnnviz.figures import _common as cm
from cnnviz.figures import inside as figs
from cnnviz.i18n import t
from cnnviz.nn import layers as L
from cnnviz.nn import shapes


@pytest.fixture(scope="module")
def lenet():
    return architectures.build_model("lenet5", rng=np.random.default_rng(0))


@pytest.fixture(scope="module")
def drawn_digit():
    """A "7"-like stroke on a 280×280 white canvas, dark ink (so it gets inverted)."""
    canvas = np.ones((280, 280))
    canvas[60:80, 70:210] = 0.0  # the bar
    for r in range(80, 240):  # the diagonal
        c = int(200 - (r - 80) * 0.6)
        canvas[r, c - 10:c + 10] = 0.0
    return images.preprocess_digit(canvas)


# ---------------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------------

def test_layer_names_and_kinds_of_lenet(lenet):
    assert units.layer_names(lenet) == ["conv1", "relu1", "pool1", "conv2", "relu2", "pool2", "flatten",
                                       "fc1", "relu3", "fc2", "relu4", "fc3"]
    assert [units.layer_kind(layer) for layer in lenet][:7] == ["conv", "act", "pool", "conv", "act", "pool",
                                                               "flatten"]
    assert units.layer_kind(L.Dropout(0.5)) == "other"
    named = units.layer_names(L.Sequential(L.Conv2d(1, 2, 3), L.Tanh(), L.AvgPool2d(2), L.Dropout(0.1)))
    assert named == ["conv1", "tanh1", "pool1", "dropout1"]
    with pytest.raises(ValueError, match="Sequential"):
        units.layer_names([L.ReLU()])


@pytest.mark.parametrize("layer_index, row, col, expected", [
    (0, 14, 14, (12, 17, 12, 17)),  # conv1 5×5, padding 2
    (1, 0, 0, (-2, 3, -2, 3)),  # an activation keeps the field of the conv before it
    (2, 0, 0, (-2, 4, -2, 4)),  # pool1: 6×6, reaching into the padding
    (3, 3, 5, (4, 18, 8, 22)),  # conv2: 14×14
    (5, 0, 2, (-2, 14, 6, 22)),  # pool2: 16×16, jump 4
    (7, 0, 0, (0, 28, 0, 28)),  # fc1 sees everything
    (11, 9, 0, (0, 28, 0, 28)),
])
def test_unit_field_box_on_lenet(lenet, layer_index, row, col, expected):
    assert units.unit_field_box(lenet, layer_index, row, col) == expected


def test_unit_field_box_of_a_flattened_unit_is_its_source_pixel(lenet):
    # flat index 77 = map 3 (0-based), pixel (0, 2) of pool2's 16×5×5 output
    assert units.unit_field_box(lenet, 6, 77, 0, flat_shape=(16, 5, 5)) == units.unit_field_box(lenet, 5, 0, 2)
    with pytest.raises(ValueError, match="flat_shape"):
        units.unit_field_box(lenet, 6, 77, 0)
    with pytest.raises(ValueError, match="layer_index"):
        units.unit_field_box(lenet, 12, 0, 0)


def test_unit_field_box_agrees_with_shapes(lenet):
    specs = [lenet[0], lenet[2], lenet[3]]
    assert units.unit_field_box(lenet, 4, 7, 2) == shapes.receptive_field_box(specs, 7, 2)


def test_linear_contributions():
    w = np.array([0.5, -2.0, 1.0, 0.1])
    a = np.array([2.0, 1.0, 0.5, 0.0])
    index, products, positive, negative = units.linear_contributions(w, a, top=3)
    assert index.tolist() == [1, 0, 2]
    np.testing.assert_allclose(products, [-2.0, 1.0, 0.5])
    assert positive == pytest.approx(1.5) and negative == pytest.approx(-2.0)
    assert positive + negative == pytest.approx(float(w @ a))
    with pytest.raises(ValueError, match="same non-zero length"):
        units.linear_contributions(w, a[:2])
    with pytest.raises(ValueError, match="top"):
        units.linear_contributions(w, a, top=0)


def test_rank_correlation_known_values():
    assert units.rank_correlation([1, 2, 3, 4, 5], [10, 20, 30, 40, 50]) == pytest.approx(1.0)
    assert units.rank_correlation([1, 2, 3, 4, 5], [5, 4, 3, 2, 1]) == pytest.approx(-1.0)
    # 1 - 6 Σd² / (n(n²-1)) = 1 - 6·4/120
    assert units.rank_correlation([1, 2, 3, 4, 5], [2, 1, 4, 3, 5]) == pytest.approx(0.8)
    # ties share their average rank: ranks (1, 2.5, 2.5, 4) against (1, 2, 3, 4)
    assert units.rank_correlation([1, 2, 2, 3], [1, 2, 3, 4]) == pytest.approx(4.5 / math.sqrt(22.5))
    assert units.rank_correlation(np.ones((3, 3)), np.arange(9).reshape(3, 3)) == 0.0
    monotone = np.arange(16.0).reshape(4, 4)
    assert units.rank_correlation(monotone, np.exp(monotone)) == pytest.approx(1.0)
    with pytest.raises(ValueError, match="same shape"):
        units.rank_correlation([1, 2], [1, 2, 3])
    with pytest.raises(ValueError, match="finite"):
        units.rank_correlation([1, np.nan], [1, 2])


# ---------------------------------------------------------------------------------------------
# figures
# ---------------------------------------------------------------------------------------------

def test_preprocessing_figure_marks_box_mass_and_centre(drawn_digit):
    steps = drawn_digit
    assert steps.inverted
    fig = figs.preprocessing_figure(steps, lang="en").to_dict()
    heatmaps = [trace for trace in fig["data"] if trace["type"] == "heatmap"]
    assert len(heatmaps) == 5
    # the 280×280 input is block-averaged by 2 to 140×140, drawn in its own pixel coordinates
    assert np.shape(heatmaps[0]["z"]) == (140, 140) and heatmaps[0]["dx"] == 2
    np.testing.assert_allclose(np.array(heatmaps[4]["z"], dtype=float), steps.centered, atol=1e-5)
    top, left, bottom, right = steps.bbox
    box = next(s for s in fig["layout"]["shapes"] if s["xref"] == "x2" and s["line"]["color"] == cm.HIGHLIGHT)
    assert (box["x0"], box["x1"], box["y0"], box["y1"]) == (left - 0.5, right - 0.5, top - 0.5, bottom - 0.5)
    mass, centre = [trace for trace in fig["data"] if trace["type"] == "scatter"]
    assert mass["x"][0] == pytest.approx(steps.offset[1] + steps.center_of_mass[1])
    assert mass["y"][0] == pytest.approx(steps.offset[0] + steps.center_of_mass[0])
    assert (centre["x"][0], centre["y"][0]) == (14.0, 14.0)
    assert abs(mass["x"][0] - 14) <= 0.5 and abs(mass["y"][0] - 14) <= 0.5
    titles = [a["text"] for a in fig["layout"]["annotations"]]
    assert t("inside.fig.prep_ink_inverted", "en") in titles
    zh = figs.preprocessing_figure(steps, lang="zh").to_dict()
    assert t("inside.fig.prep_centered", "zh") in [a["text"] for a in zh["layout"]["annotations"]]
    with pytest.raises(ValueError, match="DigitSteps"):
        figs.preprocessing_figure(steps.final)


def test_probabilities_figure():
    probs = np.array([0.05, 0.8, 0.15])
    fig = figs.probabilities_figure(probs, target=2).to_dict()
    bar = fig["data"][0]
    assert bar["y"] == pytest.approx(probs.tolist())
    assert bar["marker"]["color"] == ["#9a9a9a", cm.HIGHLIGHT, cm.ACCENT]
    assert bar["text"] == ["5.0%", "80.0%", "15.0%"]
    with pytest.raises(ValueError, match="summing to 1"):
        figs.probabilities_figure([0.5, 0.2])
    with pytest.raises(ValueError, match="target"):
        figs.probabilities_figure(probs, target=3)


def test_network_figure_one_column_per_layer(lenet):
    x = np.zeros((1, 1, 28, 28), np.float32)
    x[0, 0, 6:22, 12:16] = 1.0
    _, outputs = lenet.forward(x, record=True)
    outputs = [o[0] for o in outputs]
    names = units.layer_names(lenet)
    fig = figs.network_figure(x[0, 0], outputs, names, selected=3).to_dict()
    assert len(fig["data"]) == 13 and fig["layout"]["meta"]["stages"] == 13
    conv1 = np.array(fig["data"][1]["z"], dtype=float)  # 6 maps of 28×28 in a mosaic with NaN gaps
    assert np.isnan(conv1).sum() == conv1.size - 6 * 28 * 28
    # the mosaic is rounded to 6 significant digits of its largest value (cm.compact of all 6 maps)
    np.testing.assert_allclose(conv1[:28, :28], outputs[0][0], rtol=0, atol=1e-5 * np.abs(outputs[0]).max())
    flat = np.array(fig["data"][7]["z"], dtype=float)
    assert flat.shape == (400, 1)
    logits = fig["data"][12]
    assert "texttemplate" in logits  # 10 logits: numbers in cells
    selected = [s for s in fig["layout"]["shapes"] if s["line"]["color"] == cm.HIGHLIGHT]
    assert len(selected) == 1 and selected[0]["xref"] == "x5"  # conv2 is stage 5 (input is stage 1)
    titles = [a["text"] for a in fig["layout"]["annotations"]]
    assert titles[4] == "<b>conv2</b><br>16×10×10"
    with pytest.raises(ValueError, match="names"):
        figs.network_figure(x[0, 0], outputs, names[:-1])
    with pytest.raises(ValueError, match=r"outputs\[0\]"):
        figs.network_figure(x[0, 0], [np.zeros((2, 2, 2, 2))], ["bad"])
    big = figs.network_figure(x[0, 0], outputs, names, presentation=True).to_dict()
    assert big["layout"]["height"] > fig["layout"]["height"]


def test_vector_figure_highlight_and_groups():
    values = np.arange(8, dtype=float) - 3
    fig = figs.vector_figure(values, highlight=5, group=4, title="fc").to_dict()
    colors = fig["data"][0]["marker"]["color"]
    assert colors[:4] == ["#9a9a9a"] * 4 and colors[4] == "#5a5a5a" and colors[5] == cm.HIGHLIGHT
    assert fig["data"][0]["text"][0] == "-3"
    labelled = figs.vector_figure([1.0, -2.0], labels=["a", "b"]).to_dict()
    assert labelled["data"][0]["x"] == ["a", "b"] and labelled["layout"]["xaxis"]["type"] == "category"
    with pytest.raises(ValueError, match="highlight"):
        figs.vector_figure(values, highlight=8)


def test_unit_field_figure_clips_the_box_and_marks_the_unit():
    image = np.zeros((28, 28))
    fig = figs.unit_field_figure(image, (-2, 4, 10, 16), np.ones((14, 14)), (0, 5), titles=("in", "map")).to_dict()
    rects = fig["layout"]["shapes"]
    dotted = [s for s in rects if s["line"].get("dash") == "dot"]
    assert len(dotted) == 1 and dotted[0]["y0"] == -2.5  # the part in the padding
    solid = [s for s in rects if s["line"]["color"] == cm.HIGHLIGHT and s["line"].get("dash") == "solid"]
    on_input = next(s for s in solid if s["xref"] == "x")
    assert (on_input["y0"], on_input["y1"], on_input["x0"], on_input["x1"]) == (-0.5, 3.5, 9.5, 15.5)
    unit = next(s for s in solid if s["xref"] == "x2")
    assert (unit["x0"], unit["y0"]) == (4.5, -0.5)
    only_input = figs.unit_field_figure(image, (0, 28, 0, 28)).to_dict()
    assert len(only_input["data"]) == 1
    with pytest.raises(ValueError, match="unit"):
        figs.unit_field_figure(image, (0, 5, 0, 5), np.ones((4, 4)), (4, 0))


def test_conv_unit_figure_layouts():
    rng = np.random.default_rng(0)
    patch, kernel = rng.random((1, 5, 5)), rng.standard_normal((1, 5, 5))
    one = figs.conv_unit_figure(patch, kernel, patch * kernel).to_dict()
    assert len(one["data"]) == 3
    np.testing.assert_allclose(np.array(one["data"][2]["z"], dtype=float), cm.compact(patch[0] * kernel[0]))
    patch6, kernel6 = rng.random((6, 5, 5)), rng.standard_normal((6, 5, 5))
    six = figs.conv_unit_figure(patch6, kernel6, patch6 * kernel6, lang="zh").to_dict()
    assert len(six["data"]) == 18 and six["data"][0]["texttemplate"] == "%{z:.2f}"
    sums = [a["text"] for a in six["layout"]["annotations"] if "Σ" in a["text"]]
    assert sums[2] == t("inside.fig.channel_sum", "zh", c=3, s=cm.fmt((patch6[2] * kernel6[2]).sum()))
    with pytest.raises(ValueError, match="one shape"):
        figs.conv_unit_figure(patch6, kernel, patch6)


def test_pool_unit_figure_outlines_window_and_max():
    channel_map = np.arange(16.0).reshape(4, 4)
    window = channel_map[2:4, 0:2]
    fig = figs.pool_unit_figure(channel_map, (2, 0, 2, 2), window, int(np.argmax(window))).to_dict()
    shapes_ = fig["layout"]["shapes"]
    best = [s for s in shapes_ if s["line"]["color"] == cm.ACCENT][0]
    assert (best["x0"], best["y0"]) == (0.5, 0.5)  # 13 at window cell (1, 1)
    box = [s for s in shapes_ if s["line"]["color"] == cm.HIGHLIGHT][0]
    assert (box["x0"], box["x1"], box["y0"], box["y1"]) == (-0.5, 1.5, 1.5, 3.5)
    with pytest.raises(ValueError, match="window_values"):
        figs.pool_unit_figure(channel_map, (2, 0, 2, 2), np.ones((3, 3)), None)


def test_linear_unit_figure_largest_on_top():
    fig = figs.linear_unit_figure([4, 1], [-2.0, 0.5], [-1.0, 0.25], [2.0, 2.0]).to_dict()
    bar = fig["data"][0]
    assert bar["y"] == ["a[1]", "a[4]"] and bar["x"] == [0.5, -2.0]
    assert bar["marker"]["color"] == [cm.HIGHLIGHT, cm.ACCENT]


def test_explanations_figure_rows_scales_and_outline():
    image = np.zeros((8, 8))
    image[2:6, 3:5] = 1.0
    maps = [np.abs(np.random.default_rng(k).standard_normal((8, 8))) for k in range(3)]
    signed = np.linspace(-1, 0.5, 64).reshape(8, 8)
    fig = figs.explanations_figure(image, maps[:2] + [signed], ["a", "b", "c"]).to_dict()
    heatmaps = [d for d in fig["data"] if d["type"] == "heatmap"]
    contours = [d for d in fig["data"] if d["type"] == "contour"]
    assert len(heatmaps) == 4 and len(contours) == 3
    assert contours[0]["contours"]["start"] == 0.5
    assert heatmaps[1]["zmin"] == 0.0 and heatmaps[1]["zmax"] == pytest.approx(maps[0].max(), rel=1e-5)
    assert heatmaps[3]["zmin"] == -1.0 and heatmaps[3]["zmax"] == 1.0  # signed: symmetric around 0
    two = figs.explanations_figure(image, maps, ["a", "b", "c"], random_maps=maps, random_titles=["x", "y", "z"],
                                   row_titles=["trained", "random"]).to_dict()
    assert len([d for d in two["data"] if d["type"] == "heatmap"]) == 8
    assert "random" in [a["text"] for a in two["layout"]["annotations"]]
    with pytest.raises(ValueError, match="same length"):
        figs.explanations_figure(image, maps, ["a"])
    with pytest.raises(ValueError, match="input's shape"):
        figs.explanations_figure(image, [np.zeros((4, 4))], ["a"])


def test_activation_maximization_figure_frames_and_controls():
    steps = np.array([4, 8, 12])
    pictures = np.stack([np.full((28, 28), v) for v in (0.2, 0.5, 0.9)])
    acts = np.array([1.0, 2.0, 2.5])
    fig = figs.activation_maximization_figure(steps, pictures, acts, title="digit 3", lang="zh").to_dict()
    assert [f["name"] for f in fig["frames"]] == ["0", "1", "2"]
    assert fig["frames"][1]["data"][1]["x"] == [8]
    assert np.array(fig["frames"][0]["data"][0]["z"]).max() == pytest.approx(0.2)
    slider = fig["layout"]["sliders"][0]
    assert slider["active"] == 2 and [s["label"] for s in slider["steps"]] == ["4", "8", "12"]
    buttons = fig["layout"]["updatemenus"][0]["buttons"]
    assert [b["label"] for b in buttons] == [t("figures.play", "zh"), t("figures.pause", "zh")]
    assert np.array(fig["data"][0]["z"]).max() == pytest.approx(0.9)  # opens on the last snapshot
    with pytest.raises(ValueError, match="same 3 snapshots"):
        figs.activation_maximization_figure(steps[:2], pictures, acts)
    with pytest.raises(ValueError, match="frame_ms"):
        figs.activation_maximization_figure(steps, pictures, acts, frame_ms=1)


def test_figures_check_lang_and_presentation():
    with pytest.raises(ValueError):
        figs.vector_figure([1.0], lang="fr")
    with pytest.raises(ValueError, match="presentation"):
        figs.vector_figure([1.0], presentation="yes")


def test_unit_formulas_substitute_the_numbers():
    from cnnviz.lessons.trace import trace_conv2d

    image = np.array([[1, 1, 1, 0, 0], [0, 1, 1, 1, 0], [0, 0, 1, 1, 1], [0, 0, 1, 1, 0], [0, 1, 1, 0, 0]], float)
    traced = trace_conv2d(image, np.array([[1, 0, 1], [0, 1, 0], [1, 0, 1]], float))
    step = traced.steps[1]  # output (0, 1) of the course example: 3
    assert figs.conv_unit_latex(traced, step, 0) == (
        r"y_{1,0,1} = \sum_{c,i,j} x_{c,\,0+i,\,1+j}\,w_{1,c,i,j} + b = 3 + 0 = \mathbf{3}")
    assert figs.pool_unit_latex([[1, 5], [2, 0]], 5.0, "max") == r"y = \max\{1, 5, 2, 0\} = \mathbf{5}"
    assert figs.flatten_unit_latex("flatten", "pool2", 77, (16, 5, 5), 0.5).startswith(
        r"\text{flatten}[77] = \text{pool2}[4, 0, 2],\qquad 77 = 3\cdot25 + 0\cdot5 + 2")
    assert figs.signed_terms([1.74, -2.58, 0.217]) == "1.74 - 2.58 + 0.217"
    assert figs.occlusion_latex([[0.1, 0.4], [0.0, 0.2]], 7, 0.9).endswith(r"\Delta p_{0,1} = 0.4")


def test_one_layer_naming_counts_layers_inside_residual_blocks():
    """The Inside page and the Training Lab's charts name layers with the same function, so the
    convolution after a residual block is conv4 in both (not conv2 in one and conv4 in the other)."""
    from cnnviz.train import lessons

    rng = np.random.default_rng(0)
    block = L.Residual(L.Sequential(L.Conv2d(2, 2, 3, padding=1, rng=rng), L.ReLU(), L.Conv2d(2, 2, 3, padding=1, rng=rng)),
                       activation=L.ReLU())
    model = L.Sequential(L.Conv2d(1, 2, 3, padding=1, rng=rng), L.ReLU(), block, L.Conv2d(2, 2, 3, rng=rng), L.ReLU(),
                         L.Flatten(), L.Linear(2 * 4 * 4, 3, rng=rng))
    assert units.layer_names(model) == ["conv1", "relu1", "residual1", "conv4", "relu4", "flatten", "fc1"]
    weighted = [model[0], block.body[0], block.body[2], model[3], model[6]]
    assert units.layer_names(model, weighted) == ["conv1", "conv2", "conv3", "conv4", "fc1"]
    assert [s.name for s in lessons.layer_stats(model)] == ["conv1", "conv2", "conv3", "conv4", "fc1"]
    assert lessons.layer_names is units.layer_names  # one function, in cnnviz.explain.units
