"""cnnviz.figures.training: the Training page's figures show the numbers they are given."""

from __future__ import annotations

import base64
import math

import numpy as np
import plotly.graph_objects as go
import pytest

from cnnviz.figures import _common as cm
from cnnviz.figures import training as figs
from cnnviz.i18n import t
from cnnviz.train.lessons import LayerStats


def decode(value) -> np.ndarray:
    """A trace array as NumPy, whether a list or Plotly's typed-array JSON (``{"dtype", "bdata"}``)."""
    if isinstance(value, dict):
        array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        shape = value.get("shape")
        if shape:
            array = array.reshape([int(n) for n in str(shape).split(",")])
        return array.astype(np.float64)
    if isinstance(value, np.ndarray):
        return value.astype(np.float64)
    return np.asarray([[np.nan if v is None else v for v in row] for row in value] if value and isinstance(
        value[0], (list, tuple)) else [np.nan if v is None else v for v in value], dtype=np.float64)


def spec(figure: go.Figure) -> dict:
    """The figure as the browser receives it, re-validated by Plotly."""
    assert isinstance(figure, go.Figure)
    return go.Figure(figure.to_dict()).to_plotly_json()


def history(steps: int, epochs: int, bpe: int) -> dict:
    rng = np.random.default_rng(0)
    return {
        "step": list(range(1, steps + 1)),
        "loss": list(rng.uniform(0.1, 2.3, steps)),
        "accuracy": list(rng.uniform(0, 1, steps)),
        "epoch": list(range(1, epochs + 1)),
        "train_loss": [1.0 / (e + 1) for e in range(epochs)],
        "train_accuracy": [0.5 + 0.1 * e for e in range(epochs)],
        "test_loss": [1.2 / (e + 1) for e in range(epochs)],
        "test_accuracy": [0.45 + 0.1 * e for e in range(epochs)],
    }


def annotation_texts(figure_dict: dict) -> list[str]:
    return [a["text"] for a in figure_dict["layout"].get("annotations", [])]


# ---------------------------------------------------------------------------------------------
# curves
# ---------------------------------------------------------------------------------------------

def test_curves_single_run_plots_epochs_and_percentages():
    run = figs.CurveRun(history(steps=30, epochs=3, bpe=10), 10)
    fig = spec(figs.curves_figure([run], total_epochs=8))
    traces = fig["data"]
    assert len(traces) == 2 + 4  # batch loss and accuracy, then train and held-out × loss and accuracy
    batch_loss, batch_acc = traces[0], traces[1]
    assert np.allclose(decode(batch_loss["x"]), np.arange(1, 31) / 10, atol=1e-6)
    assert np.allclose(decode(batch_loss["y"]), run.history["loss"], atol=1e-6)
    assert np.allclose(decode(batch_acc["y"]), np.asarray(run.history["accuracy"]) * 100, atol=1e-4)
    names = [trace["name"] for trace in traces[2:]]
    assert names == [t("training.fig.train", "en")] * 2 + [t("training.fig.test", "en")] * 2
    train_acc = traces[3]
    assert train_acc["yaxis"] == "y2" and np.allclose(decode(train_acc["y"]), [50, 60, 70], atol=1e-4)
    assert np.allclose(decode(train_acc["x"]), [1, 2, 3])
    held_out_loss = traces[4]
    assert np.allclose(decode(held_out_loss["y"]), [1.2, 0.6, 0.4], atol=1e-6)
    assert held_out_loss["line"]["color"] == figs.TEST_COLOR and held_out_loss["marker"]["symbol"] == "square"
    assert fig["layout"]["xaxis"]["range"] == [0, pytest.approx(8.16)]
    assert fig["layout"]["yaxis2"]["range"] == [0, 101]
    assert t("training.fig.no_steps", "en") not in annotation_texts(fig)


def test_curves_with_a_comparison_run_are_dashed_and_labelled():
    main = figs.CurveRun(history(20, 2, 10), 10, "sigmoid + SGD")
    other = figs.CurveRun(history(20, 2, 10), 10, "ReLU + SGD")
    fig = spec(figs.curves_figure([main, other], total_epochs=3, lang="zh"))
    compare = [trace for trace in fig["data"] if "ReLU + SGD" in trace["name"]]
    assert len(compare) == 4
    assert all(trace["line"]["dash"] == "dash" and trace["marker"]["symbol"].endswith("-open") for trace in compare)
    assert fig["data"][0]["name"] == t("training.fig.batch", "zh") + " · sigmoid + SGD"
    assert any(text == f"<b>{t('training.fig.loss_title', 'zh')}</b>" for text in annotation_texts(fig))


def test_curves_before_training_say_press_start_and_long_runs_are_downsampled():
    empty = {key: [] for key in figs.HISTORY_KEYS}
    fig = spec(figs.curves_figure([figs.CurveRun(empty, 63)], total_epochs=8))
    # the per-epoch traces of both panels are there (so the legend is stable), all of them empty
    train, test = t("training.fig.train", "en"), t("training.fig.test", "en")
    assert [(trace["name"], len(decode(trace["x"])), len(decode(trace["y"]))) for trace in fig["data"]] == [
        (train, 0, 0), (train, 0, 0), (test, 0, 0), (test, 0, 0)]
    assert t("training.fig.no_steps", "en") in annotation_texts(fig)
    steps = 800
    long = {**empty, "step": list(range(1, steps + 1)), "loss": [float(i % 2) for i in range(steps)],
            "accuracy": [0.5] * steps}
    fig = spec(figs.curves_figure([figs.CurveRun(long, 100)], total_epochs=10))
    y = decode(fig["data"][0]["y"])
    assert len(y) == figs.MAX_CURVE_POINTS and np.allclose(y, 0.5)  # means of pairs 0, 1


def test_curves_reject_bad_input():
    good = history(10, 1, 10)
    with pytest.raises(ValueError, match="lacks"):
        figs.curves_figure([figs.CurveRun({"step": []}, 10)], 5)
    with pytest.raises(ValueError, match="same length"):
        figs.curves_figure([figs.CurveRun({**good, "loss": good["loss"][:-1]}, 10)], 5)
    with pytest.raises(ValueError, match="batches_per_epoch"):
        figs.curves_figure([figs.CurveRun(good, 0)], 5)
    with pytest.raises(ValueError, match="total_epochs"):
        figs.curves_figure([figs.CurveRun(good, 10)], 0)
    with pytest.raises(ValueError, match="1 to 3"):
        figs.curves_figure([], 5)
    with pytest.raises(ValueError, match="lang"):
        figs.curves_figure([figs.CurveRun(good, 10)], 5, lang="fr")


# ---------------------------------------------------------------------------------------------
# filters and feature maps
# ---------------------------------------------------------------------------------------------

def test_filters_are_tiled_with_gaps_and_a_symmetric_colour_range():
    weights = np.arange(6 * 25, dtype=np.float64).reshape(6, 1, 5, 5) - 70  # -70 .. 79
    fig = spec(figs.filters_figure(weights))
    z = decode(fig["data"][0]["z"])
    assert z.shape == (2 * 6 - 1, 3 * 6 - 1)  # 6 filters in rows of 3, one empty cell between them
    assert np.array_equal(z[0:5, 0:5], weights[0, 0]) and np.array_equal(z[6:11, 12:17], weights[5, 0])
    assert np.all(np.isnan(z[5, :])) and np.all(np.isnan(z[:, 5]))
    assert (fig["data"][0]["zmin"], fig["data"][0]["zmax"]) == (-79, 79)
    assert "texttemplate" not in fig["data"][0]  # 5×5 kernels: no numbers
    assert f"<b>{t('training.fig.filters_title', 'en', count=6, kh=5, kw=5)}</b>" in annotation_texts(fig)
    assert [text for text in annotation_texts(fig) if text.isdigit()] == ["1", "2", "3", "4", "5", "6"]


def test_small_filters_show_their_numbers_and_many_filters_are_capped():
    fig = spec(figs.filters_figure(np.ones((8, 1, 3, 3)) * 0.25, presentation=True))
    assert fig["data"][0]["texttemplate"] == "%{z:.2f}"
    fig = spec(figs.filters_figure(np.zeros((40, 1, 3, 3)), max_filters=32))
    assert decode(fig["data"][0]["z"]).shape == (6 * 4 - 1, 6 * 4 - 1)  # 32 filters in rows of 6
    assert any(t("training.fig.first_n", "en", n=32) in text for text in annotation_texts(fig))
    with pytest.raises(ValueError, match="C_out, C_in, KH, KW"):
        figs.filters_figure(np.zeros((3, 3)))


def test_probe_figure_normalises_each_map_and_colours_the_prediction():
    image = np.zeros((8, 8))
    image[2:6, 3] = 1.0
    stage1 = np.stack([np.full((8, 8), 2.0), np.linspace(0, 4, 64).reshape(8, 8)])  # (2, 8, 8)
    stage2 = np.linspace(-3, 1, 4 * 16).reshape(4, 4, 4)
    probabilities = np.array([0.1, 0.7, 0.2])
    fig = spec(figs.probe_figure(image, [("conv1", stage1), ("conv2", stage2)], probabilities, ["a", "b", "c"],
                                 true_label=2, activation="tanh"))
    heat = [trace for trace in fig["data"] if trace["type"] == "heatmap"]
    assert len(heat) == 3
    assert np.array_equal(decode(heat[0]["z"]), image) and heat[0]["colorscale"] == [list(x) for x in cm.INPUT_SCALE]
    conv1 = decode(heat[1]["z"])
    assert np.nanmax(conv1) == 1.0 and heat[1]["zmin"] == 0.0  # non-negative: sequential from 0
    assert np.allclose(conv1[:8, :8], 1.0)  # a constant map scaled by its own maximum
    conv2 = decode(heat[2]["z"])
    assert np.nanmin(conv2) == -1.0 and heat[2]["zmin"] == -1.0  # signed: diverging
    bars = fig["data"][-1]
    assert bars["type"] == "bar" and np.allclose(decode(bars["x"]), [10, 70, 20], atol=1e-4)
    assert bars["marker"]["color"][1] == figs.TEST_COLOR  # predicted b, truly c: wrong
    texts = annotation_texts(fig)
    assert any("tanh" in text and "2 maps 8×8" in text for text in texts)
    assert any(t("training.fig.probe_wrong", "en", label="b", p="70") in text for text in texts)
    right = spec(figs.probe_figure(image, [("conv1", stage1)], probabilities, ["a", "b", "c"], true_label=1))
    assert right["data"][-1]["marker"]["color"][1] == figs.TRAIN_COLOR
    with pytest.raises(ValueError, match="one value per class"):
        figs.probe_figure(image, [("conv1", stage1)], probabilities, ["a", "b"], true_label=0)
    with pytest.raises(ValueError, match="true_label"):
        figs.probe_figure(image, [("conv1", stage1)], probabilities, ["a", "b", "c"], true_label=3)


# ---------------------------------------------------------------------------------------------
# weights and gradients
# ---------------------------------------------------------------------------------------------

def stats(name: str, grad_rms: float | None) -> LayerStats:
    counts = np.array([1, 4, 6, 4, 1])
    edges = np.linspace(-1, 1, 6)
    if grad_rms is None:
        return LayerStats(name, counts, edges, 0.5, None, None, math.nan)
    return LayerStats(name, counts, edges, 0.5, counts * 2, edges * grad_rms, grad_rms)


def test_histograms_draw_weights_and_gradients_per_layer():
    fig = spec(figs.histograms_figure([stats("conv1", 1e-4), stats("fc1", 2e-2)]))
    bars = fig["data"]
    assert len(bars) == 4  # per layer: weights, gradients
    assert np.allclose(decode(bars[0]["x"]), [-0.8, -0.4, 0, 0.4, 0.8], atol=1e-6)
    assert np.allclose(decode(bars[0]["y"]), [1, 4, 6, 4, 1])
    assert bars[0]["marker"]["color"] == figs.TRAIN_COLOR
    grad_conv1 = bars[1]
    assert grad_conv1["marker"]["color"] == figs.TEST_COLOR
    assert np.allclose(decode(grad_conv1["x"]), np.array([-0.8, -0.4, 0, 0.4, 0.8]) * 1e-4)
    texts = annotation_texts(fig)
    assert "rms 0.0001" in texts and "rms 0.02" in texts and "rms 0.5" in texts
    before = spec(figs.histograms_figure([stats("conv1", None)], lang="zh"))
    assert len(before["data"]) == 1 and t("training.fig.no_gradient", "zh") in annotation_texts(before)
    with pytest.raises(ValueError, match="empty"):
        figs.histograms_figure([])


def test_gradient_scale_compares_runs_on_a_log_axis():
    main = [stats("conv1", 2e-4), stats("fc1", 1.5e-2)]
    other = [stats("conv1", 3e-2), stats("fc1", 4e-2)]
    fig = spec(figs.gradient_scale_figure([("sigmoid", main), ("ReLU", other)]))
    assert fig["layout"]["yaxis"]["type"] == "log" and fig["layout"]["showlegend"] is True
    assert [trace["name"] for trace in fig["data"]] == ["sigmoid", "ReLU"]
    assert list(fig["data"][0]["x"]) == ["conv1", "fc1"]
    assert np.allclose(decode(fig["data"][0]["y"]), [2e-4, 1.5e-2])
    single = spec(figs.gradient_scale_figure([(None, [stats("conv1", None)])]))
    assert t("training.fig.no_gradient", "en") in annotation_texts(single)
    assert single["layout"]["yaxis"]["visible"] is False


# ---------------------------------------------------------------------------------------------
# per-epoch views
# ---------------------------------------------------------------------------------------------

def test_confusion_matrix_shows_counts_and_colours_log_counts():
    confusion = np.array([[98, 2, 0], [1, 90, 9], [0, 0, 100]])
    fig = spec(figs.confusion_figure(confusion, ["0", "1", "2"], lang="zh"))
    trace = fig["data"][0]
    assert np.allclose(decode(trace["z"]), np.log1p(confusion), atol=1e-5)
    assert [list(row) for row in trace["text"]] == [["98", "2", "0"], ["1", "90", "9"], ["0", "0", "100"]]
    assert list(trace["x"]) == ["0", "1", "2"] and fig["layout"]["yaxis"]["autorange"] == "reversed"
    assert fig["layout"]["xaxis"]["title"]["text"] == t("training.fig.predicted", "zh")
    with pytest.raises(ValueError, match="square"):
        figs.confusion_figure(np.zeros((2, 3)), ["a", "b"])
    with pytest.raises(ValueError, match="non-negative integer"):
        figs.confusion_figure(np.array([[1.5, 0], [0, 1]]), ["a", "b"])


def test_misclassified_images_are_tiled_and_labelled_true_to_predicted():
    images = np.zeros((10, 4, 4))
    images[:, 1, 1] = 1.0
    true = np.arange(10) % 3
    predicted = (true + 1) % 3
    fig = spec(figs.misclassified_figure(images, true, predicted, ["a", "b", "c"], max_images=9))
    z = decode(fig["data"][0]["z"])
    band = 6
    assert z.shape == (2 * (4 + band), 8 * 7 - 3)  # 9 images in rows of 8, a label band under each row
    assert z[1, 1] == 255 and z[1, 1 + 7] == 255 and z.sum() == 9 * 255
    labels = [text for text in annotation_texts(fig) if "→" in text and not text.startswith("<b>")]
    assert labels[:3] == ["a → <b>b</b>", "b → <b>c</b>", "c → <b>a</b>"] and len(labels) == 9
    empty = spec(figs.misclassified_figure(np.zeros((0, 4, 4)), np.zeros(0), np.zeros(0), ["a", "b"]))
    assert t("training.fig.no_mistakes", "en") in annotation_texts(empty)
    with pytest.raises(ValueError, match="class indices"):
        figs.misclassified_figure(images[:1], np.array([0]), np.array([5]), ["a", "b", "c"])


def test_presentation_mode_uses_larger_fonts():
    run = [figs.CurveRun(history(10, 1, 10), 10)]
    normal = spec(figs.curves_figure(run, 2))
    big = spec(figs.curves_figure(run, 2, presentation=True))
    assert big["layout"]["font"]["size"] > normal["layout"]["font"]["size"]
    assert big["layout"]["height"] > normal["layout"]["height"]
    with pytest.raises(ValueError, match="presentation"):
        figs.curves_figure(run, 2, presentation="yes")
