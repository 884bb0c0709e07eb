"""AppTest of pages/transposed_conv.py: the controls drive the formula, the animation, the matrix view
and the overlap counts, and every number shown equals cnnviz.nn.functional / cnnviz.nn.shapes."""

from __future__ import annotations

import numpy as np
import pytest

from cnnviz.lessons import convmath
from cnnviz.nn import functional, shapes
from tests.conftest import make_app_test, plotly_specs

PAGE = "transposed_conv"


def heatmaps(spec):
    return [d for d in spec["data"] if d["type"] == "heatmap"]


def as_array(z):
    return np.array([[np.nan if v is None else v for v in row] for row in z], dtype=float)


def animation_output(spec):
    """The output grid of the zero-insertion animation (its last heatmap)."""
    return as_array(heatmaps(spec)[-1]["z"])


def latex_text(at):
    return " ".join(element.value for element in at.latex)


def captions(at):
    return " ".join(element.value for element in at.caption)


def reference(size, k, s=1, p=0, op=0, d=1, input_kind="ramp", kernel_kind="ramp"):
    x = convmath.example_grid(input_kind, size, size)
    w = convmath.example_grid(kernel_kind, k, k)
    return functional.conv_transpose2d(x[None, None], w[None, None], stride=s, padding=p, output_padding=op,
                                       dilation=d)[0, 0]


def test_default_is_the_classic_stride_2_example():
    at = make_app_test(PAGE)
    assert not at.exception
    assert at.title[0].value == "Transposed convolution"
    latex = latex_text(at)
    assert r"(2-1)\cdot 2" in latex and r"\mathbf{4}" in latex
    assert any("2×2 → 4×4" in h.value for h in at.subheader)
    spec = plotly_specs(at)[0]
    assert len(spec["frames"]) == 16  # one frame per output cell
    expected = [[0, 0, 0, 1], [0, 0, 2, 3], [0, 2, 0, 3], [4, 6, 6, 9]]
    assert animation_output(spec).tolist() == expected
    np.testing.assert_array_equal(animation_output(spec), reference(2, 2, 2))
    assert "<b>9</b>" in spec["frames"][-1]["layout"]["annotations"][0]["text"]
    # the steps of the zero-insertion view, with numbers
    steps = next(m.value for m in at.markdown if "zero-insertion view" in m.value)
    assert "2×2 → 3×3" in steps and "→ 5×5" in steps and "**4×4**" in steps
    # output_padding's rule and why it exists: Conv2d(K=2, S=2) maps 4 and 5 to 2
    assert "{4, 5}" in captions(at)
    assert "⌊(4 + 2×0 − 1×(2−1) − 1) / 2⌋ + 1 = 2" in captions(at)


def test_stride_1_gives_the_stride_1_example():
    at = make_app_test(PAGE)
    at.slider(key="transposed.stride").set_value(1).run()
    assert not at.exception
    assert r"\mathbf{3}" in latex_text(at)
    spec = plotly_specs(at)[0]
    assert len(spec["frames"]) == 9
    assert animation_output(spec).tolist() == [[0, 0, 1], [0, 4, 6], [4, 12, 9]]
    # stride 1 and dilation 1 leave no room for output_padding: a disabled box and an explanation
    assert at.number_input(key="transposed.output_padding").value == 0
    assert "must be 0 here" in captions(at)


def test_padding_output_padding_and_dilation_follow_the_formula():
    at = make_app_test(PAGE)
    at.slider(key="transposed.size").set_value(3).run()
    at.slider(key="transposed.kernel").set_value(3).run()
    at.slider(key="transposed.padding").set_value(1).run()
    at.slider(key="transposed.output_padding").set_value(1).run()
    assert not at.exception
    latex = latex_text(at)
    assert r"(3-1)\cdot 2 \;-\; 2\cdot 1 \;+\; 1\cdot(3-1) \;+\; 1 \;+\; 1 \;=\; \mathbf{6}" in latex
    assert shapes.conv_transpose_output_size(3, 3, 2, 1, 1, 1) == 6
    assert "{5, 6}" in captions(at)
    spec = plotly_specs(at)[0]
    assert len(spec["frames"]) == 36
    np.testing.assert_allclose(animation_output(spec), reference(3, 3, 2, 1, 1))

    at.slider(key="transposed.dilation").set_value(2).run()
    assert not at.exception
    out = shapes.conv_transpose_output_size(3, 3, 2, 1, 1, 2)
    assert rf"\mathbf{{{out}}}" in latex_text(at)
    np.testing.assert_allclose(animation_output(plotly_specs(at)[0]), reference(3, 3, 2, 1, 1, 2))


def test_large_padding_crops_and_is_explained():
    at = make_app_test(PAGE, query={"transposed.size": 3, "transposed.kernel": 2, "transposed.padding": 2})
    assert not at.exception
    out = shapes.conv_transpose_output_size(3, 2, 2, 2, 0, 1)
    assert rf"\mathbf{{{out}}}" in latex_text(at)
    assert "cropped" in captions(at)
    np.testing.assert_allclose(animation_output(plotly_specs(at)[0]), reference(3, 2, 2, 2))


def test_an_impossible_output_padding_in_a_link_is_reset_and_explained():
    at = make_app_test(PAGE, query={"transposed.stride": 1, "transposed.output_padding": 3})
    assert not at.exception
    assert any("transposed.output_padding" in info.value for info in at.info)
    assert at.number_input(key="transposed.output_padding").value == 0
    assert "must be 0 here" in captions(at)


def test_input_and_kernel_presets():
    at = make_app_test(PAGE)
    at.selectbox(key="transposed.input").set_value("pixel").run()
    assert not at.exception
    # a single 1 at the top-left stamps the kernel itself
    out = animation_output(plotly_specs(at)[0])
    assert out[:2, :2].tolist() == [[0, 1], [2, 3]] and out.sum() == 6
    at.selectbox(key="transposed.weights").set_value("signed").run()
    np.testing.assert_allclose(animation_output(plotly_specs(at)[0]),
                               reference(2, 2, 2, input_kind="pixel", kernel_kind="signed"))


def test_matrix_view_shows_c_and_c_transpose():
    at = make_app_test(PAGE)
    at.radio(key="transposed.view").set_value("matrix").run()
    assert not at.exception
    specs = plotly_specs(at)
    assert len(specs) == 2
    ct = convmath.conv_transpose_matrix(2, convmath.example_grid("ramp", 2, 2), 2)
    assert ct.shape == (16, 4)
    wiring = convmath.conv_transpose_matrix(2, np.ones((2, 2)), 2) != 0
    c_weights = as_array(heatmaps(specs[0])[1]["z"])
    np.testing.assert_array_equal(np.where(wiring.T, ct.T, np.nan), c_weights)
    assert "C (4×16)" in specs[0]["layout"]["annotations"][0]["text"]
    t_maps = heatmaps(specs[1])
    np.testing.assert_array_equal(as_array(t_maps[1]["z"]), np.where(wiring, ct, np.nan))
    assert as_array(t_maps[2]["z"]).ravel().tolist() == [0, 1, 2, 3]  # x
    np.testing.assert_array_equal(as_array(t_maps[3]["z"]).ravel(), reference(2, 2, 2).ravel())  # y = Cᵀx
    assert any("Cᵀ" in m.value for m in at.markdown)


def test_matrix_view_too_large_is_explained():
    query = {"transposed.view": "matrix", "transposed.size": 5, "transposed.kernel": 4, "transposed.stride": 3,
             "transposed.dilation": 3}
    assert shapes.conv_transpose_output_size(5, 4, 3, 0, 0, 3) ** 2 > 400
    at = make_app_test(PAGE, query=query)
    assert not at.exception
    assert not plotly_specs(at)
    assert any("too large" in info.value for info in at.info)


@pytest.mark.parametrize("kernel,stride,even", [(3, 2, False), (4, 2, True)])
def test_overlap_view_counts_stamps(kernel, stride, even):
    at = make_app_test(PAGE, query={"transposed.view": "overlap", "transposed.kernel": kernel,
                                    "transposed.stride": stride})
    assert not at.exception
    counts = convmath.overlap_counts(6, kernel, stride)
    z = as_array(heatmaps(plotly_specs(at)[0])[0]["z"])
    np.testing.assert_array_equal(z, counts)
    assert f"Counts range from {counts.min()} to {counts.max()}." in captions(at)
    if even:
        assert at.success and "is a multiple of" in at.success[0].value
    else:
        assert at.warning and "checkerboard" in at.warning[0].value


def test_chinese_and_presentation_mode():
    at = make_app_test(PAGE, lang="zh", query={"present": 1})
    assert not at.exception
    assert at.title[0].value == "转置卷积"
    assert any("插零视角" in m.value for m in at.markdown)
    assert at.expander  # the secondary controls fold away on a projector
    spec = plotly_specs(at)[0]
    assert len(spec["frames"]) == 16
