"""Issue 12 at the library level: hostile typed numbers, datasets and files (corpus: tests/hostile.py)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hostile import hostile_numbers, npy_header_only, npz_bytes, npz_with_members, png_bytes, zip_bomb_npz

from cnnviz.lessons import convmath, kernels
from cnnviz.nn.validation import MAX_TYPED_MAGNITUDE
from cnnviz.train import TrainConfig, Trainer

# ---------------------------------------------------------------------------------------------
# T7 / T8: typed numbers are finite and bounded, so sums of products stay finite
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("token", hostile_numbers())
def test_typed_grids_and_lists_refuse_huge_or_non_finite_numbers(token):
    with pytest.raises(kernels.GridParseError) as caught:
        kernels.parse_kernel(f"1 {token}; 0 1")
    assert caught.value.key in ("grid.not_finite", "grid.too_large", "grid.not_number")
    with pytest.raises(ValueError):
        convmath.parse_numbers(f"1, {token}")


def test_the_largest_allowed_values_give_finite_results_everywhere():
    top = kernels.parse_kernel(" ".join([f"{MAX_TYPED_MAGNITUDE:g}"] * 7) + ";" +
                               " ".join([f"-{MAX_TYPED_MAGNITUDE:g}"] * 7))
    image = kernels.parse_grid("; ".join([" ".join([f"{MAX_TYPED_MAGNITUDE:g}"] * 16)] * 16))
    out = kernels.convolve(image[None], top[None], 0.0, (1, 1), (0, 0, 0, 0), 1, False)
    assert np.all(np.isfinite(out))
    signal = convmath.parse_numbers(" ".join(["1e6"] * 32), max_count=32)
    assert np.all(np.isfinite(convmath.conv1d(signal, signal[:8], "full")))


# ---------------------------------------------------------------------------------------------
# T6: the shapes dataset with the default LeNet-5
# ---------------------------------------------------------------------------------------------

def test_t6_lenet5_on_the_shapes_dataset_has_one_output_per_class():
    trainer = Trainer(TrainConfig(dataset="shapes", train_size=100, epochs=1, batch_size=50))
    assert trainer.dataset.classes == 7
    assert trainer.model.forward(trainer.dataset.x_test[:2]).shape == (2, 7)
    events = list(trainer.events())
    assert trainer.finished and trainer.diverged is None
    assert events[-2].confusion.shape == (7, 7)


# ---------------------------------------------------------------------------------------------
# model files: T3, T4, T5, the zip bomb and the heavy model
# ---------------------------------------------------------------------------------------------

def _good_arrays(**config) -> dict:
    from dataclasses import asdict

    from cnnviz.train import build_model

    cfg = TrainConfig(**config)
    model = build_model(cfg, (1, 28, 28), 10, np.random.default_rng(0))
    arrays = {f"config.{k}": np.asarray(v) for k, v in asdict(cfg).items()}
    return {"format_version": np.asarray(1), **arrays, **model.state_dict()}


def _refused(blob: bytes) -> str:
    from cnnviz.train import model_file

    with pytest.raises(model_file.ModelFileError) as caught:
        model_file.read_model_file(blob)
    return caught.value.key


def test_a_good_model_file_is_accepted():
    from cnnviz.train import model_file

    model, config = model_file.read_model_file(npz_bytes(_good_arrays()))
    assert config.model == "lenet5" and model.forward(np.zeros((1, 1, 28, 28), np.float32)).shape == (1, 10)


@pytest.mark.parametrize("change, key", [
    ({"format_version": np.asarray([1, 2])}, "training.load_err_version"),  # T3
    ({"format_version": np.asarray(7)}, "training.load_err_version"),
    ({"format_version": np.asarray("1")}, "training.load_err_version"),
    ({"config.dataset": np.asarray(["mnist", "x"])}, "training.load_err_setting"),  # T3
    ({"config.dataset": np.asarray("cifar")}, "training.load_err_setting"),
    ({"config.epochs": np.asarray(np.inf)}, "training.load_err_setting"),  # T4: was an OverflowError
    ({"config.epochs": np.asarray(1000)}, "training.load_err_out_of_range"),  # the heavy model
    ({"config.batch_size": np.asarray(4096)}, "training.load_err_out_of_range"),
    ({"config.lr": np.asarray(1e300)}, "training.load_err_out_of_range"),
    ({"config.lr": np.asarray(np.nan)}, "training.load_err_setting"),
    ({"config.filters": np.asarray(64)}, "training.load_err_out_of_range"),
    ({"config.model": np.asarray(3)}, "training.load_err_setting"),
    ({"config.residual": np.asarray("yes")}, "training.load_err_setting"),
    ({"0.weight": np.full((6, 1, 5, 5), 1e38, np.float32)}, "training.load_err_weights"),  # T5
    ({"0.weight": np.full((6, 1, 5, 5), np.nan, np.float32)}, "training.load_err_weights"),
    ({"0.weight": np.zeros((6, 1, 3, 3), np.float32)}, "training.load_err_mismatch"),
    ({"0.weight": np.full((6, 1, 5, 5), "a")}, "training.load_err_dtype"),
    ({"0.weight": np.zeros((6, 1, 5, 5), np.complex64)}, "training.load_err_dtype"),
])
def test_bad_model_files_are_refused_with_their_reason(change, key):
    arrays = _good_arrays()
    arrays.update(change)
    assert _refused(npz_bytes(arrays)) == key


def test_t5_finite_weights_that_overflow_on_a_probe_are_refused(monkeypatch):
    from cnnviz.train import model_file

    monkeypatch.setattr(model_file, "MAX_WEIGHT", 1e38)  # so that only the probe stands in the way
    arrays = _good_arrays()
    for name in [k for k in arrays if k.endswith("weight")]:
        arrays[name] = np.full(arrays[name].shape, 1e30, np.float32)  # finite, overflows on any input
    assert _refused(npz_bytes(arrays)) == "training.load_err_not_finite"


def test_archives_that_are_not_model_files():
    assert _refused(b"") == "training.load_err_empty"
    assert _refused(b"PK\x03\x04 not really") == "training.load_err_not_npz"
    assert _refused(png_bytes(4, 4)) == "training.load_err_not_npz"
    assert _refused(npz_with_members({"a.txt": b"hi"})) == "training.load_err_not_npz"
    assert _refused(npz_with_members({f"a{i}.npy": b"" for i in range(65)})) == "training.load_err_too_many_entries"
    assert _refused(npz_with_members({"a.npy": b"\x93NUMPY garbage"})) == "training.load_err_corrupt"
    pickled = {"format_version.npy": npy_header_only((), "|O")}
    assert _refused(npz_with_members(pickled)) == "training.load_err_dtype"
    lying = {"format_version.npy": npy_header_only((10 ** 12,), "<f8")}  # declares 8 TB, holds nothing
    assert _refused(npz_with_members(lying)) == "training.load_err_unpacks_too_big"
    truncated = {"format_version.npy": npy_header_only((100,), "<f8")}  # declares 800 bytes, holds none
    assert _refused(npz_with_members(truncated)) == "training.load_err_corrupt"


def test_zip_bomb_is_refused_without_unpacking(zip_bomb):
    import tracemalloc

    assert len(zip_bomb) < 2 * 2 ** 20  # about 1 MB on disk, 1 GiB unpacked
    tracemalloc.start()
    try:
        key = _refused(zip_bomb)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert key == "training.load_err_unpacks_too_big"
    assert peak < 8 * 2 ** 20, f"peak {peak / 2 ** 20:.1f} MB while refusing a zip bomb"


@pytest.fixture(scope="module")
def zip_bomb() -> bytes:
    return zip_bomb_npz(1 << 30)


def test_unexpected_failures_become_the_cannot_load_message(monkeypatch):
    from cnnviz.train import model_file

    def explode(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(model_file, "build_model", explode)
    assert _refused(npz_bytes(_good_arrays())) == "training.load_err_corrupt"


def test_every_refusal_has_text_in_both_languages():
    from cnnviz import i18n

    for key in ("too_many_entries", "unpacks_too_big", "dtype", "setting", "out_of_range", "weights", "not_finite"):
        for lang in ("en", "zh"):
            assert i18n.STRINGS[f"training.load_err_{key}"][lang]


def test_model_file_fuzz_never_raises_anything_else():
    """Thousands of random corruptions of a good file: each is accepted or refused with a ModelFileError."""
    from cnnviz.train import model_file

    good = npz_bytes(_good_arrays(model="small", conv_blocks=1, filters=1, kernel_size=1), compressed=False)
    rng = np.random.default_rng(12)
    outcomes = {"accepted": 0, "refused": 0}
    for _ in range(600):
        blob = bytearray(good)
        for position in rng.integers(0, len(blob), rng.integers(1, 6)):
            blob[position] = int(rng.integers(0, 256))
        if rng.random() < 0.2:
            blob = blob[: int(rng.integers(0, len(blob)))]
        try:
            model_file.read_model_file(bytes(blob))
            outcomes["accepted"] += 1
        except model_file.ModelFileError:
            outcomes["refused"] += 1
    assert outcomes["refused"] > 300, outcomes


# ---------------------------------------------------------------------------------------------
# T10 and divergence: numbers that stop being finite, a loss that stops being meaningful
# ---------------------------------------------------------------------------------------------

def test_t10_weights_that_overflow_in_an_update_stop_training_and_are_restored():
    from cnnviz.train import lessons

    trainer = Trainer(TrainConfig(model="small", conv_blocks=1, filters=2, train_size=64, batch_size=32, epochs=1))
    step = trainer.optimizer.step
    first = next(layer for _, layer, _ in trainer.model.named_parameters())

    def overflowing_step():
        step()
        first.params["weight"][...] = np.inf  # what lr = 1 did to a 32-filter network

    trainer.optimizer.step = overflowing_step
    events = list(trainer.events())
    assert trainer.diverged is not None and trainer.diverged.reason == "nan" and events[-1] is trainer.diverged
    assert all(np.all(np.isfinite(layer.params[key])) for _, layer, key in trainer.model.named_parameters())
    stats = lessons.layer_stats(trainer.model)  # the histograms read finite weights
    assert all(np.all(np.isfinite(s.weight_edges)) for s in stats)


def test_histograms_leave_out_non_finite_values():
    from cnnviz.train.lessons import _symmetric_histogram

    counts, edges = _symmetric_histogram(np.array([np.inf, -1.0, 0.5, np.nan]), 4)
    assert counts.sum() == 2 and np.all(np.isfinite(edges))


@pytest.mark.parametrize("config, cause", [
    (TrainConfig(activation="sigmoid", optimizer="sgd", lr=1.0), "sigmoid_sgd"),
    (TrainConfig(activation="tanh", optimizer="sgd", lr=0.3, batch_size=8), "batch"),
    (TrainConfig(optimizer="adam", lr=0.1), "lr_high"),
    (TrainConfig(optimizer="sgd", lr=0.0001), "lr_low"),
    (TrainConfig(), "other"),
])
def test_a_run_that_does_not_learn_is_named_with_its_likely_cause(config, cause):
    from cnnviz import i18n
    from cnnviz.figures.training import stall_text
    from cnnviz.train import stall_cause

    stuck = {"train_loss": [2.31, 2.30], "train_accuracy": [0.11, 0.10]}
    assert stall_cause(config, stuck, 10) == cause
    # in the first epoch of a longer run: a slow start is not yet a stall, a loss above guessing is
    assert stall_cause(config, {"train_loss": [2.2], "train_accuracy": [0.1]}, 10) is None
    assert stall_cause(config, {"train_loss": [9.7], "train_accuracy": [0.1]}, 10) == cause
    assert stall_cause(config, {"train_loss": [float("nan")], "train_accuracy": [0.1]}, 10) == cause
    # a run's last epoch is judged whatever its number, on the held-out accuracy too
    assert stall_cause(config, {"train_loss": [2.2], "train_accuracy": [0.1]}, 10, final=True) == cause
    assert stall_cause(config, {"train_loss": [1.9], "train_accuracy": [0.5], "test_accuracy": [0.1]}, 10,
                       final=True) == cause
    assert stall_cause(config, {"train_loss": [1.9], "train_accuracy": [0.5], "test_accuracy": [0.4]}, 10,
                       final=True) is None
    assert stall_cause(config, {"train_loss": [1.0, 0.4], "train_accuracy": [0.7, 0.9]}, 10) is None
    assert stall_cause(config, {"train_loss": [9.7, 9.7], "train_accuracy": [0.3, 0.3]}, 10) == cause
    for lang in i18n.LANGUAGES:
        text = stall_text(cause, config, 10, lang)
        assert "2.30" in text
    assert ("Sigmoid with plain SGD" in stall_text(cause, config, 10, "en")) == (cause == "sigmoid_sgd")
    if cause == "batch":
        assert "batch of 8" in stall_text(cause, config, 10, "en") and "0.3" in stall_text(cause, config, 10, "en")


def test_a_short_run_at_chance_is_blamed_on_its_few_steps():
    from cnnviz.figures.training import stall_text
    from cnnviz.train import stall_cause

    history = {"step": list(range(1, 9)), "train_loss": [2.30], "train_accuracy": [0.1], "test_accuracy": [0.1]}
    assert stall_cause(TrainConfig(optimizer="sgd", lr=0.01), history, 10, final=True) == "few_steps"
    assert "after only 8 steps" in stall_text("few_steps", TrainConfig(), 10, "en", 8)
    assert "只训练了 8 步" in stall_text("few_steps", TrainConfig(), 10, "zh", 8)


def _run(config: TrainConfig) -> Trainer:
    trainer = Trainer(config)
    for _ in trainer.events():
        pass
    return trainer


def test_one_epoch_of_sgd_with_sigmoid_at_lr_1_says_why_it_ends_at_chance():
    """Issue 12: "Finished: held-out accuracy 10.0 %" with no hint. LeNet-5, sigmoid, plain SGD, η = 1."""
    from cnnviz.figures.training import stall_text

    config = TrainConfig(activation="sigmoid", optimizer="sgd", lr=1.0, epochs=1, train_size=500)
    trainer = _run(config)
    assert trainer.finished and trainer.diverged is None
    assert trainer.history["test_accuracy"][-1] <= 0.15  # at chance: 1 in 10
    assert trainer.stalled == "sigmoid_sgd"
    assert "Sigmoid with plain SGD" in stall_text(trainer.stalled, config, 10, "en", trainer.step)
    assert "sigmoid 配合普通 SGD" in stall_text(trainer.stalled, config, 10, "zh", trainer.step)


def test_tanh_sgd_lr_0_3_batch_8_names_the_learning_rate_and_the_batch():
    """Issue 12: "loss 9.7" with no hint. The small CNN blows up in its first epoch; the 12-layer stack
    ends its one epoch at chance. Either way the message names η = 0.3 and the batch of 8."""
    from cnnviz.figures.training import divergence_text, stall_text

    base = TrainConfig(activation="tanh", optimizer="sgd", lr=0.3, batch_size=8, epochs=1, train_size=500)
    small = _run(replace(base, model="small"))
    assert small.diverged is not None and small.diverged.batch_size == 8
    text = divergence_text(small.diverged, "en")
    assert "η = 0.3" in text and "A batch of 8" in text
    assert "批大小 8" in divergence_text(small.diverged, "zh")

    deep = _run(replace(base, model="deep"))
    assert deep.finished and deep.diverged is None and deep.history["test_accuracy"][-1] <= 0.15
    assert deep.stalled == "batch"
    text = stall_text(deep.stalled, deep.config, 10, "en", deep.step)
    assert "A batch of 8" in text and "η = 0.3" in text


def test_a_healthy_one_epoch_run_is_not_called_stalled():
    trainer = _run(TrainConfig(epochs=1, train_size=500))
    assert trainer.stalled is None and trainer.history["test_accuracy"][-1] > 0.25
