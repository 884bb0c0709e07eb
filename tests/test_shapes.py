"""Tests of cnnviz.nn.shapes: the course's worked examples, PyTorch's rules, and formula consistency.

Known answers marked "torch 2.13" were checked once against PyTorch 2.13 (not a test dependency).
"""

from __future__ import annotations

import pickle
import string

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cnnviz.i18n import STRINGS, message, problem_fix, problem_message, t
from cnnviz.i18n.locales.shapes import STRINGS as SHAPE_STRINGS
from cnnviz.nn import shapes as S

# ---------------------------------------------------------------------------------------------
# DESIGN.md §4 worked examples
# ---------------------------------------------------------------------------------------------


def test_alexnet_sizes_from_the_course():
    assert S.conv_output_size(227, 11, 4) == 55  # (227-11)/4+1
    assert S.pool_output_size(55, 3, 2) == 27  # (55-3)/2+1
    assert S.conv_output_size(27, 5, 1, 2) == 27  # (27-5+2·2)/1+1


def test_pooling_examples_from_the_course():
    assert S.pool_output_size(6, 3, 3) == 2
    assert S.pool_output_size((6, 6), 3, 3) == (2, 2)
    assert S.pool_output_size(20, 10) == 2  # stride defaults to the window
    assert S.pool_output_size((20, 20), (10, 10)) == (2, 2)


def test_dilated_kernel_covers_5x5():
    assert S.effective_kernel_size(3, 2) == 5
    assert S.effective_kernel_size((3, 3), 2) == (5, 5)
    assert S.effective_kernel_size(3, 1) == 3
    assert S.effective_kernel_size(5, 3) == 13  # K + (K-1)(D-1) = 5 + 4·2


def test_parameter_counts_from_the_course():
    assert S.conv_params(1, 6, 5) == 156  # LeNet-5 C1: (5·5+1)·6
    assert S.conv_params(1, 32, 3) == 320  # Keras example
    assert S.conv_params(32, 64, 3) == 18496
    assert S.linear_params(9216, 128) == 1179776
    assert S.linear_params(128, 10) == 1290
    assert S.conv_params(1, 8, 5) == 208  # ConvNetJS: 8×5×5×1+8
    assert S.conv_params(128, 256, 5, bias=False) == 819200  # Inception: direct 5×5


# ---------------------------------------------------------------------------------------------
# output sizes
# ---------------------------------------------------------------------------------------------


def test_conv_output_size_int_and_pair_forms():
    assert S.conv_output_size(5, 3) == 3
    assert S.conv_output_size(5, 3, 2, 1) == 3
    assert S.conv_output_size((5, 7), 3) == (3, 5)
    assert S.conv_output_size(7, (3, 5), (1, 2)) == (5, 2)
    assert S.conv_output_size(7, 3, dilation=(1, 2)) == (5, 3)
    assert S.conv_output_size(np.int64(5), np.int32(3)) == 3
    assert isinstance(S.conv_output_size(np.int64(5), 3), int)


def test_padding_modes():
    assert S.conv_output_size(5, 3, padding="valid") == 3
    assert S.conv_output_size(5, 3, padding="same") == 5
    assert S.conv_output_size((6, 9), (4, 2), padding="same", dilation=3) == (6, 9)
    assert S.conv_output_size(5, 3, padding="full") == 7  # H + D(K-1)
    assert S.conv_output_size(5, 3, 2, padding="full") == 4  # full works with any stride
    assert S.full_padding(3, 2) == 4
    assert S.full_padding((3, 5)) == (2, 4)


def test_same_padding_split_like_torch():
    # total D(K-1); left = total // 2, right = the rest (torch 2.13 pads the extra on the right)
    assert S.same_padding(3) == (1, 1)
    assert S.same_padding(4) == (1, 2)
    assert S.same_padding(2) == (0, 1)
    assert S.same_padding(4, 3) == (4, 5)
    assert S.same_padding((3, 4), 2) == ((2, 2), (3, 3))
    assert S.resolve_padding("same", 4) == (1, 2)
    assert S.resolve_padding(2, 3) == (2, 2)
    assert S.resolve_padding((1, 2), 3) == ((1, 1), (2, 2))


def test_same_padding_requires_stride_one():
    with pytest.raises(ValueError, match=r"padding 'same' needs stride 1 \(got stride 2\)"):
        S.conv_output_size(5, 3, 2, "same")
    with pytest.raises(ValueError, match="padding must be a number"):
        S.conv_output_size(5, 3, padding="half")


def test_conv_transpose_output_size():
    assert S.conv_transpose_output_size(3, 3, 2, 1, 1) == 6  # torch 2.13: (1, 1, 6, 6)
    assert S.conv_transpose_output_size(2, 2, 2) == 4
    assert S.conv_transpose_output_size(3, 3) == 5
    assert S.conv_transpose_output_size(4, 3, 1, 0, 0, 2) == 8  # (4-1)·1 + 2·2 + 1
    assert S.conv_transpose_output_size((3, 4), 3, 2, 1, (1, 0)) == (6, 7)
    # output_padding may reach the dilation when it is below... the stride or the dilation
    assert S.conv_transpose_output_size(3, 3, 1, 0, 1, 2) == 8


def test_conv_transpose_rules():
    with pytest.raises(ValueError, match="output_padding 2 must be smaller than stride 2 or dilation 1"):
        S.conv_transpose_output_size(3, 3, 2, 0, 2)
    with pytest.raises(ValueError, match="output size -1 is not positive"):
        S.conv_transpose_output_size(1, 1, 1, 1)


def test_pool_output_size_ceil_mode():
    assert S.pool_output_size(5, 2, 2) == 2
    assert S.pool_output_size(5, 2, 2, ceil_mode=True) == 3  # torch 2.13
    assert S.pool_output_size(4, 2, 2, 1, ceil_mode=True) == 3  # torch 2.13
    # the last window would start in the right padding: dropped (torch 2.13 gives 2 and 1)
    assert S.pool_output_size(3, 2, 2, 1, ceil_mode=True) == 2
    assert S.pool_output_size(1, 2, 2, 1, ceil_mode=True) == 1
    assert S.pool_output_size(7, 3, 2, dilation=2) == 2


def test_pool_rules():
    with pytest.raises(ValueError, match=r"pooling padding 2 must be at most half the window 3 \(≤ 1\)"):
        S.pool_output_size(6, 3, 1, 2)
    with pytest.raises(ValueError, match="pooling window span 5 exceeds padded input 4"):
        S.pool_output_size(4, 5)
    with pytest.raises(ValueError, match="stride must be ≥ 1"):
        S.pool_output_size(4, 2, 0)


def test_error_messages_name_the_rule_and_the_fix():
    with pytest.raises(ValueError) as err:
        S.conv_output_size(5, 4, 1, 0, 2)
    assert str(err.value) == "kernel span 7 exceeds padded input 5: lower the kernel size or dilation, or add padding"
    assert err.value.problem.key == "shapes.kernel_span"
    with pytest.raises(ValueError) as err:
        S.conv_output_size(5, 3, 0)
    assert str(err.value) == "stride must be ≥ 1 (got 0): set stride to 1 or more"
    with pytest.raises(ValueError) as err:
        S.check_conv(8, 3, in_channels=3, groups=2)
    assert str(err.value).startswith("in_channels 3 is not divisible by groups 2")
    with pytest.raises(ValueError, match="out_channels 5 is not divisible by groups 2"):
        S.conv_params(4, 5, 3, groups=2)
    with pytest.raises(ValueError, match=r"kernel_size must be an integer or a pair of integers \(got 3.0\)"):
        S.conv_output_size(5, 3.0)
    with pytest.raises(ValueError, match="must be an integer"):
        S.conv_output_size(5, True)


def test_pair_errors_name_the_axis():
    with pytest.raises(ValueError) as err:
        S.conv_output_size((5, 2), 3)
    assert str(err.value).startswith("kernel span 3 exceeds padded input 2 (width)")
    assert err.value.problem.axis == 1
    assert problem_message(err.value.problem, "zh") == "卷积核覆盖范围 3 超过了填充后的输入 2（宽度方向）"


def test_problems_translate_and_pickle():
    prob = S.conv_problem(5, 4, 1, 0, 2)
    assert problem_message(prob, "en") == "kernel span 7 exceeds padded input 5"
    assert problem_fix(prob, "zh") == "请减小卷积核尺寸或膨胀率，或增加填充"
    assert message(prob, "zh") == "卷积核覆盖范围 7 超过了填充后的输入 5：请减小卷积核尺寸或膨胀率，或增加填充"
    err = S.ShapeError(prob)
    again = pickle.loads(pickle.dumps(err))
    assert isinstance(again, ValueError) and str(again) == str(err) and again.problem == prob
    assert S.conv_problem(5, 3) is None
    assert S.pool_problem(6, 3, 3) is None
    assert S.pool_problem(6, 3, 1, 2).key == "shapes.pool_padding"
    assert S.conv_transpose_problem(3, 3, 2, 0, 2).key == "shapes.output_padding"
    assert S.conv_transpose_problem(3, 3, 2, 0, 1, in_channels=4, out_channels=6, groups=4).key == "shapes.groups_out"


def test_checks_return_the_output_size():
    assert S.check_conv(227, 11, 4, in_channels=3, out_channels=96) == 55
    assert S.check_pool(55, 3, 2) == 27
    assert S.check_conv_transpose(3, 3, 2, 1, 1) == 6


def test_output_formulas_substitute_the_numbers():
    assert S.conv_output_formula(227, 11, 4) == "⌊(227 + 2×0 − 1×(11−1) − 1) / 4⌋ + 1 = 55"
    assert S.conv_output_formula(27, 5, 1, 2) == "⌊(27 + 2×2 − 1×(5−1) − 1) / 1⌋ + 1 = 27"
    assert S.conv_output_formula(6, 4, 1, "same") == "⌊(6 + 1 + 2 − 1×(4−1) − 1) / 1⌋ + 1 = 6"
    assert S.pool_output_formula(6, 3, 3) == "⌊(6 + 2×0 − 1×(3−1) − 1) / 3⌋ + 1 = 2"
    assert S.pool_output_formula(5, 2, 2, ceil_mode=True) == "⌈(5 + 2×0 − 1×(2−1) − 1) / 2⌉ + 1 = 3"
    assert S.pool_output_formula(3, 2, 2, 1, ceil_mode=True) == "⌈(3 + 2×1 − 1×(2−1) − 1) / 2⌉ + 1 − 1 = 2"
    assert S.conv_transpose_output_formula(3, 3, 2, 1, 1) == "(3−1)×2 − 2×1 + 1×(3−1) + 1 + 1 = 6"


def test_unvisited_rows():
    assert S.unvisited(7, 3, 2) == ()  # (7-3)/2 is exact
    assert S.unvisited(8, 3, 2) == (7,)  # one row left over
    assert S.unvisited(6, 2, 3, 1) == (2, 5)  # padded 8: windows at 0, 3, 6 skip one row between them
    assert S.unvisited(9, 2, 2, 0, 2) == (1, 3, 5, 7)  # dilation 2, stride 2: odd rows skipped
    assert S.unvisited((8, 7), 3, 2) == ((7,), ())
    assert S.unvisited(5, 3, 1, "same") == ()


# ---------------------------------------------------------------------------------------------
# parameters, multiply-adds, memory
# ---------------------------------------------------------------------------------------------


def test_params_with_groups_and_without_bias():
    assert S.conv_params(4, 8, 3, groups=2) == 8 * 2 * 9 + 8
    assert S.conv_params(4, 8, (3, 1), groups=4, bias=False) == 8 * 1 * 3
    assert S.conv_params(3, 96, 11) == 34944  # AlexNet conv1
    assert S.conv_transpose_params(16, 8, 4) == 16 * 8 * 16 + 8
    assert S.linear_params(400, 120, bias=False) == 48000


def test_macs_and_memory():
    assert S.conv_macs(1, 6, 5, 28) == 6 * 28 * 28 * 25
    assert S.conv_macs(4, 8, 3, (5, 6), groups=2) == 8 * 5 * 6 * 2 * 9
    assert S.linear_macs(400, 120) == 48000
    assert S.activation_memory((6, 28, 28)) == (4704, 18816)
    assert S.activation_memory((10,), "float64", batch=32) == (320, 2560)


# ---------------------------------------------------------------------------------------------
# receptive field
# ---------------------------------------------------------------------------------------------


def test_two_3x3_convs_see_5x5_three_see_7x7():
    rows = S.receptive_field([(3, 1, 1), (3, 1, 1), (3, 1, 1)])
    assert [r.rf for r in rows] == [3, 5, 7]
    assert [r.jump for r in rows] == [1, 1, 1]
    assert [r.top for r in rows] == [-1, -2, -3]
    assert [r.start for r in rows] == [0.0, 0.0, 0.0]


def test_alexnet_receptive_field_is_195():
    stack = [(11, 4), (3, 2), (5, 1, 2), (3, 2), (3, 1, 1), (3, 1, 1), (3, 1, 1), (3, 2)]
    rows = S.receptive_field(stack)
    assert [r.rf for r in rows] == [11, 19, 51, 67, 99, 131, 163, 195]
    assert [r.jump for r in rows] == [4, 8, 8, 16, 16, 16, 16, 32]
    assert rows[0].start == 5.0  # centre of the first 11-wide window


def test_receptive_field_formulas_with_dilation_and_even_kernels():
    rows = S.receptive_field([(3, 1, 0, 2), (2, 2), {"kernel_size": 3, "stride": 1, "padding": 2, "dilation": 2}])
    assert [r.rf for r in rows] == [5, 6, 14]
    assert [r.jump for r in rows] == [1, 2, 2]
    assert [r.start for r in rows] == [2.0, 2.5, 2.5]  # start_l = start + ((K_eff-1)/2 - P)·jump
    assert rows[-1].top == -4


def test_receptive_field_accepts_layer_objects_and_pairs():
    class Pool:
        kernel_size, stride, padding, dilation = 2, None, 0, 1

    rows = S.receptive_field([Pool(), ((3, 5), 1, (1, 2))])
    assert rows[0].rf == (2, 2) and rows[0].jump == (2, 2)  # pairs for every row once one spec is a pair
    assert rows[1].rf == (6, 10) and rows[1].jump == (2, 2) and rows[1].top == (-2, -4)
    with pytest.raises(ValueError, match="receptive-field layer"):
        S.receptive_field([object()])


def test_receptive_field_box():
    assert S.receptive_field_box([], 3, 4) == (3, 4, 4, 5)
    assert S.receptive_field_box([(3, 1, 1), (3, 1, 1)], 0, 0) == (-2, 3, -2, 3)
    assert S.receptive_field_box([(2, 2), (2, 2)], 1, 2) == (4, 8, 8, 12)
    assert S.receptive_field_box([((3, 1), 1)], 2, 2) == (2, 5, 2, 3)


def _brute_force_span(stack, out_index):
    """Input indices (padding included, so possibly negative) that reach output ``out_index``."""
    reached = {out_index}
    for k, s, p, d in reversed(stack):
        reached = {o * s + j * d - p for o in reached for j in range(k)}
    return min(reached), max(reached) + 1


layer_specs = st.tuples(st.integers(1, 5), st.integers(1, 3), st.integers(0, 3), st.integers(1, 3))


@settings(max_examples=150, deadline=None)
@given(st.lists(layer_specs, min_size=1, max_size=4), st.integers(0, 5))
def test_receptive_field_box_equals_brute_force(stack, out_index):
    row0, row1, col0, col1 = S.receptive_field_box(stack, out_index, out_index)
    assert (row0, row1) == _brute_force_span(stack, out_index)
    assert (row0, row1) == (col0, col1)
    last = S.receptive_field(stack)[-1]
    assert row1 - row0 == last.rf
    assert last.start == row0 - out_index * last.jump + (last.rf - 1) / 2


@settings(max_examples=100, deadline=None)
@given(layer_specs)
def test_single_layer_receptive_field_is_the_effective_kernel(spec):
    k, s, p, d = spec
    (row,) = S.receptive_field([spec])
    assert row.rf == S.effective_kernel_size(k, d)
    assert row.jump == s
    assert row.top == -p


# ---------------------------------------------------------------------------------------------
# formula consistency (hypothesis)
# ---------------------------------------------------------------------------------------------

conv_configs = st.tuples(
    st.integers(1, 40), st.integers(1, 7), st.integers(1, 5), st.integers(0, 4), st.integers(1, 4)
).filter(lambda c: c[4] * (c[1] - 1) + 1 <= c[0] + 2 * c[3])


@settings(max_examples=200, deadline=None)
@given(conv_configs)
def test_conv_output_counts_the_window_positions(config):
    size, k, s, p, d = config
    span = d * (k - 1) + 1
    positions = [i for i in range(size + 2 * p) if i * s + span <= size + 2 * p]
    assert S.conv_output_size(size, k, s, p, d) == len(positions)
    # the unvisited rows are exactly those no tap reaches
    taps = {i * s + j * d for i in positions for j in range(k)}
    assert set(S.unvisited(size, k, s, p, d)) == set(range(size + 2 * p)) - taps


@settings(max_examples=200, deadline=None)
@given(conv_configs)
def test_conv_transpose_inverts_conv_when_output_padding_fixes_the_remainder(config):
    size, k, s, p, d = config
    out = S.conv_output_size(size, k, s, p, d)
    remainder = (size + 2 * p - d * (k - 1) - 1) % s
    assert S.conv_transpose_output_size(out, k, s, p, remainder, d) == size


@settings(max_examples=200, deadline=None)
@given(conv_configs)
def test_full_padding_gives_every_overlapping_window(config):
    size, k, s, _, d = config
    assert S.conv_output_size(size, k, 1, "full", d) == size + d * (k - 1)
    assert S.conv_output_size(size, k, 1, "same", d) == size


@settings(max_examples=200, deadline=None)
@given(conv_configs.filter(lambda c: c[3] <= c[1] // 2), st.booleans())
def test_pool_ceil_mode_rule(config, ceil_mode):
    size, k, s, p, d = config
    out = S.pool_output_size(size, k, s, p, d, ceil_mode)
    floor_out = S.pool_output_size(size, k, s, p, d, False)
    assert floor_out == S.conv_output_size(size, k, s, p, d)
    assert floor_out <= out <= floor_out + 1
    assert (out - 1) * s < size + p  # every window starts inside the input or the left padding
    if ceil_mode and out == floor_out and (size + 2 * p - d * (k - 1) - 1) % s:
        assert out * s >= size + p  # the extra window was dropped by the rule


# ---------------------------------------------------------------------------------------------
# slider ranges
# ---------------------------------------------------------------------------------------------


def test_conv_ranges_example():
    r = S.valid_conv_ranges(5, 3, 1, 0, 1)
    assert r == S.ConvRanges(kernel_size=(1, 5), stride=(1, 3), padding=(0, 2), dilation=(1, 2))
    r = S.valid_conv_ranges(5, 5, 1, 0, 2)  # span 9 > 5: needs padding 2
    assert r.padding == (2, 8) and r.kernel_size == (1, 3)
    assert S.valid_conv_ranges(5, 1, 1, 0, 1, cap=8).dilation == (1, 8)


def test_pool_and_transpose_ranges_examples():
    assert S.valid_pool_ranges(6, 3, 3) == S.PoolRanges(kernel_size=(1, 6), stride=(1, 4), padding=(0, 1), dilation=(1, 2))
    assert S.valid_pool_ranges(6, 4, 2, 2).kernel_size == (4, 10)  # padding 2 needs a window of 4 or more
    r = S.valid_conv_transpose_ranges(3, 3, 2, 1, 1)
    assert r.output_padding == (0, 1) and r.stride[0] == 2 and r.padding == (0, 3)


@settings(max_examples=200, deadline=None)
@given(conv_configs)
def test_every_value_in_a_conv_range_is_valid(config):
    size, k, s, p, d = config
    r = S.valid_conv_ranges(size, k, s, p, d)
    for v in range(r.kernel_size[0], r.kernel_size[1] + 1):
        assert S.conv_problem(size, v, s, p, d) is None
    assert S.conv_problem(size, r.kernel_size[1] + 1, s, p, d) is not None
    for v in range(r.padding[0], r.padding[1] + 1):
        assert S.conv_problem(size, k, s, v, d) is None
    if r.padding[0] > 0:
        assert S.conv_problem(size, k, s, r.padding[0] - 1, d) is not None
    for v in range(r.dilation[0], r.dilation[1] + 1):
        assert S.conv_problem(size, k, s, p, v) is None
    if k > 1:
        assert S.conv_problem(size, k, s, p, r.dilation[1] + 1) is not None
    assert S.conv_output_size(size, k, r.stride[1], p, d) == 1
    if r.stride[1] > 1:
        assert S.conv_output_size(size, k, r.stride[1] - 1, p, d) == 2


@settings(max_examples=200, deadline=None)
@given(conv_configs.filter(lambda c: c[3] <= c[1] // 2))
def test_every_value_in_a_pool_range_is_valid(config):
    size, k, s, p, d = config
    r = S.valid_pool_ranges(size, k, s, p, d)
    for v in range(r.kernel_size[0], r.kernel_size[1] + 1):
        assert S.pool_problem(size, v, s, p, d) is None
    assert S.pool_problem(size, r.kernel_size[1] + 1, s, p, d) is not None
    for v in range(r.padding[0], r.padding[1] + 1):
        assert S.pool_problem(size, k, s, v, d) is None
    for v in range(r.dilation[0], r.dilation[1] + 1):
        assert S.pool_problem(size, k, s, p, v) is None
    assert S.pool_output_size(size, k, r.stride[1], p, d) == 1


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 12), st.integers(1, 6), st.integers(1, 4), st.integers(0, 4), st.integers(0, 3),
       st.integers(1, 3))
def test_every_value_in_a_transpose_range_is_valid(size, k, s, p, op, d):
    if S.conv_transpose_problem(size, k, s, p, op, d) is not None:
        return
    r = S.valid_conv_transpose_ranges(size, k, s, p, op, d, cap=8)
    for v in range(r.output_padding[0], r.output_padding[1] + 1):
        assert S.conv_transpose_problem(size, k, s, p, v, d) is None
    assert S.conv_transpose_problem(size, k, s, p, r.output_padding[1] + 1, d) is not None
    for v in range(r.padding[0], r.padding[1] + 1):
        assert S.conv_transpose_problem(size, k, s, v, op, d) is None
    assert S.conv_transpose_problem(size, k, s, r.padding[1] + 1, op, d) is not None
    for v in range(r.kernel_size[0], r.kernel_size[1] + 1):
        assert S.conv_transpose_problem(size, v, s, p, op, d) is None
    for v in range(r.stride[0], r.stride[1] + 1):
        assert S.conv_transpose_problem(size, k, v, p, op, d) is None
    for v in range(r.dilation[0], r.dilation[1] + 1):
        assert S.conv_transpose_problem(size, k, s, p, op, v) is None


# ---------------------------------------------------------------------------------------------
# strings
# ---------------------------------------------------------------------------------------------


def _fields(text):
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_shape_strings_are_complete_and_consistent():
    for key, texts in SHAPE_STRINGS.items():
        assert key.startswith("shapes.")
        assert texts["en"].strip() and texts["zh"].strip(), key
        assert _fields(texts["en"]) == _fields(texts["zh"]), key
        if not key.endswith(".fix") and key + ".fix" in SHAPE_STRINGS:
            assert _fields(SHAPE_STRINGS[key + ".fix"]["en"]) <= _fields(texts["en"]) | {"limit"}, key
    problem_keys = {"shapes.not_int", "shapes.too_small", "shapes.padding_mode", "shapes.same_stride",
                    "shapes.kernel_span", "shapes.groups_in", "shapes.groups_out", "shapes.output_padding",
                    "shapes.transpose_empty", "shapes.pool_padding", "shapes.pool_span", "shapes.rf_spec"}
    for key in problem_keys:
        assert key + ".fix" in STRINGS, key
    assert t("shapes.too_small", "zh", name="stride", minimum=1, value=0) == "stride 必须 ≥ 1（当前为 0）"
