"""The Training page under AppTest: start, pause, step, reset, lessons, divergence, save and load.

AppTest reruns the whole script even for fragments, and every script run while training runs one
chunk. Tests set the per-session step budget ``training.chunk_steps`` to 1 so that each run
advances exactly one step, and train tiny networks on the synthetic shapes.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from conftest import plotly_specs

from cnnviz.figures import training as training_text
from cnnviz.i18n import t
from cnnviz.train import TrainConfig, Trainer, build_model, lessons, model_file, normalize_config
from ui import training_state as ts

TINY_QUERY = {"training.model": "small", "training.dataset": "shapes", "training.conv_blocks": 1,
              "training.filters": 2, "training.train_size": 100, "training.batch_size": 32, "training.epochs": 2}
TINY = TrainConfig(model="small", dataset="shapes", conv_blocks=1, filters=2, train_size=100, batch_size=32,
                   epochs=2)


def live_specs(at) -> dict[str, dict]:
    """The figure of every live chart, by its key (``"training.chart.curves"`` ...)."""
    found = {}
    for element in at.get("component_instance"):
        if element.proto.component_name.endswith(ts.LIVE_COMPONENT_NAME):
            args = json.loads(element.proto.json_args)
            found[args["key"]] = json.loads(args["spec"])
    return found


def annotations(figure: dict) -> list[str]:
    return [a["text"] for a in figure["layout"].get("annotations", [])]


def session(at) -> ts.TrainingSession:
    return at.session_state[ts.SESSION_KEY]


def click(at, key: str):
    at.button(key=key).click().run()
    assert not at.exception, at.exception
    return at


def texts(at, kind: str) -> list[str]:
    return [element.value for element in at.get(kind)]


def test_page_opens_ready_with_lenet5_and_empty_charts(app_test):
    at = app_test("training")
    assert not at.exception
    assert at.title[0].value == t("training.title", "en")
    labels = [button.label for button in at.button]
    for name in lessons.LESSON_NAMES:
        assert t(f"training.lesson.{name}", "en") in labels
    assert at.button(key="training.start").label == t("training.start", "en")
    assert "61,706 parameters" in " ".join(texts(at, "caption"))
    charts = live_specs(at)
    assert set(charts) == {"training.chart.curves", "training.chart.filters", "training.chart.probe",
                           "training.chart.histograms", "training.chart.grad_scale"}
    assert f"{t('training.fig.no_steps', 'en')}" in annotations(charts["training.chart.curves"])
    filters = charts["training.chart.filters"]
    assert "<b>First-layer filters: 6 × 5×5</b>" in annotations(filters)
    assert t("training.epoch_wait", "en") in texts(at, "caption")
    assert t("training.save_nothing", "en") in texts(at, "caption")
    assert at.radio(key="training.probe").options == [str(d) for d in range(10)]
    assert ts.SHARED_MODEL_KEY not in at.session_state
    assert session(at).config == normalize_config(TrainConfig())


def test_deep_link_sets_every_option(app_test):
    at = app_test("training", query={**TINY_QUERY, "training.optimizer": "momentum", "training.momentum": 0.8,
                                     "training.lr": 0.01, "training.weight_decay": 0.001, "training.seed": 7,
                                     "training.kernel_size": 5, "training.activation": "tanh",
                                     "training.pooling": "avg"})
    assert not at.exception
    expected = TrainConfig(model="small", dataset="shapes", conv_blocks=1, filters=2, kernel_size=5,
                           activation="tanh", pooling="avg", train_size=100, batch_size=32, epochs=2,
                           optimizer="momentum", momentum=0.8, lr=0.01, weight_decay=0.001, seed=7)
    assert session(at).config == expected
    assert "small CNN (1 × conv 5×5, 2 filters, tanh, average pooling)" in " ".join(texts(at, "caption"))
    assert at.radio(key="training.probe").options == [t(k, "en") for k in session(at).trainer.dataset.class_keys]


def test_pacing_comes_from_the_environment():
    assert ts.pacing_from_env({}) == ts.Pacing(ts.CHUNK_STEPS, ts.CHUNK_SECONDS) == ts.Pacing(200, 0.2)
    assert ts.pacing_from_env({"CNNVIZ_CHUNK_STEPS": "4"}) == ts.Pacing(4, None)  # steps only
    assert ts.pacing_from_env({"CNNVIZ_CHUNK_STEPS": " 4 ", "CNNVIZ_CHUNK_SECONDS": "0.5"}) == ts.Pacing(4, 0.5)
    assert ts.pacing_from_env({"CNNVIZ_CHUNK_SECONDS": "None"}) == ts.Pacing(200, None)
    assert ts.pacing_from_env({"CNNVIZ_CHUNK_STEPS": "", "CNNVIZ_CHUNK_SECONDS": ""}) == ts.Pacing(200, 0.2)
    for bad in ["0", "-1", "2.5", "four"]:
        with pytest.raises(ValueError, match="CNNVIZ_CHUNK_STEPS must be a whole number ≥ 1, got"):
            ts.pacing_from_env({"CNNVIZ_CHUNK_STEPS": bad})
    for bad in ["0", "-1", "nan", "inf", "soon"]:
        with pytest.raises(ValueError, match="CNNVIZ_CHUNK_SECONDS must be a number of seconds > 0 or 'none'"):
            ts.pacing_from_env({"CNNVIZ_CHUNK_SECONDS": bad})


def test_chunk_budget_stretches_so_training_keeps_its_share_of_a_slow_page():
    assert ts.chunk_seconds(None, 0.5) is None  # a test server paces by steps only
    assert ts.chunk_seconds(0.2, None) == 0.2  # first chunk after Start: no gap measured yet
    assert ts.chunk_seconds(0.2, 0.05) == 0.2  # drawing is quick: the base budget already trains ≥ 75 %
    assert ts.chunk_seconds(0.2, 0.1) == pytest.approx(0.3)  # 0.3 / (0.3 + 0.1) = 75 %
    assert ts.chunk_seconds(0.2, 0.5) == ts.MAX_CHUNK_SECONDS == 1.0  # capped: the charts still move each second
    assert ts.chunk_seconds(0.2, ts.MAX_GAP_SECONDS + 1) == 0.2  # a pause is not a slow page
    share = ts.chunk_seconds(0.2, 0.2) / (ts.chunk_seconds(0.2, 0.2) + 0.2)
    assert share == pytest.approx(ts.TRAIN_SHARE) and share >= 0.7


def test_a_steps_only_pacing_advances_each_run_by_exactly_that_many_steps(app_test, monkeypatch):
    monkeypatch.setattr(ts, "PACING", ts.Pacing(3, None))
    at = app_test("training", query=TINY_QUERY)  # 100 images / 32 = 4 batches × 2 epochs = 8 steps
    click(at, "training.start")
    live = session(at)
    assert live.running and live.trainer.step == 3 and live.last_chunk_steps == 3
    at.run()
    assert live.running and live.trainer.step == 6
    at.run()  # the last chunk stops where the run ends
    assert not live.running and live.finished and live.trainer.step == 8 and live.last_chunk_steps == 2


def test_start_pause_step_and_reset(app_test):
    at = app_test("training", query=TINY_QUERY)
    at.session_state[ts.CHUNK_STEPS_KEY] = 1
    click(at, "training.start")
    live = session(at)
    assert live.running and live.trainer.step == 1
    assert at.radio(key="training.model").disabled  # options are locked while training
    assert at.button(key="training.pause").label == t("training.pause", "en")
    at.run()  # the fragment's next run: one more chunk
    assert live.trainer.step == 2
    click(at, "training.pause")
    assert not live.running and live.trainer.step == 2
    at.run()
    assert live.trainer.step == 2  # paused: reruns do not train
    assert at.button(key="training.start").label == t("training.resume", "en")
    click(at, "training.step")
    click(at, "training.step")
    assert live.trainer.step == 4 and live.trainer.epoch == 1  # 100 images / 32 = 4 batches: epoch 1 is done
    # the shared slot holds the live model for the other pages
    model, config = at.session_state[ts.SHARED_MODEL_KEY]
    assert model is live.trainer.model and config == TINY
    assert at.session_state[ts.SHARED_MODEL_ID_KEY] == f"{live.run_id}:4"
    # after the epoch: confusion matrix over all 700 held-out shapes and the misclassified ones
    confusion, misclassified = plotly_specs(at)
    counts = np.array(confusion["data"][0]["text"], dtype=int)
    assert counts.sum() == 700 and np.array_equal(counts, live.evaluations[0].confusion)
    assert any(s.value == t("training.section_epoch", "en", epoch=1) for s in at.subheader)
    wrong = [text for text in annotations(misclassified) if "→" in text and not text.startswith("<b>")]
    assert len(wrong) == min(24, len(live.evaluations[0].misclassified))
    held_out = live.trainer.history["test_accuracy"][-1]
    assert at.metric[0].value == f"{held_out * 100:.1f} %"
    curves = live_specs(at)["training.chart.curves"]
    assert len(curves["data"][0]["y"]["bdata"]) > 0
    assert at.get("download_button")[0].label == t("training.save_button", "en")
    click(at, "training.reset")
    assert session(at) is not live and session(at).trainer.step == 0
    assert ts.SHARED_MODEL_KEY not in at.session_state


def test_training_runs_to_the_end_and_reports_the_accuracy(app_test):
    at = app_test("training", query=TINY_QUERY)
    click(at, "training.start")
    for _ in range(20):
        if session(at).finished:
            break
        at.run()
    live = session(at)
    assert live.finished and not live.running and live.trainer.step == 8
    accuracy = live.trainer.history["test_accuracy"][-1]
    assert t("training.status_done", "en", acc=f"{accuracy * 100:.1f} %") in texts(at, "success")
    assert at.button(key="training.start").disabled
    held_out = [trace for trace in live_specs(at)["training.chart.curves"]["data"]
                if trace["name"] == t("training.fig.test", "en") and trace["yaxis"] == "y2"][0]
    assert held_out["x"]["bdata"]  # two epochs plotted
    assert json.loads(json.dumps(held_out["x"]))  # JSON-serialisable


def test_lesson_preset_sets_the_options_and_trains_both_runs(app_test):
    at = app_test("training")
    at.session_state[ts.CHUNK_STEPS_KEY] = 1
    click(at, "training.lesson_button.vanishing")
    live = session(at)
    assert live.lesson == "vanishing" and live.running
    assert at.radio(key="training.activation").value == "sigmoid"
    assert at.radio(key="training.optimizer").value == "sgd"
    assert at.selectbox(key="training.lr").value == 0.1
    assert at.slider(key="training.epochs").value == 3
    assert at.query_params["training.activation"] == "sigmoid"
    assert len(live.trainers) == 2 and live.compare.config.activation == "relu"
    assert live.trainer.step == live.compare.step == 1
    info = " ".join(texts(at, "info"))
    assert t("training.lesson.vanishing.sentence", "en") in info
    charts = live_specs(at)
    names = {trace["name"] for trace in charts["training.chart.curves"]["data"]}
    assert f"{t('training.fig.test', 'en')} · ReLU + SGD" in names
    bars = charts["training.chart.grad_scale"]["data"]
    assert [bar["name"] for bar in bars] == ["sigmoid + SGD", "ReLU + SGD"]
    assert at.button(key="training.lesson_button.vanishing").proto.type == "primary"
    click(at, "training.pause")
    # another lesson replaces the run
    click(at, "training.lesson_button.overfitting")
    live = session(at)
    assert live.lesson == "overfitting" and live.compare is None
    assert len(live.trainer.dataset.y_train) == 200
    assert "200 training images" in " ".join(texts(at, "caption"))


def test_changed_options_apply_after_reset(app_test):
    at = app_test("training", query=TINY_QUERY)
    click(at, "training.step")
    at.slider(key="training.epochs").set_value(3).run()
    assert not at.exception
    assert t("training.options_stale", "en") in texts(at, "info")
    assert session(at).config.epochs == 2 and session(at).trainer.step == 1
    click(at, "training.reset")
    assert session(at).config.epochs == 3
    assert t("training.options_stale", "en") not in texts(at, "info")


def test_divergence_is_explained_and_stops_training(app_test):
    at = app_test("training", query={**TINY_QUERY, "training.filters": 8, "training.lr": 1.0})  # Adam, η = 1: explodes
    click(at, "training.start")
    for _ in range(5):
        if session(at).diverged:
            break
        at.run()
    live = session(at)
    assert live.diverged is not None and not live.running and live.finished
    errors = texts(at, "error")
    assert errors == [training_text.divergence_text(live.diverged, "en")]
    assert "η = 1" in errors[0] and "0.1" in errors[0]
    assert at.button(key="training.start").disabled


def test_load_a_saved_model_and_reject_a_broken_file(app_test):
    data = ts.cached_dataset("shapes", 100)
    trainer = Trainer(TINY, dataset=data)
    lessons.run_chunk([trainer], max_seconds=None, max_steps=4)
    blob = model_file.model_saver(trainer.model, trainer.config, (1, 28, 28), data.classes)()
    at = app_test("training")
    at.file_uploader(key=ts.UPLOAD_KEY).set_value(("tiny.npz", blob, "application/octet-stream")).run()
    assert not at.exception
    live = session(at)
    assert live.loaded_name == "tiny.npz" and live.config == TINY
    assert at.radio(key="training.model").value == "small" and at.radio(key="training.dataset").value == "shapes"
    loaded = live.trainer.model.state_dict()
    assert all(np.array_equal(loaded[k], v) for k, v in trainer.model.state_dict().items())
    assert t("training.status_loaded", "en", name="tiny.npz") in texts(at, "success")
    assert any(s.value == t("training.section_loaded_eval", "en") for s in at.subheader)
    accuracy = live.evaluations[0].test_accuracy
    assert at.metric[0].value == f"{accuracy * 100:.1f} %"
    assert at.session_state[ts.SHARED_MODEL_KEY][0] is live.trainer.model
    at.file_uploader(key=ts.UPLOAD_KEY).set_value(("broken.npz", b"not a model", "application/octet-stream")).run()
    assert not at.exception
    assert session(at) is live  # the current model stays
    reason = t("training.load_err_not_npz", "en")
    assert texts(at, "error") == [t("training.load_failed", "en", name="broken.npz", reason=reason)]


def test_chinese_and_presentation_mode(app_test):
    at = app_test("training", lang="zh", query={"present": 1, **TINY_QUERY})
    assert not at.exception
    assert at.title[0].value == "训练实验室"
    assert at.button(key="training.start").label == "开始"
    assert len(at.metric) == 3  # presentation: fewer numbers, larger
    assert t("training.options_header", "zh") in [e.label for e in at.expander]
    probe = live_specs(at)["training.chart.probe"]
    assert probe["layout"]["font"]["size"] == 20  # presentation: figure text at least 20 px (figures._common.MIN_TEXT_PX)
    assert at.radio(key="training.probe").options[-1] == "圆圈"


def test_choosing_the_probe_image(app_test):
    at = app_test("training")
    at.radio(key="training.probe").set_value(3).run()
    assert not at.exception
    assert at.query_params["training.probe"] == "3"
    probe = live_specs(at)["training.chart.probe"]
    assert any(text == f"<b>{t('training.fig.probe_input', 'en', label='3')}</b>" for text in annotations(probe))


def test_deep_lessons_set_their_options_and_tell_the_result_only_after_the_run(app_test):
    at = app_test("training")
    at.session_state[ts.CHUNK_STEPS_KEY] = 1
    click(at, "training.lesson_button.degradation")
    live = session(at)
    assert live.lesson == "degradation" and live.trainer.step == live.compare.step == 1
    assert at.radio(key="training.model").value == "deep"
    assert at.slider(key="training.depth").value == 12 and at.toggle(key="training.residual").value is False
    assert live.compare.config.residual and not live.trainer.config.residual
    assert t("training.lesson.degradation.after", "en") not in " ".join(texts(at, "success"))  # not before the end
    assert "12 3×3 conv layers" in " ".join(texts(at, "caption"))
    click(at, "training.pause")
    click(at, "training.lesson_button.augmentation")
    live = session(at)
    assert at.toggle(key="training.augment").value is True and at.radio(key="training.val_size").value == 500
    assert len(live.trainer.dataset.y_val) == 500 and len(live.trainer.dataset.y_train) == 200
    assert t("training.augment_strip", "en") in texts(at, "caption")
    strips = [spec for spec in plotly_specs(at) if t("training.fig.original", "en") in annotations(spec)]
    assert len(strips) == 1 and strips[0]["data"][0]["type"] == "heatmap"  # the original and 8 augmented versions


def test_a_finished_run_at_chance_says_why(app_test):
    """Issue 12: a one-epoch run that ends at chance names the likely cause instead of "Finished"."""
    query = {**TINY_QUERY, "training.epochs": 1, "training.activation": "sigmoid", "training.optimizer": "sgd",
             "training.lr": 1.0}
    at = app_test("training", query=query)
    click(at, "training.start")
    for _ in range(10):
        if session(at).trainer.finished:
            break
        at.run()
    trainer = session(at).trainer
    assert trainer.finished and trainer.diverged is None and trainer.stalled == "sigmoid_sgd"
    assert texts(at, "warning") == [training_text.stall_text("sigmoid_sgd", trainer.config, 7, "en", trainer.step)]
    assert "Sigmoid with plain SGD" in texts(at, "warning")[0]
    assert not texts(at, "success")


def _file_with(**changes) -> bytes:
    """A LeNet-5 model file with some of its entries replaced."""
    import io

    blob = model_file.save_model_bytes(build_model(TrainConfig(), (1, 28, 28), 10, np.random.default_rng(0)),
                                       TrainConfig())
    with np.load(io.BytesIO(blob)) as archive:
        arrays = {name: archive[name] for name in archive.files}
    buffer = io.BytesIO()
    np.savez(buffer, **{**arrays, **changes})
    return buffer.getvalue()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_rejected_model_file_is_explained_wholly_in_the_readers_language(app_test, lang):
    from cnnviz.i18n.glossary import stray_english

    at = app_test("training", lang=lang)
    uploads = {  # each value fine, not together: a residual stack of odd depth; a weight of the wrong shape
        "设置.npz": (_file_with(**{"config.residual": np.asarray(True), "config.depth": np.asarray(3)}),
                   t("training.load_err_settings", lang, reason=t("train.residual_depth", lang, depth=3))),
        "权重.npz": (_file_with(**{"0.weight": np.zeros((3, 1, 5, 5), np.float32)}),
                   t("training.load_err_mismatch", lang, detail=t("nn.state_shape", lang, name="0.weight",
                                                                   shape=(3, 1, 5, 5), needed=(6, 1, 5, 5)))),
    }
    for name, (blob, reason) in uploads.items():
        at.file_uploader(key=ts.UPLOAD_KEY).set_value((name, blob, "application/octet-stream")).run()
        assert not at.exception
        shown = texts(at, "error")
        assert shown == [t("training.load_failed", lang, name=name, reason=reason)]
        if lang == "zh":  # no English words besides code names in backticks
            assert stray_english(shown[0]) == [], shown[0]
            assert "`depth`" in shown[0] or "`0.weight`" in shown[0]
        else:
            assert "depth must be even, got 3" in shown[0] or "0.weight has shape (3, 1, 5, 5)" in shown[0]
