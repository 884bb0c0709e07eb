"""cnnviz.train.lessons: lesson presets, training in chunks, ETA, layer statistics, probe views, model files."""

from __future__ import annotations

import io
import math
import zipfile
from dataclasses import replace

import numpy as np
import pytest

from cnnviz.figures import training as training_text
from cnnviz.i18n import STRINGS, message, t
from cnnviz.train import (
    DivergedEvent,
    TrainConfig,
    Trainer,
    build_model,
    datasets,
    lessons,
    load_dataset,
    model_file,
    normalize_config,
)
from cnnviz.train.model_file import save_model_bytes

TINY = TrainConfig(model="small", dataset="shapes", conv_blocks=1, filters=2, kernel_size=3, train_size=64,
                   batch_size=32, epochs=2, optimizer="adam", lr=0.01)


@pytest.fixture(scope="module")
def shapes():
    return load_dataset(TINY)


@pytest.fixture(scope="module")
def mnist():
    return load_dataset(TrainConfig(train_size=128))  # two batches of 64: no evaluation after step 1


class FakeClock:
    """A clock that advances ``tick`` seconds each time it is read."""

    def __init__(self, tick: float):
        self.now, self.tick = 0.0, tick

    def __call__(self) -> float:
        self.now += self.tick
        return self.now


# ---------------------------------------------------------------------------------------------
# lessons
# ---------------------------------------------------------------------------------------------

def test_normalize_config_resets_what_a_network_ignores():
    lenet = TrainConfig(model="lenet5", conv_blocks=3, filters=32, kernel_size=7, momentum=0.5, snapshot_every=5)
    assert normalize_config(lenet) == TrainConfig()
    small = TrainConfig(model="small", conv_blocks=3, filters=32, optimizer="momentum", momentum=0.5)
    assert normalize_config(small) == small
    assert normalize_config(replace(small, optimizer="adam")).momentum == TrainConfig().momentum


def test_lessons_are_valid_unique_and_translated():
    assert lessons.LESSON_NAMES == ("overfitting", "weight_decay", "underfitting", "vanishing", "edges", "degradation",
                                    "batchnorm", "dropout", "augmentation")
    configs = [lesson.config for lesson in lessons.LESSONS]
    assert len(set(configs)) == len(configs)
    for lesson in lessons.LESSONS:
        lesson.config.validate()
        assert normalize_config(lesson.config) == lesson.config
        keys = [lesson.title_key, lesson.sentence_key]
        if lesson.compare is not None:
            lesson.compare.validate()
            # trained in lockstep: the same data and the same number of batches
            assert (lesson.compare.dataset, lesson.compare.train_size, lesson.compare.batch_size) == (
                lesson.config.dataset, lesson.config.train_size, lesson.config.batch_size)
            keys += [lesson.run_label_key, lesson.compare_label_key]
        for key in keys:
            assert STRINGS[key]["en"] and STRINGS[key]["zh"]
        assert lessons.find_lesson(lesson.config) is lesson
        assert lessons.get_lesson(lesson.name) is lesson
    assert lessons.find_lesson(TrainConfig()) is None
    with pytest.raises(ValueError, match="lesson must be one of"):
        lessons.get_lesson("no_such_lesson")


def test_lesson_presets_teach_what_they_say():
    overfit = lessons.get_lesson("overfitting").config
    assert (overfit.train_size, overfit.weight_decay) == (200, 0.0)
    decay = lessons.get_lesson("weight_decay")
    assert decay.config.weight_decay == 0.003 and decay.compare == overfit
    assert decay.config == replace(overfit, weight_decay=0.003)
    under = lessons.get_lesson("underfitting")
    tiny = build_model(under.config, (1, 28, 28), 10, np.random.default_rng(0))
    lenet = build_model(under.compare, (1, 28, 28), 10, np.random.default_rng(0))
    assert (tiny.parameter_count(), lenet.parameter_count()) == (1980, 61706)  # the numbers the sentence quotes
    vanishing = lessons.get_lesson("vanishing")
    assert (vanishing.config.activation, vanishing.config.optimizer) == ("sigmoid", "sgd")
    assert vanishing.compare == replace(vanishing.config, activation="relu")
    edges = lessons.get_lesson("edges").config
    assert (edges.dataset, edges.model, edges.kernel_size) == ("shapes", "small", 5)


def test_overfitting_and_weight_decay_lessons_show_what_their_sentences_say():
    """25 epochs on 200 images, twice (a few seconds): the claims of both lessons' sentences."""
    plain = Trainer(lessons.get_lesson("overfitting").config)
    decayed = Trainer(lessons.get_lesson("weight_decay").config)
    for trainer in (plain, decayed):
        for _ in trainer.events():
            pass
    history = plain.history
    # memorised: training loss almost zero, every training image right
    assert history["train_accuracy"][-1] == 1.0 and history["train_loss"][-1] < 0.02
    # the held-out loss turns upwards after about ten epochs, while held-out accuracy stalls near 80 %
    best = int(np.argmin(history["test_loss"]))
    assert 6 <= best + 1 <= 16 and history["test_loss"][-1] > history["test_loss"][best] + 0.1
    assert 0.75 <= history["test_accuracy"][-1] <= 0.9
    # weight decay: smaller weights, a held-out loss that ends lower, the same accuracy
    def weight_norm(trainer):
        return math.sqrt(sum(float((layer.params[key] ** 2).sum()) for _, layer, key in trainer.model.named_parameters()))

    assert weight_norm(decayed) < 0.9 * weight_norm(plain)
    assert decayed.history["test_loss"][-1] < history["test_loss"][-1] - 0.05
    assert abs(decayed.history["test_accuracy"][-1] - history["test_accuracy"][-1]) < 0.03


def test_vanishing_lesson_first_layer_gradient_is_about_100x_smaller_than_the_last(mnist):
    lesson = lessons.get_lesson("vanishing")
    sigmoid = Trainer(lesson.config, dataset=mnist)
    relu = Trainer(lesson.compare, dataset=mnist)
    report = lessons.run_chunk([sigmoid, relu], max_seconds=60.0, max_steps=1)
    assert report.rounds == 1 and sigmoid.step == relu.step == 1
    first, *_, last = lessons.layer_stats(sigmoid.model)
    assert last.grad_rms / first.grad_rms > 30
    relu_first, *_, relu_last = lessons.layer_stats(relu.model)
    assert relu_last.grad_rms / relu_first.grad_rms < 10


# ---------------------------------------------------------------------------------------------
# chunks and ETA
# ---------------------------------------------------------------------------------------------

def test_run_chunk_stops_at_the_step_budget_and_resumes(shapes):
    trainer = Trainer(TINY, dataset=shapes)
    report = lessons.run_chunk([trainer], max_seconds=100.0, max_steps=1, clock=FakeClock(0.001))
    assert (report.rounds, trainer.step, trainer.epoch) == (1, 1, 0)
    assert report.evaluations == [None] and report.done == [None] and report.diverged == [None]
    # the second step ends epoch 1: its evaluation comes with the same chunk
    report = lessons.run_chunk([trainer], max_seconds=100.0, max_steps=1, clock=FakeClock(0.001))
    assert (trainer.step, trainer.epoch) == (2, 1)
    evaluation = report.evaluations[0]
    assert evaluation.epoch == 1
    assert evaluation.confusion.sum() == len(shapes.y_test) == 700
    assert evaluation.test_accuracy == pytest.approx(np.trace(evaluation.confusion) / 700)
    assert evaluation.test_accuracy == trainer.history["test_accuracy"][0]
    wrong = evaluation.misclassified
    assert 0 < len(wrong) <= 40
    assert np.all(evaluation.predicted != shapes.y_test[wrong])
    expected = trainer.model.forward(shapes.x_test[wrong]).argmax(axis=1)
    assert np.array_equal(evaluation.predicted, expected)


def test_run_chunk_stops_at_the_time_budget_and_runs_at_least_one_round(shapes):
    trainer = Trainer(TINY, dataset=shapes)
    # every clock read advances 0.1 s: start, then one read after each round
    report = lessons.run_chunk([trainer], max_seconds=0.25, max_steps=100, clock=FakeClock(0.1))
    assert report.rounds == 3 and trainer.step == 3
    report = lessons.run_chunk([trainer], max_seconds=0.0, max_steps=100, clock=FakeClock(0.1))
    assert report.rounds == 1 and trainer.step == 4
    assert report.done == [report.done[0]] and report.done[0] is not None  # 2 epochs × 2 batches: finished
    assert trainer.finished
    report = lessons.run_chunk([trainer], max_seconds=None, max_steps=5)
    assert report.rounds == 0 and trainer.step == 4


def test_run_chunk_without_a_time_budget_runs_exactly_the_step_budget(shapes):
    trainer = Trainer(TINY, dataset=shapes)
    # a clock that says each round took an hour changes nothing: only the steps count
    report = lessons.run_chunk([trainer], max_seconds=None, max_steps=3, clock=FakeClock(3600.0))
    assert report.rounds == 3 and trainer.step == 3 and report.seconds == 3600.0  # start and end are read once each
    report = lessons.run_chunk([trainer], max_seconds=None, max_steps=3, clock=FakeClock(0.0))
    assert report.rounds == 1 and trainer.finished  # 2 epochs × 2 batches: the run ends at step 4


def test_run_chunk_keeps_trainers_in_lockstep(shapes):
    first = Trainer(TINY, dataset=shapes)
    second = Trainer(replace(TINY, activation="tanh"), dataset=shapes)
    report = lessons.run_chunk([first, second], max_seconds=100.0, max_steps=3, clock=FakeClock(0.001))
    assert report.rounds == 3 and first.step == second.step == 3
    assert report.evaluations[0].epoch == report.evaluations[1].epoch == 1
    assert first.history["loss"] != second.history["loss"]


def test_run_chunk_reports_divergence_and_keeps_the_last_good_weights(shapes):
    trainer = Trainer(replace(TINY, lr=3.0), dataset=shapes)  # Adam at η = 3: the loss explodes on step 2
    initial = trainer.model.state_dict()
    report = lessons.run_chunk([trainer], max_seconds=None, max_steps=10)
    event = report.diverged[0]
    assert isinstance(event, DivergedEvent) and event.reason == "exploded" and event.loss > 50
    assert trainer.finished and report.rounds == 2 and event.step == 1
    # the weights after step 1 are the ones that blew up; the last weights with a sane loss are kept
    kept = trainer.model.state_dict()
    assert all(np.array_equal(kept[name], initial[name]) for name in initial)


def test_run_chunk_rejects_bad_budgets(shapes):
    trainer = Trainer(TINY, dataset=shapes)
    with pytest.raises(ValueError, match="max_steps must be an integer ≥ 1"):
        lessons.run_chunk([trainer], max_seconds=1.0, max_steps=0)
    for bad in [-1.0, math.inf, math.nan, True]:
        with pytest.raises(ValueError, match="max_seconds must be a finite number ≥ 0 or None"):
            lessons.run_chunk([trainer], max_seconds=bad, max_steps=1)
    with pytest.raises(ValueError, match="trainers is empty"):
        lessons.run_chunk([], max_seconds=1.0, max_steps=1)


def test_eta_seconds():
    assert lessons.eta_seconds(0, 100, 0.0) is None
    assert lessons.eta_seconds(25, 100, 5.0) == pytest.approx(15.0)
    assert lessons.eta_seconds(100, 100, 20.0) == 0.0
    with pytest.raises(ValueError):
        lessons.eta_seconds(-1, 100, 1.0)


# ---------------------------------------------------------------------------------------------
# what the network looks like inside
# ---------------------------------------------------------------------------------------------

def test_layer_stats_before_and_after_a_step(shapes):
    trainer = Trainer(replace(TINY, conv_blocks=2), dataset=shapes)
    stats = lessons.layer_stats(trainer.model, bins=10)
    assert [item.name for item in stats] == ["conv1", "conv2", "fc1"]
    layers = [layer for layer in trainer.model if "weight" in layer.params]
    for item, layer in zip(stats, layers):
        weight = layer.params["weight"].astype(np.float64)
        assert item.weight_counts.sum() == weight.size and len(item.weight_edges) == 11
        assert item.weight_edges[0] == pytest.approx(-np.abs(weight).max())
        assert item.weight_rms == pytest.approx(np.sqrt(np.mean(weight ** 2)))
        assert item.grad_counts is None and math.isnan(item.grad_rms)
    lessons.run_chunk([trainer], max_seconds=10.0, max_steps=1)
    for item, layer in zip(lessons.layer_stats(trainer.model, bins=10), layers):
        grad = layer.grads["weight"].astype(np.float64)
        assert item.grad_counts.sum() == grad.size
        assert item.grad_rms == pytest.approx(np.sqrt(np.mean(grad ** 2)))
    with pytest.raises(ValueError, match="bins"):
        lessons.layer_stats(trainer.model, bins=1)


def test_probe_view_of_lenet5(mnist):
    model = build_model(TrainConfig(), (1, 28, 28), 10, np.random.default_rng(0))
    index = lessons.probe_index(mnist.y_test, 7)
    assert mnist.y_test[index] == 7 and np.all(mnist.y_test[:index] != 7)
    view = lessons.probe_view(model, mnist.x_test[index])
    assert [name for name, _ in view.stages] == ["conv1", "conv2"]
    assert [maps.shape for _, maps in view.stages] == [(6, 28, 28), (16, 10, 10)]
    assert all(np.all(maps >= 0) for _, maps in view.stages)  # after ReLU
    assert view.image.shape == (28, 28) and np.array_equal(view.image, mnist.x_test[index, 0])
    assert view.probabilities.sum() == pytest.approx(1.0)
    assert view.predicted == int(np.argmax(model.forward(mnist.x_test[index:index + 1])))
    with pytest.raises(ValueError, match="image must have shape"):
        lessons.probe_view(model, mnist.x_test[:2])
    with pytest.raises(ValueError, match="no sample has label"):
        lessons.probe_index(mnist.y_test, 11)


def test_class_names_translate_shapes_and_keep_digits(shapes):
    assert training_text.class_names(("0", "1"), "zh") == ["0", "1"]
    assert training_text.class_names(shapes.class_keys, "en")[-1] == "circle"
    assert training_text.class_names(shapes.class_keys, "zh")[-1] == "圆圈"
    assert lessons.class_symbols(shapes.class_keys) == ["—", "|", "\\", "/", "+", "×", "○"]
    assert lessons.class_symbols(("0", "9")) == ["0", "9"]


def test_divergence_text_names_the_learning_rate_in_both_languages():
    event = DivergedEvent(step=3, loss=812.5, reason="exploded", lr=0.3)
    text = training_text.divergence_text(event, "en")
    assert "step 3" in text and "η = 0.3" in text and "0.03" in text and "812" in text
    assert text == event.message  # the command line's English is the same text
    assert "学习率 η = 0.3" in training_text.divergence_text(event, "zh")
    nan = training_text.divergence_text(DivergedEvent(1, float("nan"), "nan", 1.0), "en")
    assert "NaN" in nan and "0.1" in nan
    with pytest.raises(ValueError):
        training_text.divergence_text(DivergedEvent(1, 1.0, "other", 0.3), "en")


# ---------------------------------------------------------------------------------------------
# model files
# ---------------------------------------------------------------------------------------------

def test_model_saver_and_read_model_file_round_trip(shapes):
    trainer = Trainer(TINY, dataset=shapes)
    lessons.run_chunk([trainer], max_seconds=10.0, max_steps=1)
    save = model_file.model_saver(trainer.model, trainer.config, (1, 28, 28), shapes.classes)
    weights_then = trainer.model.state_dict()
    lessons.run_chunk([trainer], max_seconds=10.0, max_steps=1)  # training goes on; the saver kept a copy
    model, config = model_file.read_model_file(save())
    assert config == trainer.config
    loaded = model.state_dict()
    assert all(np.array_equal(loaded[name], weights_then[name]) for name in weights_then)
    assert model[-1].params["weight"].shape[0] == len(datasets.SHAPE_CLASSES)
    assert model_file.model_file_name(config, 7) == "cnnviz_small_relu_shapes_step7.npz"


def _npz(**arrays) -> bytes:
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()


def test_read_model_file_explains_every_kind_of_bad_file(mnist):
    model = build_model(TrainConfig(), (1, 28, 28), 10, np.random.default_rng(0))
    good = save_model_bytes(model, TrainConfig())
    cases = {
        "training.load_err_empty": b"",
        "training.load_err_not_npz": b"this is not a zip file at all",
        "training.load_err_no_header": _npz(weights=np.zeros(3)),
        "training.load_err_version": _npz(format_version=np.asarray(99)),
    }
    npy = io.BytesIO()
    np.save(npy, np.zeros(3))
    cases["training.load_err_not_npz#npy"] = npy.getvalue()
    # a zip whose entry is damaged (bytes inside the compressed data flipped)
    damaged = bytearray(good)
    with zipfile.ZipFile(io.BytesIO(good)) as archive:
        info = archive.getinfo("0.weight.npy")
    start = info.header_offset + 30 + len(info.filename) + 10
    damaged[start:start + 20] = bytes(255 - b for b in damaged[start:start + 20])
    cases["training.load_err_corrupt"] = bytes(damaged)
    # weights of the wrong shape for the network the file describes
    with np.load(io.BytesIO(good)) as archive:
        arrays = {name: archive[name] for name in archive.files}
    arrays["0.weight"] = np.zeros((3, 1, 5, 5), np.float32)
    cases["training.load_err_mismatch"] = _npz(**arrays)
    for key, blob in cases.items():
        with pytest.raises(model_file.ModelFileError) as caught:
            model_file.read_model_file(blob)
        assert caught.value.key == key.split("#")[0], key
        assert message(caught.value, "en") and message(caught.value, "zh")
    with pytest.raises(model_file.ModelFileError) as caught:
        model_file.read_model_file(good, max_bytes=1000)
    assert caught.value.key == "training.load_err_too_big"
    assert "MB" in str(caught.value)
    model, config = model_file.read_model_file(good)
    assert config == normalize_config(TrainConfig())
    assert t("training.load_err_mismatch", "en", detail="x").startswith("its weights")
