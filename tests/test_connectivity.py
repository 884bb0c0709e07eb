"""cnnviz.lessons.connectivity: conv matrices, parameter counts, equivariance, layer stacks and receptive fields."""

from __future__ import annotations

import numpy as np
import pytest

from cnnviz.i18n import problem_fix, problem_message, t
from cnnviz.lessons import connectivity as C
from cnnviz.lessons import convmath
from cnnviz.nn import functional, shapes
from cnnviz.nn.shapes import ShapeError
from cnnviz.train import datasets

# ---------------------------------------------------------------------------------------------
# a convolution as a matrix
# ---------------------------------------------------------------------------------------------

def test_course_example_two_weights_six_outputs():
    """The course: 2 taps, 6 outputs → 2×6 = 12 connections but only the 2 weights w1, w2."""
    index = C.conv_weight_index(7, 2)
    expected = np.full((6, 7), -1)
    for row in range(6):
        expected[row, row], expected[row, row + 1] = 0, 1
    np.testing.assert_array_equal(index, expected)
    counts = C.connection_counts(index)
    assert (counts.inputs, counts.outputs, counts.dense, counts.connections, counts.shared) == (7, 6, 42, 12, 2)
    assert counts.density == pytest.approx(12 / 42)


def test_weight_index_rebuilds_conv2d_on_random_configurations():
    rng = np.random.default_rng(7)
    for _ in range(40):
        h, w = rng.integers(3, 8, size=2)
        kh, kw = rng.integers(1, 4, size=2)
        stride = tuple(int(v) for v in rng.integers(1, 3, size=2))
        dilation = tuple(int(v) for v in rng.integers(1, 3, size=2))
        padding = tuple(int(v) for v in rng.integers(0, 2, size=2))
        if shapes.conv_problem((int(h), int(w)), (int(kh), int(kw)), stride, padding, dilation):
            continue
        x = rng.standard_normal((h, w))
        kernel = rng.standard_normal((kh, kw))
        index = C.conv_weight_index((int(h), int(w)), (int(kh), int(kw)), stride, padding, dilation)
        matrix = np.where(index >= 0, kernel.ravel()[np.maximum(index, 0)], 0.0)  # (OUT, IN)
        expected = functional.conv2d(x[None, None], kernel[None, None], stride=stride, padding=padding,
                                     dilation=dilation)[0, 0]
        np.testing.assert_allclose(matrix @ x.ravel(), expected.ravel(), atol=1e-12)
        # every row uses each tap at most once
        for row in index:
            used = row[row >= 0]
            assert len(used) == len(set(used.tolist()))


def test_weight_index_one_d_with_stride_and_padding_matches_conv():
    index = C.conv_weight_index(5, 3, stride=2, padding=1)
    np.testing.assert_array_equal(index, [[1, 2, -1, -1, -1], [-1, 0, 1, 2, -1], [-1, -1, -1, 0, 1]])
    x = np.array([1.0, -2.0, 3.0, 0.5, 4.0])
    w = np.array([0.5, 1.0, -1.0])
    dense = np.where(index >= 0, w[np.maximum(index, 0)], 0.0)
    expected = functional.conv2d(x[None, None, None], w[None, None, None], stride=(1, 2), padding=(0, 1))[0, 0, 0]
    np.testing.assert_allclose(dense @ x, expected)


def test_weight_index_errors():
    with pytest.raises(ShapeError) as err:
        C.conv_weight_index(3, 5)
    assert err.value.problem.key == "shapes.kernel_span"
    with pytest.raises(ValueError, match="padding"):
        C.conv_weight_index(5, 3, padding="same")
    with pytest.raises(ValueError, match="input_shape"):
        C.conv_weight_index((3, 3, 3), 2)
    with pytest.raises(ValueError, match="OUT, IN"):
        C.connection_counts(np.zeros((0, 3), dtype=int))


# ---------------------------------------------------------------------------------------------
# parameter counts
# ---------------------------------------------------------------------------------------------

def test_course_thousand_by_thousand_counts():
    """1000×1000 image, 10^6 hidden units: 10^12 dense, 10^8 local 10×10, 100 shared, 10^4 for 100 filters."""
    dense, local, shared, many = C.parameter_comparison(1000, 10, 100)
    assert [row.kind for row in (dense, local, shared, many)] == ["dense", "local", "shared", "filters"]
    assert (dense.total, local.total, shared.total, many.total) == (10**12, 10**8, 100, 10**4)
    assert (dense.hidden_units, local.hidden_units, shared.hidden_units, many.hidden_units) == (
        10**6, 10**6, 10**6, 10**8)
    assert (dense.maps, many.maps) == (1, 100)
    assert dense.substituted == r"(1000 \cdot 1000) \cdot (1000 \cdot 1000) = 10^{12}"
    assert local.substituted == r"(1000 \cdot 1000) \cdot (10 \cdot 10) = 10^{8}"
    assert shared.substituted == r"10 \cdot 10 = 100"
    assert many.substituted == r"100 \cdot (10 \cdot 10) = 10^{4}"
    assert all(row.biases == 0 for row in (dense, local, shared, many))


def test_counts_with_bias_agree_with_shapes_and_lenet():
    dense, local, shared, many = C.parameter_comparison(28, 5, 6, bias=True)
    assert many.total == shapes.conv_params(1, 6, 5) == 156  # LeNet-5 C1
    assert dense.total == shapes.linear_params(784, 784) == 615_440
    assert local.total == 784 * 25 + 784
    assert shared.total == 26
    assert many.symbolic.endswith("+ F") and many.substituted.endswith("= 156")


def test_parameter_comparison_rejects_bad_arguments():
    with pytest.raises(ValueError, match="exceeds the image side"):
        C.parameter_comparison(8, 9, 1)
    with pytest.raises(ShapeError):
        C.parameter_comparison(8, 3, 0)
    with pytest.raises(ValueError, match="one int"):
        C.parameter_comparison(8, (3, 3), 1)


@pytest.mark.parametrize("n, latex, text", [
    (10**12, "10^{12}", "10¹²"),
    (10**4, "10^{4}", "10⁴"),
    (100, "100", "100"),
    (18_496, "18{,}496", "18,496"),
    (1_199_882, r"1.2 \times 10^{6}", "1.2×10⁶"),
    (1_600_000_000, r"1.6 \times 10^{9}", "1.6×10⁹"),
])
def test_count_formats(n, latex, text):
    assert C.latex_count(n) == latex
    assert C.count_text(n) == text


# ---------------------------------------------------------------------------------------------
# equivariance
# ---------------------------------------------------------------------------------------------

def test_shift_image_fills_with_zeros_and_drops_pixels():
    image = np.arange(1, 10, dtype=np.float32).reshape(3, 3)
    shifted = C.shift_image(image, 1, -1)
    np.testing.assert_array_equal(shifted, [[0, 0, 0], [2, 3, 0], [5, 6, 0]])
    assert shifted.dtype == np.float32
    np.testing.assert_array_equal(C.shift_image(image, 0, 0), image)
    assert not C.shift_image(image, 3, 0).any()
    with pytest.raises(ValueError, match="2-D"):
        C.shift_image(np.zeros(3), 1, 1)


def test_convolution_commutes_with_a_shift_on_a_digit():
    images, labels = datasets.load_mnist("test", dtype=np.float64)
    digit = images[int(np.argmax(labels == 3)), 0]
    for kernel in C.EQUIVARIANCE_KERNELS.values():
        demo = C.equivariance_demo(digit, kernel, 3, 2, rng=np.random.default_rng(0))
        assert demo.conv_gap == 0.0
        assert demo.conv_gap_interior == 0.0
        assert demo.dense_gap > 0.3 * demo.output_scale > 0
    assert demo.shift == (3, 2) and demo.margin == 4
    np.testing.assert_array_equal(demo.shifted, C.shift_image(digit, 3, 2))


def test_border_effects_stay_in_the_border_band():
    rng = np.random.default_rng(1)
    image = rng.uniform(size=(20, 20))  # content up to the border
    demo = C.equivariance_demo(image, C.EQUIVARIANCE_KERNELS["blur"], -2, 3, rng=np.random.default_rng(0))
    assert demo.conv_gap > 0.01
    assert demo.conv_gap_interior == pytest.approx(0.0, abs=1e-12)
    unshifted = C.equivariance_demo(image, C.EQUIVARIANCE_KERNELS["blur"], 0, 0, rng=np.random.default_rng(0))
    assert unshifted.conv_gap == 0 and unshifted.dense_gap == 0


def test_equivariance_demo_validates():
    kernel = C.EQUIVARIANCE_KERNELS["blur"]
    rng = np.random.default_rng(0)
    with pytest.raises(ValueError, match="odd"):
        C.equivariance_demo(np.zeros((5, 5)), np.ones((2, 2)), 1, 1, rng=rng)
    with pytest.raises(ValueError, match="64"):
        C.equivariance_demo(np.zeros((65, 4)), kernel, 1, 1, rng=rng)
    with pytest.raises(ValueError, match="Generator"):
        C.equivariance_demo(np.zeros((5, 5)), kernel, 1, 1, rng=0)


# ---------------------------------------------------------------------------------------------
# layer stacks
# ---------------------------------------------------------------------------------------------

def test_parse_layer_stack_defaults_and_round_trip():
    layers = C.parse_layer_stack("c3s1p1, p2s2, C3S1D2")
    assert layers == [
        C.LayerSpec("conv", 3, 1, 1, 1), C.LayerSpec("pool", 2, 2, 0, 1), C.LayerSpec("conv", 3, 1, 0, 2),
    ]
    assert C.format_layer_stack(layers) == "c3p1, p2, c3d2"
    assert C.parse_layer_stack(C.format_layer_stack(layers)) == layers
    assert C.parse_layer_stack(" p3s2 ;c5d2p4  c1 ") == [
        C.LayerSpec("pool", 3, 2, 0, 1), C.LayerSpec("conv", 5, 1, 4, 2), C.LayerSpec("conv", 1, 1, 0, 1),
    ]


@pytest.mark.parametrize("text, key, fields", [
    ("", "empty", {}),
    (" , ", "empty", {}),
    ("c3, " * 7, "too_many", {"count": 7, "limit": 6}),
    ("c3, x2", "token", {"index": 2, "token": "x2"}),
    ("c3s", "token", {"index": 1, "token": "c3s"}),
    ("c3s1s2", "repeated", {"index": 1, "name": "stride"}),
    ("c16", "range", {"name": "kernel", "value": 16, "low": 1, "high": 15}),
    ("c3, p2s0", "range", {"index": 2, "name": "stride", "value": 0}),
])
def test_parse_layer_stack_problems(text, key, fields):
    with pytest.raises(ShapeError) as err:
        C.parse_layer_stack(text)
    problem = err.value.problem
    assert problem.key == f"receptive.spec.{key}"
    assert fields.items() <= dict(problem.fields).items()
    for lang in ("en", "zh"):  # translated message and fix exist
        assert problem_message(problem, lang) and problem_fix(problem, lang)
    assert problem_message(problem, "en") == t(f"receptive.spec.{key}", "en", **dict(problem.fields))


def test_brief_receptive_fields():
    """Three 3×3 convs → 7; conv3 + pool2 + conv3 → 8 with jump 2 (also cnnviz.nn.shapes directly)."""
    three = C.stack_geometry(16, C.parse_layer_stack("c3, c3, c3"))
    assert [row.rf for row in three.rf] == [3, 5, 7] and [row.jump for row in three.rf] == [1, 1, 1]
    assert three.sizes == (16, 14, 12, 10) and three.ok
    mixed = C.stack_geometry(16, C.parse_layer_stack("c3, p2, c3"))
    assert [row.rf for row in mixed.rf] == [3, 4, 8] and [row.jump for row in mixed.rf] == [1, 2, 2]
    assert [row.start for row in mixed.rf] == [1.0, 1.5, 3.5]
    assert mixed.sizes == (16, 14, 7, 5)
    assert list(mixed.rf) == shapes.receptive_field([(3, 1, 0, 1), (2, 2, 0, 1), (3, 1, 0, 1)])
    lenet = C.stack_geometry(32, C.parse_layer_stack("c5, p2, c5, p2"))
    assert lenet.sizes == (32, 28, 14, 10, 5) and [row.rf for row in lenet.rf] == [5, 6, 14, 16]
    dilated = C.stack_geometry(16, C.parse_layer_stack("c3, c3d2, c3d4"))
    assert [row.rf for row in dilated.rf] == [3, 7, 15]


def test_stack_geometry_explains_an_empty_output():
    geometry = C.stack_geometry(8, C.parse_layer_stack("c5, c5"))
    assert not geometry.ok and geometry.failed_layer == 1 and geometry.sizes == (8, 4)
    assert geometry.problem.key == "shapes.kernel_span"
    assert dict(geometry.problem.fields) == {"span": 5, "padded": 4}
    assert [row.rf for row in geometry.rf] == [5, 9]  # the field does not depend on the input size
    padded_pool = C.stack_geometry(8, C.parse_layer_stack("p2p2"))
    assert padded_pool.failed_layer == 0 and padded_pool.problem.key == "shapes.pool_padding"
    with pytest.raises(ShapeError):
        C.stack_geometry(8, [])


def test_stage_boxes_and_influence_maps_agree_with_shapes():
    layers = C.parse_layer_stack("c3, p2, c3")
    geometry = C.stack_geometry(16, layers)
    boxes = C.stage_boxes(layers, 2, 2)
    assert boxes == [(4, 12, 4, 12), (4, 10, 4, 10), (2, 5, 2, 5), (2, 3, 2, 3)]
    assert boxes[0] == shapes.receptive_field_box(layers, 2, 2)
    maps = C.influence_maps(geometry.sizes, layers, 2, 2)
    assert [m.shape for m in maps] == [(16, 16), (14, 14), (7, 7), (5, 5)]
    assert maps[-1][2, 2] == 1 and maps[-1].sum() == 1
    assert maps[0].sum() == 9 * 4 * 9  # every path: 3×3 · 2×2 · 3×3
    np.testing.assert_array_equal(maps[0][4, 4:12], [1, 2, 3, 3, 3, 3, 2, 1])


def test_influence_support_fits_the_receptive_field_box_on_random_stacks():
    rng = np.random.default_rng(3)
    checked = 0
    while checked < 25:
        layers = []
        for _ in range(int(rng.integers(1, 5))):
            kind = "conv" if rng.uniform() < 0.7 else "pool"
            k = int(rng.integers(1, 4)) if kind == "conv" else int(rng.integers(2, 4))
            s = int(rng.integers(1, 3)) if kind == "conv" else k
            p = int(rng.integers(0, k // 2 + 1))
            d = int(rng.integers(1, 3)) if kind == "conv" else 1
            layers.append(C.LayerSpec(kind, k, s, p, d))
        geometry = C.stack_geometry(int(rng.integers(8, 24)), layers)
        if not geometry.ok:
            continue
        last = geometry.sizes[-1]
        r, c = int(rng.integers(0, last)), int(rng.integers(0, last))
        maps = C.influence_maps(geometry.sizes, layers, r, c)
        for stage, (grid, box) in enumerate(zip(maps, C.stage_boxes(layers, r, c))):
            size = geometry.sizes[stage]
            r0, r1, c0, c1 = box
            rows, cols = np.nonzero(grid)
            assert rows.size  # something always reaches the unit
            # inside the box, and touching its edges where the box is inside the grid
            assert rows.min() >= max(r0, 0) and rows.max() <= min(r1, size) - 1
            assert cols.min() >= max(c0, 0) and cols.max() <= min(c1, size) - 1
            if r0 >= 0:
                assert rows.min() == r0
            if r1 <= size:
                assert rows.max() == r1 - 1
        checked += 1


def test_influence_matches_convmath_for_dilated_stacks():
    layers = C.parse_layer_stack("c3d2, c3d2")
    geometry = C.stack_geometry(12, layers)
    maps = C.influence_maps(geometry.sizes, layers, 2, 2)
    box = C.stage_boxes(layers, 2, 2)[0]
    assert box == (2, 11, 2, 11)
    inside = maps[0][2:11, 2:11]
    np.testing.assert_array_equal(inside, convmath.receptive_field_counts(3, [2, 2]))
    assert C.field_holes(maps[0], box) == (81, 56)  # the gridding holes


def test_influence_maps_and_field_holes_validate():
    layers = C.parse_layer_stack("c3")
    with pytest.raises(ValueError, match="outside"):
        C.influence_maps((5, 3), layers, 3, 0)
    with pytest.raises(ValueError, match="stages"):
        C.influence_maps((5,), layers, 0, 0)
    assert C.field_holes(np.ones((4, 4)), (-2, 2, 3, 9)) == (2, 0)
    with pytest.raises(ValueError, match="2-D"):
        C.field_holes(np.ones(4), (0, 1, 0, 1))


def test_rf_recurrence_latex_spells_out_the_numbers():
    layers = C.parse_layer_stack("c3, p2, c3")
    lines = C.rf_recurrence_latex(layers, shapes.receptive_field(layers))
    assert lines[0].startswith("r_{1} = 1 + 1\\cdot(3-1)\\cdot 1 = 3,")
    assert lines[1].endswith("j_{2} = 1\\cdot 2 = 2")
    assert "r_{3} = 4 + 1\\cdot(3-1)\\cdot 2 = 8" in lines[2]
