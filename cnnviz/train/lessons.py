"""Lessons of the Training page, and the pure helpers it trains and inspects networks with.

Lessons
-------
A :class:`Lesson` is a one-click preset: the :class:`~cnnviz.train.TrainConfig` the page trains,
optionally a second config trained side by side for comparison (drawn dashed), and i18n keys of
its title, its one-sentence explanation and the labels of both runs. :data:`LESSONS` holds them in
display order; :func:`find_lesson` tells which lesson (if any) a set of options is.

- ``overfitting``: 200 training images, no weight decay; training loss goes to ~0 while the
  held-out loss turns upwards and a wide accuracy gap stays open.
- ``weight_decay``: the same run with L2 weight decay λ = 0.003 next to λ = 0: the weights stay
  smaller and the held-out loss ends lower (≈0.82 against ≈0.91), at the same accuracy. With Adam
  the effect is modest (its per-weight step sizes partly undo an L2 gradient; λ = 0.03 already
  costs accuracy), which the sentence says.
- ``underfitting``: a tiny CNN (one 3×3 filter) plateaus with training and held-out accuracy
  together around 90 %, next to LeNet-5 on the same data.
- ``vanishing``: LeNet-5 with sigmoid and plain SGD stays at chance (the first layer's gradients
  are ~100× smaller than the last layer's) next to the same network with ReLU, which learns.
- ``edges``: a one-block CNN on the synthetic strokes and shapes, with a little weight decay that
  wipes out the random initial pattern: its first-layer filters turn into oriented edge and
  stroke detectors (their pixel-to-pixel roughness falls from 1.33 to about 0.9).
- ``degradation``: twelve plain 3×3 conv layers (PyTorch's default initialisation) stay at chance
  even on their training images, while the same layers paired into residual blocks reach ~90 %;
  the first plain layers' gradients are ~10⁴× smaller than the last ones'.
- ``batchnorm``: a 3-block CNN at SGD learning rate 0.5 for two epochs: with batch norm ~90 %,
  without it accuracy stays at chance.
- ``dropout`` / ``augmentation``: LeNet-5 on 200 images with Adam, overfitting (training accuracy
  100 %, validation loss climbing back from ~0.8 to ~1.2), with a 500-image validation split
  carved from the training pool; dropout 0.25 before the fully connected layers, or random shifts
  and rotations of every batch, keep the validation loss lower (~0.66, ~0.46) and its accuracy
  higher.

Lessons with ``after`` have a text of what the run showed, for the page to show once it finished.

Training in chunks
------------------
:func:`run_chunk` advances one or more :class:`~cnnviz.train.Trainer` objects in lockstep until a
time budget *or* a step budget is used up (or, without a time budget, until the step budget is),
consuming every event of each step (so an epoch's end is never left half-done) and keeping the
held-out evaluation of each finished epoch as an
:class:`Evaluation`. :func:`eta_seconds` estimates the remaining time.

Views
-----
:func:`layer_stats` (per-layer histograms and RMS of weights and gradients), :func:`probe_view`
(feature maps and class probabilities of one image), :func:`evaluate_model`.

Model files are read and written by :mod:`cnnviz.train.model_file`.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace

import numpy as np

from cnnviz.errors import CnnvizError
from cnnviz.explain.units import layer_names
from cnnviz.nn import functional as F
from cnnviz.nn import layers as L
from cnnviz.train import (
    DivergedEvent,
    DoneEvent,
    EpochEvent,
    TrainConfig,
    Trainer,
    evaluate,
    normalize_config,
)

# ---------------------------------------------------------------------------------------------
# option normalisation
# ---------------------------------------------------------------------------------------------

CONFIG_FIELDS = tuple(f.name for f in fields(TrainConfig) if f.name != "snapshot_every")
"""The TrainConfig fields a page exposes as options (everything but ``snapshot_every``)."""


# ---------------------------------------------------------------------------------------------
# lessons
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Lesson:
    """A one-click preset: what to train, what to compare it with, and what to say about it.

    Attributes
    ----------
    name : str
        Identifier (``"overfitting"``); i18n keys are derived from it.
    config : TrainConfig
        The run the page trains (normalised).
    compare : TrainConfig or None
        A second run trained side by side with the same data and batch size, or None.
    """

    name: str
    config: TrainConfig
    compare: TrainConfig | None = None
    after: bool = False  # has a text of what the run showed, for after it finished

    @property
    def after_key(self) -> str | None:
        """i18n key of what the student should have seen, shown once the run is over (or None)."""
        return f"training.lesson.{self.name}.after" if self.after else None

    @property
    def title_key(self) -> str:
        return f"training.lesson.{self.name}"

    @property
    def sentence_key(self) -> str:
        return f"training.lesson.{self.name}.sentence"

    @property
    def run_label_key(self) -> str:
        return f"training.lesson.{self.name}.run"

    @property
    def compare_label_key(self) -> str:
        return f"training.lesson.{self.name}.compare"


_OVERFIT = TrainConfig(train_size=200, batch_size=32, epochs=25, optimizer="adam", lr=0.002, weight_decay=0.0)
"""Adam, not momentum SGD: with PyTorch's default initialisation momentum SGD (lr 0.01) only reaches
~94 % training accuracy in 25 epochs, too slow to show memorisation; Adam reaches 100 % by epoch 19."""
_TINY = TrainConfig(model="small", conv_blocks=1, filters=1, kernel_size=3, optimizer="adam", lr=0.003, epochs=6)
_SIGMOID = TrainConfig(activation="sigmoid", optimizer="sgd", lr=0.1, epochs=3)
_DEEP = TrainConfig(model="deep", depth=12, filters=8, train_size=2000, batch_size=32, epochs=3, optimizer="momentum",
                    lr=0.02, momentum=0.9)
_HIGH_LR = TrainConfig(model="small", conv_blocks=3, filters=8, kernel_size=3, train_size=2000, batch_size=32,
                       epochs=2, optimizer="sgd", lr=0.5)
_OVERFIT_VAL = TrainConfig(train_size=200, batch_size=32, epochs=25, optimizer="adam", lr=0.002, val_size=500)

LESSONS: tuple[Lesson, ...] = tuple(
    Lesson(lesson.name, normalize_config(lesson.config),
           None if lesson.compare is None else normalize_config(lesson.compare), lesson.after)
    for lesson in (
        Lesson("overfitting", _OVERFIT),
        Lesson("weight_decay", replace(_OVERFIT, weight_decay=0.003), _OVERFIT),
        Lesson("underfitting", _TINY, replace(_TINY, model="lenet5")),
        Lesson("vanishing", _SIGMOID, replace(_SIGMOID, activation="relu")),
        Lesson("edges", TrainConfig(model="small", dataset="shapes", conv_blocks=1, filters=8, kernel_size=5,
                                    optimizer="adam", lr=0.003, weight_decay=0.03, epochs=6)),
        Lesson("degradation", _DEEP, replace(_DEEP, residual=True), after=True),
        Lesson("batchnorm", replace(_HIGH_LR, batchnorm=True), _HIGH_LR, after=True),
        Lesson("dropout", replace(_OVERFIT_VAL, dropout=0.25), _OVERFIT_VAL, after=True),
        Lesson("augmentation", replace(_OVERFIT_VAL, augment=True), _OVERFIT_VAL, after=True),
    )
)
LESSON_NAMES = tuple(lesson.name for lesson in LESSONS)


def get_lesson(name: str) -> Lesson:
    """The lesson called ``name`` (one of :data:`LESSON_NAMES`), else ValueError."""
    for lesson in LESSONS:
        if lesson.name == name:
            return lesson
    raise CnnvizError("train.choice", name="lesson", allowed=str(LESSON_NAMES), value=repr(name))


def find_lesson(config: TrainConfig) -> Lesson | None:
    """The lesson whose config equals ``config`` (after normalisation), or None."""
    config = normalize_config(config)
    return next((lesson for lesson in LESSONS if lesson.config == config), None)


# ---------------------------------------------------------------------------------------------
# held-out evaluations
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Evaluation:
    """Held-out results at the end of an epoch (or of a loaded model, ``epoch`` 0).

    Attributes
    ----------
    epoch : int
        Finished epochs (0 for a model that was loaded, not trained here).
    test_loss, test_accuracy : float
        Mean held-out cross-entropy and accuracy in [0, 1].
    train_loss, train_accuracy : float
        On a class-balanced sample of the training set as large as the held-out set, measured with the
        weights at the end of the epoch like the held-out numbers (NaN for a loaded model).
    confusion : ndarray, shape (classes, classes)
        Counts; rows are the true class, columns the predicted one.
    misclassified : ndarray, shape (M,)
        Held-out indices the model got wrong (at most 40).
    predicted : ndarray, shape (M,)
        The wrong class predicted for each of them.
    """

    epoch: int
    test_loss: float
    test_accuracy: float
    train_loss: float
    train_accuracy: float
    confusion: np.ndarray
    misclassified: np.ndarray
    predicted: np.ndarray


def _predict(model: L.Sequential, x: np.ndarray) -> np.ndarray:
    if len(x) == 0:
        return np.zeros(0, np.int64)
    with L.eval_mode(model):
        return model.forward(x).argmax(axis=1).astype(np.int64)


def evaluation_from_epoch(event: EpochEvent, model: L.Sequential, x_test: np.ndarray) -> Evaluation:
    """An :class:`Evaluation` of ``event``; ``model`` must still hold the weights of that epoch's end.

    The misclassified images are run through ``model`` once more to learn what it predicted.
    """
    wrong = np.asarray(event.misclassified, np.int64)
    return Evaluation(event.epoch, event.test_loss, event.test_accuracy, event.train_loss, event.train_accuracy,
                      np.asarray(event.confusion), wrong, _predict(model, x_test[wrong]))


def evaluate_model(model: L.Sequential, x_test: np.ndarray, y_test: np.ndarray, classes: int,
                   max_misclassified: int = 40) -> Evaluation:
    """Evaluate ``model`` on held-out data (a loaded model: epoch 0, training metrics NaN).

    Parameters
    ----------
    x_test : ndarray, shape (N, C, H, W)
    y_test : ndarray, shape (N,)
    classes : int
    """
    metrics = evaluate(model, x_test, y_test, classes)
    wrong = np.asarray(metrics["misclassified"][:max_misclassified], np.int64)
    return Evaluation(0, metrics["loss"], metrics["accuracy"], math.nan, math.nan, metrics["confusion"], wrong,
                      np.asarray(metrics["predicted"])[wrong].astype(np.int64))


# ---------------------------------------------------------------------------------------------
# training in chunks
# ---------------------------------------------------------------------------------------------

@dataclass
class ChunkReport:
    """What one :func:`run_chunk` call did.

    Attributes
    ----------
    rounds : int
        Lockstep rounds: each trainer that was still running took one optimizer step per round.
    seconds : float
        Wall time of the chunk, including the held-out evaluations at epoch ends.
    evaluations : list of (Evaluation or None)
        Per trainer, the evaluation of the last epoch finished in this chunk, or None.
    diverged : list of (DivergedEvent or None)
        Per trainer, its divergence if it happened in this chunk.
    done : list of (DoneEvent or None)
        Per trainer, its DoneEvent if it finished in this chunk.
    """

    rounds: int
    seconds: float
    evaluations: list
    diverged: list
    done: list


def _check_budget(max_seconds, max_steps) -> None:
    if max_seconds is not None and not (isinstance(max_seconds, (int, float)) and not isinstance(max_seconds, bool)
                                        and math.isfinite(max_seconds) and max_seconds >= 0):
        raise CnnvizError("train.max_seconds", value=repr(max_seconds))
    if not isinstance(max_steps, (int, np.integer)) or isinstance(max_steps, bool) or max_steps < 1:
        raise CnnvizError("train.max_steps", value=repr(max_steps))


def run_chunk(trainers: Sequence[Trainer], *, max_seconds: float | None, max_steps: int,
              clock: Callable[[], float] = time.perf_counter) -> ChunkReport:
    """Advance ``trainers`` in lockstep until ``max_seconds`` have passed or ``max_steps`` rounds ran.

    Every round gives each unfinished trainer exactly one optimizer step, and every event of that
    step is consumed (the step's epoch end and evaluation included), so a trainer never stops in
    the middle of an epoch boundary. At least one round runs if any trainer is unfinished, even
    with ``max_seconds=0``. The first trainer leads: once it has finished or diverged, the chunk
    (and the lockstep) stops.

    Parameters
    ----------
    trainers : sequence of Trainer
        The run shown on the page first, then any comparison runs.
    max_seconds : float or None
        Time budget, checked after each round; None: no time budget, the chunk runs exactly
        ``max_steps`` rounds (fewer only when the first trainer finishes), however fast or slow
        the machine is.
    max_steps : int
        Most rounds, ≥ 1.
    clock : callable
        Seconds as a float (injectable for tests).
    """
    _check_budget(max_seconds, max_steps)
    if not trainers:
        raise CnnvizError("train.no_trainers")
    start = clock()
    report = ChunkReport(0, 0.0, [None] * len(trainers), [None] * len(trainers), [None] * len(trainers))
    while report.rounds < max_steps and not trainers[0].finished:
        for i, trainer in enumerate(trainers):
            if trainer.finished:
                continue
            for event in trainer.events(max_steps=1):
                if isinstance(event, EpochEvent):
                    report.evaluations[i] = evaluation_from_epoch(event, trainer.model, trainer.dataset.x_test)
                elif isinstance(event, DivergedEvent):
                    report.diverged[i] = event
                elif isinstance(event, DoneEvent):
                    report.done[i] = event
        report.rounds += 1
        if max_seconds is not None and clock() - start >= max_seconds:
            break
    report.seconds = clock() - start
    return report


def eta_seconds(steps_done: int, total_steps: int, busy_seconds: float) -> float | None:
    """Seconds left at the pace so far: ``busy_seconds / steps_done × (total_steps − steps_done)``.

    None before the first step (no pace yet); 0 when done.
    """
    if total_steps < 0 or steps_done < 0 or busy_seconds < 0:
        raise ValueError("steps_done, total_steps and busy_seconds must be ≥ 0")
    if steps_done >= total_steps:
        return 0.0
    if steps_done == 0:
        return None
    return busy_seconds / steps_done * (total_steps - steps_done)


# ---------------------------------------------------------------------------------------------
# what the network looks like inside
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class LayerStats:
    """Weights and gradients of one layer with parameters, summarised for histograms.

    Attributes
    ----------
    name : str
        ``"conv1"``, ``"conv2"``, ..., ``"fc1"``, ... in network order (:func:`cnnviz.explain.units.layer_names`).
    weight_counts : ndarray, shape (bins,)
    weight_edges : ndarray, shape (bins + 1,)
    weight_rms : float
        ``sqrt(mean(w²))``.
    grad_counts, grad_edges : ndarray or None
        Histogram of the last step's weight gradient (None before the first step).
    grad_rms : float
        ``sqrt(mean(g²))`` of that gradient (NaN before the first step).
    """

    name: str
    weight_counts: np.ndarray
    weight_edges: np.ndarray
    weight_rms: float
    grad_counts: np.ndarray | None
    grad_edges: np.ndarray | None
    grad_rms: float


def _symmetric_histogram(values: np.ndarray, bins: int) -> tuple[np.ndarray, np.ndarray]:
    """Counts over a range symmetric around 0; non-finite values (a diverged step) are left out."""
    values = values[np.isfinite(values)]
    extent = float(np.max(np.abs(values))) if values.size else 0.0
    extent = extent if extent > 0 else 1e-12
    return np.histogram(values, bins=bins, range=(-extent, extent))


def _weighted_layers(model: L.Sequential) -> list:
    """Convolutions and linear layers in network order, inside residual blocks too (batch norm's
    scale is left out: it is not a layer the gradient chart compares)."""
    return [layer for _, layer in model.named_modules()
            if isinstance(layer, (L.Conv2d, L.ConvTranspose2d, L.Linear))]


def layer_stats(model: L.Sequential, bins: int = 24) -> list[LayerStats]:
    """Histograms (symmetric around 0) and RMS of every layer's weight and last weight gradient."""
    if not isinstance(bins, (int, np.integer)) or not 2 <= bins <= 200:
        raise CnnvizError("train.int_range", name="bins", low=2, high=200, value=repr(bins))
    stats = []
    layers = _weighted_layers(model)
    for name, layer in zip(layer_names(model, layers), layers):
        weight = np.asarray(layer.params["weight"], np.float64).ravel()
        w_counts, w_edges = _symmetric_histogram(weight, bins)
        grad = layer.grads.get("weight")
        if grad is None:
            g_counts = g_edges = None
            g_rms = math.nan
        else:
            grad = np.asarray(grad, np.float64).ravel()
            g_counts, g_edges = _symmetric_histogram(grad, bins)
            g_rms = float(np.sqrt(np.mean(grad ** 2)))
        stats.append(LayerStats(name, w_counts, w_edges, float(np.sqrt(np.mean(weight ** 2))), g_counts, g_edges,
                                g_rms))
    return stats


@dataclass(frozen=True)
class ProbeView:
    """One image seen by the network.

    Attributes
    ----------
    image : ndarray, shape (H, W)
        The input (first channel).
    stages : tuple of (str, ndarray of shape (C, H', W'))
        For every convolution, its output after the batch norm and activation that follow it,
        named ``"conv1"``, ``"conv2"``, ..., and every residual block's output (``"block1"``, ...);
        at most :data:`MAX_PROBE_STAGES`.
    probabilities : ndarray, shape (classes,)
        Softmax of the network's output.
    predicted : int
        The most probable class.
    """

    image: np.ndarray
    stages: tuple
    probabilities: np.ndarray
    predicted: int


_ACTIVATIONS = (L.ReLU, L.LeakyReLU, L.Sigmoid, L.Tanh)


MAX_PROBE_STAGES = 4
"""Most feature-map stages a probe shows; a deeper network shows evenly spaced ones."""


def probe_view(model: L.Sequential, image: np.ndarray) -> ProbeView:
    """Feature maps and class probabilities of ``image``, shape (1, C, H, W) or (C, H, W).

    Stages: every convolution's output after its batch norm and activation (``conv<k>``, named by
    :func:`cnnviz.explain.units.layer_names`) and every residual block's output (``block<k>``); at
    most :data:`MAX_PROBE_STAGES`, evenly spaced.
    """
    image = np.asarray(image)
    if image.ndim == 3:
        image = image[None]
    if image.ndim != 4 or image.shape[0] != 1:
        raise CnnvizError("train.probe_image", shape=image.shape)
    with L.eval_mode(model):
        logits, outputs = model.forward(image, record=True)
    stages = []
    layers = list(model)
    names = layer_names(model)  # a convolution's number counts those inside residual blocks too
    blocks = 0
    for i, layer in enumerate(layers):
        if isinstance(layer, L.Conv2d):
            after = i
            while after + 1 < len(layers) and isinstance(layers[after + 1], (L._BatchNorm,) + _ACTIVATIONS):
                after += 1  # the map after its batch norm and activation
                if isinstance(layers[after], _ACTIVATIONS):
                    break
            stages.append((names[i], np.asarray(outputs[after][0])))
        elif isinstance(layer, L.Residual):
            blocks += 1
            stages.append((f"block{blocks}", np.asarray(outputs[i][0])))
    if len(stages) > MAX_PROBE_STAGES:  # a deep stack: the first, the last and evenly spaced ones between
        keep = np.unique(np.round(np.linspace(0, len(stages) - 1, MAX_PROBE_STAGES)).astype(int))
        stages = [stages[k] for k in keep]
    probabilities = F.softmax(np.asarray(logits, np.float64), dim=-1)[0]
    return ProbeView(np.asarray(image[0, 0]), tuple(stages), probabilities, int(np.argmax(probabilities)))


def probe_index(labels: np.ndarray, label: int, occurrence: int = 0) -> int:
    """Index of the ``occurrence``-th (0-based) sample of class ``label`` in ``labels``."""
    found = np.flatnonzero(np.asarray(labels) == label)
    if found.size == 0:
        raise CnnvizError("train.no_label", label=label)
    if not 0 <= occurrence < found.size:
        raise CnnvizError("train.occurrence", last=found.size - 1, label=label, value=occurrence)
    return int(found[occurrence])


SHAPE_SYMBOLS = {"horizontal": "—", "vertical": "|", "diagonal": "\\", "anti_diagonal": "/", "plus": "+", "x": "×",
                 "circle": "○"}
"""One-character labels of the strokes-and-shapes classes, for tight spaces (matrix ticks, tiles)."""


def class_symbols(class_keys: Sequence[str]) -> list[str]:
    """Short class labels: digits as they are, shapes as a symbol drawn like the shape (``"○"``)."""
    prefix = "data.shape_"
    return [SHAPE_SYMBOLS.get(key[len(prefix):], key) if key.startswith(prefix) else str(key) for key in class_keys]


__all__ = [
    "CONFIG_FIELDS", "ChunkReport", "Evaluation", "LESSONS", "LESSON_NAMES", "LayerStats", "Lesson",
    "ProbeView", "SHAPE_SYMBOLS", "class_symbols",
    "eta_seconds", "evaluate_model", "evaluation_from_epoch", "find_lesson", "get_lesson",
    "layer_stats", "probe_index", "probe_view", "run_chunk",
]
