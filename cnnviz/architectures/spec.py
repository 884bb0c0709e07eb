"""The compact network spec: a custom network in one URL-safe line, and back.

``1x28x28-conv32k3-relu-conv64k3-relu-max2-drop0.25-flat-fc128-relu-fc10``: the input shape, then
one token per layer (:data:`SPEC_WORDS`). :func:`format_spec` writes one, :func:`parse_spec` and
:func:`spec_rows` read one (raising :class:`SpecError`, a :class:`~cnnviz.nn.shapes.ShapeError`
naming the token and its position), :func:`editable_copy` turns a preset into plain layers the
table editor can hold. Pure Python, no translations: the edge shows the errors.
"""

from __future__ import annotations

import re

from cnnviz import architectures as A
from cnnviz.nn import shapes
from cnnviz.nn.shapes import ShapeError, problem

__all__ = [
    "SpecError", "SPEC_WORDS", "MAX_SPEC_LAYERS", "MAX_SPEC_NUMBER", "EDITOR_COLUMNS",
    "format_spec", "parse_spec", "format_input_shape", "parse_input_shape", "spec_rows", "editable_copy",
]

# ---------------------------------------------------------------------------------------------
# the compact spec: a custom network in one URL-safe line
# ---------------------------------------------------------------------------------------------

SPEC_WORDS = {
    # short spellings (what format_spec writes) ...
    "conv": "conv", "max": "maxpool", "avg": "avgpool", "fc": "linear", "drop": "dropout", "relu": "relu",
    "lrelu": "leaky_relu", "sigmoid": "sigmoid", "tanh": "tanh", "softmax": "softmax", "flat": "flatten",
    "bn": "batchnorm", "gap": "global_avgpool",
    # ... and the table's type names, also accepted
    "maxpool": "maxpool", "avgpool": "avgpool", "linear": "linear", "dense": "linear", "dropout": "dropout",
    "leaky_relu": "leaky_relu", "flatten": "flatten", "batchnorm": "batchnorm", "global_avgpool": "global_avgpool",
}
"""Spec word → table type (:data:`cnnviz.architectures.TABLE_TYPES`)."""

_SHORT = {"conv": "conv", "maxpool": "max", "avgpool": "avg", "linear": "fc", "dropout": "drop", "relu": "relu",
          "leaky_relu": "lrelu", "sigmoid": "sigmoid", "tanh": "tanh", "softmax": "softmax", "flatten": "flat",
          "batchnorm": "bn", "global_avgpool": "gap"}
_WORDS_LONGEST_FIRST = sorted(SPEC_WORDS, key=len, reverse=True)
_SEPARATOR = "-"
MAX_SPEC_LAYERS = 300
MAX_SPEC_NUMBER = 1_000_000
_PAIR = r"\d+(?:x\d+)?"
_BODY = re.compile(rf"(?P<num>\d+(?:\.\d+)?|\d*\.\d+)?(?P<fields>(?:[ksp](?:{_PAIR}|same|valid|full))*)")
_FIELD = re.compile(rf"([ksp])({_PAIR}|same|valid|full)")
_SHAPE = re.compile(r"\d+(?:x\d+x\d+)?")


class SpecError(ShapeError):
    """A spec that cannot be read: the :class:`~cnnviz.nn.shapes.Problem` and, when one token is at
    fault, the token and its layer position (1 = the first layer after the input shape); shown by
    :func:`cnnviz.figures.architectures.spec_error_message`."""

    def __init__(self, prob, token: str | None = None, position: int | None = None):
        self.token = token
        self.position = position
        super().__init__(prob)

    def __reduce__(self):
        return (SpecError, (self.problem, self.token, self.position))



def _token(value) -> str:
    """A size as a spec token: ``3`` or ``3x5``."""
    return shapes.pair_text(value, "x")


def _spec_error(key: str, token: str | None = None, position: int | None = None, **fields) -> SpecError:
    return SpecError(problem(f"archpage.spec.{key}", **fields), token, position)


def format_input_shape(shape) -> str:
    """``(1, 28, 28)`` → ``"1x28x28"``; ``(120,)`` → ``"120"``."""
    return "x".join(str(int(n)) for n in shape)


def parse_input_shape(text: str) -> tuple[int, ...]:
    """``"1x28x28"`` (also ``1×28×28``, ``1,28,28``, ``(1, 28, 28)``) → ``(1, 28, 28)``; ``"120"`` → ``(120,)``.

    Raises :class:`SpecError` (``archpage.spec.input``) for anything else.
    """
    cleaned = re.sub(r"[\s()]", "", str(text)).lower().replace("×", "x").replace("*", "x").replace(",", "x")
    if not _SHAPE.fullmatch(cleaned):
        raise _spec_error("input", value=str(text)[:40] or "—")
    shape = tuple(int(n) for n in cleaned.split("x"))
    if any(n < 1 or n > MAX_SPEC_NUMBER for n in shape):
        raise _spec_error("input", value=str(text)[:40])
    return shape


def _layer_token(layer) -> str:
    """One layer in the spec, or ShapeError when the table cannot hold it."""
    not_tabular = ShapeError(problem("arch.table.not_tabular", kind=layer.kind))
    if isinstance(layer, A.Conv):
        if layer.dilation not in (1, (1, 1)) or layer.groups != 1 or not layer.bias:
            raise not_tabular
        text = f"conv{layer.out_channels}k{_token(layer.kernel_size)}"
        if layer.stride not in (1, (1, 1)):
            text += f"s{_token(layer.stride)}"
        if layer.padding not in (0, (0, 0)):
            text += f"p{_token(layer.padding)}"
        return text
    if isinstance(layer, (A.MaxPool, A.AvgPool)):
        if layer.ceil_mode or getattr(layer, "dilation", 1) not in (1, (1, 1)) or isinstance(layer.padding, str) or (
                isinstance(layer, A.AvgPool) and not layer.count_include_pad):
            raise not_tabular
        word = "max" if isinstance(layer, A.MaxPool) else "avg"
        k = layer.kernel_size
        text = word + (f"k{_token(k)}" if isinstance(k, (tuple, list)) and k[0] != k[1] else _token(k))
        if layer.stride is not None and _token(layer.stride) != _token(k):
            text += f"s{_token(layer.stride)}"
        if layer.padding not in (0, (0, 0)):
            text += f"p{_token(layer.padding)}"
        return text
    if isinstance(layer, A.Linear):
        if not layer.bias:
            raise not_tabular
        return f"fc{layer.out_features}"
    if isinstance(layer, A.Dropout):
        return f"drop{layer.p:g}"
    if isinstance(layer, A.Activation):
        if layer.fn not in _SHORT or (layer.fn == "leaky_relu" and layer.negative_slope != 0.01):
            raise not_tabular
        return _SHORT[layer.fn]
    if isinstance(layer, (A.Flatten, A.BatchNorm, A.GlobalAvgPool)):
        return _SHORT[layer.kind]
    raise not_tabular


def format_spec(input_shape, layers) -> str:
    """The compact spec of a network of plain layers: the input shape, then one token per layer.

    Tokens (joined by ``-``): ``conv<filters>k<kernel>[s<stride>][p<padding>]``,
    ``max<kernel>[s<stride>][p<padding>]`` / ``avg...`` (stride omitted when it equals the
    kernel), ``fc<units>``, ``drop<rate>``, ``relu``, ``lrelu``, ``sigmoid``, ``tanh``, ``softmax``,
    ``flat``, ``bn``, ``gap``. A kernel, stride or padding pair is ``3x5``; conv padding may be
    ``same``, ``valid`` or ``full``. The Keras MNIST example is
    ``1x28x28-conv32k3-relu-conv64k3-relu-max2-drop0.25-flat-fc128-relu-drop0.5-fc10-softmax``.

    Raises :class:`~cnnviz.nn.shapes.ShapeError` for layers with no table form (grouped or dilated
    convs, LRN, composites, LeNet-1998's special layers).
    """
    return _SEPARATOR.join([format_input_shape(input_shape)] + [_layer_token(layer) for layer in layers])


def _token_row(token: str, position: int) -> dict:
    """The table row of one spec token (``position`` counts layers from 1, for messages)."""
    word = next((w for w in _WORDS_LONGEST_FIRST if token.startswith(w)), None)
    if word is None:
        raise _spec_error("word", token, position, words=", ".join(_SHORT.values()))
    kind = SPEC_WORDS[word]
    body = _BODY.fullmatch(token[len(word):])
    if body is None:
        raise _spec_error("token", token, position)
    num = body.group("num")
    fields: dict[str, str] = {}
    for name, value in _FIELD.findall(body.group("fields")):
        if name in fields:
            raise _spec_error("token", token, position)
        fields[name] = value
    for value in [num, *fields.values()]:
        if value and any(part.isdigit() and int(part) > MAX_SPEC_NUMBER for part in re.split(r"[x.]", value)):
            raise _spec_error("too_large", token, position, limit=f"{MAX_SPEC_NUMBER:,}")
    row = dict.fromkeys(A.TABLE_COLUMNS)
    row["type"] = kind
    if kind == "conv":
        if num is None or "." in num:
            raise _spec_error("needs_number", token, position)
        row.update(out=int(num), kernel=fields.get("k", "3"), stride=fields.get("s", "1"), padding=fields.get("p", "0"))
    elif kind in ("maxpool", "avgpool"):
        if (num is None) == ("k" not in fields) or (num is not None and "." in num):
            raise _spec_error("pool_kernel", token, position)
        padding = fields.get("p", "0")
        if not padding[0].isdigit():
            raise _spec_error("token", token, position)
        row.update(kernel=num or fields["k"], stride=fields.get("s"), padding=padding)
    elif fields:
        raise _spec_error("token", token, position)
    elif kind == "linear":
        if num is None or "." in num:
            raise _spec_error("needs_number", token, position)
        row["out"] = int(num)
    elif kind == "dropout":
        row["p"] = 0.5 if num is None else float(num)
    elif num is not None:
        raise _spec_error("token", token, position)
    return row


def spec_rows(text: str) -> tuple[tuple[int, ...], list[dict]]:
    """The input shape and the table rows (dicts with :data:`cnnviz.architectures.TABLE_COLUMNS`
    and ``p``) written in a spec. Raises :class:`SpecError` explaining the first problem
    (``archpage.spec.*``, with the token and its position)."""
    tokens = list(str(text).strip().lower().split(_SEPARATOR))
    if not tokens or not tokens[0]:
        raise _spec_error("empty")
    if any(not tok for tok in tokens):
        raise _spec_error("blank")
    if len(tokens) - 1 > MAX_SPEC_LAYERS:
        raise _spec_error("too_long", count=len(tokens) - 1, limit=MAX_SPEC_LAYERS)
    shape = parse_input_shape(tokens[0])
    return shape, [_token_row(tok, i) for i, tok in enumerate(tokens[1:], start=1)]


def parse_spec(text: str) -> tuple[tuple[int, ...], tuple]:
    """The input shape and layer specs of a spec written by :func:`format_spec` (or by hand).

    Each token becomes a table row read by :func:`cnnviz.architectures.layers_from_table`, so a
    spec and the editable table follow the same rules. Raises :class:`SpecError` (a
    :class:`~cnnviz.nn.shapes.ShapeError`) with a translatable problem for the first bad token.
    Whether the network *works* (sizes that stay positive) is not checked here: that is what
    :func:`~cnnviz.architectures.summarize` shows, row by row.
    """
    shape, rows = spec_rows(text)
    parsed = A.layers_from_table(rows)
    if parsed.problems:
        index, prob = parsed.problems[0]
        raise SpecError(prob, str(text).strip().lower().split(_SEPARATOR)[index + 1], index + 1)
    return shape, parsed.layers


# ---------------------------------------------------------------------------------------------
# presets as editable tables
# ---------------------------------------------------------------------------------------------

_SHAPE_KEEPING_EXTRAS = (A.LRN,)
"""Layers without a table form that keep the shape and have no parameters: left out of a copy."""
_SPECIAL = (A.Inception, A.Residual, A.PartialConv, A.Subsample, A.RBF)


def editable_copy(network) -> tuple[tuple[int, ...], tuple, tuple[str, ...]]:
    """``(input_shape, layers, dropped kinds)``: a network as plain, table-editable layers.

    Names are dropped (the table has none) and so are layers that keep the shape, have no
    parameters and no table form (AlexNet's local response normalization), listed in the third
    item. Raises :class:`~cnnviz.nn.shapes.ShapeError` (``arch.table.not_tabular``) when a layer that
    matters has no table form (grouped or dilated convs, Inception, residual blocks, LeNet-1998).
    """
    net = network if isinstance(network, A.Network) else A.get_preset(network)
    special = next((layer for layer in net.layers if isinstance(layer, _SPECIAL)), None)
    if special is not None:  # name the composite, not the first of its plain-looking layers
        raise ShapeError(problem("arch.table.not_tabular", kind=special.kind))
    kept, dropped = [], []
    for layer in net.layers:
        if isinstance(layer, _SHAPE_KEEPING_EXTRAS):
            dropped.append(layer.kind)
            continue
        _layer_token(layer)  # raises when the table cannot hold it
        kept.append(layer)
    layers = A.layers_from_table(A.layers_to_table(kept)).layers
    return tuple(net.input_shape), layers, tuple(dict.fromkeys(dropped))


EDITOR_COLUMNS = tuple(A.TABLE_COLUMNS) + ("p",)
"""Columns of the editable table: the library's table columns and the dropout rate ``p``."""
