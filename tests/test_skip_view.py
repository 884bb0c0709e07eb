"""The skip-connection view of /inside: what each residual block passes on and what it adds."""

import numpy as np

from cnnviz import explain
from cnnviz.i18n import t
from cnnviz.nn import layers as L
from cnnviz.train import TrainConfig, Trainer


def test_residual_flow_reads_both_paths_in_eval_mode():
    rng = np.random.default_rng(0)
    body = L.Sequential(L.Conv2d(1, 1, 3, padding=1, rng=rng, dtype=np.float64), L.Dropout(0.5, rng=rng))
    body[0].params["weight"][:] = 0
    body[0].params["bias"][:] = 0.5
    model = L.Sequential(L.Residual(body), L.Flatten(), L.Linear(16, 2, rng=rng, dtype=np.float64))
    x = rng.standard_normal((1, 1, 4, 4))
    [(name, skip, added)] = explain.residual_flow(model, x)
    assert name == "0"
    np.testing.assert_allclose(skip, np.sqrt(np.mean(x ** 2)))
    np.testing.assert_allclose(added, 0.5)  # dropout off: the body adds exactly its bias
    assert model.training and body[1].training  # modes restored
    assert explain.residual_flow(L.Sequential(L.Flatten(), L.Linear(16, 2, rng=rng)), x) == []


def test_inside_shows_the_skip_view_for_a_residual_model_only(app_test):
    config = TrainConfig(model="deep", depth=4, residual=True, batchnorm=True, epochs=1, train_size=64, batch_size=32)
    trainer = Trainer(config)
    for _ in trainer.events(max_steps=2):
        pass
    at = app_test("inside")
    header = t("inside.skip.header", "en")
    assert header not in [s.value for s in at.subheader]  # the shipped LeNet-5 has no skips
    at.session_state["shared.model"] = (trainer.model, config)
    at.run()
    at.radio(key="inside.model").set_value("trained").run()
    assert not at.exception
    assert header in [s.value for s in at.subheader]
    import json
    spec = next(json.loads(c.proto.spec) for c in at.get("plotly_chart")
                if t("inside.skip.skip", "en") in json.dumps(json.loads(c.proto.spec).get("data", [])))
    assert [trace["x"] for trace in spec["data"]][0] == ["4", "5"]  # the two residual blocks' positions
