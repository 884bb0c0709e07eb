"""Figure builders and helpers of the Pooling and Activations pages."""

from __future__ import annotations

import numpy as np
import pytest

from cnnviz.figures import activations as fa
from cnnviz.figures import pooling as fp
from cnnviz.i18n import message
from cnnviz.lessons import activations as A
from cnnviz.lessons.trace import trace_pool2d
from cnnviz.nn import functional as F
from cnnviz.nn import shapes


def pooled(x, mode, *args, **kwargs):
    op = F.max_pool2d if mode == "max" else F.avg_pool2d
    return op(np.asarray(x, dtype=float)[None, None], *args, **kwargs)[0, 0]


def titles(figure):
    return [a.text for a in figure.layout.annotations]


# --------------------------------------------------------------------------------------------
# presets: the course examples pool to the known answers
# --------------------------------------------------------------------------------------------

def test_course_6x6_with_3x3_window_stride_3_gives_2x2():
    x = fp.preset_grid("course6")
    assert x.shape == (6, 6)
    np.testing.assert_array_equal(pooled(x, "max", 3, 3), [[10, 0], [0, 10]])
    np.testing.assert_array_equal(pooled(x, "avg", 3, 3), [[10, 0], [0, 10]])
    assert shapes.pool_output_size(6, 3, 3) == 2


def test_course_6x6_overlapping_stride_1_gives_4x4():
    out = pooled(fp.preset_grid("course6"), "max", 3, 1)
    np.testing.assert_array_equal(out, [[10, 10, 10, 0], [10, 10, 10, 10], [10, 10, 10, 10], [0, 10, 10, 10]])


def test_classic_4x4_example():
    x = fp.preset_grid("classic4")
    np.testing.assert_array_equal(pooled(x, "max", 2), [[6, 8], [3, 4]])
    np.testing.assert_allclose(pooled(x, "avg", 2), [[3.25, 5.25], [2, 2]])


def test_twenty_by_twenty_with_a_10x10_window_gives_2x2():
    x = fp.preset_grid("random", size=20, rng=np.random.default_rng(0))
    assert pooled(x, "max", 10).shape == (2, 2)


def test_other_presets():
    random = fp.preset_grid("random", size=5, rng=np.random.default_rng(3))
    assert random.shape == (5, 5) and set(np.unique(random)) <= set(range(10))
    edge = fp.preset_grid("edge")
    assert edge.shape == (8, 8) and edge[:, :4].max() == 0 and edge[:, 4:].min() == 9
    digit = fp.preset_grid("digit", digit=np.array([[0.0, 0.5], [1.0, 1.2]]))
    np.testing.assert_array_equal(digit, [[0, 4], [9, 9]])  # ink levels 0-9, clipped
    with pytest.raises(ValueError, match="rng"):
        fp.preset_grid("random")
    with pytest.raises(ValueError, match="size"):
        fp.preset_grid("random", size=30, rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match="preset"):
        fp.preset_grid("custom")


# --------------------------------------------------------------------------------------------
# typed grids
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["1 2; 3 4", "1,2\n3,4", "1 2\n\n3   4\n", "1, 2;3 , 4;"])
def test_parse_grid_accepts_separators(text):
    np.testing.assert_array_equal(fp.parse_grid(text), [[1, 2], [3, 4]])


def test_parse_grid_reads_decimals_negatives_and_round_trips():
    grid = fp.parse_grid("-1.5 2e1\n−3 0.25")
    np.testing.assert_array_equal(grid, [[-1.5, 20], [-3, 0.25]])
    np.testing.assert_array_equal(fp.parse_grid(fp.format_grid(grid)), grid)


@pytest.mark.parametrize("text, key, fields", [
    ("", "grid.empty", {}),
    (" ;\n ", "grid.empty", {}),
    ("1 2; 3 x", "grid.not_number", {"token": "x", "row": 2}),
    ("1 inf", "grid.not_finite", {"token": "inf", "row": 1}),
    ("1 2 3; 4 5", "grid.ragged", {"row": 2, "count": 2, "first": 3}),
    ("; ".join(["1"] * 17), "grid.too_big", {"rows": 17, "cols": 1, "limit": 16}),
])
def test_parse_grid_explains_what_is_wrong(text, key, fields):
    with pytest.raises(fp.GridError) as info:
        fp.parse_grid(text)
    assert info.value.key == key
    assert info.value.fields == fields
    assert message(info.value, "zh") != message(info.value, "en")
    assert isinstance(info.value, ValueError)


# --------------------------------------------------------------------------------------------
# shift, coverage, formula
# --------------------------------------------------------------------------------------------

def test_shift_grid_moves_and_fills():
    x = np.arange(1.0, 10.0).reshape(3, 3)
    np.testing.assert_array_equal(fp.shift_grid(x, 0, 1), [[0, 1, 2], [0, 4, 5], [0, 7, 8]])
    np.testing.assert_array_equal(fp.shift_grid(x, -1, 0), [[4, 5, 6], [7, 8, 9], [0, 0, 0]])
    np.testing.assert_array_equal(fp.shift_grid(x, 1, -1, fill=-1), [[-1, -1, -1], [2, 3, -1], [5, 6, -1]])
    np.testing.assert_array_equal(fp.shift_grid(x, 0, 3), np.zeros((3, 3)))
    with pytest.raises(ValueError, match="integer"):
        fp.shift_grid(x, 0, 0.5)


def test_max_pooling_ignores_a_shift_inside_the_window():
    x = fp.preset_grid("edge")  # the edge starts at column 4, a window boundary for K = 2
    shifted = fp.shift_grid(x, 0, 1)
    assert fp.changed_cells(x, shifted).sum() == 8
    assert not fp.changed_cells(pooled(x, "max", 2), pooled(shifted, "max", 2)).any()
    assert fp.changed_cells(pooled(x, "avg", 2), pooled(shifted, "avg", 2)).sum() == 4


def test_window_coverage_counts_overlap_and_gaps():
    trace = trace_pool2d(np.zeros((6, 6)), 3, 3)
    np.testing.assert_array_equal(fp.window_coverage(trace.taps, trace.pad_mask.shape), np.ones((6, 6)))
    trace = trace_pool2d(np.zeros((5, 5)), 3, 2)  # AlexNet-style overlap
    counts = fp.window_coverage(trace.taps, trace.pad_mask.shape)
    np.testing.assert_array_equal(counts[0], [1, 1, 2, 1, 1])
    np.testing.assert_array_equal(counts[2], [2, 2, 4, 2, 2])
    trace = trace_pool2d(np.zeros((7, 7)), 2, 2)  # floor drops the last row and column
    counts = fp.window_coverage(trace.taps, trace.pad_mask.shape)
    assert counts[6].sum() == 0 and counts[:, 6].sum() == 0 and counts[:6, :6].min() == 1
    trace = trace_pool2d(np.zeros((4, 4)), 3, 3, padding=1)
    counts = fp.window_coverage(trace.taps, trace.pad_mask.shape, trace.pad_mask)
    assert np.isnan(counts[0, 0]) and counts[1, 1] == 1


def test_output_size_latex_substitutes_the_numbers():
    text = fp.output_size_latex(6, 3, 3)
    assert r"\frac{H - K + 2P}{S}" in text and r"\frac{6 - 3 + 2\cdot 0}{3}" in text and text.endswith(r"\mathbf{2}")
    assert fp.output_size_latex(55, 3, 2).endswith(r"\mathbf{27}")
    ceil = fp.output_size_latex(7, 2, 2, ceil_mode=True, symbol="W")
    assert ceil.startswith("W_{out}") and r"\left\lceil" in ceil and ceil.endswith(r"\mathbf{4}")
    dropped = fp.output_size_latex(5, 3, 3, 1, ceil_mode=True)
    assert "- 1" in dropped and dropped.endswith(r"\mathbf{2}")
    assert shapes.pool_output_size(5, 3, 3, 1, 1, True) == 2


# --------------------------------------------------------------------------------------------
# pooling figures
# --------------------------------------------------------------------------------------------

def test_compare_figure_draws_the_three_grids():
    x = fp.preset_grid("classic4")
    fig = fp.compare_figure(x, pooled(x, "max", 2), pooled(x, "avg", 2), lang="zh")
    assert [trace.type for trace in fig.data] == ["heatmap"] * 3
    np.testing.assert_array_equal(fig.data[1].z, [[6, 8], [3, 4]])
    np.testing.assert_allclose(fig.data[2].z, [[3.25, 5.25], [2, 2]])
    assert {"输入 4×4", "最大池化 2×2", "平均池化 2×2", "每个窗口的最强值"} <= set(titles(fig))
    assert fig.data[0].texttemplate  # numbers in small grids
    with pytest.raises(ValueError, match="same shape"):
        fp.compare_figure(x, np.zeros((2, 2)), np.zeros((3, 3)))


def test_coverage_figure_outlines_unread_cells():
    trace = trace_pool2d(np.zeros((7, 7)), 2, 2)
    counts = fp.window_coverage(trace.taps, trace.pad_mask.shape)
    fig = fp.coverage_figure(counts)
    outlines = [shape for shape in fig.layout.shapes if shape.path]  # the grid border is a plain rect
    assert len(outlines) == 1 and outlines[0].path.count("Z") == 13
    no_gaps = fp.coverage_figure(np.ones((4, 4)), presentation=True)
    assert not [shape for shape in no_gaps.layout.shapes if shape.path]


def test_shift_figure_reports_changes():
    x = fp.preset_grid("course6")
    shifted = fp.shift_grid(x, 0, 1)
    fig = fp.shift_figure(x, shifted, pooled(x, "max", 3), pooled(shifted, "max", 3))
    assert "9 of 36 changed" in titles(fig) and "1 of 4 changed" in titles(fig)
    assert len(fig.data) == 4


def test_backward_figure_shows_routing():
    x = fp.preset_grid("classic4")
    dout = np.arange(1.0, 5.0).reshape(2, 2)
    dx_max = F.max_pool2d_backward(dout[None, None], x[None, None], 2)[0, 0]
    dx_avg = F.avg_pool2d_backward(dout[None, None], x[None, None], 2)[0, 0]
    fig = fp.backward_figure(dout, dx_max, dx_avg)
    np.testing.assert_array_equal(fig.data[1].z, [[0, 0, 0, 0], [0, 1, 0, 2], [3, 0, 0, 0], [0, 0, 0, 4]])
    np.testing.assert_allclose(fig.data[2].z, np.kron(dout / 4, np.ones((2, 2))))
    outlines = [shape for shape in fig.layout.shapes if shape.path]
    assert len(outlines) == 1 and outlines[0].path.count("Z") == 4  # the four arg-max cells


@pytest.mark.parametrize("kwargs, message", [
    ({"lang": "fr"}, "lang"), ({"presentation": "yes"}, "presentation"), ({"show_numbers": 1}, "show_numbers"),
])
def test_pooling_figures_validate_options(kwargs, message):
    with pytest.raises(ValueError, match=message):
        fp.compare_figure(np.ones((2, 2)), np.ones((1, 1)), np.ones((1, 1)), **kwargs)


# --------------------------------------------------------------------------------------------
# activation figures
# --------------------------------------------------------------------------------------------

def test_curves_figure_has_function_and_derivative_per_activation():
    x = np.linspace(-3, 3, 61)
    curves = {name: (name, A.activate(name, x), A.derivative(name, x)) for name in ("relu", "sigmoid")}
    fig = fa.curves_figure(x, curves, probe=1.0, lang="zh")
    lines = [trace for trace in fig.data if trace.mode == "lines"]
    assert len(lines) == 4 and len(fig.data) == 8  # + a marker on each curve at the probe
    np.testing.assert_allclose(lines[3].y, A.derivative("sigmoid", x), atol=1e-6)
    assert lines[0].line.dash != lines[2].line.dash  # distinguishable in greyscale
    assert "导数 f′(x)" in titles(fig)
    with pytest.raises(ValueError, match="shape"):
        fa.curves_figure(x, {"relu": ("relu", x[:5], x[:5])})


def test_feature_map_figure():
    image = np.random.default_rng(0).random((10, 10))
    pre = A.edge_feature_map(image)
    fig = fa.feature_map_figure(image[1:-1, 1:-1], pre, A.activate("relu", pre), A.derivative("relu", pre))
    assert len(fig.data) == 4 and np.asarray(fig.data[1].z).shape == (8, 8)
    assert fig.data[1].zmin == -fig.data[1].zmax  # signed map: centred diverging scale
    with pytest.raises(ValueError, match="same shape"):
        fa.feature_map_figure(image, pre, pre[:2], pre)


def test_saturation_figure_histograms_sum_to_100_percent():
    u = np.random.default_rng(0).normal(0, 20, 5000)
    grad = A.derivative("sigmoid", u)
    cx = np.linspace(-60, 60, 201)
    fig = fa.saturation_figure(u, grad, cx, A.derivative("sigmoid", cx), peak=0.25, tolerance=0.05)
    assert sum(fig.data[0].y) == pytest.approx(100, abs=0.01)
    assert sum(fig.data[2].y) == pytest.approx(100, abs=0.01)
    assert any(shape.type == "rect" for shape in fig.layout.shapes)  # the shaded flat region


def test_softmax_figure_labels_the_course_numbers():
    logits = np.array([3.0, 1.0, -3.0])
    fig = fa.softmax_figure(logits, A.softmax_with_temperature(logits))
    assert list(fig.data[1].text) == ["0.879", "0.119", "0.002"]
    assert list(fig.data[0].text) == ["3", "1", "-3"]


def test_maxout_figure():
    x = np.linspace(-2, 2, 9)
    w, b = A.maxout_preset("abs")
    z = F.maxout_pieces(x[:, None], w, b)[:, 0, :]
    out, winner = F.maxout(x[:, None], w, b)
    fig = fa.maxout_figure(x, z, out[:, 0], winner[:, 0], lang="zh")
    assert [trace.name for trace in fig.data[:3]] == ["z1", "z2", "h(x) = 最大值"]
    np.testing.assert_allclose(fig.data[2].y, np.abs(x))
    with pytest.raises(ValueError, match="pieces"):
        fa.maxout_figure(x, z[:3], out[:, 0], winner[:, 0])


def test_maxout_figure_can_show_the_curve_it_approximates():
    x = np.linspace(-4, 4, 33)
    w, b = A.maxout_preset("convex", 5)
    z = F.maxout_pieces(x[:, None], w, b)[:, 0, :]
    out, winner = F.maxout(x[:, None], w, b)
    fig = fa.maxout_figure(x, z, out[:, 0], winner[:, 0], reference=("x²/2", x**2 / 2))
    names = [trace.name for trace in fig.data]
    assert names[5:7] == ["x²/2", "h(x) = max"]
    assert np.all(np.asarray(fig.data[6].y) <= np.asarray(fig.data[5].y) + 1e-9)  # tangents stay below
    with pytest.raises(ValueError, match="reference"):
        fa.maxout_figure(x, z, out[:, 0], winner[:, 0], reference=("bad", x[:3]))


def test_activation_formulas_as_latex():
    assert [fa.line_latex(*wb) for wb in ((1, 0), (-1, 0), (0, 0), (0.5, -1), (0, 2))] == [
        "x", "-x", "0", r"0.5\,x - 1", "2"]
    # the course's softmax of [3, 1, -3]: 0.8789 for the first class
    softmax = fa.softmax_latex([3, 1, -3], 1.0, F.softmax(np.array([3.0, 1.0, -3.0])))
    assert r"\frac{e^{3/1}}{e^{3/1} + e^{1/1} + e^{-3/1}} = \mathbf{0.879}" in softmax
    relu_as_maxout = fa.maxout_latex(np.array([[[0.0], [1.0]]]), np.array([[0.0, 0.0]]))
    assert relu_as_maxout == r"\begin{gathered} h(x) = \max_{j=1..2} z_j \\ z_{1} = 0,\quad z_{2} = x\end{gathered}"
    assert r"\tfrac14" in fa.activation_latex("sigmoid") and "0.2\\,x" in fa.activation_latex("leaky_relu", 0.2)
    assert fa.decimals(0.25) == "0.25" and fa.decimals(3.0) == "3" and fa.decimals(1 / 3, 3) == "0.333"
