"""Training lab: train a CNN live, with lessons as one-click presets, and save/load the model.

Options (sidebar, all URL-synced) → ``TrainConfig`` → :func:`ui.training_state.sync` gives this
session's trainer(s). While running, an ``st.fragment(run_every=RUN_EVERY)`` trains for about
``CHUNK_SECONDS`` per run and redraws the dashboard; when paused the fragment has no timer.
"""

import numpy as np
import streamlit as st

from cnnviz.figures import training as figs
from cnnviz.lessons import quizzes
from cnnviz.train import ACTIVATIONS, DATASETS, MODELS, POOLINGS, TrainConfig, lessons, model_file
from cnnviz.train.augment import augment_batch
from ui import quiz, restart
from ui import training_state as ts
from ui.literal import literal
from ui.shell import intro, page_context
from ui.urlstate import show_url_notices, url_number, url_select, url_slider, url_toggle

ctx = page_context("training")
show_url_notices(ctx)
restart.lost_state_notice(ctx, "training")

LR_CHOICES = (0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0)
WEIGHT_DECAY_CHOICES = (0.0, 0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1)
MOMENTUM_CHOICES = (0.5, 0.8, 0.9, 0.95, 0.99)
BATCH_CHOICES = (8, 16, 32, 64, 128, 256)
TRAIN_SIZE_CHOICES = (0, 100, 200, 500, 1000, 2000)
FILTER_CHOICES = (1, 2, 4, 8, 16, 32)
KERNEL_CHOICES = (1, 3, 5, 7)
DROPOUT_CHOICES = (0.0, 0.1, 0.25, 0.5)
VAL_SIZE_CHOICES = (0, 500, 1000)
OPTIMIZER_CHOICES = ("sgd", "momentum", "adam")
CHART_CONFIG = {"displaylogo": False}
DEFAULTS = TrainConfig()


def with_current(key: str, choices: tuple) -> list:
    """``choices`` plus the default and the value the option holds now (e.g. a loaded model's)."""
    extra = {getattr(DEFAULTS, key.removeprefix("training."))}
    current = st.session_state.get(key)
    if isinstance(current, type(choices[-1])) and not isinstance(current, bool):
        extra.add(current)
    return sorted(set(choices) | extra)


def label(prefix: str):
    return lambda value: ctx.t(f"{prefix}.{value}")


def read_options(disabled: bool) -> TrainConfig:
    """Every training option as a URL-synced widget; returns the config they describe."""
    key = ts.option_key
    st.subheader(ctx.t("training.opt.network"))
    model = url_select(key("model"), ctx.t("training.opt.model"), MODELS, DEFAULTS.model,
                       format_func=label("training.opt.model"), horizontal=True, disabled=disabled)
    activation = url_select(key("activation"), ctx.t("training.opt.activation"), ACTIVATIONS, DEFAULTS.activation,
                            format_func=label("training.opt.activation"), horizontal=True, disabled=disabled)
    pooling = url_select(key("pooling"), ctx.t("training.opt.pooling"), POOLINGS, DEFAULTS.pooling,
                         format_func=label("training.opt.pooling"), horizontal=True, disabled=disabled)
    small = {}
    if model == "deep":
        small["depth"] = url_slider(key("depth"), ctx.t("training.opt.depth"), 2, 20, DEFAULTS.depth, step=2,
                                    disabled=disabled)
        small["residual"] = url_toggle(key("residual"), ctx.t("training.opt.residual"), DEFAULTS.residual,
                                       disabled=disabled)
        small["filters"] = url_select(key("filters"), ctx.t("training.opt.filters"),
                                      with_current(key("filters"), FILTER_CHOICES), DEFAULTS.filters,
                                      horizontal=True, disabled=disabled)
    if model != "lenet5":
        small["batchnorm"] = url_toggle(key("batchnorm"), ctx.t("training.opt.batchnorm"), DEFAULTS.batchnorm,
                                        disabled=disabled)
    if model == "small":
        small["conv_blocks"] = url_slider(key("conv_blocks"), ctx.t("training.opt.conv_blocks"), 1, 3,
                                          DEFAULTS.conv_blocks, disabled=disabled)
        small["filters"] = url_select(key("filters"), ctx.t("training.opt.filters"),
                                      with_current(key("filters"), FILTER_CHOICES), DEFAULTS.filters,
                                      horizontal=True, disabled=disabled)
        small["kernel_size"] = url_select(key("kernel_size"), ctx.t("training.opt.kernel_size"), KERNEL_CHOICES,
                                          DEFAULTS.kernel_size, format_func=lambda k: f"{k}×{k}", horizontal=True,
                                          disabled=disabled)
    st.subheader(ctx.t("training.opt.data_optim"))
    dataset = url_select(key("dataset"), ctx.t("training.opt.dataset"), DATASETS, DEFAULTS.dataset,
                         format_func=label("training.opt.dataset"), horizontal=True,
                         help=ctx.t("training.opt.dataset_help"), disabled=disabled)
    full = len(ts.cached_dataset(dataset, 0).y_train)
    train_size = url_select(key("train_size"), ctx.t("training.opt.train_size"),
                            with_current(key("train_size"), TRAIN_SIZE_CHOICES), 0,
                            format_func=lambda n: ctx.t("training.opt.train_size_all", n=f"{full:,}") if n == 0
                            else f"{n:,}", disabled=disabled)
    optimizer = url_select(key("optimizer"), ctx.t("training.opt.optimizer"), OPTIMIZER_CHOICES, DEFAULTS.optimizer,
                           format_func=label("training.opt.optimizer"), horizontal=True, disabled=disabled)
    momentum = DEFAULTS.momentum
    if optimizer == "momentum":
        momentum = url_select(key("momentum"), ctx.t("training.opt.momentum"),
                              with_current(key("momentum"), MOMENTUM_CHOICES), DEFAULTS.momentum, horizontal=True,
                              disabled=disabled)
    lr = url_select(key("lr"), ctx.t("training.opt.lr"), with_current(key("lr"), LR_CHOICES), DEFAULTS.lr,
                    format_func=lambda v: f"{v:g}", disabled=disabled)
    weight_decay = url_select(key("weight_decay"), ctx.t("training.opt.weight_decay"),
                              with_current(key("weight_decay"), WEIGHT_DECAY_CHOICES), DEFAULTS.weight_decay,
                              format_func=lambda v: f"{v:g}", help=ctx.t("training.opt.weight_decay_help"),
                              disabled=disabled)
    batch_size = url_select(key("batch_size"), ctx.t("training.opt.batch_size"),
                            with_current(key("batch_size"), BATCH_CHOICES), DEFAULTS.batch_size, horizontal=True,
                            disabled=disabled)
    current_epochs = st.session_state.get(key("epochs"), 0)
    epochs = url_slider(key("epochs"), ctx.t("training.opt.epochs"), 1,
                        max(50, current_epochs if isinstance(current_epochs, int) else 0), DEFAULTS.epochs,
                        disabled=disabled)
    seed = url_number(key("seed"), ctx.t("training.opt.seed"), 0, 9999, DEFAULTS.seed,
                      help=ctx.t("training.opt.seed_help"), disabled=disabled)
    st.subheader(ctx.t("training.opt.regularise"))
    dropout = url_select(key("dropout"), ctx.t("training.opt.dropout"),
                         with_current(key("dropout"), DROPOUT_CHOICES), DEFAULTS.dropout,
                         format_func=lambda v: f"{v:g}", horizontal=True, disabled=disabled)
    augment = url_toggle(key("augment"), ctx.t("training.opt.augment"), DEFAULTS.augment, disabled=disabled)
    val_size = url_select(key("val_size"), ctx.t("training.opt.val_size"),
                          with_current(key("val_size"), VAL_SIZE_CHOICES), DEFAULTS.val_size,
                          format_func=lambda n: f"{n:,}", horizontal=True, disabled=disabled)
    return TrainConfig(model=model, activation=activation, pooling=pooling, dataset=dataset, train_size=train_size,
                       optimizer=optimizer, lr=lr, weight_decay=weight_decay, momentum=momentum,
                       batch_size=batch_size, epochs=epochs, seed=seed, dropout=dropout, augment=augment,
                       val_size=val_size, **small)


def summary_text(session) -> str:
    trainer = session.trainer
    cfg = trainer.config
    names = {"activation": ctx.t(f"training.opt.activation.{cfg.activation}"),
             "pooling": ctx.t(f"training.opt.pooling.{cfg.pooling}")}
    if cfg.model == "lenet5":
        model = ctx.t("training.model_lenet5", **names)
    elif cfg.model == "deep":
        model = ctx.t("training.model_deep", depth=cfg.depth, filters=cfg.filters, activation=names["activation"],
                      residual=ctx.t("training.model_deep_residual") if cfg.residual else "")
    else:
        model = ctx.t("training.model_small", blocks=cfg.conv_blocks, k=cfg.kernel_size, filters=cfg.filters, **names)
    return ctx.t("training.summary", model=model, params=f"{trainer.model.parameter_count():,}",
                 optimizer=ctx.t(f"training.opt.optimizer.{cfg.optimizer}"), lr=f"{cfg.lr:g}",
                 wd=f"{cfg.weight_decay:g}", batch=cfg.batch_size, batches=trainer.batches_per_epoch,
                 images=f"{len(trainer.dataset.y_train):,}")


def format_eta(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"


def percent(value) -> str:
    return f"{value * 100:.1f} %"


# ---------------------------------------------------------------------------------------------
# options, lessons, controls (redrawn on full reruns only)
# ---------------------------------------------------------------------------------------------

previous = ts.get_session()
locked = previous is not None and previous.running
with st.sidebar:
    st.divider()
    if ctx.presentation:
        with st.expander(ctx.t("training.options_header"), icon=":material/tune:"):
            if locked:
                st.caption(ctx.t("training.options_locked"))
            config = read_options(locked)
    else:
        st.header(ctx.t("training.options_header"))
        if locked:
            st.caption(ctx.t("training.options_locked"))
        config = read_options(locked)

session = ts.sync(config)
restart.mark_held(session.trainer.step > 0 or session.loaded_name is not None)
lesson = lessons.get_lesson(session.lesson) if session.lesson else None

st.title(ctx.t("training.title"))
if not ctx.presentation:
    intro(ctx, ctx.t("training.intro"))
# Projected or embedded, the page is the page alone: the controls and the live curves come first
# (the first screen at 1280 × 720 shows them), the quiz and the lessons follow the dashboard.
page_only = ctx.presentation or ctx.embed


def teaching() -> None:
    """The "predict first" question, the lessons (one-click presets) and the active lesson's note."""
    quiz.ask(quiz.slot("training"), ctx, lambda seed: quizzes.training_question(seed=seed),
             on_check=lambda question: ts.apply_lesson(question.fields["lesson"]))
    if page_only:  # lessons folded
        lesson_box = st.expander(ctx.t("training.lessons_header"), icon=":material/school:")
        lesson_box.caption(ctx.t("training.lessons_hint"))
    else:
        lesson_box = st.container()
        lesson_box.markdown(f"**{ctx.t('training.lessons_header')}** · {ctx.t('training.lessons_hint')}")
    per_row = 3 if page_only else 5
    for start in range(0, len(lessons.LESSONS), per_row):
        row = lessons.LESSONS[start:start + per_row]
        for column, item in zip(lesson_box.columns(per_row), row):
            column.button(ctx.t(item.title_key), key=f"training.lesson_button.{item.name}",
                          on_click=ts.apply_lesson, args=(item.name,),
                          type="primary" if lesson is item else "secondary", width="stretch",
                          icon=":material/school:")
    if lesson is not None:
        note = ctx.t(lesson.sentence_key)
        if lesson.compare is not None:
            note += "  \n" + ctx.t("training.compare_note", run=ctx.t(lesson.run_label_key),
                                   compare=ctx.t(lesson.compare_label_key))
        st.info(f"**{ctx.t('training.lesson_active', title=ctx.t(lesson.title_key))}** — {note}",
                icon=":material/school:")


if not page_only:
    teaching()
if ts.options_changed(session, config):
    st.info(ctx.t("training.options_stale"), icon=":material/tune:")

with st.container(border=True):
    widths = [1.3, 1.8, 1.3, 0.1] if page_only else [1.1, 1.4, 1.0, 5.0]
    controls = st.columns(widths, vertical_alignment="center")
    if session.running:
        controls[0].button(ctx.t("training.pause"), key="training.pause", on_click=ts.pause, type="primary",
                           icon=":material/pause:", width="stretch")
    else:
        controls[0].button(ctx.t("training.resume" if session.trainer.step else "training.start"),
                           key="training.start", on_click=ts.start, type="primary", icon=":material/play_arrow:",
                           disabled=session.finished, width="stretch")
    controls[1].button(ctx.t("training.step"), key="training.step", on_click=ts.step_once,
                       icon=":material/skip_next:", disabled=session.running or session.finished, width="stretch")
    controls[2].button(ctx.t("training.reset"), key="training.reset", on_click=ts.reset,
                       icon=":material/restart_alt:", width="stretch")
    (st if page_only else controls[3]).caption(summary_text(session))


# ---------------------------------------------------------------------------------------------
# the live dashboard
# ---------------------------------------------------------------------------------------------

def status_line(session) -> None:
    trainer = session.trainer
    epochs = trainer.config.epochs
    fraction = min(trainer.step / trainer.total_steps, 1.0) if trainer.total_steps else 0.0
    parts = [ctx.t("training.progress", epoch=min(trainer.epoch + 1, epochs), epochs=epochs, step=trainer.step,
                   total=trainer.total_steps)]
    if trainer.step:
        parts.append(ctx.t("training.progress_speed", speed=f"{trainer.images_per_s:,.0f}"))
    if session.eta is not None and not trainer.finished:
        parts.append(ctx.t("training.progress_eta", eta=format_eta(session.eta)))
    st.progress(fraction, text=" · ".join(parts))
    if session.diverged is not None:
        st.error(figs.divergence_text(session.diverged, ctx.lang), icon=":material/warning:")
    elif session.running and session.waiting:
        position = ts.training_slots().position(session.run_id)
        st.info(ctx.t("training.status_waiting", position=position or 1), icon=":material/hourglass_top:")
    elif trainer.stalled is not None:  # the loss stopped being meaningful: say why, from the settings
        st.warning(figs.stall_text(trainer.stalled, trainer.config, trainer.dataset.classes, ctx.lang, trainer.step),
                   icon=":material/trending_flat:")
    elif session.running:
        st.caption(ctx.t("training.status_running"))
    elif trainer.finished and trainer.history["test_accuracy"]:
        st.success(ctx.t("training.status_done", acc=percent(trainer.history["test_accuracy"][-1])),
                   icon=":material/check_circle:")
    elif session.loaded_name and trainer.step == 0:
        st.success(ctx.t("training.status_loaded", name=literal(session.loaded_name)), icon=":material/upload_file:")
    elif trainer.step:
        st.caption(ctx.t("training.status_paused"))
    else:
        st.caption(ctx.t("training.status_ready"))


def metrics_row(session) -> None:
    history = session.trainer.history
    evaluation = session.evaluations[0]
    test_acc = history["test_accuracy"]
    train_acc = history["train_accuracy"]
    values = [
        (ctx.t("training.metric_test_acc"),
         percent(test_acc[-1]) if test_acc else (percent(evaluation.test_accuracy) if evaluation else "—"),
         f"{(test_acc[-1] - test_acc[-2]) * 100:+.1f}" if len(test_acc) > 1 else None, None),
        (ctx.t("training.metric_train_acc"), percent(train_acc[-1]) if train_acc else "—",
         f"{(train_acc[-1] - train_acc[-2]) * 100:+.1f}" if len(train_acc) > 1 else None, None),
        (ctx.t("training.metric_gap"), f"{(train_acc[-1] - test_acc[-1]) * 100:.1f}" if test_acc else "—", None,
         ctx.t("training.metric_gap_help")),
        (ctx.t("training.metric_test_loss"),
         f"{history['test_loss'][-1]:.3f}" if history["test_loss"] else
         (f"{evaluation.test_loss:.3f}" if evaluation else "—"), None, None),
        (ctx.t("training.metric_batch_loss"), f"{history['loss'][-1]:.3f}" if history["loss"] else "—", None, None),
    ]
    if ctx.presentation:
        values = values[:3]
    for column, (name, value, delta, help_text) in zip(st.columns(len(values)), values):
        column.metric(name, value, delta, help=help_text, border=True)


def curves(session) -> None:
    runs = [figs.CurveRun(session.trainer.history, session.trainer.batches_per_epoch,
                          ctx.t(lesson.run_label_key) if lesson and lesson.compare else None)]
    if session.compare is not None:
        runs.append(figs.CurveRun(session.compare.history, session.compare.batches_per_epoch,
                                  ctx.t(lesson.compare_label_key)))
    figure = figs.curves_figure(runs, session.trainer.config.epochs, lang=ctx.lang, presentation=ctx.presentation)
    ts.live_chart(figure, key="training.chart.curves")


def inside(session) -> None:
    trainer = session.trainer
    data = trainer.dataset
    names = figs.class_names(data.class_keys, ctx.lang)
    left, right = st.columns([1, 2.3] if not ctx.presentation else [1, 2])
    with left:
        first_conv = next(layer for layer in trainer.model if "weight" in layer.params)
        ts.live_chart(figs.filters_figure(first_conv.params["weight"], lang=ctx.lang, presentation=ctx.presentation),
                      key="training.chart.filters")
        if not ctx.presentation:
            st.caption(ctx.t("training.filters_caption"))
    with right:
        label_index = url_select("training.probe", ctx.t("training.probe_label"), list(range(data.classes)), 0,
                                 format_func=names.__getitem__, horizontal=True)
        index = lessons.probe_index(data.y_test, label_index)
        view = lessons.probe_view(trainer.model, data.x_test[index])
        ts.live_chart(figs.probe_figure(view.image, view.stages, view.probabilities, names, label_index,
                                        activation=trainer.config.activation, lang=ctx.lang,
                                        presentation=ctx.presentation),
                      key="training.chart.probe")
        if not ctx.presentation:
            st.caption(ctx.t("training.probe_caption"))


def weights(session) -> None:
    stats = lessons.layer_stats(session.trainer.model)
    left, right = st.columns([2.4, 1])
    with left:
        ts.live_chart(figs.histograms_figure(stats, lang=ctx.lang, presentation=ctx.presentation),
                      key="training.chart.histograms")
    runs = [(ctx.t(lesson.run_label_key) if lesson and lesson.compare else None, stats)]
    if session.compare is not None:
        runs.append((ctx.t(lesson.compare_label_key), lessons.layer_stats(session.compare.model)))
    with right:
        ts.live_chart(figs.gradient_scale_figure(runs, lang=ctx.lang, presentation=ctx.presentation),
                      key="training.chart.grad_scale")


def per_epoch(session) -> None:
    evaluation = session.evaluations[0]
    if evaluation is None:
        st.caption(ctx.t("training.epoch_wait"))
        return
    data = session.trainer.dataset
    names = lessons.class_symbols(data.class_keys)
    st.subheader(ctx.t("training.section_epoch", epoch=evaluation.epoch) if evaluation.epoch
                 else ctx.t("training.section_loaded_eval"))
    left, right = st.columns([1, 1.5])
    left.plotly_chart(figs.confusion_figure(evaluation.confusion, names, lang=ctx.lang,
                                            presentation=ctx.presentation),
                      key="training.chart.confusion", config=CHART_CONFIG)
    wrong = evaluation.misclassified
    right.plotly_chart(figs.misclassified_figure(data.x_test[wrong, 0], data.y_test[wrong], evaluation.predicted,
                                                 names, lang=ctx.lang, presentation=ctx.presentation,
                                                 max_images=18 if ctx.presentation else 24),
                       key="training.chart.misclassified", config=CHART_CONFIG)


@st.fragment(run_every=ts.RUN_EVERY if session.running else None)
def dashboard() -> None:
    live = ts.get_session()
    if live is None:  # defensive: a full run always builds the session before this fragment
        return
    ended = ts.advance(live)
    with st.container(key="training_live"):
        show_dashboard(live)
    if ended:
        st.rerun()  # redraw the controls and drop the fragment's timer


def lesson_after(live) -> None:
    """What the lesson's run showed, once it is over (a lesson never tells the result before)."""
    if lesson is None or lesson.after_key is None or not live.trainer.finished or live.diverged is not None:
        return
    st.success(f"**{ctx.t('training.lesson_after')}** — {ctx.t(lesson.after_key)}", icon=":material/visibility:")


def augment_strip(live) -> None:
    """A strip of random augmented versions of one training image (the same ones for every redraw)."""
    data = live.trainer.dataset
    image = data.x_train[:1]
    rng = np.random.default_rng([live.trainer.config.seed, 7])
    versions = augment_batch(np.repeat(image, 8, axis=0), rng)
    st.plotly_chart(figs.augment_strip_figure(image[0, 0], versions[:, 0], lang=ctx.lang,
                                              presentation=ctx.presentation),
                    key="training.chart.augment_strip", config=CHART_CONFIG)
    st.caption(ctx.t("training.augment_strip"))


def show_dashboard(live) -> None:
    status_line(live)
    if page_only:  # the curves first, right under the controls; then the numbers
        curves(live)
        lesson_after(live)
        metrics_row(live)
    else:
        lesson_after(live)
        metrics_row(live)
        st.subheader(ctx.t("training.section_curves"))
        curves(live)
    if live.trainer.config.augment:
        augment_strip(live)
    st.subheader(ctx.t("training.section_inside"))
    inside(live)
    st.subheader(ctx.t("training.section_weights"))
    weights(live)
    per_epoch(live)
    if not ctx.presentation and live.last_chunk_steps:
        rate = live.refresh_rate
        st.caption(ctx.t("training.chunk_stats", steps=live.last_chunk_steps,
                         seconds=f"{live.last_chunk_seconds:.2f}", rate="—" if rate is None else f"{rate:.1f}"))


# While a fragment reruns, Streamlit fades its previous output after 0.5 s; at two redraws a
# second that fading would make the live dashboard flicker, so it is switched off here.
st.html("<style>.st-key-training_live [data-stale='true'] { opacity: 1 !important; transition: none !important; }"
        "</style>")
dashboard()
if page_only:
    teaching()


# ---------------------------------------------------------------------------------------------
# save and load (full reruns only)
# ---------------------------------------------------------------------------------------------

st.subheader(ctx.t("training.save_header"))
save_column, load_column = st.columns(2)
with save_column:
    if session.running:
        st.button(ctx.t("training.save_button"), key="training.save_disabled", disabled=True,
                  icon=":material/download:")
        st.caption(ctx.t("training.save_paused_only"))
    elif not session.started:
        st.button(ctx.t("training.save_button"), key="training.save_disabled", disabled=True,
                  icon=":material/download:")
        st.caption(ctx.t("training.save_nothing"))
    else:
        trainer = session.trainer
        st.download_button(ctx.t("training.save_button"),
                           data=model_file.model_saver(trainer.model, trainer.config, trainer.dataset.x_train.shape[1:],
                                                    trainer.dataset.classes),
                           file_name=model_file.model_file_name(trainer.config, trainer.step),
                           mime="application/octet-stream", key="training.save", on_click="ignore",
                           icon=":material/download:", type="primary")
    st.caption(ctx.t("training.shared_note"))
with load_column:
    st.file_uploader(ctx.t("training.load_label"), type=["npz"], key=ts.UPLOAD_KEY, on_change=ts.load_upload)
    problem = st.session_state.get(ts.LOAD_PROBLEM_KEY)
    if problem is not None:
        uploaded = st.session_state.get(ts.UPLOAD_KEY)
        st.error(ctx.t("training.load_failed", name=literal(uploaded.name if uploaded is not None else "?"),
                       reason=ctx.t(problem)), icon=":material/error:")
