"""Deeper-network training: the deep stack (plain / residual, batch norm), dropout, augmentation,
the validation split, model files with batch norm buffers, and the four lessons' effects on seed 0
pinned on shortened runs (same seed, same numbers: no timing involved)."""

from dataclasses import replace

import numpy as np
import pytest

from cnnviz.nn import layers as L
from cnnviz.train import TrainConfig, Trainer, build_model, lessons, load_dataset
from cnnviz.train.augment import augment_batch, transform_images
from cnnviz.train.model_file import FORMAT_VERSION, load_model_bytes, read_model_file, save_model_bytes


def test_transform_images_shifts_and_rotates_exactly():
    x = np.zeros((2, 1, 5, 5))
    x[:, 0, 1, 3] = 1.0
    out = transform_images(x, np.array([0.0, 90.0]), np.array([[1, -1], [0, 0]]))
    expected_shift = np.zeros((5, 5))
    expected_shift[2, 2] = 1.0  # one row down, one column left
    np.testing.assert_allclose(out[0, 0], expected_shift, atol=1e-12)
    expected_turn = np.zeros((5, 5))
    expected_turn[3, 3] = 1.0  # a quarter turn about the centre (2, 2)
    np.testing.assert_allclose(out[1, 0], expected_turn, atol=1e-12)


def test_augment_batch_is_seeded_keeps_ink_and_does_not_touch_the_input():
    x, _ = load_dataset(TrainConfig(train_size=20)).x_train[:8], None
    before = x.copy()
    a = augment_batch(x, np.random.default_rng(0))
    b = augment_batch(x, np.random.default_rng(0))
    np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(x, before)
    assert a.shape == x.shape and a.dtype == x.dtype and not np.allclose(a, x)
    ink = x.sum(axis=(1, 2, 3))
    assert np.all(np.abs(a.sum(axis=(1, 2, 3)) - ink) < 0.2 * ink)  # digits are moved, not lost


def test_validation_split_is_disjoint_balanced_and_leaves_the_training_prefix():
    plain = load_dataset(TrainConfig(train_size=200))
    split = load_dataset(TrainConfig(train_size=200, val_size=500))
    assert len(split.y_val) == 500 and np.all(np.bincount(split.y_val) == 50)
    np.testing.assert_array_equal(split.x_train, plain.x_train)  # the same 200 training images
    train_rows = {row.tobytes() for row in split.x_train.reshape(200, -1)}
    assert not any(row.tobytes() in train_rows for row in split.x_val.reshape(500, -1))
    with pytest.raises(ValueError, match="val_size"):
        load_dataset(TrainConfig(val_size=4000))


def test_deep_stack_plain_and_residual_share_initial_weights():
    shape = (1, 28, 28)
    plain = build_model(TrainConfig(model="deep", depth=4), shape, 10, np.random.default_rng(0))
    resid = build_model(TrainConfig(model="deep", depth=4, residual=True), shape, 10, np.random.default_rng(0))
    assert sum(isinstance(m, L.Residual) for _, m in resid.named_modules()) == 2
    plain_w = [layer.params["weight"] for _, layer in plain.named_modules() if isinstance(layer, L.Conv2d)]
    resid_w = [layer.params["weight"] for _, layer in resid.named_modules() if isinstance(layer, L.Conv2d)]
    assert len(plain_w) == len(resid_w) == 5
    for a, b in zip(plain_w, resid_w):
        np.testing.assert_array_equal(a, b)
    assert [s.name for s in lessons.layer_stats(resid)] == ["conv1", "conv2", "conv3", "conv4", "conv5", "fc1"]
    x = np.zeros((2, 1, 28, 28), np.float32)
    assert resid.forward(x).shape == plain.forward(x).shape == (2, 10)
    with pytest.raises(ValueError, match="depth must be even"):
        TrainConfig(model="deep", depth=5, residual=True).validate()


def test_batchnorm_and_dropout_layers_are_placed_and_saved():
    config = TrainConfig(model="deep", depth=2, residual=True, batchnorm=True, dropout=0.25, epochs=1, train_size=64,
                         batch_size=32)
    trainer = Trainer(config)
    assert any(isinstance(layer, L.Dropout) for layer in trainer.model)
    assert sum(isinstance(m, L.BatchNorm2d) for _, m in trainer.model.named_modules()) == 3
    for _ in trainer.events():
        pass
    blob = save_model_bytes(trainer.model, config)
    model, loaded = load_model_bytes(blob)
    assert loaded == config
    for name, value in trainer.model.state_dict().items():
        np.testing.assert_array_equal(model.state_dict()[name], value)
    assert any(name.endswith("running_var") for name in model.state_dict())
    x = trainer.dataset.x_test[:5]
    np.testing.assert_array_equal(model.eval().forward(x), trainer.model.eval().forward(x))
    model2, _ = read_model_file(blob)
    assert int(next(m for _, m in model2.named_modules() if isinstance(m, L.BatchNorm2d))
               .buffers["num_batches_tracked"]) == 2
    assert FORMAT_VERSION == 2


def test_version_1_files_still_load():
    import io

    trainer = Trainer(TrainConfig(model="small", conv_blocks=1, filters=2, epochs=1, train_size=32))
    buffer = io.BytesIO()
    old_fields = ("model", "activation", "pooling", "conv_blocks", "filters", "kernel_size", "dataset", "train_size",
                  "optimizer", "lr", "weight_decay", "momentum", "batch_size", "epochs", "seed", "snapshot_every")
    meta = {f"config.{k}": np.asarray(getattr(trainer.config, k)) for k in old_fields}
    np.savez_compressed(buffer, format_version=np.asarray(1), **meta, **trainer.model.state_dict())
    model, config = read_model_file(buffer.getvalue())
    assert config.model == "small" and not config.batchnorm and config.dropout == 0.0
    np.testing.assert_array_equal(model[0].params["weight"], trainer.model[0].params["weight"])


def test_evaluation_runs_in_eval_mode_and_restores_training():
    trainer = Trainer(TrainConfig(model="small", conv_blocks=1, filters=2, dropout=0.5, batchnorm=True, epochs=1,
                                  train_size=64, batch_size=32, val_size=100))
    events = list(trainer.events())
    epoch = next(e for e in events if type(e).__name__ == "EpochEvent")
    assert 0 <= epoch.val_accuracy <= 1 and np.isfinite(epoch.val_loss)
    assert trainer.history["val_accuracy"] == [epoch.val_accuracy]
    assert all(layer.training for _, layer in trainer.model.named_modules())
    a = lessons.probe_view(trainer.model, trainer.dataset.x_test[0]).probabilities
    b = lessons.probe_view(trainer.model, trainer.dataset.x_test[0]).probabilities
    np.testing.assert_array_equal(a, b)  # dropout off while probing


# ---------------------------------------------------------------------------------------------
# the lessons' effects on seed 0, on shortened runs
# ---------------------------------------------------------------------------------------------

def _run(config, test_images=50):
    """Train ``config`` to the end on seed 0, with a smaller held-out set to keep the test fast."""
    data = load_dataset(config)
    data = replace(data, x_test=data.x_test[::5][:test_images], y_test=data.y_test[::5][:test_images])
    trainer = Trainer(config, dataset=data)
    for _ in trainer.events():
        pass
    return trainer


def _grads(trainer):
    return [s.grad_rms for s in lessons.layer_stats(trainer.model) if s.name.startswith("conv")]


def test_degradation_lesson_plain_stack_fails_on_training_data_residual_learns():
    lesson = lessons.get_lesson("degradation")
    assert lesson.config.model == "deep" and not lesson.config.residual and lesson.compare.residual
    plain, residual = (_run(replace(c, train_size=640, epochs=2)) for c in (lesson.config, lesson.compare))
    assert plain.history["train_accuracy"][-1] < 0.2  # chance, on its own training images
    assert residual.history["train_accuracy"][-1] > 0.5
    plain_grads, residual_grads = _grads(plain), _grads(residual)
    assert plain_grads[0] < 1e-4 * plain_grads[-1]  # the first layers hardly get any gradient
    assert residual_grads[0] > 0.1 * residual_grads[-1]


def test_batchnorm_lesson_trains_at_a_high_learning_rate_only_with_batch_norm():
    lesson = lessons.get_lesson("batchnorm")
    assert lesson.config.batchnorm and not lesson.compare.batchnorm and lesson.config.lr == lesson.compare.lr == 0.5
    with_bn, without = (_run(replace(c, train_size=640, epochs=2)) for c in (lesson.config, lesson.compare))
    assert with_bn.history["test_accuracy"][-1] > 0.7
    assert without.history["test_accuracy"][-1] < 0.25  # near chance (10 %)


@pytest.fixture(scope="module")
def overfit_run():
    lesson = lessons.get_lesson("dropout")
    return _run(replace(lesson.compare, val_size=100))


def test_dropout_lesson_keeps_the_validation_loss_lower(overfit_run):
    lesson = lessons.get_lesson("dropout")
    assert lesson.config.val_size == 500 and lesson.config.dropout == 0.25 and lesson.compare.dropout == 0
    dropout = _run(replace(lesson.config, val_size=100))
    none = overfit_run.history
    assert none["train_accuracy"][-1] == 1.0 and none["val_loss"][-1] > min(none["val_loss"]) + 0.2  # overfits
    assert dropout.history["val_loss"][-1] < none["val_loss"][-1] - 0.2


def test_augmentation_lesson_generalises_better(overfit_run):
    lesson = lessons.get_lesson("augmentation")
    assert lesson.config.augment and not lesson.compare.augment and lesson.compare == lessons.get_lesson("dropout").compare
    augmented = _run(replace(lesson.config, val_size=100))
    assert augmented.history["val_loss"][-1] < overfit_run.history["val_loss"][-1] - 0.1
    assert augmented.history["val_accuracy"][-1] > overfit_run.history["val_accuracy"][-1] + 0.02
