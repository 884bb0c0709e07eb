"""Figure builders of the "Why convolution?" and "Receptive field" pages.

Every figure is re-validated by Plotly (the builders skip validation for speed).
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import pytest

from cnnviz.figures import receptive as rfig
from cnnviz.figures import why_conv as wfig
from cnnviz.lessons import connectivity as C


def valid(fig: go.Figure) -> dict:
    """The figure as a dict, after Plotly has validated every property."""
    return go.Figure(fig.to_dict()).to_dict()


def annotation_texts(spec: dict) -> list[str]:
    return [a["text"] for a in spec["layout"].get("annotations", [])]


# ---------------------------------------------------------------------------------------------
# why convolution
# ---------------------------------------------------------------------------------------------

def test_connection_diagram_of_the_course_example():
    index = C.conv_weight_index(7, 2)
    spec = valid(wfig.connection_diagram_figure(index, lang="en"))
    dense, tap1, tap2 = spec["data"][:3]
    assert dense["x"].count(None) == 42  # one segment per dense weight
    assert (tap1["name"], tap2["name"]) == ("w₁", "w₂")
    assert tap1["x"].count(None) == tap2["x"].count(None) == 6
    assert tap1["line"]["color"] != tap2["line"]["color"]
    nodes = [trace for trace in spec["data"] if trace.get("mode") == "markers+text"]
    assert len(nodes) == 4 and nodes[0]["text"][:2] == ["x₁", "x₂"] and nodes[1]["text"][-1] == "y₆"
    texts = annotation_texts(spec)
    assert "Fully connected: 42 weights" in texts
    assert "Convolution: 12 connections, 2 weights" in texts
    zh = valid(wfig.connection_diagram_figure(index, lang="zh", presentation=True))
    assert "卷积：12 条连接，2 个权重" in annotation_texts(zh)
    assert zh["layout"]["height"] > spec["layout"]["height"]


def test_connection_diagram_validates():
    with pytest.raises(ValueError, match="16 inputs"):
        wfig.connection_diagram_figure(C.conv_weight_index(17, 3))
    with pytest.raises(ValueError, match="integer"):
        wfig.connection_diagram_figure(np.zeros((3, 4)))
    with pytest.raises(ValueError, match="no connection"):
        wfig.connection_diagram_figure(np.full((2, 3), -1))
    with pytest.raises(ValueError, match="lang"):
        wfig.connection_diagram_figure(C.conv_weight_index(5, 2), lang="fr")


def test_matrix_figure_shows_dense_sparse_and_kernel():
    index = C.conv_weight_index((4, 4), 3)  # the textbook 4×16 matrix of a 3×3 kernel on a 4×4 image
    spec = valid(wfig.connectivity_matrix_figure(index, (3, 3)))
    heatmaps = [trace for trace in spec["data"] if trace["type"] == "heatmap"]
    dense, conv, kernel = heatmaps
    assert np.asarray(dense["z"]).shape == (4, 16)
    np.testing.assert_array_equal(np.asarray(conv["z"]), index)
    np.testing.assert_array_equal(np.asarray(kernel["z"]), np.arange(9).reshape(3, 3))
    assert conv["text"][0][:3] == ["w₁", "w₂", "w₃"] and conv["text"][0][3] == "0"
    labels = {text for trace in spec["data"] if trace["type"] == "scatter" for text in trace["text"]}
    assert labels == {f"w{d}" for d in "₁₂₃₄₅₆₇₈₉"}
    texts = annotation_texts(spec)
    assert "Fully connected W (4×16)<br>64 different weights" in texts
    assert "Convolution as a matrix<br>36 non-zeros, only 9 distinct values" in texts
    assert "Kernel<br>9 weights" in texts


def test_matrix_figure_uses_short_labels_when_cells_are_small():
    index = C.conv_weight_index((5, 5), 3, padding=1)  # 25×25
    spec = valid(wfig.connectivity_matrix_figure(index, (3, 3), lang="zh"))
    conv_labels = [trace for trace in spec["data"] if trace["type"] == "scatter" and trace["xaxis"] == "x2"]
    assert {trace["text"][0] for trace in conv_labels} == {str(d) for d in range(1, 10)}
    assert sum(len(trace["x"]) for trace in conv_labels) == C.connection_counts(index).connections


def test_matrix_figure_validates():
    index = C.conv_weight_index(7, 2)
    with pytest.raises(ValueError, match="taps"):
        wfig.connectivity_matrix_figure(index, (1, 1))
    with pytest.raises(ValueError, match="KH, KW"):
        wfig.connectivity_matrix_figure(index, 2)
    with pytest.raises(ValueError, match="at most 25 inputs"):
        wfig.connectivity_matrix_figure(C.conv_weight_index((6, 6), 3), (3, 3))


def test_parameter_bars_of_the_course_example():
    rows = C.parameter_comparison(1000, 10, 100)
    spec = valid(wfig.parameter_bars_figure(rows, lang="en"))
    bars = spec["data"][0]
    assert list(bars["x"]) == [10**12, 10**8, 100, 10**4]
    assert list(bars["text"]) == ["10¹²", "10⁸", "100", "10⁴"]
    assert list(bars["y"]) == ["Fully connected", "Locally connected", "Conv, 1 filter", "Conv, 100 filters"]
    assert spec["layout"]["xaxis"]["type"] == "log"
    zh = valid(wfig.parameter_bars_figure(rows, lang="zh"))
    assert zh["data"][0]["y"][3] == "卷积，100 个滤波器"
    with pytest.raises(ValueError, match="ParameterRow"):
        wfig.parameter_bars_figure([])


def test_equivariance_figure_draws_both_routes_and_the_differences():
    image = np.zeros((12, 12))
    image[4:8, 5:7] = 1.0
    demo = C.equivariance_demo(image, C.EQUIVARIANCE_KERNELS["edge_vertical"], 1, 2, rng=np.random.default_rng(0))
    spec = valid(wfig.equivariance_figure(demo, lang="en"))
    heatmaps = [trace for trace in spec["data"] if trace["type"] == "heatmap"]
    assert len(heatmaps) == 8  # x, x′, then three per layer
    np.testing.assert_allclose(np.asarray(heatmaps[2]["z"], dtype=float), demo.conv_of_shifted, atol=1e-5)
    assert not np.asarray(heatmaps[4]["z"], dtype=float).any()  # conv difference: all zero
    assert np.abs(np.asarray(heatmaps[7]["z"], dtype=float)).max() > 0
    texts = annotation_texts(spec)
    assert "=" in texts and "≠" in texts
    assert "max |difference| = 0" in texts
    assert "shifted ↓1 →2" in texts
    zh = valid(wfig.equivariance_figure(demo, photo=True, lang="zh", presentation=True))
    assert "差值" in annotation_texts(zh)
    border = C.equivariance_demo(np.ones((12, 12)), C.EQUIVARIANCE_KERNELS["blur"], -3, 0, rng=np.random.default_rng(0))
    texts = annotation_texts(valid(wfig.equivariance_figure(border, photo=True)))
    assert "≈" in texts and "shifted ↑3" in texts  # equal away from the border only
    with pytest.raises(ValueError, match="EquivarianceDemo"):
        wfig.equivariance_figure(image)


# ---------------------------------------------------------------------------------------------
# receptive field
# ---------------------------------------------------------------------------------------------

def receptive_inputs(text: str, size: int, row: int, col: int):
    layers = C.parse_layer_stack(text)
    geometry = C.stack_geometry(size, layers)
    return (layers, geometry.sizes, C.influence_maps(geometry.sizes, layers, row, col),
            C.stage_boxes(layers, row, col))


def test_receptive_figure_conv_pool_conv():
    layers, sizes, maps, boxes = receptive_inputs("c3, p2, c3", 16, 2, 2)
    spec = valid(rfig.receptive_field_figure(layers, sizes, maps, boxes, lang="en"))
    heatmaps = [trace for trace in spec["data"] if trace["type"] == "heatmap"]
    assert [np.asarray(h["z"]).shape for h in heatmaps] == [(16, 16), (14, 14), (7, 7), (5, 5)]
    np.testing.assert_array_equal(np.asarray(heatmaps[0]["customdata"]), maps[0])
    # the orange boxes: input rows/cols 4..11, the unit itself on the last map
    boxes_drawn = [s for s in spec["layout"]["shapes"] if s["line"]["color"] == rfig.cm.HIGHLIGHT]
    first = boxes_drawn[0]
    assert (first["x0"], first["x1"], first["y0"], first["y1"]) == (3.5, 11.5, 3.5, 11.5)
    assert (boxes_drawn[-1]["x0"], boxes_drawn[-1]["x1"]) == (1.5, 2.5)
    texts = annotation_texts(spec)
    assert "<b>Input 16×16</b><br>field 8×8" in texts
    assert "<b>2. pool 2×2 → 7×7</b><br>field 3×3 here" in texts
    assert "<b>3. conv 3×3 → 5×5</b><br>chosen unit (2, 2)" in texts
    pick = [trace for trace in spec["data"] if trace.get("name") == rfig.PICK_TRACE_NAME]
    assert len(pick) == 1 and len(pick[0]["customdata"]) == 25 and list(pick[0]["customdata"][7]) == [1, 2]
    assert pick[0]["xaxis"] == "x4"
    # the 3×3 grids write their path counts
    counts = [trace for trace in spec["data"] if trace.get("mode") == "text" and trace["xaxis"] == "x3"]
    assert sorted(int(v) for trace in counts for v in trace["text"]) == [1] * 9


def test_receptive_figure_hatches_the_padding_and_wraps_rows():
    layers, sizes, maps, boxes = receptive_inputs("c3p1, c3p1, p2, c3p1, c3p1, p2", 16, 0, 0)
    spec = valid(rfig.receptive_field_figure(layers, sizes, maps, boxes, lang="zh", clickable=False))
    assert boxes[0] == (-6, 10, -6, 10)
    hatches = [trace for trace in spec["data"] if trace.get("fill") == "toself"]
    assert hatches and min(v for v in hatches[0]["x"] if v is not None) == -6.5
    assert not [trace for trace in spec["data"] if trace.get("name") == rfig.PICK_TRACE_NAME]
    y_domains = {tuple(spec["layout"][f"yaxis{i}"]["domain"]) for i in range(2, 8)}
    assert len(y_domains) == 2  # 7 stages in two rows
    assert "<b>1. 卷积 3×3 p1 → 16×16</b><br>在此层上的范围 14×14" in annotation_texts(spec)
    present = valid(rfig.receptive_field_figure(layers, sizes, maps, boxes, presentation=True))
    assert len({tuple(present["layout"][f"yaxis{i}"]["domain"]) for i in range(2, 8)}) == 3


def test_layer_label():
    assert rfig.layer_label(C.LayerSpec("conv", 3, 2, 1, 2)) == "conv 3×3 s2 p1 d2"
    assert rfig.layer_label(C.LayerSpec("pool", 2, 2, 0, 1), "zh") == "池化 2×2"


def test_receptive_figure_validates():
    layers, sizes, maps, boxes = receptive_inputs("c3, c3", 8, 1, 1)
    with pytest.raises(ValueError, match="need 3 sizes"):
        rfig.receptive_field_figure(layers, sizes[:-1], maps, boxes)
    with pytest.raises(ValueError, match="one unit"):
        rfig.receptive_field_figure(layers, sizes, maps, boxes[:-1] + [(0, 2, 0, 1)])
    with pytest.raises(ValueError, match="shape"):
        rfig.receptive_field_figure(layers, sizes, [maps[0][:2]] + maps[1:], boxes)
    with pytest.raises(ValueError, match="LayerSpec"):
        rfig.receptive_field_figure([(3, 1, 0, 1)] * 2, sizes, maps, boxes)
