"""Figure builders of the transposed-convolution and convolution-family pages."""

from __future__ import annotations

import numpy as np
import pytest

from cnnviz.figures import family as ff
from cnnviz.figures import transposed as tf
from cnnviz.lessons import convmath
from cnnviz.nn import functional, shapes


def _z(trace) -> np.ndarray:
    return np.array([[np.nan if v is None else v for v in row] for row in trace.z], dtype=float)


def _heatmaps(fig):
    return [d for d in fig.data if d.type == "heatmap"]


# --------------------------------------------------------------------------------------------
# transposed
# --------------------------------------------------------------------------------------------

def test_output_size_latex_substitutes_the_numbers():
    text = tf.output_size_latex(3, 3, 2, 1, 1, 1)
    assert r"(3-1)\cdot 2 \;-\; 2\cdot 1 \;+\; 1\cdot(3-1) \;+\; 1 \;+\; 1 \;=\; \mathbf{6}" in text
    assert r"\text{output\_padding}" in text
    with pytest.raises(shapes.ShapeError):
        tf.output_size_latex(3, 3, 1, 0, 1, 1)  # output_padding >= stride and >= dilation


def _matrix_example():
    x = np.array([[0.0, 1.0], [2.0, 3.0]])
    k = np.array([[0.0, 1.0], [2.0, 3.0]])
    ct = convmath.conv_transpose_matrix(2, k, stride=2)
    wiring = convmath.conv_transpose_matrix(2, np.ones((2, 2)), stride=2) != 0
    y = functional.conv_transpose2d(x[None, None], k[None, None], stride=2)[0, 0]
    return x, ct, wiring, y


def test_conv_matrix_figure_draws_weights_and_unconnected_cells():
    _x, ct, wiring, _y = _matrix_example()
    fig = tf.conv_matrix_figure(ct.T, in_shape=(4, 4), out_shape=(2, 2), structure=wiring.T)
    background, weights = _heatmaps(fig)
    np.testing.assert_array_equal(np.isnan(_z(background)), wiring.T)  # grey exactly where unconnected
    np.testing.assert_array_equal(_z(weights), np.where(wiring.T, ct.T, np.nan))
    # a connected zero weight is kept (white cell with "0"), not confused with "no connection"
    assert np.sum(wiring.T & (ct.T == 0)) == 4 and not np.isnan(_z(weights)[0, 0])
    assert weights.texttemplate  # small matrix: numbers in the cells
    row = fig.layout.shapes[0]
    assert (row.y0, row.y1, row.x0, row.x1) == (-0.5, 0.5, -0.5, 15.5)  # row 0 outlined
    assert "C (4×16)" in fig.layout.annotations[0].text
    assert list(fig.layout.xaxis.ticktext[:3]) == ["0,0", "0,1", "0,2"]


def test_transposed_matrix_figure_shows_ct_x_equals_y():
    x, ct, wiring, y = _matrix_example()
    fig = tf.transposed_matrix_figure(ct, x, y, in_shape=(2, 2), out_shape=(4, 4), structure=wiring, lang="zh")
    _bg, weights, vec, res = _heatmaps(fig)
    np.testing.assert_array_equal(_z(weights), np.where(wiring, ct, np.nan))
    assert _z(vec).ravel().tolist() == [0, 1, 2, 3]
    np.testing.assert_array_equal(_z(res).ravel(), (ct @ x.ravel()))
    texts = [a.text for a in fig.layout.annotations]
    assert "Cᵀ（16×4）" in texts and "y = Cᵀx" in texts and "×" in texts and "=" in texts
    assert any("盖印" in text for text in texts)
    with pytest.raises(ValueError, match="result has 15 entries"):
        tf.transposed_matrix_figure(ct, x, y.ravel()[:15], in_shape=(2, 2), out_shape=(4, 4))


def test_matrix_figures_validate():
    _x, ct, _w, _y = _matrix_example()
    with pytest.raises(ValueError, match="one row per output pixel"):
        tf.conv_matrix_figure(ct, in_shape=(2, 2), out_shape=(2, 2))
    with pytest.raises(ValueError, match="lang"):
        tf.conv_matrix_figure(ct.T, in_shape=(4, 4), out_shape=(2, 2), lang="fr")
    with pytest.raises(ValueError, match="highlight_row"):
        tf.conv_matrix_figure(ct.T, in_shape=(4, 4), out_shape=(2, 2), highlight_row=9)
    with pytest.raises(ValueError, match="too large"):
        tf.conv_matrix_figure(np.zeros((1, 441)), in_shape=(21, 21), out_shape=(1, 1))
    big = tf.conv_matrix_figure(np.ones((36, 196)), in_shape=(14, 14), out_shape=(6, 6))
    assert not _heatmaps(big)[1].texttemplate  # cells too small for numbers


def test_overlap_figure():
    counts = convmath.overlap_counts(4, 3, 2)
    fig = tf.overlap_figure(counts, presentation=True)
    (trace,) = fig.data
    np.testing.assert_array_equal(_z(trace), counts)
    assert trace.texttemplate and trace.zmin == 0 and trace.zmax == 4
    with pytest.raises(ValueError, match="counts"):
        tf.overlap_figure(-counts)


# --------------------------------------------------------------------------------------------
# family
# --------------------------------------------------------------------------------------------

def test_dilation_figure_taps_and_paths():
    single = convmath.receptive_field_counts(3, [2])
    stacked = convmath.receptive_field_counts(3, [1, 2, 4])
    fig = ff.dilation_figure(single, stacked, dilations=[1, 2, 4])
    labels = next(d for d in fig.data if d.type == "scatter" and d.mode == "text")
    assert list(labels.text) == ["w₁", "w₂", "w₃", "w₄", "w₅", "w₆", "w₇", "w₈", "w₉"]
    assert list(labels.x)[:3] == [0, 2, 4]  # taps two cells apart at D = 2
    heat = _heatmaps(fig)
    np.testing.assert_array_equal(_z(heat[-1]), np.where(stacked > 0, stacked, np.nan))
    titles = [a.text for a in fig.layout.annotations]
    assert "One layer: 3×3 kernel, D = 2 → 5×5 (9 weights)" in titles
    assert "3 layers, D = 1, 2, 4: receptive field 15×15" in titles
    only = ff.dilation_figure(single, lang="zh")
    assert "单层：3×3 卷积核，D = 2 → 5×5（9 个权重）" in [a.text for a in only.layout.annotations]
    with pytest.raises(ValueError, match="0 \\(holes\\) and 1"):
        ff.dilation_figure(stacked)
    with pytest.raises(ValueError, match="dilations"):
        ff.dilation_figure(single, stacked)


def test_groups_figure_one_line_per_kernel():
    conn = convmath.group_connectivity(8, 16, 4)
    fig = ff.groups_figure(conn)
    lines = [d for d in fig.data if d.mode == "lines"]
    assert len(lines) == 4
    assert [list(d.x).count(None) for d in lines] == [16 // 4 * 8 // 4] * 4
    inputs, filters = [d for d in fig.data if d.mode.startswith("markers")]
    assert list(inputs.marker.color) == [ff.GROUP_COLORS[g] for g in (0, 0, 1, 1, 2, 2, 3, 3)]
    assert len(filters.y) == 16
    texts = [a.text for a in fig.layout.annotations]
    assert "g = 4: 16 filters × 8 input channels" in texts and "group 4" in texts
    depthwise = ff.groups_figure(convmath.group_connectivity(8, 8, 8), lang="zh")
    assert sum(list(d.x).count(None) for d in depthwise.data if d.mode == "lines") == 8
    with pytest.raises(ValueError, match="connectivity"):
        ff.groups_figure(np.full((2, 2), -2))


def test_cost_bars_figure():
    fig = ff.cost_bars_figure(["a", "b"], [819200, 208896], title="Weights", highlight=[1])
    (bar,) = fig.data
    assert list(bar.text) == ["819,200", "208,896"]
    assert list(bar.marker.color)[1] != list(bar.marker.color)[0]
    with pytest.raises(ValueError, match="equal length"):
        ff.cost_bars_figure(["a"], [1, 2], title="x")
    with pytest.raises(ValueError, match="highlight"):
        ff.cost_bars_figure(["a"], [1], title="x", highlight=[3])


def test_signal_figure_time_axis():
    x = [1, 0, 2, 0, 0, 1]
    y = convmath.conv1d(x, [1, 0.5, 0.25], "valid", flip=True)
    fig = ff.signal_figure(x, y, output_start=2, mode_label="valid")
    signal, output = fig.data
    assert list(signal.x) == list(range(6)) and list(output.x) == [2, 3, 4, 5]
    assert list(output.y) == [2.25, 1, 0.5, 1]
    assert "Output y, valid mode (4 samples)" in fig.layout.annotations[1].text
    with pytest.raises(ValueError, match="output_start"):
        ff.signal_figure(x, y, output_start=1.5, mode_label="valid")


def test_family_latex_helpers():
    assert r"= \mathbf{5}" in ff.dilation_latex(3, 2)
    assert r"= \mathbf{7}" in ff.dilation_latex(3, 3)
    assert r"1 + (3-1)(1+2+4) = \mathbf{15}" in ff.receptive_field_latex(3, [1, 2, 4])
    assert r"= \mathbf{592}" in ff.groups_params_latex(8, 16, 3, 2)
    assert r"= \mathbf{576}" in ff.groups_params_latex(8, 16, 3, 2, bias=False)
    with pytest.raises(shapes.ShapeError):
        ff.groups_params_latex(8, 16, 3, 3)
    cost = convmath.separable_cost(32, 64, 3, 26)
    text = ff.separable_params_latex(cost)
    assert "18{,}496" in text and r"\mathbf{2{,}432}" in text
    assert r"\text{深度卷积}" in ff.separable_params_latex(cost, "zh")
    assert r"\mathbf{0.1267}" in ff.separable_macs_latex(cost)
    bottle = ff.bottleneck_latex(convmath.bottleneck_cost(128, 256, 5, 32))
    assert r"\mathbf{819{,}200}" in bottle and r"\mathbf{208{,}896}" in bottle
    assert r"= \mathbf{4}" in ff.conv1d_length_latex(6, 3, "valid")
    assert r"= \mathbf{6}" in ff.conv1d_length_latex(6, 3, "same")
    assert r"= \mathbf{8}" in ff.conv1d_length_latex(6, 3, "full")


def _echo_trace(mode="full", flip=True):
    from cnnviz.lessons.trace import trace_conv2d

    x, w = np.array([1, 0, 2, 0, 0, 1.0]), np.array([1, 0.5, 0.25])
    left, right = convmath.conv1d_padding(x.size, w.size, mode)
    return trace_conv2d(x[None], w[None], padding=(0, 0, left, right), flip_kernel=flip)


def test_conv1d_animation_figure_steps_through_the_echo():
    trace = _echo_trace()
    expected = convmath.conv1d([1, 0, 2, 0, 0, 1], [1, 0.5, 0.25], "full", flip=True)
    np.testing.assert_allclose(trace.output[0], expected)
    fig = ff.conv1d_animation_figure(trace, lang="zh")
    assert len(fig.frames) == 8
    x_row, _hatch, kernel_row, products, out_row, pending = fig.data[:6]
    assert list(kernel_row.z[0]) == [0.25, 0.5, 1]  # the kernel as applied: flipped
    assert list(kernel_row.x) == [0, 1, 2]
    assert list(out_row.x) == list(range(2, 10))  # output under the newest sample of each window
    last = fig.frames[-1]
    assert list(last.data[2].z[0]) == expected.tolist()  # every sample revealed at the end
    third = fig.frames[2]
    assert list(third.data[0].x) == [2, 3, 4]
    assert list(third.data[2].z[0])[:3] == [1, 0.5, 2.25] and third.data[2].z[0][3] is None
    assert "y[2] = 0.25·1 + 0.5·0 + 1·2 = <b>2.25</b>" in [a.text for a in third.layout.annotations]
    assert "卷积核 w（翻转）" in [a.text for a in fig.layout.annotations]
    corr = ff.conv1d_animation_figure(_echo_trace("valid", flip=False))
    assert len(corr.frames) == 4 and list(corr.data[2].z[0]) == [1, 0.5, 0.25]


def test_conv1d_animation_figure_validates():
    from cnnviz.lessons.trace import trace_conv2d

    with pytest.raises(ValueError, match="1-D signal"):
        ff.conv1d_animation_figure(trace_conv2d(np.ones((3, 3)), np.ones((2, 2))))
    with pytest.raises(ValueError, match="ConvTrace"):
        ff.conv1d_animation_figure("trace")
    with pytest.raises(ValueError, match="frame_ms"):
        ff.conv1d_animation_figure(_echo_trace(), frame_ms=5)
