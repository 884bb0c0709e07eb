"""Why convolution works: sparse connectivity, weight sharing, equivariance, receptive fields.

Pure NumPy helpers behind the "Why convolution?" and "Receptive field" pages:

- :func:`conv_weight_index`: which kernel weight sits in each entry of a convolution's dense
  matrix ``M`` (``conv(x).ravel() == M @ x.ravel()``, :func:`cnnviz.lessons.convmath.conv_matrix`).
  Most entries are empty (sparse connectivity); the others repeat the same few kernel weights
  (weight sharing).
- :func:`parameter_comparison`: weights of a fully connected, a locally connected and a
  convolutional layer on one image (the course's 1000×1000 example: 10^12, 10^8, 100, 10^4).
- :func:`equivariance_demo`: convolving a shifted image equals shifting the convolved image;
  a fully connected layer has no such property.
- :func:`parse_layer_stack`, :func:`stack_geometry`, :func:`influence_maps`: a small conv/pool
  stack written as text (``"c3, p2, c3"``), its sizes and receptive fields (from
  :mod:`cnnviz.nn.shapes`), and how many paths join each pixel of every layer to one output unit.

Invalid arguments raise ``ValueError``; invalid stacks raise :class:`cnnviz.nn.shapes.ShapeError`,
whose ``problem`` is a translatable :class:`cnnviz.nn.shapes.Problem` (keys ``receptive.spec.*``).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

from cnnviz.lessons import convmath
from cnnviz.lessons.kernels import kernel_preset
from cnnviz.nn import functional as F
from cnnviz.nn import shapes
from cnnviz.nn.shapes import Problem, RFRow, ShapeError

__all__ = [
    "conv_weight_index", "ConnectionCounts", "connection_counts",
    "ParameterRow", "parameter_comparison", "latex_count", "count_text",
    "EQUIVARIANCE_KERNELS", "shift_image", "EquivarianceDemo", "equivariance_demo",
    "LayerSpec", "MAX_LAYERS", "SPEC_LIMITS", "parse_layer_stack", "format_layer_stack",
    "StackGeometry", "stack_geometry", "stage_boxes", "influence_maps", "field_holes", "rf_recurrence_latex",
]


# ---------------------------------------------------------------------------------------------
# a convolution as a matrix
# ---------------------------------------------------------------------------------------------

def conv_weight_index(input_shape, kernel_size, stride=1, padding=0, dilation=1) -> np.ndarray:
    """Which kernel weight joins each output to each input of a single-channel convolution.

    Entry ``[o, i]`` is the flat index of the kernel tap that multiplies input ``i`` in output
    ``o`` (``p·KW + q`` in 2-D), or ``-1`` when output ``o`` does not read input ``i`` (taps on
    the zero padding are not connections). Every row holds each tap at most once. Built from
    :func:`cnnviz.lessons.convmath.conv_matrix` with the tap numbers as kernel, so the dense matrix of a
    kernel ``w`` is ``numpy.where(index >= 0, w.ravel()[index], 0)``.

    Parameters
    ----------
    input_shape : int (a 1-D signal of that length) or (H, W)
    kernel_size, stride, padding, dilation : int, or (h, w) pairs in 2-D (padding: ints only)

    Returns
    -------
    index : ndarray, shape (OUT, IN), int64
        ``OUT = OH·OW`` and ``IN = H·W`` in 2-D, rows and columns in row-major order.

    Raises
    ------
    ShapeError
        when the kernel span does not fit the padded input or an argument is out of range.
    """
    if isinstance(input_shape, (tuple, list)):
        if len(input_shape) != 2:
            raise ValueError(f"input_shape must be an int or (H, W), got {input_shape!r}")
        size, kernel = tuple(input_shape), shapes.as_pair(kernel_size, "kernel_size", 1)
        args = (stride, padding, dilation)
    else:  # a 1-D signal is a 1×L image with a 1×K kernel
        size = (1, shapes.as_pair(input_shape, "input size", 1)[0])
        kernel = (1, shapes.as_pair(kernel_size, "kernel_size", 1)[0])
        args = ((1, stride), (0, padding), (1, dilation))
    pads = padding if isinstance(padding, (tuple, list)) else (padding,)
    if any(isinstance(p, str) for p in pads):
        raise ValueError(f"padding must be an int or a pair of ints here, got {padding!r}")
    taps = np.arange(1, kernel[0] * kernel[1] + 1, dtype=np.float64).reshape(kernel)  # tap t has value t+1
    matrix = convmath.conv_matrix(size, taps, *args)  # (OUT, IN)
    return np.rint(matrix).astype(np.int64) - 1


@dataclass(frozen=True)
class ConnectionCounts:
    """How many weights a layer between ``inputs`` and ``outputs`` units needs.

    dense : weights of a fully connected layer, ``inputs × outputs``
    connections : input–output pairs the convolution actually joins (non-zeros of its matrix)
    shared : distinct weights of the convolution (its kernel taps)
    """

    inputs: int
    outputs: int
    dense: int
    connections: int
    shared: int

    @property
    def density(self) -> float:
        """Fraction of the dense matrix the convolution uses, ``connections / dense``."""
        return self.connections / self.dense


def connection_counts(index: np.ndarray) -> ConnectionCounts:
    """Counts of a :func:`conv_weight_index` matrix (shape (OUT, IN)).

    E.g. a length-7 signal and a 2-tap kernel: 6 outputs, 7·6 = 42 dense weights, 2·6 = 12
    connections, and only 2 shared weights (the course's w1, w2).
    """
    index = np.asarray(index)
    if index.ndim != 2 or index.size == 0:
        raise ValueError(f"index must be a non-empty (OUT, IN) matrix, got shape {index.shape}")
    outputs, inputs = index.shape
    used = index[index >= 0]
    return ConnectionCounts(
        inputs=int(inputs), outputs=int(outputs), dense=int(inputs * outputs),
        connections=int(used.size), shared=int(np.unique(used).size),
    )


# ---------------------------------------------------------------------------------------------
# parameter counts: fully connected vs locally connected vs convolution
# ---------------------------------------------------------------------------------------------

_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def _power_of_ten(n: int) -> int | None:
    """``k`` when ``n == 10**k`` with ``k >= 3``, else None."""
    text = str(n)
    if n >= 1000 and text[0] == "1" and set(text[1:]) == {"0"}:
        return len(text) - 1
    return None


def latex_count(n: int) -> str:
    """A count in LaTeX: ``10^{12}`` for exact powers of ten from 1000 on, ``1.6 \\times 10^{9}``
    for other counts of a million or more, ``18{,}496`` below that."""
    n = int(n)
    k = _power_of_ten(n)
    if k is not None:
        return f"10^{{{k}}}"
    if n >= 1_000_000:
        exponent = int(math.floor(math.log10(n)))
        mantissa = f"{n / 10 ** exponent:.3g}"
        return f"{mantissa} \\times 10^{{{exponent}}}"
    return f"{n:,}".replace(",", "{,}")


def count_text(n: int) -> str:
    """A count as plain text: ``10¹²``, ``1.6×10⁹``, ``18,496`` (the rules of :func:`latex_count`)."""
    n = int(n)
    k = _power_of_ten(n)
    if k is not None:
        return "10" + str(k).translate(_SUPERSCRIPT)
    if n >= 1_000_000:
        exponent = int(math.floor(math.log10(n)))
        return f"{n / 10 ** exponent:.3g}×10" + str(exponent).translate(_SUPERSCRIPT)
    return f"{n:,}"


@dataclass(frozen=True)
class ParameterRow:
    """One layer of :func:`parameter_comparison`.

    kind : "dense", "local", "shared" (one filter) or "filters" (``F`` filters)
    maps : hidden feature maps of ``H×W`` units (``F`` for "filters", else 1)
    hidden_units : units the layer computes (one per pixel per map)
    weights, biases : learnable parameters (biases are 0 when counted without bias)
    symbolic : the count as a LaTeX formula in H, W, K, F
    substituted : the same formula with the numbers, ending in ``= <total>``
    """

    kind: str
    maps: int
    hidden_units: int
    weights: int
    biases: int
    symbolic: str
    substituted: str

    @property
    def total(self) -> int:
        return self.weights + self.biases


def parameter_comparison(image_size, field_size: int, filters: int, bias: bool = False) -> list[ParameterRow]:
    """Parameters of four layers that each map an ``H×W`` greyscale image to ``H×W`` hidden units.

    - fully connected: every hidden unit sees every pixel, ``(H·W)·(H·W)`` weights;
    - locally connected: every unit sees only a ``K×K`` patch, with its own weights, ``(H·W)·K²``;
    - convolution, one filter: all units share one ``K×K`` kernel, ``K²`` weights;
    - convolution, ``F`` filters: ``F`` feature maps (``F·H·W`` units), ``F·K²`` weights.

    The course's example (1000×1000 image, 10^6 hidden units, 10×10 fields, 100 filters) gives
    10^12, 10^8, 100 and 10^4. With ``bias`` each unit (dense, local) or filter (conv) adds one.

    Parameters
    ----------
    image_size : int or (H, W)
    field_size : int, the side ``K`` of the local field / kernel, at most ``min(H, W)``
    filters : int, ``F >= 1``
    bias : bool

    Returns
    -------
    list of ParameterRow, in the order dense, local, shared, filters.
    """
    h, w = shapes.as_pair(image_size, "image_size", 1)
    k = shapes.as_pair(field_size, "field_size", 1)[0]
    f = shapes.as_pair(filters, "filters", 1)[0]
    if isinstance(field_size, (tuple, list)):
        raise ValueError("field_size must be one int K (a square K×K field)")
    if k > min(h, w):
        raise ValueError(f"field_size {k} exceeds the image side {min(h, w)}: choose K <= {min(h, w)}")
    bias = bool(bias)
    units = h * w
    dense = shapes.linear_params(units, units, bias=False)
    local = units * k * k
    shared = shapes.conv_params(1, 1, k, bias=False)
    many = shapes.conv_params(1, f, k, bias=False)

    def plus(symbol: str, number: str) -> tuple[str, str]:
        return (f" + {symbol}", f" + {number}") if bias else ("", "")

    hw_num = f"({h} \\cdot {w})"
    k_num = f"({k} \\cdot {k})"
    k_bare = f"{k} \\cdot {k}"
    rows = []
    specs = [
        ("dense", units, dense, units, r"(H W)\cdot(H W)", f"{hw_num} \\cdot {hw_num}", plus("H W", hw_num)),
        ("local", units, local, units, r"(H W)\cdot K^2", f"{hw_num} \\cdot {k_num}", plus("H W", hw_num)),
        ("shared", units, shared, 1, r"K^2", k_bare, plus("1", "1")),
        ("filters", f * units, many, f, r"F \cdot K^2", f"{f} \\cdot {k_num}", plus("F", str(f))),
    ]
    for kind, hidden, weights, n_bias, symbolic, substituted, (b_sym, b_num) in specs:
        biases = n_bias if bias else 0
        total = weights + biases
        rows.append(ParameterRow(
            kind=kind, maps=hidden // units, hidden_units=hidden, weights=weights, biases=biases,
            symbolic=symbolic + b_sym, substituted=f"{substituted}{b_num} = {latex_count(total)}",
        ))
    return rows


# ---------------------------------------------------------------------------------------------
# translation equivariance
# ---------------------------------------------------------------------------------------------

EQUIVARIANCE_KERNELS = {
    "edge_vertical": -kernel_preset("sobel_x"),
    "edge_horizontal": -kernel_preset("sobel_y"),
    "blur": kernel_preset("gaussian", 3),
}
"""Named 3×3 kernels for the equivariance demo: Sobel edges (vertical, horizontal; bright-to-dark
is positive) and a Gaussian blur, from :func:`cnnviz.lessons.kernels.kernel_preset`."""


def shift_image(image, dy: int, dx: int) -> np.ndarray:
    """``image`` moved ``dy`` pixels down and ``dx`` right; uncovered pixels are 0, pixels moved
    past the border are lost (not wrapped).

    Parameters
    ----------
    image : ndarray, shape (H, W)
    dy, dx : int, negative moves up / left

    Returns
    -------
    ndarray, shape (H, W), same dtype
    """
    image = np.asarray(image)
    if image.ndim != 2:
        raise ValueError(f"image must be 2-D (H, W), got shape {image.shape}")
    dy, dx = int(dy), int(dx)
    h, w = image.shape
    out = np.zeros_like(image)
    if abs(dy) >= h or abs(dx) >= w:
        return out
    out[max(dy, 0): h + min(dy, 0), max(dx, 0): w + min(dx, 0)] = \
        image[max(-dy, 0): h + min(-dy, 0), max(-dx, 0): w + min(-dx, 0)]
    return out


@dataclass(frozen=True)
class EquivarianceDemo:
    """Outputs of a convolution and of a fully connected layer on an image and its shifted copy.

    All arrays have the image's shape (H, W); the dense layer's H·W outputs are shown as an image.
    ``*_of_shifted`` = layer(shift(x)); ``shifted_*`` = shift(layer(x)). ``shift`` is ``(dy, dx)``;
    ``margin = max(|dy|, |dx|) + K // 2`` is the width of the border band where zero padding and
    the pixels lost by the shift may break equality.
    """

    image: np.ndarray
    shifted: np.ndarray
    conv_of_shifted: np.ndarray
    shifted_conv: np.ndarray
    dense_of_shifted: np.ndarray
    shifted_dense: np.ndarray
    shift: tuple[int, int]
    margin: int

    @property
    def conv_gap(self) -> float:
        """``max |conv(shift x) − shift(conv x)|`` over the whole image."""
        return float(np.max(np.abs(self.conv_of_shifted - self.shifted_conv)))

    @property
    def conv_gap_interior(self) -> float:
        """The same maximum, away from the border band of width ``margin`` (0 when nothing is left)."""
        m = self.margin
        h, w = self.image.shape
        inner = (self.conv_of_shifted - self.shifted_conv)[m: h - m, m: w - m]
        return float(np.max(np.abs(inner))) if inner.size else 0.0

    @property
    def dense_gap(self) -> float:
        """``max |dense(shift x) − shift(dense x)|``."""
        return float(np.max(np.abs(self.dense_of_shifted - self.shifted_dense)))

    @property
    def output_scale(self) -> float:
        """``max |dense(x)|``, to judge :attr:`dense_gap` against."""
        return float(np.max(np.abs(self.shifted_dense))) if self.shifted_dense.any() else 0.0


def equivariance_demo(image, kernel, dy: int, dx: int, *, rng: np.random.Generator) -> EquivarianceDemo:
    """Shift ``image`` by ``(dy, dx)`` and compare layer(shift(x)) with shift(layer(x)).

    The convolution is ``cnnviz.nn.functional.conv2d`` with "same"-size zero padding; the fully
    connected layer is ``cnnviz.nn.functional.linear`` with an ``(H·W, H·W)`` weight drawn from
    ``rng`` (standard normal / sqrt(H·W)). Convolution commutes with the shift (away from the
    borders); the dense layer does not.

    Parameters
    ----------
    image : ndarray, shape (H, W), at most 64×64 (the dense weight has (H·W)² entries)
    kernel : ndarray, shape (K, K), K odd
    dy, dx : int
    rng : numpy.random.Generator

    Returns
    -------
    EquivarianceDemo
    """
    x = np.asarray(image, dtype=np.float64)
    if x.ndim != 2 or x.size == 0:
        raise ValueError(f"image must be a non-empty 2-D array (H, W), got shape {x.shape}")
    if max(x.shape) > 64:
        raise ValueError(f"image is {x.shape[0]}×{x.shape[1]}: use at most 64×64 (the dense layer has (H·W)² weights)")
    k = np.asarray(kernel, dtype=np.float64)
    if k.ndim != 2 or k.shape[0] != k.shape[1] or k.shape[0] % 2 == 0:
        raise ValueError(f"kernel must be square with an odd side (K, K), got shape {k.shape}")
    if not isinstance(rng, np.random.Generator):
        raise ValueError("rng must be a numpy.random.Generator, e.g. numpy.random.default_rng(0)")
    h, w = x.shape
    r = k.shape[0] // 2

    def conv(a: np.ndarray) -> np.ndarray:
        return F.conv2d(a[None, None], k[None, None], padding=r)[0, 0]  # (H, W)

    weight = rng.standard_normal((h * w, h * w)) / math.sqrt(h * w)

    def dense(a: np.ndarray) -> np.ndarray:
        return F.linear(a.reshape(1, h * w), weight).reshape(h, w)  # (1, H·W) -> (H, W)

    shifted = shift_image(x, dy, dx)
    return EquivarianceDemo(
        image=x, shifted=shifted,
        conv_of_shifted=conv(shifted), shifted_conv=shift_image(conv(x), dy, dx),
        dense_of_shifted=dense(shifted), shifted_dense=shift_image(dense(x), dy, dx),
        shift=(int(dy), int(dx)), margin=max(abs(int(dy)), abs(int(dx))) + r,
    )


# ---------------------------------------------------------------------------------------------
# a conv / pool stack written as text
# ---------------------------------------------------------------------------------------------

MAX_LAYERS = 6
SPEC_LIMITS = {"kernel": (1, 15), "stride": (1, 8), "padding": (0, 15), "dilation": (1, 8)}
"""Inclusive ranges of each number in a stack spec."""

_KINDS = {"c": "conv", "p": "pool"}
_LETTERS = {"s": "stride", "p": "padding", "d": "dilation"}
_TOKEN = re.compile(r"([cp])(\d+)((?:[spd]\d+)*)")
_PART = re.compile(r"([spd])(\d+)")
_SEPARATORS = re.compile(r"[\s,;]+")


@dataclass(frozen=True)
class LayerSpec:
    """One square conv or pooling layer of a stack (the attributes :mod:`cnnviz.nn.shapes` reads).

    kind : "conv" or "pool"; stride defaults to 1 for conv and to ``kernel_size`` for pooling.
    """

    kind: str
    kernel_size: int
    stride: int
    padding: int = 0
    dilation: int = 1

    @property
    def code(self) -> str:
        """The layer as spec text, defaults left out: ``c3``, ``c3p1``, ``p2``, ``p3s2``, ``c3d2``."""
        default_stride = 1 if self.kind == "conv" else self.kernel_size
        text = ("c" if self.kind == "conv" else "p") + str(self.kernel_size)
        if self.stride != default_stride:
            text += f"s{self.stride}"
        if self.padding:
            text += f"p{self.padding}"
        if self.dilation != 1:
            text += f"d{self.dilation}"
        return text


def _spec_error(key: str, **fields) -> ShapeError:
    return ShapeError(shapes.problem(f"receptive.spec.{key}", **fields))


def parse_layer_stack(text: str) -> list[LayerSpec]:
    """Parse a stack written as layers separated by commas or spaces, e.g. ``"c3s1p1, p2, c3d2"``.

    A layer is ``c`` (convolution) or ``p`` (pooling), the kernel size, then optionally
    ``s<stride>``, ``p<padding>``, ``d<dilation>`` in any order, each at most once. Defaults:
    stride 1 for conv and the kernel size for pooling (PyTorch's), padding 0, dilation 1.
    Letters may be upper case. Numbers must lie in :data:`SPEC_LIMITS`; at most
    :data:`MAX_LAYERS` layers.

    Returns
    -------
    list of LayerSpec

    Raises
    ------
    ShapeError
        with a translatable ``problem``: ``receptive.spec.empty``, ``.too_many``, ``.token``,
        ``.repeated`` or ``.range`` (fields name the layer, its text and the rule).
    """
    if not isinstance(text, str):
        raise ValueError(f"the stack must be text such as 'c3, p2, c3', got {type(text).__name__}")
    tokens = [token for token in _SEPARATORS.split(text.strip().lower()) if token]
    if not tokens:
        raise _spec_error("empty")
    if len(tokens) > MAX_LAYERS:
        raise _spec_error("too_many", count=len(tokens), limit=MAX_LAYERS)
    layers = []
    for position, token in enumerate(tokens, start=1):
        match = _TOKEN.fullmatch(token)
        if match is None:
            raise _spec_error("token", index=position, token=token)
        kind = _KINDS[match.group(1)]
        values = {"kernel": int(match.group(2))}
        for letter, number in _PART.findall(match.group(3)):
            name = _LETTERS[letter]
            if name in values:
                raise _spec_error("repeated", index=position, token=token, name=name)
            values[name] = int(number)
        for name, value in values.items():
            low, high = SPEC_LIMITS[name]
            if not low <= value <= high:
                raise _spec_error("range", index=position, token=token, name=name, value=value,
                                  low=low, high=high)
        kernel = values["kernel"]
        layers.append(LayerSpec(
            kind=kind, kernel_size=kernel,
            stride=values.get("stride", 1 if kind == "conv" else kernel),
            padding=values.get("padding", 0), dilation=values.get("dilation", 1),
        ))
    return layers


def format_layer_stack(layers) -> str:
    """The canonical spec text of ``layers``: ``"c3, p2, c3"`` (parses back to the same layers)."""
    return ", ".join(layer.code for layer in layers)


@dataclass(frozen=True)
class StackGeometry:
    """Sizes and receptive fields through a stack on a square ``sizes[0]×sizes[0]`` input.

    sizes : side of every stage (input first) up to the last layer that works
    rf : :class:`cnnviz.nn.shapes.RFRow` per layer (independent of the input size)
    failed_layer : 0-based index of the first layer whose output would be empty, else None
    problem : why it fails (a translatable :class:`cnnviz.nn.shapes.Problem`), else None
    """

    sizes: tuple[int, ...]
    rf: tuple[RFRow, ...]
    failed_layer: int | None = None
    problem: Problem | None = None

    @property
    def ok(self) -> bool:
        return self.failed_layer is None


def stack_geometry(input_size: int, layers) -> StackGeometry:
    """Output side of every layer (``cnnviz.nn.shapes`` conv / pool sizes) and the receptive fields.

    Parameters
    ----------
    input_size : int, side of the square input
    layers : sequence of LayerSpec

    Returns
    -------
    StackGeometry; when a layer's window no longer fits, ``sizes`` stops before it and
    ``failed_layer`` / ``problem`` say which layer and why.
    """
    size = shapes.as_pair(input_size, "input size", 1)[0]
    layers = list(layers)
    if not layers:
        raise _spec_error("empty")
    rf = tuple(shapes.receptive_field(layers))
    sizes = [size]
    for position, layer in enumerate(layers):
        try:
            if layer.kind == "conv":
                size = shapes.conv_output_size(size, layer.kernel_size, layer.stride, layer.padding, layer.dilation)
            else:
                size = shapes.pool_output_size(size, layer.kernel_size, layer.stride, layer.padding, layer.dilation)
        except ShapeError as error:
            return StackGeometry(tuple(sizes), rf, position, error.problem)
        sizes.append(size)
    return StackGeometry(tuple(sizes), rf)


def stage_boxes(layers, out_row: int, out_col: int) -> list[tuple[int, int, int, int]]:
    """The region of every stage that output unit ``(out_row, out_col)`` of the last layer sees.

    Entry ``l`` (0 = the input, ``len(layers)`` = the last output) is
    :func:`cnnviz.nn.shapes.receptive_field_box` of ``layers[l:]``: half-open ``(row0, row1, col0,
    col1)`` in stage ``l``'s coordinates, possibly reaching into the padding (< 0 or >= size).
    """
    layers = list(layers)
    return [shapes.receptive_field_box(layers[start:], out_row, out_col) for start in range(len(layers) + 1)]


def _connection_1d(size: int, out: int, layer: LayerSpec) -> np.ndarray:
    """0/1 matrix (OUT, IN): which inputs one output of ``layer`` reads along an axis."""
    index = conv_weight_index(size, layer.kernel_size, layer.stride, layer.padding, layer.dilation)
    if index.shape[0] != out:  # pooling sizes follow the same formula when they fit (no ceil_mode)
        raise ValueError(f"layer {layer.code}: expected {out} outputs from {size} inputs, got {index.shape[0]}")
    return (index >= 0).astype(np.float64)


def influence_maps(sizes, layers, out_row: int, out_col: int) -> list[np.ndarray]:
    """How many paths join each unit of every stage to output unit ``(out_row, out_col)``.

    Walking back from a one-hot map at the last layer, each layer spreads every count over the
    units its window reads (all-ones weights; for max pooling that is what *can* reach the
    output). Because the layers are square, a layer is ``G_in = A^T · G_out · A`` with ``A`` the
    0/1 connection matrix of one axis. Non-zero cells are the units that feed the output; their
    bounding box lies inside :func:`stage_boxes` (dilation can leave holes); the counts peak in
    the middle (the "effective receptive field" is smaller than the full one).

    Parameters
    ----------
    sizes : sequence of int, the side of every stage (``StackGeometry.sizes`` of a working stack)
    layers : sequence of LayerSpec, ``len(sizes) - 1`` of them
    out_row, out_col : int, a unit of the last stage

    Returns
    -------
    list of ndarray, one per stage (input first), shape (sizes[l], sizes[l]), float64 counts
    """
    sizes = [int(s) for s in sizes]
    layers = list(layers)
    if len(sizes) != len(layers) + 1:
        raise ValueError(f"sizes has {len(sizes)} stages but {len(layers)} layers need {len(layers) + 1}")
    last = sizes[-1]
    if not (0 <= out_row < last and 0 <= out_col < last):
        raise ValueError(f"output unit ({out_row}, {out_col}) is outside the last {last}×{last} map: "
                         f"pick rows and columns 0..{last - 1}")
    grid = np.zeros((last, last))
    grid[out_row, out_col] = 1.0
    maps = [grid]
    for position in range(len(layers) - 1, -1, -1):
        a = _connection_1d(sizes[position], sizes[position + 1], layers[position])  # (OUT, IN)
        grid = a.T @ grid @ a  # (IN, IN)
        maps.append(grid)
    return maps[::-1]


def field_holes(grid, box) -> tuple[int, int]:
    """``(area, unreached)``: input cells inside ``box`` (clipped to the grid) and how many of them
    have no path to the output (:func:`influence_maps`), e.g. the holes left by dilation.

    Parameters
    ----------
    grid : ndarray, shape (H, W), path counts of one stage
    box : (row0, row1, col0, col1), half-open, may reach outside the grid
    """
    grid = np.asarray(grid)
    if grid.ndim != 2:
        raise ValueError(f"grid must be 2-D (H, W), got shape {grid.shape}")
    r0, r1, c0, c1 = (int(v) for v in box)
    inside = grid[max(r0, 0): max(min(r1, grid.shape[0]), 0), max(c0, 0): max(min(c1, grid.shape[1]), 0)]
    return int(inside.size), int(np.count_nonzero(inside == 0))


def rf_recurrence_latex(layers, rf_rows) -> list[str]:
    """The receptive-field recurrence of each layer with its numbers, as LaTeX lines.

    ``r_l = r_{l-1} + D_l (K_l - 1)\\, j_{l-1}`` and ``j_l = j_{l-1} S_l``, e.g. for ``c3, p2, c3``:
    ``r_1 = 1 + 1·(3−1)·1 = 3``, ``r_2 = 3 + 1·(2−1)·1 = 4``, ``r_3 = 4 + 1·(3−1)·2 = 8``.
    """
    lines = []
    rf_prev, jump_prev = 1, 1
    for position, (layer, row) in enumerate(zip(layers, rf_rows), start=1):
        k, s, d = layer.kernel_size, layer.stride, layer.dilation
        lines.append(
            f"r_{{{position}}} = {rf_prev} + {d}\\cdot({k}-1)\\cdot {jump_prev} = {row.rf},\\qquad "
            f"j_{{{position}}} = {jump_prev}\\cdot {s} = {row.jump}"
        )
        rf_prev, jump_prev = row.rf, row.jump
    return lines
