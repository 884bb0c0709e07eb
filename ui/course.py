"""The course: its lectures in order, the pages of each, and the teacher's ready lesson flows.

This is the one ordered definition of the guided path. The shell builds its page registry and
navigation sections from :data:`LECTURES`, the home page draws the course map from it, every page
ends with Previous / Next links along :func:`path`, and the teacher view lists :data:`FLOWS`.
Adding a page to the course is one :class:`CoursePage` entry in its lecture (plus its strings).

The lecture order follows the course notes (``/work/shared/seeds``: convolution, pooling,
activation functions, classic architectures, parameter learning by backpropagation, visualisation);
training sits between backpropagation and visualisation because the visualisation page looks inside
the trained network.

Text lives in the locales (``cnnviz/i18n/locales/course.py``), by key:

- ``course.lecture.<lecture>`` and ``course.goal.<lecture>``: the lecture's title and one-line goal;
- ``course.try.<stem>``: what the "try this first" link of a page sets up (a question to look at);
- ``course.explain.<stem>``: "what you should now be able to explain", markdown bullets;
- ``course.flow.<flow>`` / ``course.flow.<flow>.<n>``: a lesson flow's title and the question
  to ask the class at step ``n`` (1-based).

Deep links are query strings of the pages' own URL-synced widgets (``ui.urlstate``).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

Params = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class CoursePage:
    """A page in the course: ``pages/<stem>.py``, its sidebar icon, and its "try this first" link."""

    stem: str
    icon: str
    try_first: Params = ()

    @property
    def try_key(self) -> str:
        return f"course.try.{self.stem}"

    @property
    def explain_key(self) -> str:
        return f"course.explain.{self.stem}"


@dataclass(frozen=True)
class Lecture:
    """One lecture of the course and its pages, in the order to work through them."""

    key: str
    pages: tuple[CoursePage, ...]

    @property
    def title_key(self) -> str:
        return f"course.lecture.{self.key}"

    @property
    def goal_key(self) -> str:
        return f"course.goal.{self.key}"


@dataclass(frozen=True)
class FlowStep:
    """One step of a lesson flow: a page opened in presentation mode with these settings."""

    stem: str
    params: Params
    minutes: int


@dataclass(frozen=True)
class LessonFlow:
    """A ready lesson: steps to project, each with a question for the class (``course.flow.<key>.<n>``)."""

    key: str
    steps: tuple[FlowStep, ...]

    @property
    def title_key(self) -> str:
        return f"course.flow.{self.key}"

    def question_key(self, number: int) -> str:
        """The question of step ``number`` (1-based)."""
        return f"course.flow.{self.key}.{number}"

    @property
    def minutes(self) -> int:
        return sum(step.minutes for step in self.steps)


LECTURES = (
    Lecture("convolution", (
        CoursePage("conv_lab", ":material/grid_on:", (("conv.dil", "2"),)),
        CoursePage("why_conv", ":material/lightbulb:", (("why_conv.dims", "2d"),)),
        CoursePage("receptive_field", ":material/center_focus_strong:", (("receptive.stack", "c3, c3"),)),
    )),
    Lecture("pooling", (
        CoursePage("pooling", ":material/compress:", (("pool.mode", "avg"),)),
    )),
    Lecture("activations", (
        CoursePage("activations", ":material/show_chart:", (("act.temperature", "2.0"),)),
    )),
    Lecture("architectures", (
        CoursePage("architectures", ":material/account_tree:", (("arch.net", "lenet5-1998"),)),
        CoursePage("conv_family", ":material/category:", (("family.topic", "bottleneck"),)),
        CoursePage("transposed_conv", ":material/open_in_full:",
                   (("transposed.input", "ones"), ("transposed.weights", "ones"), ("transposed.size", "3"),
                    ("transposed.kernel", "3"), ("transposed.stride", "2"))),
    )),
    Lecture("backprop", (
        CoursePage("backprop", ":material/swap_vert:", (("backprop.section", "conv"),)),
    )),
    Lecture("training", (
        CoursePage("training", ":material/model_training:",
                   (("training.activation", "sigmoid"), ("training.optimizer", "sgd"), ("training.lr", "0.1"),
                    ("training.epochs", "3"))),
    )),
    Lecture("visualisation", (
        CoursePage("inside", ":material/visibility:", (("inside.method", "gradcam"),)),
    )),
    Lecture("applications", (
        CoursePage("history", ":material/history_edu:", (("history.focus", "resnet"),)),
    )),
)
"""The course, in order."""

FLOWS = (
    LessonFlow("convolution", (
        FlowStep("conv_lab", (), 10),
        FlowStep("conv_lab", (("conv.dil", "2"),), 10),
        FlowStep("why_conv", (), 10),
        FlowStep("receptive_field", (("receptive.stack", "c3, c3"),), 15),
    )),
    LessonFlow("pooling_activations", (
        FlowStep("pooling", (("pool.preset", "course6"),), 10),
        FlowStep("pooling", (("pool.mode", "avg"),), 5),
        FlowStep("activations", (), 15),
        FlowStep("activations", (("act.temperature", "2.0"),), 15),
    )),
    LessonFlow("architectures", (
        FlowStep("architectures", (("arch.net", "lenet5-1998"),), 10),
        FlowStep("architectures", (("arch.net", "alexnet"),), 10),
        FlowStep("conv_family", (("family.topic", "bottleneck"),), 15),
        FlowStep("transposed_conv", (("transposed.input", "ones"), ("transposed.weights", "ones"),
                                     ("transposed.size", "3"), ("transposed.kernel", "3"),
                                     ("transposed.stride", "2")), 10),
    )),
    LessonFlow("learning", (
        FlowStep("backprop", (), 10),
        FlowStep("training", (), 15),
        FlowStep("training", (("training.activation", "sigmoid"), ("training.optimizer", "sgd"),
                              ("training.lr", "0.1"), ("training.epochs", "3")), 10),
        FlowStep("inside", (("inside.method", "gradcam"),), 10),
    )),
)
"""Four 45-minute lessons for a projector, in course order."""


def course_pages() -> tuple[CoursePage, ...]:
    """Every course page, in course order."""
    return tuple(page for lecture in LECTURES for page in lecture.pages)


def lecture_of(stem: str) -> Lecture | None:
    """The lecture that contains the page ``stem``, else None."""
    for lecture in LECTURES:
        if any(page.stem == stem for page in lecture.pages):
            return lecture
    return None


def path(start: str = "home") -> tuple[str, ...]:
    """The guided path: ``start`` (the course map), then every course page in order."""
    return (start,) + tuple(page.stem for page in course_pages())


def neighbours(stem: str, stems: tuple[str, ...] | list[str]) -> tuple[str | None, str | None]:
    """The pages before and after ``stem`` on the path ``stems`` (None at the ends or if absent)."""
    stems = list(stems)
    if stem not in stems:
        return None, None
    at = stems.index(stem)
    return (stems[at - 1] if at > 0 else None), (stems[at + 1] if at + 1 < len(stems) else None)


def link(stem: str, params: Params = (), *, lang: str | None = None, present: bool = False) -> str:
    """A relative URL of the page ``stem`` with ``params`` (and language / presentation mode).

    Relative (``conv_lab?conv.dil=2``), so it works whatever address or base path serves the app.
    """
    query = list(params)
    if lang:
        query.append(("lang", lang))
    if present:
        query.append(("present", "1"))
    return stem + (f"?{urlencode(query)}" if query else "")
