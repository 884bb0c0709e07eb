"""Defaults that once taught the wrong thing (issue 15, "no teaching traps"), each pinned by a test."""

from __future__ import annotations

import math

import numpy as np
import pytest

from cnnviz import train
from cnnviz.i18n import t
from cnnviz.nn import functional as F
from cnnviz.train import TrainConfig, Trainer

TINY = TrainConfig(model="small", dataset="shapes", conv_blocks=1, filters=2, kernel_size=3, train_size=64,
                   batch_size=32, epochs=1, optimizer="adam", lr=0.01)


@pytest.fixture(scope="module")
def mnist():
    return train.load_dataset(TrainConfig())


@pytest.mark.parametrize("config", [TrainConfig(), TrainConfig(activation="sigmoid"),
                                    TrainConfig(model="small", activation="tanh")], ids=["relu", "sigmoid", "small"])
def test_a_fresh_network_starts_near_uniform_like_pytorch(mnist, config):
    """He init on the classifier once made a fresh LeNet-5 say "4 (90 %)" for a 0, at loss ≈ 3.9."""
    for seed in range(3):
        model = train.build_model(config, (1, 28, 28), 10, np.random.default_rng(seed))
        logits = model.forward(mnist.x_test[:200])
        loss, _ = F.cross_entropy(logits, mnist.y_test[:200])
        top = F.softmax(logits, dim=1).max(axis=1)
        assert abs(loss - math.log(10)) < 0.5, (seed, loss)
        assert top.max() < 0.3 and top.mean() < 0.2, (seed, top.max())


def test_the_gap_compares_training_and_held_out_accuracy_measured_the_same_way():
    """Both after the epoch, with the same weights, on equally many images (not a running mean)."""
    shapes = train.load_dataset(TINY)
    trainer = Trainer(TINY, dataset=shapes)
    events = [event for event in trainer.events() if isinstance(event, train.EpochEvent)]
    assert len(events) == 1
    x_check, y_check = train._balanced_subset(shapes.x_train, shapes.y_train, min(64, len(shapes.x_test)))
    after = train.evaluate(trainer.model, x_check, y_check, shapes.classes)
    assert events[0].train_accuracy == after["accuracy"] and events[0].train_loss == pytest.approx(after["loss"])
    held_out = train.evaluate(trainer.model, shapes.x_test, shapes.y_test, shapes.classes)
    assert events[0].test_accuracy == held_out["accuracy"]
    assert trainer.history["train_accuracy"] == [after["accuracy"]]


def page_text(at) -> str:
    """Every text the page shows (markdown, LaTeX, captions, alerts, metrics)."""
    parts = [element.value for kind in ("markdown", "latex", "caption", "success", "info", "warning", "error")
             for element in getattr(at, kind)]
    parts += [f"{metric.label} {metric.value}" for metric in at.metric]
    return "\n".join(str(part) for part in parts)


def test_activations_does_not_give_away_the_backprop_exercise(app_test):
    """/activations once printed A1 = 0.4920, the answer /backprop asks the student to predict."""
    at = app_test("activations")
    assert not at.exception
    text = page_text(at)
    assert "0.49" not in text and "0.2499" not in text
    links = [(link.proto.label, link.proto.page) for link in at.get("page_link")]
    assert (t("activations.exercise_link", "en"), "backprop") in [(label, page.split("/")[-1].removesuffix(".py"))
                                                                   for label, page in links]


@pytest.mark.parametrize(("function", "expected"), [("sigmoid", "activations.healthy_none"),
                                                    ("tanh", "activations.healthy")])
def test_the_flat_share_never_reads_only_0_percent(app_test, function, expected):
    """Normalised inputs: sigmoid has no flat unit at all, tanh 0.009 % (once both said "Only 0%")."""
    at = app_test("activations", query={"act.scale": "unit", "act.sat_fn": function})
    assert not at.exception
    messages = [element.value for element in at.success]
    assert len(messages) == 1
    assert " 0%" not in messages[0]
    if expected == "activations.healthy_none":
        assert messages[0] == t(expected, "en")
    else:
        assert messages[0] == t(expected, "en", pct="0.009")


def test_pooling_opens_on_an_example_where_max_and_average_differ(app_test):
    """The course's 6×6 blocks are constant inside each 3×3 window: max = average there."""
    from test_page_pooling import charts, heat_z

    at = app_test("pooling")
    assert not at.exception
    found = charts(at)
    max_out, avg_out = heat_z(found["compare"], 1), heat_z(found["compare"], 2)
    np.testing.assert_array_equal(max_out, [[6, 8], [3, 4]])
    np.testing.assert_allclose(avg_out, [[3.25, 5.25], [2, 2]])


@pytest.mark.parametrize("kernel", ["course", "box", "sobel_x", "emboss"])
def test_several_filters_are_never_copies_of_each_other(kernel):
    """The course kernel looks the same turned or mirrored: "2 filters" once drew the same map twice."""
    from cnnviz.lessons import kernels as K

    base = K.COURSE_KERNEL if kernel == "course" else K.kernel_preset(kernel)
    bank = K.filter_bank(base, K.MAX_CHANNELS, 1)
    np.testing.assert_array_equal(bank[0, 0], base)
    flat = [tuple(f.ravel()) for f in bank]
    assert len(set(flat)) == len(flat)
    maps = K.convolve(K.input_preset("course"), bank) if kernel == "course" else None
    if maps is not None:  # on the course image the two first maps really differ
        assert not np.array_equal(maps[0], maps[1])


def captions(at) -> str:
    return "\n".join(caption.value for caption in at.caption)


def test_the_conv_lab_caption_is_true_for_the_current_settings(app_test):
    """At D = 2 the caption once promised [[4,3,4],…] while the output was 1×1 = [2] ("all 1 output cells")."""
    at = app_test("conv_lab")
    assert not at.exception
    assert "Your settings give a 3×3 output: [[4, 3, 4], [2, 4, 3], [2, 3, 4]]." in captions(at)
    at = app_test("conv_lab", query={"conv.dil": 2})
    assert not at.exception
    text = captions(at)
    assert "Your settings give a 1×1 output: [[2]]." in text
    assert "stride 1, no padding and dilation 1 the output is [[4,3,4]" in text  # the example's own answer, with its conditions
    assert "all 1 output cells" not in text and t("conv_lab.animate_hint_one", "en") in text


def test_the_0_to_8_example_is_labelled_as_the_textbook_s_not_the_course_s(app_test):
    """[[0,1,2],[3,4,5],[6,7,8]] ⋆ [[0,1],[2,3]] is Dive into Deep Learning's example; the course notes
    (/work/shared/seeds) contain the 5×5 binary image and its kernel 101/010/101, not this one."""
    from cnnviz.i18n import STRINGS

    for key in ("conv_lab.source.ramp", "conv_lab.source_note.ramp", "conv_lab.kernel.ramp2",
                "backprop.conv.example.course", "backprop.conv.course_note"):
        assert "course" not in STRINGS[key]["en"].lower().replace("course notes", ""), key
        assert "课程" not in STRINGS[key]["zh"].replace("课程讲义", ""), key
    at = app_test("conv_lab", query={"conv.input": "ramp", "conv.kernel": "ramp2"})
    assert not at.exception
    assert "Your settings give a 2×2 output: [[19, 25], [37, 43]]." in captions(at)


def test_inside_labels_the_ten_logits_with_their_digits(app_test):
    """The network overview once ended in ten unlabelled numbers."""
    from conftest import plotly_specs

    at = app_test("inside")
    assert not at.exception
    network = next(spec for spec in plotly_specs(at) if spec.get("layout", {}).get("meta", {}).get("stages"))
    logits = network["data"][-1]
    assert [row[0].split(":")[0] for row in logits["text"]] == [str(d) for d in range(10)]
    assert logits["texttemplate"] == "%{text}"
    values = [float(row[0].split(": ")[1].replace("−", "-")) for row in logits["text"]]
    assert np.argmax(values) == int(np.argmax(np.ravel(logits["z"])))


def input_colours(at) -> list:
    """The colour scale of the first grid (the input) of conv_lab's animation."""
    from conftest import plotly_specs

    animation = next(spec for spec in plotly_specs(at) if spec.get("frames"))
    first = next(trace for trace in animation["data"] if trace["type"] == "heatmap")
    return [colour for _, colour in first["colorscale"]]


def test_a_photo_is_animated_as_it_looks_not_as_its_negative(app_test):
    """Grids are ink on paper (1 = dark); a photo's 1 is white, so drawn as ink it was a negative."""
    at = app_test("conv_lab", query={"conv.input": "photo", "conv.size": 6})
    assert not at.exception
    colours = input_colours(at)
    assert colours[0].lower() == "#000000" and colours[-1].lower() == "#ffffff"  # dark pixels dark
    at = app_test("conv_lab")  # the course's binary image stays ink on paper
    colours = input_colours(at)
    assert colours[0].lower() > colours[-1].lower()  # light background, dark ink


@pytest.mark.parametrize("page, query", [("conv_family", {"family.topic": "bottleneck"}),
                                         ("architectures", {"arch.net": "inception3a"})])
def test_the_slides_inception_sum_is_shown_corrected(app_test, page, query):
    """The notes print 128×1×1×32 + 32×5×5×256 = 204,800; the sum is 208,896, and the page says so."""
    at = app_test(page, query=query)
    assert not at.exception
    text = page_text(at)
    assert "208,896" in text and "204,800" in text
