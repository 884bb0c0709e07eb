"""cnnviz.lessons.backprop and its figures: the course's BP exercise, δ terms, conv/pool gradients against the
loop references and numerical gradients, the gradient check, and the tiny CNN's training step."""

import json

import numpy as np
import pytest

from cnnviz.figures import backprop as FB
from cnnviz.lessons import backprop as B
from cnnviz.nn import functional as F
from cnnviz.nn import naive
from cnnviz.nn.gradcheck import assert_grad_close, numerical_grad

SEED = 20261123


# ---------------------------------------------------------------------------------------------
# 1. the course's 9-5-3 network
# ---------------------------------------------------------------------------------------------

def test_course_exercise_gives_049():
    """Slides: P, W1(:, i=4), b1 = −0.1441 → A1(i=4) = 1/(1+exp(−(W1·P+b1))) = 0.49."""
    net = B.course_network()
    forward = B.fc_forward(net)
    i = B.COURSE_NEURON
    assert net.sizes == (9, 5, 3)
    np.testing.assert_array_equal(net.x, [0.7656, 0.7344, 0.9609, 0.9961, 0.9141, 0.9063, 0.0977, 0.0938, 0.0859])
    np.testing.assert_array_equal(net.w1[i], [0.2112, 0.1540, -0.0687, -0.0289, 0.0720, -0.1666, 0.2938, -0.0169, -0.1127])
    assert net.b1[i] == -0.1441
    assert forward.u1[i] == pytest.approx(-0.03184507, abs=1e-8)
    assert forward.a1[i] == pytest.approx(0.49203941, abs=1e-8)
    assert round(forward.a1[i], 2) == 0.49


def test_forward_matches_loop_reference():
    net = B.course_network(target=2)
    forward = B.fc_forward(net)
    u1 = [sum(net.w1[i, j] * net.x[j] for j in range(9)) + net.b1[i] for i in range(5)]
    np.testing.assert_allclose(forward.u1, u1, rtol=1e-12)
    np.testing.assert_allclose(forward.products1.sum(axis=1) + net.b1, forward.u1, rtol=1e-12)
    np.testing.assert_allclose(forward.a1, naive.sigmoid(np.array(u1)), rtol=1e-12)
    u2 = [sum(net.w2[k, i] * forward.a1[i] for i in range(5)) + net.b2[k] for k in range(3)]
    np.testing.assert_allclose(forward.u2, u2, rtol=1e-12)
    np.testing.assert_allclose(forward.y, naive.sigmoid(np.array(u2)), rtol=1e-12)
    t = np.array([0.0, 0.0, 1.0])
    assert forward.loss == pytest.approx(0.5 * np.sum((t - forward.y) ** 2), rel=1e-12)


def test_cross_entropy_loss_matches_loop_reference():
    net = B.course_network(target=1)
    forward = B.fc_forward(net, "cross_entropy")
    assert forward.loss == pytest.approx(naive.cross_entropy(forward.u2[None], [1]), rel=1e-12)
    np.testing.assert_allclose(forward.y, naive.softmax(list(forward.u2)), rtol=1e-12)


@pytest.mark.parametrize("loss", B.LOSSES)
def test_delta_terms_follow_the_course_formulas(loss):
    net = B.course_network(target=0)
    forward = B.fc_forward(net, loss)
    backward = B.fc_backward(net, forward)
    y, t = forward.y, net.target_vector
    if loss == "mse":
        np.testing.assert_allclose(backward.dloss_dy, y - t, rtol=1e-12)
        np.testing.assert_allclose(backward.output_derivative, y * (1 - y), rtol=1e-12)
        np.testing.assert_allclose(backward.delta2, (y - t) * y * (1 - y), rtol=1e-12)
    else:
        assert backward.dloss_dy is None and backward.output_derivative is None
        np.testing.assert_allclose(backward.delta2, y - t, rtol=1e-12)
    a1 = forward.a1
    np.testing.assert_allclose(backward.hidden_derivative, a1 * (1 - a1), rtol=1e-12)
    np.testing.assert_allclose(backward.da1, net.w2.T @ backward.delta2, rtol=1e-12)
    np.testing.assert_allclose(backward.delta1, (net.w2.T @ backward.delta2) * a1 * (1 - a1), rtol=1e-12)
    np.testing.assert_allclose(backward.dw1, np.outer(backward.delta1, net.x), rtol=1e-12)
    np.testing.assert_allclose(backward.dw2, np.outer(backward.delta2, a1), rtol=1e-12)
    np.testing.assert_array_equal(backward.db1, backward.delta1)
    np.testing.assert_array_equal(backward.db2, backward.delta2)


@pytest.mark.parametrize("loss", B.LOSSES)
@pytest.mark.parametrize("param", B.PARAMETERS)
def test_backward_equals_numerical_gradient(loss, param):
    net = B.course_network(target=2)
    analytic = B.fc_backward(net, B.fc_forward(net, loss)).grad(param)
    array = net.param(param).copy()
    numeric = numerical_grad(lambda: B.fc_loss(net.with_param(param, array), loss), array)
    assert_grad_close(analytic, numeric)


def test_update_is_gradient_descent_and_lowers_the_loss():
    net = B.course_network(target=0)
    step = B.fc_step(net, "mse", lr=0.5)
    for name in B.PARAMETERS:
        np.testing.assert_allclose(step.update.net.param(name), net.param(name) - 0.5 * step.backward.grad(name),
                                   rtol=1e-12)
    np.testing.assert_array_equal(net.w1, B.course_network(target=0).w1)  # the input network is untouched
    assert step.update.loss_before == step.forward.loss
    assert step.update.loss_after < step.update.loss_before
    assert step.update.loss_after == pytest.approx(B.fc_loss(step.update.net), rel=1e-12)


def test_invalid_network_arguments():
    with pytest.raises(ValueError, match="target"):
        B.course_network(target=3)
    with pytest.raises(ValueError, match="loss"):
        B.fc_forward(B.course_network(), "hinge")
    with pytest.raises(ValueError, match="learning rate"):
        B.fc_step(B.course_network(), lr=0)
    with pytest.raises(ValueError, match="shape"):
        B.course_network().with_param("w1", np.zeros((9, 5)))


def test_sigmoid_curve_peaks_at_a_quarter():
    u, f, df = B.sigmoid_curve(-6, 6, 241)
    assert df.max() == pytest.approx(0.25) and u[df.argmax()] == pytest.approx(0.0)
    np.testing.assert_allclose(df, f * (1 - f), rtol=1e-12)


# ---------------------------------------------------------------------------------------------
# 2. through a convolution
# ---------------------------------------------------------------------------------------------

def test_course_conv_example_gradients():
    walk = B.conv_backward_walkthrough(*B.course_conv_example())
    np.testing.assert_array_equal(walk.output, [[19, 25], [37, 43]])
    np.testing.assert_array_equal(walk.dweight, [[5, 7], [11, 13]])
    np.testing.assert_array_equal(walk.dweight_by_correlation, walk.dweight)
    np.testing.assert_array_equal(walk.dx, [[0, 1, -1], [2, 3, -3], [4, 6, 0]])
    np.testing.assert_array_equal(walk.dx_by_full_convolution, walk.dx)
    np.testing.assert_array_equal(walk.rotated_weight, [[3, 2], [1, 0]])
    assert walk.padded_delta.shape == (4, 4) and walk.full_padding == (1, 1)
    assert walk.dbias == 2.0
    assert walk.dweight_matches and walk.dx_matches and walk.dweight_error == 0 and walk.dx_error == 0


@pytest.mark.parametrize("size,kernel", [(3, 1), (4, 2), (5, 3), (6, 4), (4, 4)])
def test_conv_gradients_against_loop_reference_and_numerical(size, kernel):
    rng = np.random.default_rng(SEED + size * 10 + kernel)
    x, w, delta = B.random_conv_example(size, kernel, rng)
    walk = B.conv_backward_walkthrough(x, w, delta, bias=0.5)
    x4, w4 = x[None, None].copy(), w[None, None].copy()

    def loss():  # E = Σ δ · y with y from the loop reference, so ∂E/∂y = δ
        return float(np.sum(delta * naive.conv2d(x4, w4, np.array([0.5]), (1, 1), (0, 0, 0, 0), (1, 1), 1)[0, 0]))

    assert_grad_close(walk.dweight, numerical_grad(loss, w4)[0, 0])
    assert_grad_close(walk.dx, numerical_grad(loss, x4)[0, 0])
    np.testing.assert_allclose(walk.dweight_by_correlation, walk.dweight, atol=1e-12)
    np.testing.assert_allclose(walk.dx_by_full_convolution, walk.dx, atol=1e-12)
    assert walk.dbias == pytest.approx(delta.sum())
    assert walk.dweight_matches and walk.dx_matches


def test_conv_traces_compute_the_gradients():
    walk = B.conv_backward_walkthrough(*B.random_conv_example(5, 3, np.random.default_rng(SEED)))
    np.testing.assert_allclose(walk.dweight_trace().output, walk.dweight, atol=1e-12)
    dx_trace = walk.dx_trace()
    assert dx_trace.flipped and dx_trace.pad == (2, 2, 2, 2)
    np.testing.assert_allclose(dx_trace.output, walk.dx, atol=1e-12)
    np.testing.assert_allclose(walk.forward_trace().output, walk.output, atol=1e-12)


def test_random_conv_example_is_small_integers():
    x, w, delta = B.random_conv_example(4, 2, np.random.default_rng(1))
    assert x.shape == (4, 4) and w.shape == (2, 2) and delta.shape == (3, 3)
    assert x.min() >= 0 and x.max() <= 4 and np.abs(w).max() <= 2 and delta.any()
    assert np.array_equal(x, np.round(x))


def test_conv_walkthrough_rejects_bad_shapes():
    with pytest.raises(ValueError, match="larger than the input"):
        B.conv_backward_walkthrough(np.zeros((2, 2)), np.zeros((3, 3)), np.zeros((1, 1)))
    with pytest.raises(ValueError, match="delta must have the output's shape"):
        B.conv_backward_walkthrough(np.zeros((3, 3)), np.zeros((2, 2)), np.zeros((3, 3)))
    with pytest.raises(ValueError, match="2-D"):
        B.conv_backward_walkthrough(np.zeros(3), np.zeros((2, 2)), np.zeros((2, 2)))
    with pytest.raises(ValueError, match="kernel size"):
        B.random_conv_example(3, 4, np.random.default_rng(0))


# ---------------------------------------------------------------------------------------------
# 3. through pooling
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("size,window,stride", [(4, 2, 2), (5, 3, 2), (6, 3, 3), (6, 2, 1), (5, 2, 3)])
def test_max_pool_routes_to_the_argmax(size, window, stride):
    x, delta = B.random_pool_example(size, window, stride, np.random.default_rng(SEED + size + window))
    walk = B.pool_backward_walkthrough(x, delta, window, stride, "max")
    out, argmax = naive.max_pool2d(x[None, None], (window, window), (stride, stride), (0, 0), (1, 1), False)
    np.testing.assert_array_equal(walk.output, out[0, 0])
    expected = np.zeros_like(x)
    for (i, j), value in np.ndenumerate(delta):
        r, c = argmax[0, 0, i, j]
        expected[r, c] += value
        route = walk.routes[i * delta.shape[1] + j]
        assert route.targets.tolist() == [[r, c]] and route.share == value
    np.testing.assert_array_equal(walk.dx, expected)
    x4 = x[None, None].copy()
    numeric = numerical_grad(lambda: float(np.sum(delta * naive.max_pool2d(
        x4, (window, window), (stride, stride), (0, 0), (1, 1), False)[0][0, 0])), x4)
    assert_grad_close(walk.dx, numeric[0, 0])
    assert walk.dx_total == pytest.approx(walk.delta_total)
    assert walk.overlapping == (stride < window)


@pytest.mark.parametrize("size,window,stride", [(4, 2, 2), (5, 3, 2), (6, 3, 1)])
def test_avg_pool_spreads_evenly(size, window, stride):
    x, delta = B.random_pool_example(size, window, stride, np.random.default_rng(SEED - size))
    walk = B.pool_backward_walkthrough(x, delta, window, stride, "avg")
    out, divisors = naive.avg_pool2d(x[None, None], (window, window), (stride, stride), (0, 0), False, True)
    np.testing.assert_allclose(walk.output, out[0, 0], rtol=1e-12)
    assert np.all(divisors == window * window)
    for route in walk.routes:
        assert len(route.targets) == window * window
        assert route.share == pytest.approx(route.delta / window ** 2)
    x4 = x[None, None].copy()
    numeric = numerical_grad(lambda: float(np.sum(delta * naive.avg_pool2d(
        x4, (window, window), (stride, stride), (0, 0), False, True)[0][0, 0])), x4)
    assert_grad_close(walk.dx, numeric[0, 0])
    assert walk.dx_total == pytest.approx(walk.delta_total)


def test_pool_partial_gradients_accumulate_window_by_window():
    x = np.array([[1, 9, 2, 3], [4, 5, 8, 6], [7, 0, 1, 2], [3, 4, 5, 9]], float)
    delta = np.array([[1, 2], [3, 4]], float)
    walk = B.pool_backward_walkthrough(x, delta, 2, 2, "max")
    assert walk.partial_dx.shape == (4, 4, 4)
    np.testing.assert_array_equal(walk.partial_dx[0], [[0, 1, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]])
    np.testing.assert_array_equal(walk.partial_dx[1][1, 2], 2)
    np.testing.assert_array_equal(walk.partial_dx[-1], walk.dx)
    np.testing.assert_array_equal(walk.dx, [[0, 1, 0, 0], [0, 0, 2, 0], [3, 0, 0, 0], [0, 0, 0, 4]])


def test_overlapping_max_windows_add_up():
    x = np.array([[0, 0, 0], [0, 9, 0], [0, 0, 0]], float)  # the centre is the max of all four windows
    walk = B.pool_backward_walkthrough(x, np.array([[1, 2], [3, 4]], float), 2, 1, "max")
    assert walk.overlapping
    assert walk.dx[1, 1] == 10 and walk.dx.sum() == 10


def test_pool_walkthrough_rejects_bad_input():
    with pytest.raises(ValueError, match="pooled output's shape"):
        B.pool_backward_walkthrough(np.zeros((4, 4)), np.zeros((3, 3)), 2)
    with pytest.raises(ValueError, match="mode"):
        B.pool_backward_walkthrough(np.zeros((4, 4)), np.zeros((2, 2)), 2, mode="min")


# ---------------------------------------------------------------------------------------------
# 4. gradient check
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("param,index", [("w1", (3, 0)), ("b1", (3,)), ("w2", (2, 3)), ("b2", (0,))])
@pytest.mark.parametrize("loss", B.LOSSES)
def test_gradient_check_agrees_in_float64(param, index, loss):
    check = B.gradient_check(B.course_network(), param, index, 1e-5, loss)
    assert check.rel_error < 1e-7 and check.verdict == "excellent"
    assert check.central == pytest.approx((check.loss_plus - check.loss_minus) / 2e-5)
    assert check.value == B.course_network().param(param)[index]
    assert check.dtype == "float64"


def test_gradient_check_in_float32_fails_for_tiny_eps():
    net = B.course_network()
    good = B.gradient_check(net, "w1", (3, 0), 1e-2, dtype=np.float32)
    bad = B.gradient_check(net, "w1", (3, 0), 1e-7, dtype=np.float32)
    assert good.rel_error < 1e-2
    assert bad.rel_error > 0.1 and bad.verdict == "wrong"


def test_gradient_sweep_has_the_v_shape():
    sweep = B.gradient_check_sweep(B.course_network(), "w1", (3, 0))
    assert list(sweep.eps) == list(B.EPSILONS)
    c64 = sweep.central["float64"]
    best = int(np.argmin(c64))
    assert 0 < best < len(c64) - 1 and c64[best] < 1e-9
    assert c64[0] > 100 * c64[best] and c64[-1] > 100 * c64[best]
    assert sweep.central["float32"].min() > c64.min()
    assert sweep.forward["float64"][2] > sweep.central["float64"][2]  # one-sided is less accurate at ε = 1e-3


def test_relative_error_and_rating():
    assert B.relative_error(1.0, 1.0) == 0 and B.relative_error(0, 0) == 0
    assert B.relative_error(2.0, 1.0) == pytest.approx(0.5)
    assert [B.rate_relative_error(e) for e in (1e-9, 1e-6, 1e-3, 0.5)] == ["excellent", "good", "suspicious", "wrong"]
    with pytest.raises(ValueError, match="outside"):
        B.gradient_check(B.course_network(), "w1", (5, 0))
    with pytest.raises(ValueError, match="eps"):
        B.gradient_check(B.course_network(), "w1", (0, 0), eps=0)


# ---------------------------------------------------------------------------------------------
# 5. the tiny CNN
# ---------------------------------------------------------------------------------------------

def test_cnn_step_lists_every_tensor_in_order():
    step = B.cnn_training_step(B.tiny_cnn_input("vertical"), 0, 0.5, np.random.default_rng(3))
    phases = [r.phase for r in step.records]
    assert phases == sorted(phases, key=["forward", "loss", "backward", "update"].index)
    assert [r.order for r in step.records] == list(range(1, len(step.records) + 1))
    forward = [(r.symbol, r.shape) for r in step.phase("forward")]
    assert forward == [("x", (1, 1, 6, 6)), ("z_1", (1, 2, 4, 4)), ("a_1", (1, 2, 4, 4)), ("p_1", (1, 2, 2, 2)),
                       ("f", (1, 8)), ("s", (1, 3))]
    backward = [(r.symbol.replace(r"\partial ", "d"), r.shape) for r in step.phase("backward")]
    assert backward == [
        ("dL/ds", (1, 3)), ("dL/dW_2", (3, 8)), ("dL/db_2", (3,)), ("dL/df", (1, 8)), ("dL/dp_1", (1, 2, 2, 2)),
        ("dL/da_1", (1, 2, 4, 4)), ("dL/dz_1", (1, 2, 4, 4)), ("dL/dW_1", (2, 1, 3, 3)), ("dL/db_1", (2,)),
        ("dL/dx", (1, 1, 6, 6)),
    ]
    assert len(step.phase("update")) == 12 and len(step.records) == 29


def test_cnn_step_gradients_and_update():
    lr, seed = 0.3, 11
    x = B.tiny_cnn_input("diagonal")
    step = B.cnn_training_step(x, 2, lr, np.random.default_rng(seed))
    model = B.tiny_cnn(np.random.default_rng(seed))  # the same initial weights
    records = {r.symbol: r for r in step.records}
    np.testing.assert_array_equal(records["W_1"].values, model[0].params["weight"])

    def loss():
        return F.cross_entropy(model.forward(x), np.array([2]))[0]

    for layer, name in ((0, "W_1"), (0, "b_1"), (4, "W_2"), (4, "b_2")):
        key = "weight" if name.startswith("W") else "bias"
        numeric = numerical_grad(loss, model[layer].params[key])
        assert_grad_close(records[rf"\partial L/\partial {name}"].values, numeric)
        np.testing.assert_allclose(records[name + "'"].values, records[name].values - lr * numeric, atol=1e-8)
        np.testing.assert_allclose(records[rf"-\eta\,\partial L/\partial {name}"].values, -lr * numeric, atol=1e-8)
    # ∂L/∂x: on a random image (the stroke images have ties inside the pooling windows, where the
    # max is not differentiable)
    noisy = np.random.default_rng(SEED).random((1, 1, 6, 6))
    noisy_step = B.cnn_training_step(noisy, 2, lr, np.random.default_rng(seed))
    numeric_x = numerical_grad(lambda: F.cross_entropy(model.forward(noisy), np.array([2]))[0], noisy)
    grad_x = next(r for r in noisy_step.records if r.kind == "grad_input")
    assert_grad_close(grad_x.values, numeric_x)
    probs = F.softmax(records["s"].values, dim=1)[0]
    np.testing.assert_allclose(records[r"\partial L/\partial s"].values[0], probs - np.eye(3)[2], rtol=1e-12)
    assert step.loss_before == pytest.approx(records["L"].values.item())
    assert step.loss_after < step.loss_before
    assert step.probs_after[2] > step.probs_before[2]


def test_tiny_cnn_inputs_and_validation():
    images = [B.tiny_cnn_input(p)[0, 0] for p in B.TINY_CNN_PATTERNS]
    assert [int(i.sum()) for i in images] == [12, 12, 11]
    assert images[0][:, 2:4].all() and images[1][2:4, :].all() and np.all(np.diag(images[2]) == 1)
    with pytest.raises(ValueError, match="pattern"):
        B.tiny_cnn_input("circle")
    with pytest.raises(ValueError, match="shape"):
        B.cnn_training_step(np.zeros((6, 6)), 0, 0.1, np.random.default_rng(0))
    with pytest.raises(ValueError, match="target"):
        B.cnn_training_step(B.tiny_cnn_input("vertical"), 5, 0.1, np.random.default_rng(0))


# ---------------------------------------------------------------------------------------------
# figures and formulas
# ---------------------------------------------------------------------------------------------

def _spec(figure):
    return json.loads(figure.to_json())


def test_network_figure_forward_and_backward():
    net = B.course_network()
    forward = B.fc_forward(net)
    backward = B.fc_backward(net, forward)
    spec = _spec(FB.fc_network_figure(net, forward, highlight=3, hide=3, lang="zh"))
    assert len(spec["layout"]["shapes"]) == 9 * 5 + 5 * 3
    hidden = spec["data"][2]
    assert hidden["text"][3] == "?" and hidden["text"][0] == "0.546"
    assert sum(s["opacity"] > 0.5 for s in spec["layout"]["shapes"]) == 9 + 3  # neuron 4's edges stand out
    assert any("隐藏层" in a["text"] for a in spec["layout"]["annotations"])
    spec = _spec(FB.fc_network_figure(net, forward, backward, view="backward"))
    assert spec["data"][3]["text"] == [FB.cm.fmt(d, 3) for d in backward.delta2]
    with pytest.raises(ValueError, match="backward"):
        FB.fc_network_figure(net, forward, view="backward")
    with pytest.raises(ValueError, match="highlight"):
        FB.fc_network_figure(net, forward, highlight=7)


def test_formulas_carry_the_numbers():
    net = B.course_network()
    step = B.fc_step(net, "mse", 0.5)
    shown = FB.hidden_neuron_latex(net, step.forward, 3)
    assert "0.4920" in shown and "(-0.1441)" in shown and "0.2112" in shown and "0.1540" in shown
    hidden = FB.hidden_neuron_latex(net, step.forward, 3, hide=True)
    assert "0.4920" not in hidden and "-0.03185" not in hidden and "?" in hidden
    assert FB.loss_latex(net, step.forward).endswith(FB.tex_number(step.forward.loss))
    assert FB.tex_number(step.backward.delta1[3]) in FB.hidden_delta_latex(net, step.forward, step.backward, 3)
    assert "0.1996" in FB.update_latex(net, step.backward, step.update.net, 0.5, 3)
    assert FB.tex_number(1e-5) == "10^{-5}" and FB.tex_number(-2.5e-7) == r"-2.5\times10^{-7}"
    walk = B.conv_backward_walkthrough(*B.course_conv_example())
    assert FB.conv_weight_latex(walk).endswith("= 5")
    assert FB.conv_bias_latex(walk).endswith("= 2")


def test_conv_and_pool_figures():
    walk = B.conv_backward_walkthrough(*B.course_conv_example())
    spec = _spec(FB.conv_gradients_figure(walk, lang="en"))
    heatmaps = [d for d in spec["data"] if d["type"] == "heatmap"]
    assert len(heatmaps) == 6
    assert heatmaps[4]["z"] == [[5, 7], [11, 13]] and heatmaps[5]["z"] == [[0, 1, -1], [2, 3, -3], [4, 6, 0]]
    x, delta = B.random_pool_example(5, 3, 2, np.random.default_rng(0))
    pool = B.pool_backward_walkthrough(x, delta, 3, 2, "avg")
    spec = _spec(FB.pool_backward_figure(pool, lang="zh", presentation=True))
    assert len(spec["frames"]) == 4
    np.testing.assert_allclose(np.array(spec["frames"][-1]["data"][0]["z"], float), pool.dx, atol=1e-5)
    assert "平均分给" in spec["frames"][0]["layout"]["annotations"][-1]["text"]
    with pytest.raises(ValueError, match="frame_ms"):
        FB.pool_backward_figure(pool, frame_ms=5)


def test_sweep_cnn_and_probability_figures():
    sweep = B.gradient_check_sweep(B.course_network(), "b2", (1,))
    spec = _spec(FB.gradient_sweep_figure(sweep, eps=1e-5))
    assert len(spec["data"]) == 4 and spec["layout"]["xaxis"]["type"] == "log"
    step = B.cnn_training_step(B.tiny_cnn_input("horizontal"), 1, 0.5, np.random.default_rng(0))
    spec = _spec(FB.cnn_flow_figure(step, lang="en"))
    assert len(spec["data"]) == 6 + 6  # six forward tensors, six gradients
    spec = _spec(FB.cnn_update_figure(step))
    assert len(spec["data"]) == 6
    spec = _spec(FB.probabilities_figure(step.probs_before, step.probs_after, ["a", "b", "c"], 1))
    assert spec["data"][1]["y"] == pytest.approx(list(step.probs_after))
    assert spec["data"][0]["x"][1].startswith("★")
    assert FB.plain_symbol(r"\partial L/\partial z_1") == "∂L/∂z₁"
