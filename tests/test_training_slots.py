"""Training fairness: a server-wide limit on training chunks at once, first come first served,
and never two chunks of one session at the same time (issue 12's T9, issue 13)."""

from __future__ import annotations

import pytest
from test_page_training import TINY_QUERY, click, session

from cnnviz.i18n import t
from ui import training_state as ts


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_one_slot_is_shared_in_arrival_order():
    slots = ts.TrainingSlots(1, clock=Clock())
    assert slots.try_acquire("a")
    assert not slots.try_acquire("a")  # the same session cannot run a second chunk at once
    assert not slots.try_acquire("b") and not slots.try_acquire("c")
    assert (slots.position("b"), slots.position("c")) == (1, 2)
    slots.release("a")
    assert not slots.try_acquire("c")  # "b" asked first
    assert not slots.try_acquire("a")  # and "a" queues behind "c"
    assert slots.try_acquire("b") and slots.running == 1
    slots.release("b")
    assert slots.try_acquire("c")
    slots.release("c")
    assert slots.try_acquire("a") and slots.position("a") is None


def test_closed_tabs_lose_their_place_and_two_slots_run_two():
    clock = Clock()
    slots = ts.TrainingSlots(2, stale_seconds=10.0, clock=clock)
    assert slots.try_acquire("a") and slots.try_acquire("b")
    assert not slots.try_acquire("gone") and not slots.try_acquire("c")
    clock.now = 11.0
    slots.release("a")
    assert slots.try_acquire("c")  # "gone" stopped asking 11 s ago
    assert slots.position("gone") is None
    slots.leave("c")
    with pytest.raises(ValueError):
        ts.TrainingSlots(0)


def test_slots_from_the_environment():
    assert ts.slots_from_env({}) == 1
    assert ts.slots_from_env({"CNNVIZ_TRAINING_SLOTS": "3"}) == 3
    for bad in ("0", "-1", "two"):
        with pytest.raises(ValueError, match="CNNVIZ_TRAINING_SLOTS"):
            ts.slots_from_env({"CNNVIZ_TRAINING_SLOTS": bad})


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_busy_server_shows_the_wait_and_trains_when_the_slot_frees(app_test, lang):
    slots = ts.training_slots()
    assert slots.try_acquire("another-student")
    try:
        at = app_test("training", query=TINY_QUERY, lang=lang)
        at.session_state[ts.CHUNK_STEPS_KEY] = 1
        click(at, "training.start")
        live = session(at)
        assert live.running and live.waiting and live.trainer.step == 0
        assert [i.value for i in at.info] == [t("training.status_waiting", lang, position=1)]
        at.run()
        assert live.trainer.step == 0  # still waiting: nothing trains, the page answers
    finally:
        slots.release("another-student")
    at.run()
    assert live.trainer.step == 1 and not live.waiting
    assert t("training.status_waiting", lang, position=1) not in [i.value for i in at.info]
    click(at, "training.pause")
