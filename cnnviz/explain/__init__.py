"""Why did the network decide that? Attribution and visualisation methods in pure NumPy.

Every method works on any :class:`cnnviz.nn.layers.Sequential` whose last layer outputs class
logits, using only its ``forward`` / ``backward`` passes:

- :func:`input_gradient` / :func:`saliency`: ∂score/∂input (Simonyan et al. 2014), the pixels whose
  small change moves the score most. Noisy, and shows sensitivity rather than evidence.
- :func:`smoothgrad`: the gradient averaged over noisy copies of the input (Smilkov et al. 2017).
- :func:`guided_backprop`: the gradient with only positive signals passed back through the ReLUs
  (Springenberg et al. 2015): sharp, edge-like maps.
- :func:`occlusion`: the drop in the class probability when a patch is greyed out (Zeiler & Fergus
  2014). Model-agnostic and easy to read; coarse, and its result depends on patch size and fill.
- :func:`grad_cam`: last-conv feature maps weighted by their spatially averaged gradients, then ReLU
  (Selvaraju et al. 2017). Class-discriminative but as coarse as that layer.
- :func:`activation_maximization`: gradient ascent on the input to excite one unit.
- :func:`randomized_copy`: the sanity check of Adebayo et al. (2018): an explanation that does not
  change when the weights are randomised explains the input, not the model.

``x`` is one input of shape (1, C, H, W); ``score="logit"`` (pre-softmax, the default for
gradients) or ``"prob"`` (softmax probability).
"""

from __future__ import annotations

import copy
from contextlib import contextmanager

import numpy as np

from cnnviz.errors import CnnvizError
from cnnviz.nn import functional as F
from cnnviz.nn import layers as L


def _check_input(model, x, target=None):
    if not isinstance(model, L.Sequential) or len(model) == 0:
        raise CnnvizError("explain.model_empty")
    if not isinstance(x, np.ndarray) or x.ndim != 4 or x.shape[0] != 1:
        raise CnnvizError("explain.one_input", got=getattr(x, "shape", type(x).__name__))
    if target is not None:
        classes = model.forward(x).shape[1]
        if not (0 <= int(target) < classes):
            raise CnnvizError("explain.target", classes=classes, target=target)


def predict_proba(model, x):
    """Softmax probabilities, shape (N, classes)."""
    return F.softmax(model.forward(x), dim=1)


def backward_to(model, dout, layer_index, top=None):
    """Backpropagate ``dout`` from the output of layer ``top`` (default: the last layer) down to
    the *output* of layer ``layer_index`` (``-1`` means the input). Requires a preceding forward."""
    top = len(model) - 1 if top is None else top
    for layer in reversed(model.layers[layer_index + 1:top + 1]):
        if isinstance(layer, L.Conv2d):
            layer.input_grad = True
        dout = layer.backward(dout)
    return dout


def _score_grad(logits, target, score):
    """d score / d logits for the chosen class, one row per input."""
    dout = np.zeros_like(logits)
    if score == "logit":
        dout[:, target] = 1.0
    elif score == "prob":
        p = F.softmax(logits, dim=1)
        onehot = np.zeros_like(logits)
        onehot[:, target] = 1.0
        dout = p[:, target:target + 1] * (onehot - p)  # d p_t / d z = p_t (δ - p)
    else:
        raise CnnvizError("explain.score", value=repr(score))
    return dout


def input_gradient(model, x, target, score="logit"):
    """∂score_target/∂x, same shape as ``x`` (any batch size)."""
    logits = model.forward(x)
    return backward_to(model, _score_grad(logits, int(target), score).astype(logits.dtype), -1)


def saliency(model, x, target, score="logit"):
    """Gradient saliency map (H, W): the largest |∂score/∂x| over the channels."""
    _check_input(model, x, target)
    return np.abs(input_gradient(model, x, target, score)[0]).max(axis=0)


@contextmanager
def _guided_relus(model):
    """Within the block every ReLU of ``model`` (nested ones too) passes back only positive
    gradients where its input was positive: ``dx = dout · [x > 0] · [dout > 0]``."""
    relus = [layer for _, layer in model.named_modules() if isinstance(layer, L.ReLU)]
    for layer in relus:
        layer.backward = lambda dout, layer=layer: F.relu_backward(np.maximum(dout, 0), layer._need_cache("_x"))
    try:
        yield model
    finally:
        for layer in relus:
            del layer.backward  # back to the class's own backward


def guided_gradient(model, x, target, score="logit"):
    """Guided backpropagation (Springenberg et al. 2015): ∂score/∂x, except that at every ReLU only
    positive gradients flow back, and only where the ReLU's input was positive. Same shape as ``x``.

    Plain saliency passes back negative gradients too, which is where its speckle comes from;
    guided backpropagation keeps only what *increases* the score through active units, and shows
    sharp, stroke-like maps. (Adebayo et al. 2018 found it hardly changes when the weights are
    randomised: it shows the input's edges more than the model's reasoning — try the sanity check.)
    """
    with _guided_relus(model):
        return input_gradient(model, x, target, score)


def guided_backprop(model, x, target, score="logit"):
    """Guided backpropagation map (H, W): the positive part of the guided gradient, largest over
    the channels."""
    _check_input(model, x, target)
    return np.maximum(guided_gradient(model, x, target, score)[0], 0).max(axis=0)


def smoothgrad(model, x, target, samples=25, noise=0.15, rng=None, score="logit"):
    """SmoothGrad map (H, W): mean |gradient| over ``samples`` copies with Gaussian noise.

    ``noise`` is the standard deviation as a fraction of the input's value range.
    """
    _check_input(model, x, target)
    if samples < 1:
        raise CnnvizError("explain.samples", value=samples)
    rng = np.random.default_rng(0) if rng is None else rng
    sigma = noise * float(x.max() - x.min() or 1.0)
    noisy = (x + rng.standard_normal((samples,) + x.shape[1:]) * sigma).astype(x.dtype)
    grads = input_gradient(model, noisy, target, score)  # (samples, C, H, W), one batched pass
    return np.abs(grads).mean(axis=0).max(axis=0)


def occlusion(model, x, target, patch=4, stride=2, fill=0.0, batch_size=256):
    """Occlusion sensitivity: probability drop when a ``patch``×``patch`` square is set to ``fill``.

    Returns
    -------
    drops : ndarray, shape (OH, OW), OH = (H - patch) // stride + 1: p(target | x) minus
        p(target | x with the patch at (i*stride, j*stride) occluded)
    heatmap : ndarray, shape (H, W): each pixel's mean drop over the patches that cover it
    base : float, p(target | x)
    """
    _check_input(model, x, target)
    _, channels, height, width = x.shape
    if not (1 <= patch <= min(height, width)):
        raise CnnvizError("explain.patch", high=min(height, width), value=patch)
    if stride < 1:
        raise CnnvizError("explain.stride", value=stride)
    target = int(target)
    base = float(predict_proba(model, x)[0, target])
    rows = list(range(0, height - patch + 1, stride))
    cols = list(range(0, width - patch + 1, stride))
    positions = [(r, c) for r in rows for c in cols]
    probs = np.empty(len(positions))
    for start in range(0, len(positions), batch_size):
        chunk = positions[start:start + batch_size]
        batch = np.repeat(x, len(chunk), axis=0)
        for k, (r, c) in enumerate(chunk):
            batch[k, :, r:r + patch, c:c + patch] = fill
        probs[start:start + len(chunk)] = predict_proba(model, batch)[:, target]
    drops = (base - probs).reshape(len(rows), len(cols))
    total = np.zeros((height, width))
    count = np.zeros((height, width))
    for (r, c), drop in zip(positions, drops.ravel()):
        total[r:r + patch, c:c + patch] += drop
        count[r:r + patch, c:c + patch] += 1
    heatmap = np.divide(total, count, out=np.zeros_like(total), where=count > 0)
    return drops, heatmap, base


def last_conv_index(model) -> int:
    """Index of the layer whose output Grad-CAM uses: the activation right after the last Conv2d
    (or the conv itself when no activation follows)."""
    convs = [i for i, layer in enumerate(model.layers) if isinstance(layer, L.Conv2d)]
    if not convs:
        raise CnnvizError("explain.gradcam_conv")
    i = convs[-1]
    if i + 1 < len(model) and isinstance(model.layers[i + 1], (L.ReLU, L.LeakyReLU, L.Sigmoid, L.Tanh)):
        return i + 1
    return i


def grad_cam(model, x, target, layer_index=None, score="logit"):
    """Grad-CAM for one input.

    ``α_k = mean_{i,j} ∂score/∂A^k_{ij}`` over the feature maps ``A`` of layer ``layer_index``
    (default :func:`last_conv_index`); ``cam = ReLU(Σ_k α_k A^k)``, upsampled to the input size.

    Returns
    -------
    cam : ndarray, shape (H, W), in [0, 1] (all zeros when nothing is positive)
    weights : ndarray, shape (K,), the α_k
    maps : ndarray, shape (K, h, w), the feature maps A
    coarse : ndarray, shape (h, w), the cam before upsampling and scaling
    """
    _check_input(model, x, target)
    index = last_conv_index(model) if layer_index is None else int(layer_index)
    logits, outputs = model.forward(x, record=True)
    maps = outputs[index][0]
    if maps.ndim != 3:
        raise ValueError(f"layer {index} outputs shape {maps.shape}, not feature maps (K, h, w)")
    grads = backward_to(model, _score_grad(logits, int(target), score).astype(logits.dtype), index)[0]
    weights = grads.mean(axis=(1, 2))
    coarse = np.maximum((weights[:, None, None] * maps).sum(axis=0), 0)
    cam = upsample_bilinear(coarse, x.shape[2:])
    peak = cam.max()
    return (cam / peak if peak > 0 else cam), weights, maps, coarse


def upsample_bilinear(image, size):
    """Resize a 2-D map to ``size`` = (H, W) by bilinear interpolation (align_corners=False)."""
    image = np.asarray(image, dtype=np.float64)
    h, w = image.shape
    out_h, out_w = size
    rows = np.clip((np.arange(out_h) + 0.5) * h / out_h - 0.5, 0, h - 1)
    cols = np.clip((np.arange(out_w) + 0.5) * w / out_w - 0.5, 0, w - 1)
    r0, c0 = np.floor(rows).astype(int), np.floor(cols).astype(int)
    r1, c1 = np.minimum(r0 + 1, h - 1), np.minimum(c0 + 1, w - 1)
    fr, fc = (rows - r0)[:, None], (cols - c0)[None, :]
    top = image[r0][:, c0] * (1 - fc) + image[r0][:, c1] * fc
    bottom = image[r1][:, c0] * (1 - fc) + image[r1][:, c1] * fc
    return top * (1 - fr) + bottom * fr


def activation_maximization(model, layer_index, unit, shape=(1, 1, 28, 28), steps=60, lr=0.1, l2=0.01,
                            blur_every=4, rng=None, snapshot_every=5):
    """Synthesise an input that excites one unit, by gradient ascent on the input.

    ``unit`` is a channel (its mean activation is maximised) for feature-map layers, or an index
    for vector layers (e.g. a class logit of the last layer). Each step: ``x += lr * g / (|g|_rms)
    - l2 * x``, clipped to [0, 1], with a light blur every ``blur_every`` steps to keep it smooth.

    Yields ``(step, image (H, W), activation)`` every ``snapshot_every`` steps and at the end.
    """
    if not (-len(model) <= layer_index < len(model)):
        raise CnnvizError("explain.layer_index", n=len(model), value=layer_index)
    layer_index %= len(model)
    rng = np.random.default_rng(0) if rng is None else rng
    x = (0.5 + 0.05 * rng.standard_normal(shape)).astype(np.float32)
    for step in range(1, steps + 1):
        _, outputs = model.forward(x, record=True)
        out = outputs[layer_index]
        if not 0 <= unit < out.shape[1]:
            raise CnnvizError("explain.unit", n=out.shape[1], layer=layer_index, value=unit)
        dout = np.zeros_like(out)
        if out.ndim == 4:
            dout[:, unit] = 1.0 / (out.shape[2] * out.shape[3])
            activation = float(out[0, unit].mean())
        else:
            dout[:, unit] = 1.0
            activation = float(out[0, unit])
        grad = backward_to(model, dout, -1, top=layer_index)
        rms = float(np.sqrt((grad * grad).mean())) or 1.0
        x = np.clip(x + lr * grad / rms - l2 * x, 0, 1).astype(np.float32)
        if blur_every and step % blur_every == 0:
            x = _blur(x)
        if step % snapshot_every == 0 or step == steps:
            yield step, x[0].mean(axis=0), activation


def _blur(x):
    """3×3 binomial blur per channel (zero padding), keeps the synthesised image smooth."""
    kernel = np.array([[1, 2, 1], [2, 4, 2], [1, 2, 1]], dtype=x.dtype) / 16
    channels = x.shape[1]
    weight = np.broadcast_to(kernel, (channels, 1, 3, 3)).copy()
    return F.conv2d(x, weight, padding=1, groups=channels)


def randomized_copy(model, rng, from_layer=None):
    """A deep copy whose parameters from layer ``from_layer`` upward (default: all) are re-drawn.

    Cascading randomisation from the top is the model-parameter sanity check for explanations.
    """
    clone = copy.deepcopy(model)
    start = 0 if from_layer is None else int(from_layer)
    for i, layer in enumerate(clone.layers):
        if i < start:
            continue
        for key, value in layer.params.items():
            fan_in = value[0].size if value.ndim > 1 else max(value.size, 1)
            layer.params[key] = (rng.standard_normal(value.shape) * np.sqrt(2.0 / fan_in)).astype(value.dtype)
    return clone


def residual_flow(model, x):
    """What each residual block passes on through its skip and what its body adds, for input ``x``.

    Runs ``model`` once in eval mode and reads every :class:`~cnnviz.nn.layers.Residual` (nested
    ones too, in network order). Returns a list of ``(name, skip_rms, body_rms)``: the RMS of the
    skip path's output (the input itself for an identity skip) and of the body's output, whose sum
    the block returns. ``body_rms / skip_rms`` small means the block is close to the identity.
    """
    _check_input(model, x)
    with L.eval_mode(model):
        model.forward(x)
    flow = []
    for name, layer in model.named_modules():
        if isinstance(layer, L.Residual):
            flow.append((name, float(np.sqrt(np.mean(np.square(layer.last_skip, dtype=np.float64)))),
                         float(np.sqrt(np.mean(np.square(layer.last_body, dtype=np.float64))))))
    return flow
