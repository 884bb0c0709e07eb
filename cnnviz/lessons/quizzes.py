"""Predict, then reveal: one question per content page, generated from the page's settings.

A :class:`Question` is plain data: a prompt (an i18n key and its fields), the kind of answer, the
correct answer, the worked reasoning (another key and fields) and the ``reveal`` state the page jumps
to so its visual proves the answer (widget keys and values). Generators are pure functions of the
page's current settings and a ``seed`` (0 gives the course's own example where there is one; "another
question" raises the seed), so the same settings with another seed give another exercise.
:func:`parse_answer` reads typed text leniently, :func:`is_correct` checks it. The Streamlit side
is ``ui/quiz.py``; the texts are in ``cnnviz/i18n/locales/quiz.py``.

Every answer is computed by the library's own formulas and operations (``cnnviz.nn.shapes``,
``cnnviz.nn.functional``, the lessons' helpers); nothing here restates a formula.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from cnnviz.lessons import activations as A
from cnnviz.lessons import backprop as B
from cnnviz.lessons import connectivity, convmath
from cnnviz.lessons.pooling import shift_grid
from cnnviz.nn import functional as F
from cnnviz.nn import layers as L
from cnnviz.nn import shapes

KINDS = ("number", "integer", "shape", "choice")
MAX_ANSWER_CHARS = 60


@dataclass(frozen=True)
class Question:
    """One predict-then-reveal question.

    page : the page stem ("conv_lab"); the Streamlit container key is ``quiz_<page>``
    prompt, fields : i18n key of the question and its ``str.format`` fields (plain values)
    kind : "number" (``tolerance``), "integer", "shape" (an ``(h, w)`` pair) or "choice"
    answer : float, int, (h, w) or the id of the right choice
    reasoning, reasoning_fields : i18n key and fields of the worked reasoning
    choices : ids of the options (kind "choice"); labels are ``<prompt>.<id>`` in the locales
    reveal : widget key -> value: the page state that shows the answer
    square : kind "shape" also accepts one number ``n`` for ``n × n``
    """

    page: str
    prompt: str
    kind: str
    answer: Any
    reasoning: str
    fields: dict = field(default_factory=dict)
    reasoning_fields: dict = field(default_factory=dict)
    tolerance: float = 0.0
    decimals: int = 4
    choices: tuple = ()
    reveal: dict = field(default_factory=dict)
    square: bool = False

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, got {self.kind!r}")
        if self.kind == "choice" and self.answer not in self.choices:
            raise ValueError(f"answer {self.answer!r} is not one of the choices {self.choices}")

    def choice_key(self, choice) -> str:
        """The i18n key of an option's label."""
        return f"{self.prompt}.{choice}"


@dataclass(frozen=True)
class Text:
    """A field value that is itself translated: the i18n key ``key`` (e.g. a direction's name)."""

    key: str


class AnswerError(ValueError):
    """A typed answer that cannot be read: ``key`` (an i18n key under ``quiz.error.``) and fields."""

    def __init__(self, key: str, **fields):
        super().__init__(key)
        self.key = key
        self.fields = fields


# ---------------------------------------------------------------------------------------------
# reading and checking answers
# ---------------------------------------------------------------------------------------------

_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?")
_POWER = re.compile(r"(\d+)\^([+-]?\d+)")
_GROUPED = re.compile(r"[+-]?\d{1,3}([,_']\d{3})+(\.\d*)?")
_SHAPE_SEPARATORS = re.compile(r"(?:\s*(?:x|×|\*|✕|by|,|;|/)\s*)|\s+")
_BRACKETS = "()[]{}（）【】"
_MULTIPLIERS = {"亿": 1e8, "万": 1e4, "k": 1e3, "m": 1e6}


def _normalize(text: str) -> str:
    """Full-width characters folded (NFKC), unicode minus to ``-``, trimmed, lower case."""
    if not isinstance(text, str):
        raise AnswerError("quiz.error.empty")
    text = unicodedata.normalize("NFKC", text).replace("−", "-").replace("，", ",").replace("。", ".")
    text = text.strip().lower()
    if not text:
        raise AnswerError("quiz.error.empty")
    if len(text) > MAX_ANSWER_CHARS:
        raise AnswerError("quiz.error.too_long", limit=MAX_ANSWER_CHARS)
    return text


def _read_number(text: str, *, percent_ok: bool) -> float:
    text = re.sub(r"\s+", "", text)
    scale = 1.0
    if percent_ok and text.endswith("%"):
        text, scale = text[:-1], 0.01
    if _GROUPED.fullmatch(text):  # thousands separators: 208,896 or 208_896
        text = re.sub(r"[,_']", "", text)
    elif text.count(",") == 1 and "." not in text:  # a decimal comma: 0,49
        text = text.replace(",", ".")
    for suffix, factor in _MULTIPLIERS.items():  # 1亿, 2.5万, 64k, 1m
        if text.endswith(suffix) and text[:-len(suffix)]:
            return _read_number(text[:-len(suffix)], percent_ok=False) * factor * scale
    power = _POWER.fullmatch(text)
    if power:
        base, exponent = int(power.group(1)), int(power.group(2))
        if abs(exponent) > 30:
            raise AnswerError("quiz.error.number")
        return float(base) ** exponent * scale
    if not _NUMBER.fullmatch(text):
        raise AnswerError("quiz.error.number")
    value = float(text) * scale
    if not math.isfinite(value):
        raise AnswerError("quiz.error.number")
    return value


def parse_answer(question: Question, text):
    """The answer ``text`` means for ``question``, or :class:`AnswerError` saying what to type.

    Lenient: "0.49", "0,49", "49%" (numbers); "208,896", "208 896", "1e6", "10^6", "1亿", "64k"
    (integers);
    "3x3", "3×3", "3 3", "(3, 3)", "3 by 3" and, for square answers, "3" (shapes); full-width
    digits and the unicode minus are accepted. For "choice" questions ``text`` is the chosen id.
    """
    if question.kind == "choice":
        if text is None or text not in question.choices:
            raise AnswerError("quiz.error.no_choice")
        return text
    raw = _normalize(text)
    if question.kind == "number":
        return _read_number(raw, percent_ok=True)
    if question.kind == "integer":
        try:
            value = _read_number(raw, percent_ok=False)
        except AnswerError as error:
            raise (AnswerError("quiz.error.integer") if error.key == "quiz.error.number" else error) from None
        nearest = round(value)
        if abs(value - nearest) > 1e-9 * max(1.0, abs(value)):  # 20.8896万 is 208,896 despite float rounding
            raise AnswerError("quiz.error.integer")
        return int(nearest)
    stripped = raw.strip(_BRACKETS).strip()
    parts = [p for p in _SHAPE_SEPARATORS.split(stripped) if p]
    if len(parts) == 1 and question.square:
        parts = parts * 2
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        raise AnswerError("quiz.error.shape_square" if question.square else "quiz.error.shape")
    return int(parts[0]), int(parts[1])


def is_correct(question: Question, value) -> bool:
    """Whether a parsed answer is right (numbers within ``question.tolerance``)."""
    if question.kind == "number":
        return abs(float(value) - float(question.answer)) <= question.tolerance + 1e-12
    if question.kind == "shape":
        return tuple(value) == tuple(question.answer)
    return value == question.answer


def format_value(question: Question, value) -> str:
    """A number, count or shape as the page writes it ("0.4920", "208,896", "5 × 5"); choices: the id."""
    if question.kind == "number":
        return f"{float(value):.{question.decimals}f}"
    if question.kind == "integer":
        return f"{int(value):,}"
    if question.kind == "shape":
        return f"{value[0]} × {value[1]}"
    return str(value)


def _pick(seed: int, options):
    """The ``seed``-th option, cycling (seed 0 is the first, the course example)."""
    return options[int(seed) % len(options)]


# ---------------------------------------------------------------------------------------------
# conv_lab: output size with dilation
# ---------------------------------------------------------------------------------------------

def conv_lab_question(size, kernel_size, stride, dilation_now: int = 1, *, seed: int = 0) -> Question:
    """"With this input and kernel, no padding, stride S and dilation D, what is the output size?"

    ``size``, ``kernel_size``, ``stride`` are the lab's current ``(h, w)`` pairs. Seed 0 asks D = 2
    at the current stride; later seeds go through the other (D, S) that fit without padding
    (never the lab's current state). The reasoning names the rows and columns the kernel
    never reads (:func:`cnnviz.nn.shapes.unvisited`).
    """
    h, w = shapes.as_pair(size, "size", 1)
    kh, kw = shapes.as_pair(kernel_size, "kernel_size", 1)
    sh, sw = shapes.as_pair(stride, "stride", 1)
    options = []  # (dilation, stride): D=2 at the current stride first, then every other that fits
    for d in (2, 3, 1, 4):
        for st in dict.fromkeys(((sh, sw), (1, 1), (2, 2), (3, 3))):
            if (d, st) != (dilation_now, (sh, sw)) and shapes.conv_problem((h, w), (kh, kw), st, 0, d) is None:
                options.append((d, st))
    if options:
        choice = _pick(seed, options)
    else:  # the kernel does not fit at all: the course's 5×5 example
        h, w, kh, kw, choice = 5, 5, 3, 3, (2, (1, 1))
    d, (sh, sw) = choice
    out = shapes.conv_output_size((h, w), (kh, kw), (sh, sw), 0, d)
    span_h, span_w = shapes.effective_kernel_size((kh, kw), d)
    rows = shapes.unvisited(h, kh, sh, 0, d)
    cols = shapes.unvisited(w, kw, sw, 0, d)
    return Question(
        page="conv_lab", prompt="quiz.conv_lab.prompt", kind="shape", answer=tuple(out),
        fields=dict(h=h, w=w, kh=kh, kw=kw, sh=sh, sw=sw, d=d),
        reasoning="quiz.conv_lab.reasoning." + ("unread" if rows or cols else "all_read"),
        reasoning_fields=dict(d=d, kh=kh, kw=kw, eh=span_h, ew=span_w, h=h, w=w, sh=sh, sw=sw,
                              oh=out[0], ow=out[1],
                              rows=", ".join(map(str, rows)) or "-", cols=", ".join(map(str, cols)) or "-"),
        reveal={"conv.dil": d, "conv.pad": "valid", "conv.sh": sh, "conv.sw": sw},
    )


# ---------------------------------------------------------------------------------------------
# why_conv: parameters of dense, local and shared layers
# ---------------------------------------------------------------------------------------------

WHY_CONV_KINDS = ("local", "dense", "filters", "shared")


def why_conv_question(image_side: int, field_size: int, filters: int, *, seed: int = 0) -> Question:
    """"How many weights does the <layer> need?" for the page's image, field and filter count.

    The layer cycles with ``seed`` through locally connected, fully connected, ``F`` shared filters
    and one shared filter; counts (weights, no biases) from
    :func:`cnnviz.lessons.connectivity.parameter_comparison`.
    """
    kind = _pick(seed, WHY_CONV_KINDS)
    rows = {row.kind: row for row in connectivity.parameter_comparison(image_side, field_size, filters, False)}
    row = rows[kind]
    return Question(
        page="why_conv", prompt=f"quiz.why_conv.prompt.{kind}", kind="integer", answer=row.total,
        fields=dict(side=image_side, k=field_size, f=filters, units=f"{image_side * image_side:,}"),
        reasoning="quiz.why_conv.reasoning",
        reasoning_fields=dict(dense=f"{rows['dense'].total:,}", local=f"{rows['local'].total:,}",
                              shared=f"{rows['shared'].total:,}", filters=f"{rows['filters'].total:,}",
                              f=filters, k=field_size, side=image_side),
        reveal={"why_conv.image": image_side, "why_conv.field": field_size, "why_conv.filters": filters,
                "why_conv.bias": False},
    )


# ---------------------------------------------------------------------------------------------
# receptive_field: stacked small kernels
# ---------------------------------------------------------------------------------------------

RECEPTIVE_STACKS = ("c3, c3", "c3, c3, c3", "c3, p2, c3", "c3, c3d2", "c5, p2, c5", "c3, p2, c3, p2, c3")


def receptive_field_question(*, seed: int = 0) -> Question:
    """"What is the receptive field of one output unit of this stack?" (seed 0: two 3×3 convs → 5×5)."""
    stack = _pick(seed, RECEPTIVE_STACKS)
    layers = connectivity.parse_layer_stack(stack)
    rows = shapes.receptive_field(layers)
    last = rows[-1]
    steps = " → ".join(str(shapes.as_pair(r.rf, "rf", 1)[0]) for r in rows)
    rf = shapes.as_pair(last.rf, "rf", 1)
    return Question(
        page="receptive_field", prompt="quiz.receptive_field.prompt", kind="shape", answer=rf,
        fields=dict(stack=stack, layers=len(layers)), square=True,
        reasoning="quiz.receptive_field.reasoning",
        reasoning_fields=dict(steps=steps, rf=rf[0], stack=stack),
        reveal={"receptive.stack": stack},
    )


# ---------------------------------------------------------------------------------------------
# pooling: how many outputs change when the input shifts
# ---------------------------------------------------------------------------------------------

SHIFT_DIRECTIONS = {"right": (0, 1), "down": (1, 0), "left": (0, -1), "up": (-1, 0)}


def _shift(grid: np.ndarray, rows: int, cols: int) -> np.ndarray:
    return shift_grid(grid, rows, cols)  # the page's own shift (zeros come in)


def pooling_question(x, mode: str, kernel_size: int, stride: int, padding: int = 0, ceil_mode: bool = False,
                     count_include_pad: bool = True, *, seed: int = 0) -> Question:
    """"Shift the input 1 pixel <direction>: how many of the N pooled outputs change?"

    ``x`` is the page's input grid ``(H, W)``; the direction cycles with ``seed`` (right first).
    """
    x = np.asarray(x, dtype=np.float64)
    direction = _pick(seed, tuple(SHIFT_DIRECTIONS))
    dy, dx = SHIFT_DIRECTIONS[direction]
    pool = dict(kernel_size=kernel_size, stride=stride, padding=padding, ceil_mode=ceil_mode)

    def run(grid):
        if mode == "max":
            return F.max_pool2d(grid[None, None], **pool)[0, 0]
        return F.avg_pool2d(grid[None, None], count_include_pad=count_include_pad, **pool)[0, 0]

    before = run(x)
    after = run(_shift(x, dy, dx))
    changed = int(np.sum(~np.isclose(before, after, rtol=0.0, atol=1e-9)))
    return Question(
        page="pooling", prompt=f"quiz.pooling.prompt.{mode}", kind="integer", answer=changed,
        fields=dict(total=before.size, oh=before.shape[0], ow=before.shape[1], k=kernel_size, s=stride,
                    direction=Text(f"pooling.dir.{direction}")),
        reasoning=f"quiz.pooling.reasoning.{mode}",
        reasoning_fields=dict(changed=changed, same=before.size - changed, total=before.size),
        reveal={"pool.shift_dir": direction, "pool.shift": 1},
    )


# ---------------------------------------------------------------------------------------------
# activations: softmax with temperature
# ---------------------------------------------------------------------------------------------

TEMPERATURES = (1.0, 2.0, 0.5, 3.0)


def activations_question(logits, *, seed: int = 0) -> Question:
    """"What is the largest softmax probability of these logits at temperature T?" (T = 1, 2, 0.5, 3)."""
    z = np.asarray(logits, dtype=np.float64)
    temperature = _pick(seed, TEMPERATURES)
    probs = A.softmax_with_temperature(z, temperature)
    top = int(np.argmax(probs))
    logits_text = ", ".join(f"{v:g}" for v in z)
    return Question(
        page="activations", prompt="quiz.activations.prompt", kind="number", answer=float(probs[top]),
        tolerance=0.005, decimals=4,
        fields=dict(logits=logits_text, t=f"{temperature:g}"),
        reasoning="quiz.activations.reasoning",
        reasoning_fields=dict(t=f"{temperature:g}", top=top + 1, p=f"{probs[top]:.4f}",
                              probs=", ".join(f"{p:.4f}" for p in probs)),
        reveal={"act.temperature": temperature, "act.logits": logits_text},
    )


# ---------------------------------------------------------------------------------------------
# transposed_conv: the checkerboard
# ---------------------------------------------------------------------------------------------

TRANSPOSED_CASES = ((3, 2), (4, 2), (2, 2), (3, 3), (3, 1), (4, 3))


def transposed_conv_question(size: int = 6, *, seed: int = 0) -> Question:
    """"Kernel K, stride S: away from the border, does every output pixel get the same number of
    contributions?" Counted with :func:`cnnviz.lessons.convmath.overlap_counts` on a ``size``² input
    of ones (the page's overlap view); seed 0 is K = 3, S = 2 (a checkerboard)."""
    k, s = _pick(seed, TRANSPOSED_CASES)
    counts = convmath.overlap_counts(size, k, s)
    inner = counts[k - 1:counts.shape[0] - (k - 1), k - 1:counts.shape[1] - (k - 1)]
    even = bool(inner.size and inner.min() == inner.max())
    return Question(
        page="transposed_conv", prompt="quiz.transposed_conv.prompt", kind="choice",
        answer="even" if even else "uneven", choices=("even", "uneven"),
        fields=dict(k=k, s=s, n=size),
        reasoning=f"quiz.transposed_conv.reasoning.{'even' if even else 'uneven'}",
        reasoning_fields=dict(k=k, s=s, low=int(inner.min()), high=int(inner.max()),
                              out=counts.shape[0]),
        reveal={"transposed.kernel": k, "transposed.stride": s,
                "transposed.padding": 0, "transposed.output_padding": 0, "transposed.dilation": 1,
                "transposed.view": "overlap"},
    )


# ---------------------------------------------------------------------------------------------
# conv_family: the 1×1 bottleneck
# ---------------------------------------------------------------------------------------------

BOTTLENECK_WIDTHS = (32, 16, 64, 8, 48)


def conv_family_question(in_channels: int = 128, out_channels: int = 256, kernel_size: int = 5,
                         width: int | None = None, *, seed: int = 0) -> Question:
    """"How many weights with a 1×1 reduction to <width> channels first?" (the course: 208,896).

    Seed 0 keeps the page's width (default 32); other seeds pick another width.
    """
    if width is None:
        width = BOTTLENECK_WIDTHS[0]
    if seed:
        width = _pick(seed - 1, [r for r in BOTTLENECK_WIDTHS if r != width])
    cost = convmath.bottleneck_cost(in_channels, out_channels, kernel_size, width)
    return Question(
        page="conv_family", prompt="quiz.conv_family.prompt", kind="integer", answer=cost.with_bottleneck,
        fields=dict(ci=in_channels, co=out_channels, k=kernel_size, r=width, direct=f"{cost.direct:,}"),
        reasoning="quiz.conv_family.reasoning" + (".course" if (in_channels, out_channels, kernel_size, width)
                                                   == (128, 256, 5, 32) else ""),
        reasoning_fields=dict(ci=in_channels, co=out_channels, k=kernel_size, r=width,
                              reduce=f"{cost.reduce:,}", expand=f"{cost.expand:,}",
                              total=f"{cost.with_bottleneck:,}", direct=f"{cost.direct:,}",
                              ratio=f"{cost.ratio:.1f}"),
        reveal={"family.topic": "bottleneck", "family.b_in": in_channels, "family.b_out": out_channels,
                "family.b_kernel": kernel_size, "family.width": width},
    )


# ---------------------------------------------------------------------------------------------
# architectures: one conv layer of the chosen network
# ---------------------------------------------------------------------------------------------

def _pair_text(value) -> str:
    a, b = shapes.as_pair(value, "value", 0)
    return f"{a}" if a == b else f"{a}×{b}"


def architectures_question(summary, network, *, seed: int = 0) -> Question | None:
    """Output size (even seeds) or parameters (odd seeds) of one plain convolution of ``network``.

    ``summary`` is :func:`cnnviz.architectures.summarize` of ``network``. Seeds 0 and 1 ask about
    the first convolution (AlexNet: 55 × 55 and 34,944), later seeds about the others in turn.
    None when the network has no valid convolution of the plain kind (one group, numeric padding,
    no dilation, with bias).
    """
    from cnnviz.architectures import Conv

    top = [r for r in summary.rows if r.depth == 0][1:]
    candidates = []
    for row, layer in zip(top, network.layers):
        if (isinstance(layer, Conv) and row.status == "ok" and layer.groups == 1 and row.in_shape is not None
                and len(row.in_shape) == 3 and not isinstance(layer.padding, str) and layer.bias
                and shapes.as_pair(layer.dilation, "dilation", 1) == (1, 1)):
            candidates.append((row, layer))
    if not candidates:
        return None
    row, layer = candidates[(int(seed) // 2) % len(candidates)]
    ci, h, w = row.in_shape
    kh, kw = shapes.as_pair(layer.kernel_size, "kernel_size", 1)
    out = shapes.conv_output_size((h, w), (kh, kw), layer.stride, layer.padding, layer.dilation)
    params = shapes.conv_params(ci, layer.out_channels, (kh, kw), 1, layer.bias)
    fields = dict(name=row.name, ci=ci, h=h, w=w, co=layer.out_channels, k=_pair_text((kh, kw)),
                  s=_pair_text(layer.stride), p=_pair_text(layer.padding))
    reasoning_fields = dict(fields, oh=out[0], ow=out[1], kh=kh, kw=kw, params=f"{params:,}")
    asks_size = int(seed) % 2 == 0
    return Question(
        page="architectures", prompt=f"quiz.architectures.prompt.{'size' if asks_size else 'params'}",
        kind="shape" if asks_size else "integer", answer=tuple(out) if asks_size else params,
        fields=fields, reasoning="quiz.architectures.reasoning", reasoning_fields=reasoning_fields,
        reveal={"arch.layer": row.name},
    )


# ---------------------------------------------------------------------------------------------
# inside: the size of one layer's feature maps
# ---------------------------------------------------------------------------------------------

def inside_question(model, names, input_shape=(1, 28, 28), *, seed: int = 0) -> Question | None:
    """"What is the size of each feature map after <layer>?" for a conv or pooling layer of ``model``.

    Sizes follow the layers with :func:`cnnviz.nn.shapes.conv_output_size` / ``pool_output_size``.
    Seed 0 asks about the second convolution (LeNet-5: 6×14×14 in, 5×5 kernel → 10 × 10), then
    the other windowed layers in turn. None when the model has no such layer.
    """
    c, h, w = input_shape
    candidates = []  # (index, in shape, out shape, description fields)
    for index, layer in enumerate(model.layers):
        if isinstance(layer, L.Flatten):
            break
        if isinstance(layer, L.Conv2d):
            out = shapes.conv_output_size((h, w), layer.kernel_size, layer.stride, layer.padding, layer.dilation)
            desc = dict(kind="conv", k=_pair_text(layer.kernel_size), s=_pair_text(layer.stride),
                        p=_pair_text(layer.padding), co=layer.out_channels)
            new_c = layer.out_channels
        elif isinstance(layer, (L.MaxPool2d, L.AvgPool2d)):
            out = shapes.pool_output_size((h, w), layer.kernel_size, layer.stride, layer.padding,
                                          getattr(layer, "dilation", 1), layer.ceil_mode)
            stride = layer.stride if layer.stride is not None else layer.kernel_size
            desc = dict(kind="pool", k=_pair_text(layer.kernel_size), s=_pair_text(stride),
                        p=_pair_text(layer.padding), co=c)
            new_c = c
        else:
            continue
        candidates.append((index, (c, h, w), (new_c,) + tuple(out), desc))
        c, (h, w) = new_c, out
    if not candidates:
        return None
    convs = [position for position, item in enumerate(candidates) if item[3]["kind"] == "conv"]
    start = convs[1] if len(convs) > 1 else 0
    order = candidates[start:] + candidates[:start]
    index, (ci, hi, wi), (co, ho, wo), desc = _pick(seed, order)
    return Question(
        page="inside", prompt=f"quiz.inside.prompt.{desc['kind']}", kind="shape", answer=(ho, wo),
        fields=dict(name=names[index], ci=ci, h=hi, w=wi, **{k: v for k, v in desc.items() if k != "kind"}),
        reasoning=f"quiz.inside.reasoning.{desc['kind']}",
        reasoning_fields=dict(name=names[index], h=hi, w=wi, oh=ho, ow=wo, co=co,
                              **{k: v for k, v in desc.items() if k not in ("kind", "co")}),
        reveal={"inside.layer": index, "inside.view": "maps"},
    )


# ---------------------------------------------------------------------------------------------
# training: predict the lesson's outcome before the run
# ---------------------------------------------------------------------------------------------

TRAINING_QUESTIONS = (
    # (lesson, choices, right choice): the outcomes the lessons are built to show (see
    # cnnviz.train.lessons and the course: sigmoid with plain SGD does not learn in a few epochs)
    ("vanishing", ("relu", "sigmoid", "both"), "relu"),
    ("overfitting", ("overfit", "both_low", "both_high"), "overfit"),
    ("underfitting", ("lenet5", "tiny", "same"), "lenet5"),
    ("weight_decay", ("decay", "none", "same"), "decay"),
)


def training_question(*, seed: int = 0) -> Question:
    """A lesson's outcome, asked before it runs (seed 0: sigmoid + plain SGD against ReLU)."""
    lesson, choices, right = _pick(seed, TRAINING_QUESTIONS)
    return Question(
        page="training", prompt=f"quiz.training.{lesson}", kind="choice", answer=right, choices=choices,
        reasoning=f"quiz.training.{lesson}.reasoning", fields=dict(lesson=lesson),
        reveal={},
    )


# ---------------------------------------------------------------------------------------------
# history: the idea each milestone added, what a task's head outputs
# ---------------------------------------------------------------------------------------------

HISTORY_QUESTIONS = (
    # (topic, choices, right choice); seed 0 asks about ResNet (the Training page's deep lesson shows it)
    ("resnet", ("skip", "dropout", "bigger"), "skip"),
    ("detection", ("box", "mask", "nothing"), "box"),
)


def history_question(*, seed: int = 0) -> Question:
    """Which idea lets a deeper plain network train (seed 0), or what a detector adds to a classifier."""
    topic, choices, right = _pick(seed, HISTORY_QUESTIONS)
    return Question(page="history", prompt=f"quiz.history.{topic}", kind="choice", answer=right, choices=choices,
                    reasoning=f"quiz.history.{topic}.reasoning", fields={"topic": topic}, reveal={})


# ---------------------------------------------------------------------------------------------
# backprop: one hidden neuron's output
# ---------------------------------------------------------------------------------------------

def backprop_question(*, seed: int = 0) -> Question:
    """"A_i = sigmoid(W1_i·P + b1_i)?" for the course network (seed 0: the slides' i = 4 → 0.4920)."""
    order = [B.COURSE_NEURON] + [i for i in range(5) if i != B.COURSE_NEURON]
    neuron = _pick(seed, order)
    net = B.course_network(0)
    forward = B.fc_forward(net)
    u = float(forward.u1[neuron])
    a = float(forward.a1[neuron])
    return Question(
        page="backprop", prompt="quiz.backprop.prompt", kind="number", answer=a, tolerance=0.005, decimals=4,
        fields=dict(i=neuron + 1, p=" ".join(f"{v:.4f}" for v in net.x),
                    w=" ".join(f"{v:.4f}" for v in net.w1[neuron]).replace("-", "−"),
                    b=f"{net.b1[neuron]:.4f}".replace("-", "−")),
        reasoning="quiz.backprop.reasoning",
        reasoning_fields=dict(i=neuron + 1, u=f"{u:.4f}".replace("-", "−"), a=f"{a:.4f}"),
        reveal={"backprop.neuron": neuron + 1},
    )
