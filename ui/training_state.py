"""Per-user training state of the Training page, and the shared "current model" slot.

Everything lives in ``st.session_state`` (one browser tab = one session = its own trainer); nothing
is module-level mutable state. The page (``pages/training.py``) reads options from URL-synced
widgets, calls :func:`sync` to get the session's :class:`TrainingSession`, wires the buttons to
the callbacks below and, inside an ``st.fragment(run_every=RUN_EVERY)`` that exists only while
training runs, calls :func:`advance` once per fragment run. :func:`live_chart` draws a Plotly figure
that is updated in place on every run (``st.plotly_chart`` would replace the chart, which blinks).

Session-state keys
------------------
``"training.session"`` : TrainingSession
    The trainer(s), run/pause flag, held-out evaluations, divergence, timings.
``"training.chunk_steps"`` : int, optional
    Step budget of one chunk (default: ``PACING.steps``, see :data:`PACING`). A chunk stops after
    ``PACING.seconds`` *or* this many steps, whichever comes first; tests set it to 1 to make
    each script run advance exactly one step.

Pacing (environment variables, read once when the server imports this module)
-----------------------------------------------------------------------------
``CNNVIZ_CHUNK_STEPS=N``
    Each fragment run advances exactly ``N`` optimizer steps (fewer only when the run ends), and
    the time budget is off unless ``CNNVIZ_CHUNK_SECONDS`` is also set: a test server sets it so
    that what the browser sees does not depend on how fast the machine is (a tiny training can
    not finish in one chunk on a fast machine, and a chunk still advances on a slow one).
``CNNVIZ_CHUNK_SECONDS=S``
    Time budget of one chunk in seconds (> 0), or ``none`` for no time budget.
``CNNVIZ_TRAINING_SLOTS=N``
    How many training chunks may run at once in this server process (default 1; the class
    server runs one process per core). Sessions that want to train queue for a slot, first come
    first served, and their page says they are waiting for a free core; browsing is never queued.
Unset, a chunk stops after :data:`CHUNK_SECONDS` or :data:`CHUNK_STEPS` steps. A bad value
raises ``ValueError`` naming the variable when the module is imported.
``"training.load_problem"`` : ModelFileError or None
    Why the last uploaded file was rejected (the current model is kept).
``"training.autostart"`` : bool
    Set by a lesson button: start as soon as the new trainers are built.
``"training.<field>"``
    The option widgets, one per :data:`cnnviz.train.lessons.CONFIG_FIELDS` entry (also the URL
    parameters).

Shared with other pages (read-only for them)
--------------------------------------------
``"shared.model"`` : tuple (cnnviz.nn.layers.Sequential, cnnviz.train.TrainConfig)
    The network trained (at least one step) or loaded on the Training page, and the config that
    built it: ``model.forward(x)`` takes ``x`` of shape (N, 1, 28, 28) (MNIST pixels in [0, 1], or
    the strokes-and-shapes images when ``config.dataset == "shapes"``) and returns logits
    (N, 10) — (N, 7) for shapes, so check ``config.dataset`` before feeding it digits. The model
    object is the live one: it keeps changing while training runs on the Training page. Treat it
    as read-only; copy with ``model.state_dict()`` if you need fixed weights. Absent until a model
    has been trained or loaded; removed by Reset.
``"shared.model_id"`` : str
    Changes whenever the weights behind ``"shared.model"`` change (``"<run id>:<step>"``): use it
    as the cache key of anything computed from the shared model.
"""

from __future__ import annotations

import atexit
import functools
import math
import os
import shutil
import tempfile
import threading
import time
import uuid
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import streamlit as st
import streamlit.components.v1 as components

from cnnviz.train import DivergedEvent, TrainConfig, Trainer, lessons, load_dataset, model_file, normalize_config
from ui import uploads

SESSION_KEY = "training.session"
CHUNK_STEPS_KEY = "training.chunk_steps"
LOAD_PROBLEM_KEY = "training.load_problem"
AUTOSTART_KEY = "training.autostart"
UPLOAD_KEY = "training.upload"
SHARED_MODEL_KEY = "shared.model"
SHARED_MODEL_ID_KEY = "shared.model_id"

RUN_EVERY = 0.3
"""Seconds between fragment runs while training: the charts are redrawn about this often."""
CHUNK_SECONDS = 0.2
"""Shortest training time budget of one fragment run (see :func:`chunk_seconds`); the rest of the
interval draws the charts, and a fragment run queued while another is running starts right after
it (it does not interrupt it)."""
CHUNK_STEPS = 200
"""Step budget of one fragment run (overridable per session under ``"training.chunk_steps"``)."""
CHUNK_STEPS_ENV = "CNNVIZ_CHUNK_STEPS"
CHUNK_SECONDS_ENV = "CNNVIZ_CHUNK_SECONDS"


@dataclass(frozen=True)
class Pacing:
    """Budget of one training chunk: at most ``steps`` steps, and at most ``seconds`` (None: no time limit)."""

    steps: int = CHUNK_STEPS
    seconds: float | None = CHUNK_SECONDS


def pacing_from_env(environ: Mapping[str, str]) -> Pacing:
    """The chunk budget set by ``CNNVIZ_CHUNK_STEPS`` / ``CNNVIZ_CHUNK_SECONDS`` in ``environ``.

    ``CNNVIZ_CHUNK_STEPS`` alone bounds a chunk by steps only; ``CNNVIZ_CHUNK_SECONDS`` is a
    positive number of seconds or ``none``. Raises ValueError naming the variable on a bad value.
    """
    steps_text = environ.get(CHUNK_STEPS_ENV, "").strip()
    seconds_text = environ.get(CHUNK_SECONDS_ENV, "").strip()
    steps, seconds = CHUNK_STEPS, CHUNK_SECONDS
    if steps_text:
        if not steps_text.isdigit() or int(steps_text) < 1:
            raise ValueError(f"{CHUNK_STEPS_ENV} must be a whole number ≥ 1, got {steps_text!r}")
        steps, seconds = int(steps_text), None
    if seconds_text:
        if seconds_text.lower() == "none":
            seconds = None
        else:
            try:
                seconds = float(seconds_text)
            except ValueError:
                seconds = math.nan
            if not (math.isfinite(seconds) and seconds > 0):
                raise ValueError(f"{CHUNK_SECONDS_ENV} must be a number of seconds > 0 or 'none', "
                                 f"got {seconds_text!r}")
    return Pacing(steps, seconds)


PACING = pacing_from_env(os.environ)
"""This server's chunk budget (see the module docstring)."""

TRAINING_SLOTS_ENV = "CNNVIZ_TRAINING_SLOTS"
WAITER_STALE_SECONDS = 10.0
"""A queued session not heard from for this long (a closed tab) loses its place."""


def slots_from_env(environ: Mapping[str, str]) -> int:
    """``CNNVIZ_TRAINING_SLOTS`` (a whole number ≥ 1), default 1; ValueError naming it otherwise."""
    text = environ.get(TRAINING_SLOTS_ENV, "").strip()
    if not text:
        return 1
    if not text.isdigit() or int(text) < 1:
        raise ValueError(f"{TRAINING_SLOTS_ENV} must be a whole number ≥ 1, got {text!r}")
    return int(text)


class TrainingSlots:
    """A server-wide limit on training chunks running at once, first come first served.

    A session asks with a ticket (its run id) before each chunk: :meth:`try_acquire` never blocks
    (nothing sleeps on the server); a session that cannot run joins the queue and asks again at its
    next fragment run, and only the first sessions in the queue may take the slots that are free.
    A ticket that is already running a chunk is refused, so one session's training is never driven
    by two script threads at once.
    """

    def __init__(self, slots: int, stale_seconds: float = WAITER_STALE_SECONDS, clock=time.monotonic):
        if slots < 1:
            raise ValueError(f"slots must be ≥ 1, got {slots}")
        self.slots = slots
        self.stale_seconds = stale_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._running: set[str] = set()
        self._waiting: dict[str, float] = {}  # ticket -> last time it asked, in queue order

    def try_acquire(self, ticket: str) -> bool:
        """Take a slot for ``ticket`` if one is free and the ticket's turn has come."""
        with self._lock:
            if ticket in self._running:
                return False
            now = self._clock()
            for old, seen in list(self._waiting.items()):
                if now - seen > self.stale_seconds and old != ticket:
                    del self._waiting[old]
            if ticket in self._waiting:
                self._waiting[ticket] = now
            else:
                self._waiting[ticket] = now
            free = self.slots - len(self._running)
            if ticket in list(self._waiting)[:max(free, 0)]:
                del self._waiting[ticket]
                self._running.add(ticket)
                return True
            return False

    def release(self, ticket: str) -> None:
        with self._lock:
            self._running.discard(ticket)

    def leave(self, ticket: str) -> None:
        """Drop ``ticket`` from the queue (paused or reset while waiting)."""
        with self._lock:
            self._waiting.pop(ticket, None)

    def position(self, ticket: str) -> int | None:
        """1 for the first in the queue ...; None when not waiting."""
        with self._lock:
            order = list(self._waiting)
            return order.index(ticket) + 1 if ticket in self._waiting else None

    @property
    def running(self) -> int:
        return len(self._running)


@st.cache_resource(show_spinner=False)
def training_slots() -> TrainingSlots:
    """This server process's slots (``CNNVIZ_TRAINING_SLOTS``, default 1)."""
    return TrainingSlots(slots_from_env(os.environ))


def option_key(field_name: str) -> str:
    """The widget key (and URL parameter) of a TrainConfig field: ``"training.<field>"``."""
    return f"training.{field_name}"


@st.cache_resource(show_spinner=False, max_entries=16)
def cached_dataset(dataset: str, train_size: int, val_size: int = 0):
    """The (read-only) dataset for these options, shared by every session."""
    data = load_dataset(TrainConfig(dataset=dataset, train_size=train_size, val_size=val_size))
    for array in (data.x_train, data.y_train, data.x_test, data.y_test, data.x_val, data.y_val):
        if array is not None:
            array.flags.writeable = False
    return data


@dataclass
class TrainingSession:
    """One session's training: the main trainer, an optional comparison trainer, and bookkeeping."""

    config: TrainConfig
    trainers: list
    lesson: str | None = None
    running: bool = False
    busy_seconds: float = 0.0  # training time, chunks only
    wall_seconds: float = 0.0  # chunks plus the drawing and waiting between them while running
    last_chunk_end: float | None = None
    evaluations: list = field(default_factory=list)
    diverged: DivergedEvent | None = None
    loaded_name: str | None = None
    run_id: str = field(default_factory=lambda: uuid.uuid4().hex[:8])
    last_chunk_steps: int = 0
    last_chunk_seconds: float = 0.0
    last_gap_seconds: float | None = None  # running average of the time from a chunk's end to the next start
    refreshes: deque = field(default_factory=lambda: deque(maxlen=12))
    waiting: bool = False  # the last chunk could not start: no free training slot

    @property
    def trainer(self) -> Trainer:
        return self.trainers[0]

    @property
    def compare(self) -> Trainer | None:
        return self.trainers[1] if len(self.trainers) > 1 else None

    @property
    def started(self) -> bool:
        return self.trainer.step > 0 or self.loaded_name is not None

    @property
    def finished(self) -> bool:
        return self.trainer.finished

    @property
    def eta(self) -> float | None:
        """Seconds left at the pace of the chunks so far, the time spent drawing between them included."""
        return lessons.eta_seconds(self.trainer.step, self.trainer.total_steps, max(self.wall_seconds,
                                                                                    self.busy_seconds))

    @property
    def refresh_rate(self) -> float | None:
        """Fragment runs per second over the recent ones (None until there are three)."""
        if len(self.refreshes) < 3:
            return None
        span = self.refreshes[-1] - self.refreshes[0]
        return (len(self.refreshes) - 1) / span if span > 0 else None


# ---------------------------------------------------------------------------------------------
# building and syncing
# ---------------------------------------------------------------------------------------------

def _trainer(config: TrainConfig) -> Trainer:
    return Trainer(config, dataset=cached_dataset(config.dataset, config.train_size, config.val_size))


def build_session(config: TrainConfig) -> TrainingSession:
    """Fresh trainer(s) for ``config``; a lesson's comparison run is added when ``config`` is a lesson."""
    config = normalize_config(config)
    lesson = lessons.find_lesson(config)
    trainers = [_trainer(config)]
    if lesson is not None and lesson.compare is not None:
        trainers.append(_trainer(lesson.compare))
    return TrainingSession(config, trainers, lesson=None if lesson is None else lesson.name,
                           evaluations=[None] * len(trainers))


def get_session() -> TrainingSession | None:
    return st.session_state.get(SESSION_KEY)


def sync(config: TrainConfig) -> TrainingSession:
    """The session's training state for the current options.

    A new session is built when there is none, or when the options changed before anything was
    trained or loaded. Once a run has started, changed options do not touch it (the page says
    that Reset applies them). A pending lesson autostart starts the run.
    """
    config = normalize_config(config)
    session = get_session()
    if session is None or (session.config != config and not session.started):
        session = build_session(config)
        st.session_state[SESSION_KEY] = session
    if st.session_state.pop(AUTOSTART_KEY, False) and not session.finished:
        session.running = True
    return session


def options_changed(session: TrainingSession, config: TrainConfig) -> bool:
    """True when the options on screen differ from the ones the current run uses."""
    return normalize_config(config) != session.config


def publish(session: TrainingSession) -> None:
    """Put the main model into the shared slot (only once it has been trained or loaded)."""
    if not session.started:
        return
    trainer = session.trainer
    st.session_state[SHARED_MODEL_KEY] = (trainer.model, trainer.config)
    st.session_state[SHARED_MODEL_ID_KEY] = f"{session.run_id}:{trainer.step}"


def _clear_shared() -> None:
    st.session_state.pop(SHARED_MODEL_KEY, None)
    st.session_state.pop(SHARED_MODEL_ID_KEY, None)


# ---------------------------------------------------------------------------------------------
# running
# ---------------------------------------------------------------------------------------------

def chunk_steps() -> int:
    """The session's step budget (``"training.chunk_steps"``), else the server's (:data:`PACING`)."""
    value = st.session_state.get(CHUNK_STEPS_KEY, PACING.steps)
    return int(value) if isinstance(value, (int, np.integer)) and value >= 1 else PACING.steps


MAX_GAP_SECONDS = 3.0
"""A longer gap between two chunks is a pause (or a closed tab), not part of the training pace."""

TRAIN_SHARE = 0.75
"""Share of a running page's server time that goes to training: a chunk lasts at least
``TRAIN_SHARE / (1 − TRAIN_SHARE)`` times the (averaged) gap before it (drawing the dashboard,
sending it, the browser's next request), up to :data:`MAX_CHUNK_SECONDS`. Measured with
``scripts/bench_training.py`` (issue 13), the server was busy training 68–73 % of the time; the
page reached 68 % of ``python -m cnnviz.train``'s wall-clock rate, 51 % of the rate it prints."""

MAX_CHUNK_SECONDS = 1.0
"""Longest time budget of a chunk: the charts still move at least about once a second."""


def chunk_seconds(base: float | None, last_gap: float | None) -> float | None:
    """Time budget of the next chunk: ``base`` (:data:`PACING`'s seconds; None: steps only, as a
    test server runs) stretched so training keeps :data:`TRAIN_SHARE` of the time when the gap
    between chunks grows, capped at :data:`MAX_CHUNK_SECONDS` (and never below ``base``)."""
    if base is None:
        return None
    if last_gap is None or not 0 <= last_gap <= MAX_GAP_SECONDS:
        return base
    return max(base, min(MAX_CHUNK_SECONDS, last_gap * TRAIN_SHARE / (1 - TRAIN_SHARE)))


def _absorb(session: TrainingSession, report: lessons.ChunkReport) -> None:
    now = time.perf_counter()
    start = now - report.seconds
    gap = start - session.last_chunk_end if session.last_chunk_end is not None else MAX_GAP_SECONDS + 1
    session.wall_seconds += report.seconds + (gap if 0 <= gap <= MAX_GAP_SECONDS else 0.0)
    if 0 <= gap <= MAX_GAP_SECONDS:  # a running average: one slow redraw does not make one long chunk
        previous = session.last_gap_seconds
        session.last_gap_seconds = gap if previous is None else 0.5 * previous + 0.5 * gap
    session.last_chunk_end = now
    session.busy_seconds += report.seconds
    session.last_chunk_steps = report.rounds
    session.last_chunk_seconds = report.seconds
    for i, evaluation in enumerate(report.evaluations):
        if evaluation is not None:
            session.evaluations[i] = evaluation
    if report.diverged[0] is not None:
        session.diverged = report.diverged[0]
    if session.trainer.finished:
        session.running = False
    publish(session)


def advance(session: TrainingSession) -> bool:
    """Run one chunk if the session is running; return True when the run has just ended.

    Called once per fragment run. The chunk stops after :func:`chunk_seconds` (``PACING.seconds``,
    longer when drawing between chunks is slow; None: no time budget) or after the session's step
    budget (:func:`chunk_steps`).
    """
    if not session.running:
        return False
    slots = training_slots()
    session.waiting = not slots.try_acquire(session.run_id)
    if session.waiting:  # another chunk of this session, or other sessions first: try at the next run
        return False
    try:
        session.refreshes.append(time.perf_counter())
        report = lessons.run_chunk(session.trainers, max_seconds=chunk_seconds(PACING.seconds, session.last_gap_seconds),
                                   max_steps=chunk_steps())
        _absorb(session, report)
    finally:
        slots.release(session.run_id)
    return not session.running


# ---------------------------------------------------------------------------------------------
# button callbacks (run before the script, so they may set widget values)
# ---------------------------------------------------------------------------------------------

def start() -> None:
    session = get_session()
    if session is not None and not session.finished:
        session.running = True
        session.refreshes.clear()


def pause() -> None:
    session = get_session()
    if session is not None:
        session.running = False
        session.waiting = False
        training_slots().leave(session.run_id)


def step_once() -> None:
    """One optimizer step (each trainer), while paused."""
    session = get_session()
    if session is None or session.finished:
        return
    session.running = False
    slots = training_slots()
    session.waiting = not slots.try_acquire(session.run_id)
    if session.waiting:
        return
    try:
        _absorb(session, lessons.run_chunk(session.trainers, max_seconds=0.0, max_steps=1))
    finally:
        slots.release(session.run_id)


def reset() -> None:
    """Forget the run; the next :func:`sync` builds a fresh one from the options on screen."""
    session = get_session()
    if session is not None:
        training_slots().leave(session.run_id)
    st.session_state.pop(SESSION_KEY, None)
    st.session_state.pop(LOAD_PROBLEM_KEY, None)
    _clear_shared()


def _set_options(config: TrainConfig) -> None:
    for name in lessons.CONFIG_FIELDS:
        st.session_state[option_key(name)] = getattr(config, name)


def apply_lesson(name: str) -> None:
    """Set every option to the lesson's preset, drop the current run, and start the new one."""
    lesson = lessons.get_lesson(name)
    _set_options(lesson.config)
    reset()
    st.session_state[AUTOSTART_KEY] = True


def load_upload() -> None:
    """``on_change`` of the model uploader: replace the run with the uploaded model, or explain why not."""
    uploaded = st.session_state.get(UPLOAD_KEY)
    if uploaded is None:
        return
    try:
        model, config = model_file.read_model_file(uploaded.getvalue(), max_bytes=uploads.limit_bytes())
    except model_file.ModelFileError as problem:
        st.session_state[LOAD_PROBLEM_KEY] = problem
        return
    st.session_state.pop(LOAD_PROBLEM_KEY, None)
    session = build_session(config)
    session.trainer.model.load_state_dict(model.state_dict())
    data = session.trainer.dataset
    session.evaluations[0] = lessons.evaluate_model(session.trainer.model, data.x_test, data.y_test, data.classes)
    session.loaded_name = uploaded.name
    st.session_state[SESSION_KEY] = session
    _set_options(config)
    publish(session)


# ---------------------------------------------------------------------------------------------
# live Plotly charts
# ---------------------------------------------------------------------------------------------
# ``st.plotly_chart`` gives a chart a new identity whenever its figure changes, so the browser
# throws the chart away and draws a new one at every update: at two updates a second the live
# charts blink (and, on a busy machine, are blank most of the time). This tiny custom component
# keeps one Plotly chart per key in its own iframe and updates it in place with ``Plotly.react``.
# Its files (this HTML page and the plotly.min.js that the plotly package ships) are written to a
# private temporary directory once per process.

LIVE_COMPONENT_NAME = "cnnviz_live_plotly"
_LIVE_HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8">
<style>html, body { margin: 0; padding: 0; background: #ffffff; overflow: hidden; } #chart { width: 100%; }</style>
<script src="plotly.min.js"></script>
</head><body><div id="chart"></div>
<script>
(function () {
  var chart = document.getElementById("chart");
  var lastSpec = null, lastHeight = -1, config = {displaylogo: false, responsive: true};
  function post(type, extra) {
    window.parent.postMessage(Object.assign({isStreamlitMessage: true, type: type}, extra || {}), "*");
  }
  function draw(spec) {
    var figure = JSON.parse(spec), layout = figure.layout || {};
    var height = layout.height || 400;
    delete layout.width;
    layout.autosize = true;
    chart.style.height = height + "px";
    var start = performance.now();
    Plotly.react(chart, figure.data || [], layout, config);
    chart.setAttribute("data-draw-ms", (performance.now() - start).toFixed(1));
    chart.setAttribute("data-updates", String(Number(chart.getAttribute("data-updates") || 0) + 1));
    if (height !== lastHeight) { lastHeight = height; post("streamlit:setFrameHeight", {height: height}); }
  }
  window.addEventListener("message", function (event) {
    var message = event.data;
    if (!message || message.type !== "streamlit:render") return;
    var spec = (message.args || {}).spec;
    if (spec && spec !== lastSpec) { lastSpec = spec; draw(spec); }
  });
  post("streamlit:componentReady", {apiVersion: 1});
})();
</script></body></html>
"""


@functools.lru_cache(maxsize=1)
def _live_component_dir() -> str:
    import plotly

    directory = Path(tempfile.mkdtemp(prefix="cnnviz-live-plotly-"))
    shutil.copyfile(Path(plotly.__file__).parent / "package_data" / "plotly.min.js", directory / "plotly.min.js")
    (directory / "index.html").write_text(_LIVE_HTML, encoding="utf-8")
    atexit.register(shutil.rmtree, directory, ignore_errors=True)
    return str(directory)


def live_chart(figure, key: str) -> None:
    """Draw ``figure`` (a ``go.Figure``) under ``key``, updating the same chart in place on reruns.

    Use it for charts that change several times a second; ``st.plotly_chart`` is fine for the
    rest. The figure travels as JSON in the component's ``spec`` argument.
    """
    component = components.declare_component(LIVE_COMPONENT_NAME, path=_live_component_dir())
    component(spec=figure.to_json(), key=key, default=None)
