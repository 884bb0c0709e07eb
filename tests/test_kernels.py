"""cnnviz.lessons.kernels: presets, typed grids, filter banks, the convolution and the lab's slider ranges."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from cnnviz.i18n import message
from cnnviz.lessons import kernels as K
from cnnviz.lessons.trace import resolve_conv_padding, trace_conv2d
from cnnviz.nn import functional as F
from cnnviz.nn import shapes

# ---------------------------------------------------------------------------------------------
# the course's worked examples
# ---------------------------------------------------------------------------------------------

def test_course_examples():
    np.testing.assert_array_equal(K.convolve(K.input_preset("course"), K.kernel_preset("course"))[0],
                                  [[4, 3, 4], [2, 4, 3], [2, 3, 4]])
    np.testing.assert_array_equal(K.convolve(K.input_preset("ramp"), K.kernel_preset("ramp2"))[0],
                                  [[19, 25], [37, 43]])
    np.testing.assert_array_equal(K.COURSE_OUTPUT, [[4, 3, 4], [2, 4, 3], [2, 3, 4]])
    np.testing.assert_array_equal(K.RAMP_OUTPUT, [[19, 25], [37, 43]])


# ---------------------------------------------------------------------------------------------
# kernels
# ---------------------------------------------------------------------------------------------

def test_fixed_kernels_have_their_textbook_values():
    np.testing.assert_array_equal(K.kernel_preset("sobel_x"), [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]])
    np.testing.assert_array_equal(K.kernel_preset("sobel_y"), K.kernel_preset("sobel_x").T)
    np.testing.assert_array_equal(K.kernel_preset("laplacian"), [[0, 1, 0], [1, -4, 1], [0, 1, 0]])
    np.testing.assert_array_equal(K.kernel_preset("sharpen"),
                                  K.kernel_preset("identity") - K.kernel_preset("laplacian"))
    np.testing.assert_array_equal(K.kernel_preset("emboss"), [[-2, -1, 0], [-1, 1, 1], [0, 1, 2]])
    np.testing.assert_array_equal(K.kernel_preset("course"), [[1, 0, 1], [0, 1, 0], [1, 0, 1]])
    # a fresh copy each time: changing one does not change the preset
    kernel = K.kernel_preset("sobel_x")
    kernel[0, 0] = 99
    assert K.kernel_preset("sobel_x")[0, 0] == -1


def test_sizable_kernels():
    np.testing.assert_allclose(K.kernel_preset("gaussian"), np.outer([1, 2, 1], [1, 2, 1]) / 16)
    np.testing.assert_allclose(K.kernel_preset("gaussian", (1, 5)), [[1, 4, 6, 4, 1]] / np.float64(16))
    np.testing.assert_allclose(K.kernel_preset("box", (2, 3)), np.full((2, 3), 1 / 6))
    identity = K.kernel_preset("identity", (4, 5))
    assert identity.shape == (4, 5) and identity.sum() == 1 and identity[1, 2] == 1
    for name in K.SIZABLE_KERNELS[1:]:  # blurs keep the brightness: weights sum to 1
        assert K.kernel_preset(name, (3, 7)).sum() == pytest.approx(1.0)
    # identity really copies the input (odd kernel, "same" padding)
    x = np.arange(20.0).reshape(4, 5)
    np.testing.assert_array_equal(K.convolve(x, K.kernel_preset("identity", 5), padding=(2, 2, 2, 2))[0], x)


@pytest.mark.parametrize("name, size", [("blur", 3), ("box", 0), ("box", 8), ("gaussian", (3,)), ("box", 2.0),
                                        ("identity", True)])
def test_kernel_preset_rejects_bad_arguments(name, size):
    with pytest.raises(ValueError):
        K.kernel_preset(name, size)


def test_rotation():
    sobel = K.kernel_preset("sobel_x")
    np.testing.assert_array_equal(K.rotate_180(sobel), -sobel)
    assert not K.is_rotation_symmetric(sobel)
    for name in ("course", "box", "gaussian", "laplacian", "sharpen", "identity"):
        assert K.is_rotation_symmetric(K.kernel_preset(name)), name
    assert not K.is_rotation_symmetric(K.kernel_preset("emboss"))
    stack = np.arange(8.0).reshape(2, 2, 2)
    np.testing.assert_array_equal(K.rotate_180(stack)[1], [[7, 6], [5, 4]])


# ---------------------------------------------------------------------------------------------
# inputs
# ---------------------------------------------------------------------------------------------

def test_input_presets():
    np.testing.assert_array_equal(K.input_preset("edge", 4), [[0, 0, 1, 1]] * 4)
    np.testing.assert_array_equal(K.input_preset("diagonal", 3), np.eye(3))
    np.testing.assert_array_equal(K.input_preset("checker", (2, 3)), [[1, 0, 1], [0, 1, 0]])
    assert K.input_preset("edge", (3, 5)).shape == (3, 5)
    with pytest.raises(ValueError):
        K.input_preset("edge", K.MAX_GRID_SIDE + 1)
    with pytest.raises(ValueError):
        K.input_preset("noise", 5)


def test_scaled_shape_keeps_the_aspect_ratio():
    assert K.scaled_shape(170, 256, 12) == (8, 12)
    assert K.scaled_shape(256, 256, 7) == (7, 7)
    assert K.scaled_shape(400, 100, 8) == (8, 2)
    assert K.scaled_shape(1000, 10, 8) == (8, 2)  # never thinner than 2


def test_image_grid_averages_down_and_puts_channels_first():
    image = np.zeros((28, 28), dtype=np.float32)
    image[:, 14:] = 1.0
    small = K.image_grid(image, 4)
    np.testing.assert_array_equal(small, [[0, 0, 1, 1]] * 4)
    rgb = np.zeros((20, 40, 3), dtype=np.float32)
    rgb[..., 0] = 1.0
    rgb[..., 2] = 0.333
    grid = K.image_grid(rgb, 6)
    assert grid.shape == (3, 3, 6)
    np.testing.assert_allclose(grid[0], 1.0)
    np.testing.assert_allclose(grid[2], 0.33)  # rounded to 2 decimals
    with pytest.raises(ValueError):
        K.image_grid(image, 1)


# ---------------------------------------------------------------------------------------------
# typed grids
# ---------------------------------------------------------------------------------------------

def test_parse_grid_reads_every_separator():
    expected = [[1, 0, 1], [0, 1, 0], [1, 0, 1]]
    np.testing.assert_array_equal(K.parse_grid("1 0 1; 0 1 0; 1 0 1"), expected)
    np.testing.assert_array_equal(K.parse_grid("1,0,1\n0, 1, 0\n\n 1 0 1 \n"), expected)
    np.testing.assert_array_equal(K.parse_grid("−1.5 2e1"), [[-1.5, 20]])


@pytest.mark.parametrize("text, key, fields", [
    ("", "grid.empty", {}),
    (" ; \n ", "grid.empty", {}),
    ("1 2; 3 x", "grid.not_number", {"token": "x", "row": 2}),
    ("1 nan", "grid.not_finite", {"token": "nan", "row": 1}),
    ("1 2 3; 4 5", "grid.ragged", {"row": 2, "count": 2, "first": 3}),
    ("; ".join(["1"] * 17), "grid.too_big", {"rows": 17, "cols": 1, "limit": 16}),
])
def test_parse_grid_explains_mistakes(text, key, fields):
    with pytest.raises(K.GridParseError) as caught:
        K.parse_grid(text)
    error = caught.value
    assert isinstance(error, ValueError)
    assert error.key == key and error.fields == fields
    assert str(error) == message(error, "en") and message(error, "zh") != message(error, "en")
    for value in fields.values():
        assert str(value) in message(error, "en") and str(value) in message(error, "zh")


def test_a_long_bad_token_is_shortened_in_the_message():
    with pytest.raises(K.GridParseError) as caught:
        K.parse_grid("1 " + "y" * 40)
    assert caught.value.fields["token"] == "y" * 11 + "…"


def test_parse_kernel_slices():
    single = K.parse_kernel("0 1; 2 3")
    assert single.shape == (1, 2, 2)
    two = K.parse_kernel("1 0; 0 1 | 0 1; 1 0")
    np.testing.assert_array_equal(two, [[[1, 0], [0, 1]], [[0, 1], [1, 0]]])
    np.testing.assert_array_equal(K.parse_kernel(K.format_kernel(two)), two)
    with pytest.raises(K.GridParseError) as caught:
        K.parse_kernel("1 0; 0 1 | 1 2 3")
    assert caught.value.key == "grid.slice_shape"
    assert caught.value.fields == {"slice": 2, "shape": "1×3", "first": "2×2"}
    with pytest.raises(K.GridParseError) as caught:
        K.parse_kernel("1 | ")
    assert caught.value.key == "grid.empty_slice" and caught.value.fields == {"slice": 2}
    with pytest.raises(K.GridParseError) as caught:
        K.parse_kernel("1|2|3|4|5")
    assert caught.value.key == "grid.too_many_slices"
    with pytest.raises(K.GridParseError) as caught:
        K.parse_kernel("; ".join(["1 2 3 4 5 6 7 8"] * 8))
    assert caught.value.key == "grid.too_big"
    with pytest.raises(K.GridParseError) as caught:
        K.parse_kernel("1 0; a b")
    assert caught.value.key == "grid.not_number" and caught.value.fields == {"token": "a", "row": 2}


def test_format_grid_round_trips():
    for name in K.KERNEL_PRESETS:
        kernel = K.kernel_preset(name)
        np.testing.assert_allclose(K.parse_kernel(K.format_kernel(kernel))[0], kernel, rtol=1e-3)
    assert K.format_grid([[1.0, -2.0], [0.0625, 0.5]]) == "1 -2\n0.0625 0.5"
    assert K.format_grid(K.kernel_preset("course")) == "1 0 1\n0 1 0\n1 0 1"


# ---------------------------------------------------------------------------------------------
# channels, filters, the convolution
# ---------------------------------------------------------------------------------------------

def test_channel_stack_mirrors():
    grid = np.arange(6.0).reshape(2, 3)
    stack = K.channel_stack(grid, 4)
    np.testing.assert_array_equal(stack[0], grid)
    np.testing.assert_array_equal(stack[1], grid[:, ::-1])
    np.testing.assert_array_equal(stack[2], grid[::-1])
    np.testing.assert_array_equal(stack[3], grid[::-1, ::-1])
    with pytest.raises(ValueError):
        K.channel_stack(grid, 5)


def test_filter_bank_turns_square_kernels_and_mirrors_others():
    sobel = K.kernel_preset("sobel_x")
    bank = K.filter_bank(sobel, 4, 3)
    assert bank.shape == (4, 3, 3, 3)
    np.testing.assert_array_equal(bank[0, 2], sobel)
    np.testing.assert_array_equal(bank[1, 0], K.kernel_preset("sobel_y"))  # a quarter turn clockwise
    np.testing.assert_array_equal(bank[2, 0], -sobel)
    rect = np.arange(6.0).reshape(2, 3)
    bank = K.filter_bank(rect, 3, 1)
    np.testing.assert_array_equal(bank[1, 0], rect[:, ::-1])
    np.testing.assert_array_equal(bank[2, 0], rect[::-1])
    slices = np.stack([np.eye(2), 2 * np.eye(2)])
    np.testing.assert_array_equal(K.filter_bank(slices, 1, 2)[0], slices)
    with pytest.raises(ValueError, match="2 slices but the input has 3 channels"):
        K.filter_bank(slices, 1, 3)


def test_convolve_matches_the_trace_on_random_configurations():
    rng = np.random.default_rng(7)
    paddings = ["valid", "same", "full", (1, 2), (0, 2, 1, 0)]
    for trial in range(40):
        channels = int(rng.integers(1, 4))
        h, w = (int(v) for v in rng.integers(4, 10, size=2))
        kh, kw = (int(v) for v in rng.integers(1, 4, size=2))
        dilation = int(rng.integers(1, 3))
        padding = paddings[trial % len(paddings)]
        stride = (1, 1) if padding == "same" else tuple(int(v) for v in rng.integers(1, 3, size=2))
        if shapes.conv_problem((h, w), (kh, kw), stride, padding if isinstance(padding, str) or len(padding) == 2 else
                               0, dilation) is not None:
            continue
        x = rng.normal(size=(channels, h, w))
        weight = rng.normal(size=(2, channels, kh, kw))
        flip = bool(trial % 2)
        pad = resolve_conv_padding(padding, (kh, kw), (dilation, dilation), stride)
        out = K.convolve(x, weight, [0.5, -1.0], stride, pad, dilation, flip)
        for o, bias in enumerate([0.5, -1.0]):
            trace = trace_conv2d(x, weight[o], bias, stride, padding, dilation, flip)
            np.testing.assert_allclose(out[o], trace.output, atol=1e-12)
        partials = K.channel_partials(x, weight[0], stride, pad, dilation, flip)
        np.testing.assert_allclose(partials.sum(axis=0) + 0.5, out[0], atol=1e-12)


def test_convolve_is_functional_conv2d_with_padding_outside():
    rng = np.random.default_rng(1)
    x = rng.normal(size=(2, 6, 7))
    weight = rng.normal(size=(3, 2, 3, 3))
    np.testing.assert_allclose(K.convolve(x, weight, 0.0, 2, (1, 1, 1, 1), 1),
                               F.conv2d(x[None], weight, np.zeros(3), stride=2, padding=1)[0])
    with pytest.raises(ValueError, match="padding must be four ints"):
        K.convolve(x, weight, 0.0, 1, 1)
    with pytest.raises(ValueError, match="weight must have shape"):
        K.convolve(x, weight[:, :1], 0.0)


# ---------------------------------------------------------------------------------------------
# slider ranges
# ---------------------------------------------------------------------------------------------

def test_lab_ranges_examples():
    r = K.lab_ranges(5, 3)
    assert r.kernel == (1, 5) and r.dilation == (1, 2) and r.padding == (0, 2) and r.stride == (1, 3)
    assert K.lab_ranges(16, 1).kernel == (1, K.MAX_KERNEL_SIDE)
    assert K.lab_ranges(5, 3, 1, "same").stride == (1, 1)
    assert K.lab_ranges(7, 3, 1, "full").stride == (1, 4)  # padded 11, span 3: up to 9, capped at 4
    assert K.lab_ranges(3, 5).padding == (1, 4)  # a typed 5-wide kernel on 3 cells needs one zero per side


def test_choosing_within_the_ranges_in_order_always_gives_a_valid_convolution():
    """Every combination reachable through the sliders (kernel, dilation, padding, stride — each
    within the range computed from the values before it) is a valid convolution."""
    checked = 0
    for size in (3, 4, 5, 7):
        kernel_hi = K.lab_ranges(size, 1).kernel[1]
        for kernel in range(1, kernel_hi + 1):
            dilation_hi = K.lab_ranges(size, kernel).dilation[1]
            for dilation in range(1, dilation_hi + 1):
                p_lo, p_hi = K.lab_ranges(size, kernel, dilation).padding
                modes = list(range(p_lo, p_hi + 1)) + ["valid", "same", "full"]
                for padding in modes:
                    if padding == "valid" and shapes.effective_kernel_size(kernel, dilation) > size:
                        continue  # the page offers "valid" but explains it; the numeric padding fits
                    s_hi = K.lab_ranges(size, kernel, dilation, padding).stride[1]
                    for stride in range(1, s_hi + 1):
                        assert shapes.conv_problem(size, kernel, stride, padding, dilation) is None, (
                            size, kernel, dilation, padding, stride)
                        checked += 1
    assert checked > 500


def test_dilation_range_keeps_the_span_inside_the_input():
    for size, kernel in itertools.product(range(2, 12), range(2, 6)):
        d_hi = K.lab_ranges(size, kernel).dilation[1]
        if kernel <= size:
            assert shapes.effective_kernel_size(kernel, d_hi) <= size
            assert d_hi == K.MAX_DILATION or shapes.effective_kernel_size(kernel, d_hi + 1) > size
