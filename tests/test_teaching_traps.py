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
