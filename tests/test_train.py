"""The training loop: a tiny network learns, runs are deterministic, divergence is caught, models round-trip."""

import numpy as np
import pytest

from cnnviz import train as T
from cnnviz.train import model_file
from cnnviz.train.augment import augment_batch
from cnnviz.train.datasets import make_shapes_dataset


def tiny_dataset(n=96, seed=0):
    rng = np.random.default_rng(seed)
    train = make_shapes_dataset(n, size=12, rng=rng, classes=None)
    test = make_shapes_dataset(48, size=12, rng=rng)
    return T.Dataset(train.x, train.y.astype(np.int64), test.x, test.y.astype(np.int64), tuple(train.class_keys))


def small_config(**changes):
    base = T.TrainConfig(model="small", dataset="shapes", conv_blocks=1, filters=4, kernel_size=3, optimizer="adam",
                         lr=0.01, batch_size=16, epochs=6, seed=3)
    return T.TrainConfig(**{**base.__dict__, **changes})


def run(trainer, **kwargs):
    return list(trainer.events(**kwargs))


def test_tiny_network_loss_falls():
    trainer = T.Trainer(small_config(), dataset=tiny_dataset())
    events = run(trainer)
    epochs = [e for e in events if isinstance(e, T.EpochEvent)]
    assert len(epochs) == 6 and isinstance(events[-1], T.DoneEvent)
    assert epochs[-1].train_loss < 0.6 * epochs[0].train_loss
    assert epochs[-1].train_accuracy > epochs[0].train_accuracy
    assert epochs[-1].confusion.sum() == 48
    steps = [e for e in events if isinstance(e, T.StepEvent)]
    assert len(steps) == trainer.total_steps == 6 * 6
    assert steps[-1].step == 36 and steps[-1].batch == 6


def test_same_seed_same_run_and_chunks_resume_exactly():
    data = tiny_dataset()
    whole = T.Trainer(small_config(epochs=2), dataset=data)
    run(whole)
    chunked = T.Trainer(small_config(epochs=2), dataset=data)
    while not chunked.finished:
        run(chunked, max_steps=5)  # pause every 5 batches, resume
    assert whole.history["loss"] == chunked.history["loss"]
    for name, value in whole.model.state_dict().items():
        np.testing.assert_array_equal(value, chunked.model.state_dict()[name])
    other = T.Trainer(small_config(epochs=2, seed=4), dataset=data)
    run(other)
    assert other.history["loss"] != whole.history["loss"]


def test_divergence_stops_and_keeps_last_good_weights():
    trainer = T.Trainer(small_config(optimizer="sgd", lr=1e6, epochs=3), dataset=tiny_dataset())
    events = run(trainer)
    diverged = events[-1]
    assert isinstance(diverged, T.DivergedEvent)
    assert "learning rate" in diverged.message and "lower" in diverged.message
    assert trainer.finished and trainer.diverged is diverged
    for value in trainer.model.state_dict().values():
        assert np.all(np.isfinite(value))
    # the kept weights are those of the last step whose loss was fine
    assert trainer.model.state_dict().keys() == trainer._last_good.keys()


def test_snapshots_and_step_one_batch():
    trainer = T.Trainer(small_config(snapshot_every=2), dataset=tiny_dataset())
    events = run(trainer, max_steps=1)
    assert [type(e) for e in events] == [T.StepEvent]
    events = run(trainer, max_steps=1)
    snap = [e for e in events if isinstance(e, T.SnapshotEvent)][0]
    assert snap.filters.shape == (4, 1, 3, 3) and len(snap.feature_maps) == len(trainer.model)


def test_save_load_round_trip_and_bad_files():
    trainer = T.Trainer(small_config(epochs=1), dataset=tiny_dataset())
    run(trainer)
    blob = trainer.save_bytes()
    model, config = model_file.load_model_bytes(blob, classes=7, input_shape=(1, 12, 12))
    assert config == trainer.config
    x = trainer.dataset.x_test[:5]
    np.testing.assert_array_equal(model.forward(x), trainer.model.forward(x))
    for bad, key in ((b"definitely not a zip file", "training.load_err_not_npz"),
                     (blob[: len(blob) // 2], "training.load_err_not_npz"),
                     (blob, "training.load_err_mismatch")):  # 7 classes and 12x12 inputs read as 10 and 28x28
        with pytest.raises(model_file.ModelFileError) as caught:
            model_file.load_model_bytes(bad, classes=10, input_shape=(1, 12, 12) if bad is not blob else (1, 28, 28))
        assert caught.value.key == key
    assert "do not fit" in str(caught.value)  # the English text, from the message tables


@pytest.mark.parametrize("changes, message", [
    (dict(lr=0.0), "learning rate"), (dict(lr=float("inf")), "learning rate"), (dict(optimizer="lbfgs"), "optimizer"),
    (dict(batch_size=0), "batch_size"), (dict(kernel_size=4), "odd"), (dict(weight_decay=-0.1), "weight_decay"),
])
def test_invalid_configs_are_explained(changes, message):
    with pytest.raises(ValueError, match=message):
        small_config(**changes).validate()


@pytest.mark.parametrize(("call", "key", "en", "zh"), [
    (lambda: small_config(optimizer="lbfgs").validate(), "train.choice",
     "optimizer must be one of ('sgd', 'momentum', 'adam'), got 'lbfgs'",
     "`optimizer` 必须是 ('sgd', 'momentum', 'adam') 之一，实际是 'lbfgs'"),
    (lambda: small_config(kernel_size=4).validate(), "train.odd_kernel",
     "kernel_size must be odd (so 'same' padding keeps the size), got 4",
     "卷积核大小（`kernel_size`）必须是奇数（这样 `'same'` 填充才能保持尺寸），实际是 4"),
    (lambda: small_config(batch_size=0).validate(), "train.int_range",
     "batch_size must be an integer from 1 to 4096, got 0", "`batch_size` 必须是 1 到 4096 之间的整数，实际是 0"),
    (lambda: T.TrainConfig(model="deep", depth=5, residual=True).validate(), "train.residual_depth",
     "a residual stack pairs its layers into blocks: depth must be even, got 5",
     "残差网络把层两两组成残差块：层数（`depth`）必须是偶数，实际是 5"),
    (lambda: T.build_model(T.TrainConfig(), (1, 12, 12), 7, np.random.default_rng(0)), "train.lenet_input",
     "lenet5 expects 1×28×28 inputs, got 1×12×12: use the small CNN",
     "`lenet5` 需要 1×28×28 的输入，实际是 1×12×12：请改用小型 CNN"),
    (lambda: make_shapes_dataset(4, size=28, rng=np.random.default_rng(0), noise=0.9), "train.noise",
     "noise (standard deviation) must lie in [0, 0.5], got 0.9", "噪声标准差（`noise`）必须在 [0, 0.5] 之间，实际是 0.9"),
    (lambda: augment_batch(np.zeros((2, 1, 8, 8)), np.random.default_rng(0), max_degrees=200.0), "train.max_degrees",
     "max_degrees must lie in [0, 180], got 200.0", "最大旋转角（`max_degrees`）必须在 [0, 180] 之间，实际是 200.0"),
])
def test_training_errors_carry_a_key_and_read_in_both_languages(call, key, en, zh):
    from cnnviz.errors import CnnvizError
    from cnnviz.i18n import message

    with pytest.raises(CnnvizError) as caught:
        call()
    assert isinstance(caught.value, ValueError) and caught.value.key == key
    assert str(caught.value) == message(caught.value, "en") == en
    assert message(caught.value, "zh") == zh


def test_lenet5_builds_for_mnist_shapes_only():
    rng = np.random.default_rng(0)
    model = T.build_model(T.TrainConfig(), (1, 28, 28), 10, rng)
    assert model.parameter_count() == 61_706
    with pytest.raises(ValueError, match="28×28"):
        T.build_model(T.TrainConfig(), (1, 12, 12), 7, rng)


def test_balanced_subset_for_the_overfitting_lesson():
    x = np.arange(40, dtype=np.float32).reshape(40, 1, 1, 1)
    y = np.repeat(np.arange(4), 10)
    xs, ys = T._balanced_subset(x, y, 8)
    assert np.bincount(ys).tolist() == [2, 2, 2, 2]


def test_command_line_prints_final_line(capsys, monkeypatch):
    data = tiny_dataset()
    monkeypatch.setattr(T, "load_dataset", lambda config: data)
    code = T.main(["--model", "small", "--dataset", "shapes", "--epochs", "1", "--conv-blocks", "1", "--filters", "2"])
    out = capsys.readouterr().out.strip().splitlines()
    assert code == 0
    assert out[-1].startswith("held-out accuracy") and "images/s" in out[-1] and "wall time" in out[-1]
    assert T.main(["--lr", "-1"]) == 2


def test_abandoning_the_generator_after_an_epochs_last_batch_resumes_cleanly():
    trainer = T.Trainer(small_config(epochs=2), dataset=tiny_dataset())
    for event in trainer.events():
        if isinstance(event, T.StepEvent) and event.batch == event.batches_per_epoch:
            break  # stop right after the last batch, before the epoch's held-out evaluation
    events = run(trainer)
    assert isinstance(events[0], T.EpochEvent) and events[0].epoch == 1
    assert isinstance(events[-1], T.DoneEvent) and trainer.epoch == 2
    assert trainer.step == trainer.total_steps
