"""The training loop as a generator of progress events, and its command line.

A :class:`Trainer` owns a model, an optimizer, the data and a seeded ``rng``; ``trainer.events()``
yields :class:`StepEvent` after every batch, :class:`EpochEvent` with held-out metrics at the end
of each epoch, optional :class:`SnapshotEvent` with first-layer filters and feature maps, and
finally :class:`DoneEvent` or :class:`DivergedEvent`. The generator can be abandoned at any event
and a new ``events()`` call resumes exactly where it stopped, so a page can run training in chunks
(pause, resume, step one batch) and a command line can run it to the end. The same seed gives the
same weights, losses and metrics.

Divergence (a loss or gradient that is NaN or infinite, or a loss above ``DIVERGED_LOSS``) stops
training, restores the weights of the last good step and names the likely cause.

Command line::

    python -m cnnviz.train --epochs 8 --optimizer adam --lr 0.002

prints progress and, last, one line with the held-out accuracy, the images/s and the wall time.
"""

from __future__ import annotations

import argparse
import math
import time
from dataclasses import dataclass, replace

import numpy as np

from cnnviz.errors import CnnvizError, english
from cnnviz.nn import functional as F
from cnnviz.nn import layers as L
from cnnviz.nn.optim import OPTIMIZERS, make_optimizer
from cnnviz.train import datasets as cdata
from cnnviz.train.augment import augment_batch

MODELS = ("lenet5", "small", "deep")
ACTIVATIONS = ("relu", "sigmoid", "tanh")
POOLINGS = ("max", "avg")
DATASETS = ("mnist", "shapes")
DIVERGED_LOSS = 50.0
"""A mean cross-entropy above this (chance is ln 10 ≈ 2.3) means training has blown up."""


@dataclass(frozen=True)
class TrainConfig:
    """Everything that defines a training run (plain values: hashable, URL- and cache-friendly)."""

    model: str = "lenet5"
    activation: str = "relu"
    pooling: str = "max"
    conv_blocks: int = 2
    filters: int = 8
    kernel_size: int = 3
    dataset: str = "mnist"
    train_size: int = 0  # 0: the whole training split
    optimizer: str = "adam"
    lr: float = 0.002
    weight_decay: float = 0.0
    momentum: float = 0.9
    batch_size: int = 64
    epochs: int = 8
    seed: int = 0
    snapshot_every: int = 0  # steps between SnapshotEvents; 0: none
    depth: int = 12  # deep model: 3×3 conv layers between the stem and the classifier
    residual: bool = False  # deep model: pair the layers into residual blocks with identity skips
    batchnorm: bool = False  # small and deep models: batch norm after every convolution
    dropout: float = 0.0  # dropout probability before every fully connected layer
    augment: bool = False  # random shifts (±2 px) and rotations (±12°) of every training batch
    val_size: int = 0  # validation images carved from the training pool (never trained on)

    def validate(self) -> TrainConfig:
        """Raise ValueError naming the bad field and the allowed values."""
        choices = {"model": MODELS, "activation": ACTIVATIONS, "pooling": POOLINGS, "dataset": DATASETS,
                   "optimizer": OPTIMIZERS}
        for name, allowed in choices.items():
            if getattr(self, name) not in allowed:
                raise CnnvizError("train.choice", name=name, allowed=str(allowed), value=repr(getattr(self, name)))
        for name, low, high in [("conv_blocks", 1, 3), ("filters", 1, 64), ("kernel_size", 1, 7),
                                ("batch_size", 1, 4096), ("epochs", 1, 1000), ("train_size", 0, 1_000_000),
                                ("depth", 2, 40), ("val_size", 0, 100_000)]:
            value = getattr(self, name)
            if not isinstance(value, (int, np.integer)) or not low <= value <= high:
                raise CnnvizError("train.int_range", name=name, low=low, high=high, value=repr(value))
        if self.kernel_size % 2 == 0:
            raise CnnvizError("train.odd_kernel", value=self.kernel_size)
        if not (math.isfinite(self.lr) and self.lr > 0):
            raise CnnvizError("train.lr", value=repr(self.lr))
        if not (math.isfinite(self.weight_decay) and self.weight_decay >= 0):
            raise CnnvizError("train.weight_decay", value=repr(self.weight_decay))
        if not (isinstance(self.dropout, (int, float)) and 0 <= self.dropout < 1):
            raise CnnvizError("train.dropout", value=repr(self.dropout))
        for name in ("residual", "batchnorm", "augment"):
            if not isinstance(getattr(self, name), (bool, np.bool_)):
                raise CnnvizError("train.flag", name=name, value=repr(getattr(self, name)))
        if self.residual and self.depth % 2:
            raise CnnvizError("train.residual_depth", depth=self.depth)
        return self


CLASSROOM_LIMITS = {
    "conv_blocks": (1, 3), "filters": (1, 32), "kernel_size": (1, 7), "depth": (2, 20), "batch_size": (1, 256),
    "epochs": (1, 50), "train_size": (0, 100_000), "val_size": (0, 1000), "seed": (0, 9999),
    "lr": (1e-5, 1.0), "weight_decay": (0.0, 0.1), "momentum": (0.0, 0.999), "dropout": (0.0, 0.5),
}
"""The ranges the Training Lab offers, field by field (its choices lie within them). A model file
uploaded by a visitor must stay within them too: beyond them a run costs the shared server more
(more filters, bigger batches, more epochs) or cannot train (a huge learning rate)."""


def classroom_problem(config: TrainConfig) -> tuple[str, object, float, float] | None:
    """The first field of ``config`` outside :data:`CLASSROOM_LIMITS` as ``(name, value, low, high)``,
    or None when every field is within them."""
    for name, (low, high) in CLASSROOM_LIMITS.items():
        value = getattr(config, name)
        if not low <= value <= high:
            return name, value, low, high
    return None


DEEP_ONLY_FIELDS = ("depth", "residual")
"""Config fields that only the deep stack uses."""
SMALL_ONLY_FIELDS = ("conv_blocks", "filters", "kernel_size")
"""Config fields that only the small CNN uses (LeNet-5 ignores them)."""


def normalize_config(config: TrainConfig) -> TrainConfig:
    """``config`` with the fields that do not matter for it reset to their defaults.

    LeNet-5 ignores ``conv_blocks``, ``filters``, ``kernel_size`` and ``batchnorm``; the deep stack
    ignores ``conv_blocks`` and ``kernel_size``, the other models ``depth`` and ``residual``; only
    the momentum optimizer uses ``momentum``; ``snapshot_every`` is not used by the page. Two
    configs that train the same network the same way are equal after normalisation.
    """
    defaults = TrainConfig()
    changes: dict[str, object] = {"snapshot_every": 0}
    if config.model == "lenet5":
        changes.update({name: getattr(defaults, name) for name in SMALL_ONLY_FIELDS + ("batchnorm",)})
    if config.model == "deep":
        changes.update({name: getattr(defaults, name) for name in ("conv_blocks", "kernel_size")})
    else:
        changes.update({name: getattr(defaults, name) for name in DEEP_ONLY_FIELDS})
    if config.optimizer != "momentum":
        changes["momentum"] = defaults.momentum
    return replace(config, **changes)


# ---------------------------------------------------------------------------------------------
# events
# ---------------------------------------------------------------------------------------------

@dataclass
class StepEvent:
    step: int  # 1-based count of optimizer steps so far
    epoch: int  # 0-based epoch this step belongs to
    batch: int  # 1-based batch index within the epoch
    batches_per_epoch: int
    loss: float
    accuracy: float  # on this batch
    images_per_s: float  # over the run so far
    elapsed: float  # training seconds so far (pauses excluded)
    total_steps: int


@dataclass
class EpochEvent:
    epoch: int  # 1-based number of finished epochs
    train_loss: float  # on a fixed class-balanced sample of the training set, after the epoch, as
    train_accuracy: float  # large as the held-out set: measured like the held-out numbers (the gap compares like with like)
    test_loss: float
    test_accuracy: float
    confusion: np.ndarray  # (classes, classes): rows true, columns predicted
    misclassified: np.ndarray  # held-out indices, up to 40
    val_loss: float = math.nan  # on the validation split (NaN without one)
    val_accuracy: float = math.nan


@dataclass
class SnapshotEvent:
    step: int
    filters: np.ndarray  # first conv layer's weight (C_out, C_in, KH, KW)
    feature_maps: list  # every layer's output for the probe image


@dataclass
class DivergedEvent:
    """Training stopped: the loss or a gradient became NaN/inf ("nan") or the loss exploded.

    Carries its message as a key and fields, like :class:`cnnviz.errors.CnnvizError`: the edge shows
    it with :func:`cnnviz.i18n.message`; :attr:`message` is the English text (for the command line).
    """

    step: int
    loss: float
    reason: str  # "nan" or "exploded"
    lr: float  # the learning rate that diverged
    batch_size: int = 0  # its batch size (0: unknown): a small batch makes the steps noisy too

    @property
    def lower_lr(self) -> float:
        """The learning rate to try instead: a tenth."""
        return self.lr / 10

    @property
    def key(self) -> str:
        return f"training.diverged_{self.reason}"

    @property
    def fields(self) -> dict:
        return {"step": self.step, "lr": f"{self.lr:g}", "lower": f"{self.lower_lr:g}", "loss": f"{self.loss:.3g}"}

    @property
    def message(self) -> str:
        return english(self.key, self.fields)


@dataclass
class DoneEvent:
    step: int
    test_accuracy: float
    images_per_s: float
    elapsed: float


# ---------------------------------------------------------------------------------------------
# models and data
# ---------------------------------------------------------------------------------------------

_ACTIVATION_LAYERS = {"relu": L.ReLU, "sigmoid": L.Sigmoid, "tanh": L.Tanh}
_POOL_LAYERS = {"max": L.MaxPool2d, "avg": L.AvgPool2d}


def build_model(config: TrainConfig, input_shape, classes: int, rng) -> L.Sequential:
    """The network a config describes, initialised from ``rng``.

    ``lenet5``: the modern LeNet-5 from :mod:`cnnviz.architectures` (28×28 input) with the chosen
    activation and pooling. ``small``: ``conv_blocks`` × [conv k×k 'same' → activation → pool 2],
    doubling the filters each block, then a linear classifier.
    """
    init = "torch"  # PyTorch's default: a fresh network starts near uniform (loss ≈ ln classes)
    # dropout masks come from their own stream, so switching dropout on changes neither the
    # initial weights nor the order of the batches
    dropout_rng = np.random.default_rng([config.seed, 2])
    if config.model == "lenet5":
        from cnnviz import architectures

        if tuple(input_shape) != (1, 28, 28):
            raise CnnvizError("train.lenet_input", shape="×".join(map(str, input_shape)))
        model = architectures.build_model("lenet5", rng=rng, activation=config.activation, pooling=config.pooling,
                                          classes=int(classes), init=init)
        return _with_dropout(model.layers, config.dropout, dropout_rng)
    if config.model == "deep":
        return _with_dropout(_deep_layers(config, input_shape, classes, rng, "torch"), config.dropout, dropout_rng)
    channels, height, width = input_shape
    layers = []
    for block in range(config.conv_blocks):
        out_channels = config.filters * 2 ** block
        layers += [L.Conv2d(channels, out_channels, config.kernel_size, padding=config.kernel_size // 2, rng=rng,
                            init=init, bias=not config.batchnorm)]
        if config.batchnorm:
            layers.append(L.BatchNorm2d(out_channels))
        layers.append(_ACTIVATION_LAYERS[config.activation]())
        if height >= 2 and width >= 2:
            layers.append(_POOL_LAYERS[config.pooling](2))
            height, width = height // 2, width // 2
        channels = out_channels
    layers += [L.Flatten(), L.Linear(channels * height * width, classes, rng=rng, init=init)]
    return _with_dropout(layers, config.dropout, dropout_rng)


def _with_dropout(layers, p: float, rng) -> L.Sequential:
    """``layers`` with ``Dropout(p)`` in front of every fully connected layer (none for p = 0)."""
    if not p:
        return L.Sequential(*layers)
    out = []
    for layer in layers:
        if isinstance(layer, L.Linear):
            out.append(L.Dropout(p, rng=rng))
        out.append(layer)
    return L.Sequential(*out)


def _deep_layers(config: TrainConfig, input_shape, classes: int, rng, init) -> list:
    """The ``deep`` model: a stem (conv 3×3 stride 2, activation, max pool 2: 28×28 → 7×7), then
    ``depth`` convolutions 3×3 'same' with ``filters`` channels, each followed by the activation
    (plain), or paired into residual blocks ``activation(x + conv(activation(conv(x))))`` with
    identity skips; batch norm after every convolution if asked; then a linear classifier.
    Weights start from PyTorch's default initialisation (uniform ±1/sqrt(fan_in)), the same
    draws in the same order for the plain and the residual stack."""
    channels, height, width = input_shape
    f = config.filters
    act = _ACTIVATION_LAYERS[config.activation]

    def conv(c_in):
        return L.Conv2d(c_in, f, 3, padding=1, rng=rng, init=init, bias=not config.batchnorm)

    def normed(c_in):
        return [conv(c_in), L.BatchNorm2d(f)] if config.batchnorm else [conv(c_in)]

    stem = [L.Conv2d(channels, f, 3, stride=2, padding=1, rng=rng, init=init, bias=not config.batchnorm)]
    if config.batchnorm:
        stem.append(L.BatchNorm2d(f))
    layers = stem + [act(), L.MaxPool2d(2)]
    height, width = (height + 1) // 2 // 2, (width + 1) // 2 // 2
    if config.residual:
        for _ in range(config.depth // 2):
            layers.append(L.Residual(L.Sequential(*normed(f), act(), *normed(f)), None, act()))
    else:
        for _ in range(config.depth):
            layers += normed(f) + [act()]
    layers += [L.Flatten(), L.Linear(f * height * width, classes, rng=rng, init=init)]
    return layers


@dataclass(frozen=True)
class Dataset:
    """Train and held-out arrays (NCHW float32, int64 labels) and class label keys."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    class_keys: tuple
    x_val: np.ndarray | None = None  # validation split: from the training pool, never trained on
    y_val: np.ndarray | None = None

    @property
    def classes(self) -> int:
        return len(self.class_keys)


def load_dataset(config: TrainConfig) -> Dataset:
    """The data a config trains on.

    ``val_size`` first carves a class-balanced validation split off the *end* of the training pool
    (so it never overlaps the training images and stays the same whatever ``train_size`` is);
    ``train_size`` then takes a class-balanced prefix of the rest. The held-out test split is
    separate from both.
    """
    if config.dataset == "mnist":
        x_train, y_train = cdata.load_mnist("train")
        x_test, y_test = cdata.load_mnist("test")
        keys = tuple(str(d) for d in range(10))
    else:
        shapes_rng = np.random.default_rng(12345)  # a fixed dataset, independent of the training seed
        train = cdata.make_shapes_dataset(2100, size=28, rng=shapes_rng)
        test = cdata.make_shapes_dataset(700, size=28, rng=shapes_rng)
        x_train, y_train, x_test, y_test = train.x, train.y, test.x, test.y
        keys = tuple(train.class_keys)
    x_val = y_val = None
    if config.val_size:
        if config.val_size >= len(y_train):
            raise CnnvizError("train.val_size", val_size=config.val_size, train=len(y_train))
        reverse = np.arange(len(y_train))[::-1]
        chosen = reverse[_balanced_indices(np.asarray(y_train)[reverse], config.val_size)]
        chosen.sort()
        rest = np.setdiff1d(np.arange(len(y_train)), chosen)
        x_val, y_val = x_train[chosen], np.asarray(y_train[chosen], np.int64)
        x_train, y_train = x_train[rest], y_train[rest]
    if config.train_size:
        x_train, y_train = _balanced_subset(x_train, y_train, config.train_size)
    return Dataset(x_train, np.asarray(y_train, np.int64), x_test, np.asarray(y_test, np.int64), keys, x_val, y_val)


def _balanced_indices(y, size):
    """Indices of the first ``size`` samples taken round-robin over the classes (deterministic)."""
    per_class_rank = np.empty(len(y), np.int64)
    for label in np.unique(y):
        members = np.flatnonzero(y == label)
        per_class_rank[members] = np.arange(len(members))
    order = np.lexsort((y, per_class_rank))[:size]
    order.sort()
    return order


def _balanced_subset(x, y, size):
    """The first ``size`` samples taken round-robin over the classes (deterministic)."""
    order = _balanced_indices(y, size)
    return x[order], y[order]


# ---------------------------------------------------------------------------------------------
# the trainer
# ---------------------------------------------------------------------------------------------

class Trainer:
    """Resumable training: state lives in the object, ``events()`` continues from it."""

    def __init__(self, config: TrainConfig, dataset: Dataset | None = None, probe: np.ndarray | None = None):
        self.config = config.validate()
        self.dataset = dataset if dataset is not None else load_dataset(config)
        self.rng = np.random.default_rng(config.seed)
        self.augment_rng = np.random.default_rng([config.seed, 1])  # its own stream: see build_model
        self.model = build_model(config, self.dataset.x_train.shape[1:], self.dataset.classes, self.rng)
        self.optimizer = make_optimizer(config.optimizer, self.model, config.lr, config.weight_decay, config.momentum)
        self.probe = self.dataset.x_test[:1] if probe is None else probe
        n = len(self.dataset.x_train)
        # training images measured after each epoch with the same weights as the held-out ones and as many
        # (a running mean over the epoch's batches would mix in the weights of the epoch's start)
        self._train_check = _balanced_subset(self.dataset.x_train, self.dataset.y_train,
                                             min(n, len(self.dataset.x_test)))
        self.batches_per_epoch = max(1, math.ceil(n / config.batch_size))
        self.total_steps = self.batches_per_epoch * config.epochs
        self.step = 0
        self.epoch = 0
        self.elapsed = 0.0
        self.finished = False
        self.diverged: DivergedEvent | None = None
        self.stalled: str | None = None  # set at an epoch's end while the loss is not meaningful (stall_cause)
        self.history: dict[str, list] = {"step": [], "loss": [], "accuracy": [], "epoch": [], "train_loss": [],
                                         "train_accuracy": [], "test_loss": [], "test_accuracy": [], "val_loss": [],
                                         "val_accuracy": []}
        self._order = None
        self._last_good = self.model.state_dict()

    # -- the loop --------------------------------------------------------------------------------

    def events(self, max_steps: int | None = None):
        """Yield events until training ends, or after ``max_steps`` more optimizer steps."""
        cfg = self.config
        x, y = self.dataset.x_train, self.dataset.y_train
        done_here = 0
        while not self.finished:
            if self.step == (self.epoch + 1) * self.batches_per_epoch:  # the epoch's last batch is done
                yield self._end_epoch()
                if self.epoch == cfg.epochs:
                    self.finished = True
                    yield DoneEvent(self.step, self.history["test_accuracy"][-1], self.images_per_s, self.elapsed)
                continue
            if max_steps is not None and done_here >= max_steps:
                return
            if self._order is None:
                self._order = self.rng.permutation(len(x))
            batch = self.step - self.epoch * self.batches_per_epoch  # 0-based within the epoch
            index = self._order[batch * cfg.batch_size:(batch + 1) * cfg.batch_size]
            start = time.perf_counter()
            batch_x = augment_batch(x[index], self.augment_rng) if cfg.augment else x[index]
            logits = self.model.forward(batch_x)
            loss, dlogits = F.cross_entropy(logits, y[index])
            problem = self._divergence(loss)
            if problem is None:
                self.model.backward(dlogits.astype(logits.dtype, copy=False), input_grad=False)
                if not all(np.all(np.isfinite(layer.grads[key])) for _, layer, key in self.model.named_parameters()):
                    problem = "nan"
            if problem is not None:
                self.model.load_state_dict(self._last_good)
                self.finished = True
                self.diverged = DivergedEvent(self.step, float(loss), problem, cfg.lr, cfg.batch_size)
                yield self.diverged
                return
            self._last_good = self.model.state_dict()
            self.optimizer.step()
            if not all(np.all(np.isfinite(layer.params[key])) for _, layer, key in self.model.named_parameters()):
                self.model.load_state_dict(self._last_good)  # the update overflowed the weights (T10)
                self.finished = True
                self.diverged = DivergedEvent(self.step, float(loss), "nan", cfg.lr, cfg.batch_size)
                yield self.diverged
                return
            self.elapsed += time.perf_counter() - start
            self.step += 1
            done_here += 1
            correct = int((logits.argmax(axis=1) == y[index]).sum())
            self.history["step"].append(self.step)
            self.history["loss"].append(float(loss))
            self.history["accuracy"].append(correct / len(index))
            yield StepEvent(self.step, self.epoch, batch + 1, self.batches_per_epoch, float(loss), correct / len(index),
                            self.images_per_s, self.elapsed, self.total_steps)
            if cfg.snapshot_every and self.step % cfg.snapshot_every == 0:
                yield self.snapshot()

    def _divergence(self, loss: float) -> str | None:
        if not math.isfinite(loss):
            return "nan"
        if loss > DIVERGED_LOSS:
            return "exploded"
        return None

    def _end_epoch(self) -> EpochEvent:
        metrics = evaluate(self.model, self.dataset.x_test, self.dataset.y_test, self.dataset.classes)
        on_train = evaluate(self.model, *self._train_check, self.dataset.classes)
        val = {"loss": math.nan, "accuracy": math.nan}
        if self.dataset.x_val is not None:
            val = evaluate(self.model, self.dataset.x_val, self.dataset.y_val, self.dataset.classes)
        self.epoch += 1
        self._order = None
        event = EpochEvent(self.epoch, on_train["loss"], on_train["accuracy"],
                           metrics["loss"], metrics["accuracy"], metrics["confusion"], metrics["misclassified"][:40],
                           val["loss"], val["accuracy"])
        for key in ("epoch", "train_loss", "train_accuracy", "test_loss", "test_accuracy", "val_loss",
                    "val_accuracy"):
            self.history[key].append(getattr(event, key))
        self.stalled = stall_cause(self.config, self.history, self.dataset.classes,
                                   final=self.epoch == self.config.epochs)
        return event

    @property
    def images_per_s(self) -> float:
        return self.step * self.config.batch_size / self.elapsed if self.elapsed else 0.0

    def snapshot(self) -> SnapshotEvent:
        """First-layer filters and every layer's output for the probe image."""
        first_conv = next(layer for layer in self.model if isinstance(layer, L.Conv2d))
        with L.eval_mode(self.model):
            _, maps = self.model.forward(self.probe, record=True)
        return SnapshotEvent(self.step, first_conv.params["weight"].copy(), [m[0].copy() for m in maps])

    # -- saving ----------------------------------------------------------------------------------

    def save_bytes(self) -> bytes:
        """The model as ``.npz`` bytes: weights under PyTorch names plus the config that built it."""
        from cnnviz.train.model_file import save_model_bytes  # model_file imports this module

        return save_model_bytes(self.model, self.config)


STALL_EPOCHS = 2
"""After this many epochs, a training loss still at or above chance means the run is not learning."""
FEW_STEPS = 30
"""A run of fewer optimizer steps than this may simply not have had time to learn."""
SMALL_BATCH = 16
"""Batches of at most this many images give noisy gradients: with a high learning rate, steps overshoot."""


def stall_cause(config: TrainConfig, history: dict, classes: int, *, final: bool = False) -> str | None:
    """Why a run whose loss stopped being meaningful is not learning, from its config, or None.

    Not learning, judged on the last epoch of ``history``:

    - from :data:`STALL_EPOCHS` epochs on, or at the run's last epoch (``final``, so a one-epoch run
      is judged too): the training loss is at or above chance (ln ``classes``, the loss of guessing),
      or the training or (``final``) the held-out accuracy is at chance (at most 1.5 / ``classes``);
    - at an earlier epoch of a longer run, only a loss that is already no better than guessing (at or
      above chance, or not a number): a slow start is not yet a stall.

    The likely cause, in this order: ``"sigmoid_sgd"`` (sigmoid with plain SGD: tiny gradients),
    ``"batch"`` (a batch of :data:`SMALL_BATCH` or fewer with η ≥ 0.1: noisy steps that overshoot),
    ``"lr_high"`` (η ≥ 0.1, or ≥ 0.01 with Adam), ``"lr_low"`` (η ≤ 1e-4), ``"few_steps"`` (fewer than
    :data:`FEW_STEPS` steps so far, counted in ``history["step"]``), else ``"other"``.
    """
    losses, accuracies = history.get("train_loss", []), history.get("train_accuracy", [])
    if not losses:
        return None
    chance = math.log(classes)
    at_chance = 1.5 / classes
    loss, accuracy = losses[-1], accuracies[-1]
    held_out = history.get("test_accuracy", [])
    if len(losses) >= STALL_EPOCHS or final:
        stuck = (not loss < 0.97 * chance or accuracy <= at_chance
                 or (final and bool(held_out) and held_out[-1] <= at_chance))
    else:
        stuck = not loss < chance
    if not stuck:
        return None
    high = 0.01 if config.optimizer == "adam" else 0.1
    if config.activation == "sigmoid" and config.optimizer == "sgd":
        return "sigmoid_sgd"
    if config.batch_size <= SMALL_BATCH and config.lr >= high:
        return "batch"
    if config.lr >= high:
        return "lr_high"
    if config.lr <= 1e-4:
        return "lr_low"
    if 0 < len(history.get("step", [])) < FEW_STEPS:
        return "few_steps"
    return "other"


def evaluate(model, x, y, classes: int, batch_size: int = 500) -> dict:
    """Held-out loss, accuracy, confusion matrix and misclassified indices."""
    losses, predictions = [], []
    with L.eval_mode(model):  # running statistics, no dropout
        for start in range(0, len(x), batch_size):
            logits = model.forward(x[start:start + batch_size])
            losses.append(F.cross_entropy(logits, y[start:start + batch_size], reduction="sum")[0])
            predictions.append(logits.argmax(axis=1))
    predicted = np.concatenate(predictions) if predictions else np.zeros(0, np.int64)
    confusion = np.zeros((classes, classes), np.int64)
    np.add.at(confusion, (y, predicted), 1)
    return {"loss": float(sum(losses) / max(len(x), 1)), "accuracy": float((predicted == y).mean()) if len(y) else 0.0,
            "confusion": confusion, "predicted": predicted, "misclassified": np.flatnonzero(predicted != y)}


# ---------------------------------------------------------------------------------------------
# command line
# ---------------------------------------------------------------------------------------------

def _parser() -> argparse.ArgumentParser:
    defaults = TrainConfig()
    parser = argparse.ArgumentParser(prog="python -m cnnviz.train", description="Train a CNN in NumPy.")
    parser.add_argument("--model", choices=MODELS, default=defaults.model)
    parser.add_argument("--activation", choices=ACTIVATIONS, default=defaults.activation)
    parser.add_argument("--pooling", choices=POOLINGS, default=defaults.pooling)
    parser.add_argument("--conv-blocks", type=int, default=defaults.conv_blocks)
    parser.add_argument("--filters", type=int, default=defaults.filters)
    parser.add_argument("--kernel-size", type=int, default=defaults.kernel_size)
    parser.add_argument("--dataset", choices=DATASETS, default=defaults.dataset)
    parser.add_argument("--train-size", type=int, default=defaults.train_size, help="0 = all 4,000")
    parser.add_argument("--optimizer", choices=OPTIMIZERS, default=defaults.optimizer)
    parser.add_argument("--lr", type=float, default=defaults.lr)
    parser.add_argument("--weight-decay", type=float, default=defaults.weight_decay)
    parser.add_argument("--momentum", type=float, default=defaults.momentum)
    parser.add_argument("--batch-size", type=int, default=defaults.batch_size)
    parser.add_argument("--epochs", type=int, default=defaults.epochs)
    parser.add_argument("--seed", type=int, default=defaults.seed)
    parser.add_argument("--depth", type=int, default=defaults.depth, help="deep model: conv layers in the stack")
    parser.add_argument("--residual", action="store_true", help="deep model: residual blocks with identity skips")
    parser.add_argument("--batchnorm", action="store_true", help="small/deep model: batch norm after every conv")
    parser.add_argument("--dropout", type=float, default=defaults.dropout, help="dropout before every linear layer")
    parser.add_argument("--augment", action="store_true", help="random shifts and rotations of every batch")
    parser.add_argument("--val-size", type=int, default=defaults.val_size, help="validation images from the pool")
    parser.add_argument("--save", metavar="PATH", help="write the trained model as .npz")
    parser.add_argument("--quiet", action="store_true", help="print only the final line")
    return parser


def main(argv=None) -> int:
    args = _parser().parse_args(argv)
    values = {k: v for k, v in vars(args).items() if k not in ("save", "quiet")}
    try:
        config = TrainConfig(**values).validate()
    except ValueError as error:
        print(f"error: {error}")
        return 2
    wall = time.perf_counter()
    trainer = Trainer(config)
    for event in trainer.events():
        if isinstance(event, EpochEvent) and not args.quiet:
            print(f"epoch {event.epoch:2d}/{config.epochs}  train loss {event.train_loss:.4f}  "
                  f"train acc {event.train_accuracy:.2%}  held-out loss {event.test_loss:.4f}  "
                  f"held-out acc {event.test_accuracy:.2%}"
                  + (f"  val loss {event.val_loss:.4f}  val acc {event.val_accuracy:.2%}" if config.val_size else "")
                  + f"  ({trainer.images_per_s:,.0f} images/s)")
        elif isinstance(event, DivergedEvent):
            print(f"diverged at step {event.step}: {event.message}")
            return 1
    if args.save:
        with open(args.save, "wb") as handle:
            handle.write(trainer.save_bytes())
    wall = time.perf_counter() - wall
    print(f"held-out accuracy {trainer.history['test_accuracy'][-1]:.2%} | {trainer.images_per_s:,.0f} images/s | "
          f"wall time {wall:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
