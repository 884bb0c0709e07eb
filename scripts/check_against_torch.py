"""Compare cnnviz.nn.functional with torch.nn.functional on random configurations (optional check).

Needs PyTorch (``pip install torch==2.13.0`` on the project machines); not part of the test suite.
Prints the largest absolute differences of outputs and gradients over all configurations.
"""

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import torch  # noqa: E402
import torch.nn.functional as TF  # noqa: E402

from cnnviz.nn import functional as F  # noqa: E402


def t(a):
    return torch.tensor(a, requires_grad=True)


def main(configs=300):
    rng = np.random.default_rng(0)
    worst = {"conv2d": 0.0, "conv_transpose2d": 0.0, "max_pool2d": 0.0, "avg_pool2d": 0.0}
    checked = dict.fromkeys(worst, 0)
    for _ in range(configs):
        g = int(rng.choice([1, 2]))
        ci, co = g * int(rng.integers(1, 3)), g * int(rng.integers(1, 3))
        k = (int(rng.integers(1, 5)), int(rng.integers(1, 5)))
        s = (int(rng.integers(1, 4)), int(rng.integers(1, 4)))
        d = (int(rng.integers(1, 3)), int(rng.integers(1, 3)))
        p = (int(rng.integers(0, 3)), int(rng.integers(0, 3)))
        h, w = int(rng.integers(4, 12)), int(rng.integers(4, 12))
        x = rng.standard_normal((2, ci, h, w))
        wt = rng.standard_normal((co, ci // g) + k)
        b = rng.standard_normal(co)
        try:
            ours = F.conv2d(x, wt, b, s, p, d, g)
        except ValueError:
            ours = None
        if ours is not None:
            X, W, B = t(x), t(wt), t(b)
            ref = TF.conv2d(X, W, B, s, p, d, g)
            r = rng.standard_normal(ref.shape)
            ref.backward(torch.tensor(r))
            dx, dw, db = F.conv2d_backward(r, x, wt, b, s, p, d, g)
            worst["conv2d"] = max(worst["conv2d"], *(float(np.abs(a - c.detach().numpy()).max()) for a, c in
                                                     [(ours, ref), (dx, X.grad), (dw, W.grad), (db, B.grad)]))
            checked["conv2d"] += 1
        op = tuple(int(rng.integers(0, max(si, di))) for si, di in zip(s, d))
        wt2 = rng.standard_normal((ci, co // g) + k)
        try:
            ours = F.conv_transpose2d(x, wt2, b, s, p, op, g, d)
        except ValueError:
            ours = None
        if ours is not None:
            X, W, B = t(x), t(wt2), t(b)
            ref = TF.conv_transpose2d(X, W, B, s, p, op, g, d)
            r = rng.standard_normal(ref.shape)
            ref.backward(torch.tensor(r))
            dx, dw, db = F.conv_transpose2d_backward(r, x, wt2, b, s, p, op, g, d)
            worst["conv_transpose2d"] = max(worst["conv_transpose2d"], *(
                float(np.abs(a - c.detach().numpy()).max()) for a, c in [(ours, ref), (dx, X.grad), (dw, W.grad),
                                                                         (db, B.grad)]))
            checked["conv_transpose2d"] += 1
        pp = (min(p[0], k[0] // 2), min(p[1], k[1] // 2))
        ceil = bool(rng.integers(0, 2))
        for name in ("max_pool2d", "avg_pool2d"):
            X = t(x)
            try:
                if name == "max_pool2d":
                    ours = F.max_pool2d(x, k, s, pp, d, ceil)
                    ref = TF.max_pool2d(X, k, s, pp, d, ceil)
                else:
                    cip = bool(rng.integers(0, 2))
                    ours = F.avg_pool2d(x, k, s, pp, ceil, cip)
                    ref = TF.avg_pool2d(X, k, s, pp, ceil, cip)
            except (ValueError, RuntimeError):
                continue
            r = rng.standard_normal(ref.shape)
            ref.backward(torch.tensor(r))
            dx = (F.max_pool2d_backward(r, x, k, s, pp, d, ceil) if name == "max_pool2d"
                  else F.avg_pool2d_backward(r, x, k, s, pp, ceil, cip))
            worst[name] = max(worst[name], float(np.abs(ours - ref.detach().numpy()).max()),
                              float(np.abs(dx - X.grad.numpy()).max()))
            checked[name] += 1
    for name, value in worst.items():
        print(f"{name:18s} {checked[name]:4d} configurations, max |difference| (output and gradients) {value:.2e}")
    check_layers(configs // 3)
    check_resnet18()


def check_resnet18(input_shape=(3, 64, 64)):
    """The runnable ResNet-18 against the PyTorch code cnnviz exports for it (same state_dict names):
    forward, input and parameter gradients in training and eval mode, running statistics."""
    from cnnviz import architectures as A

    namespace = {}
    exec(A.to_pytorch_code("resnet18"), namespace)
    theirs = namespace["model"].double()
    ours = A.build_model("resnet18", rng=np.random.default_rng(0), input_shape=input_shape, dtype=np.float64)
    assert list(ours.state_dict()) == list(theirs.state_dict()), "state_dict names differ"
    _copy_into_torch(ours, theirs)
    x = np.random.default_rng(1).standard_normal((2,) + input_shape)
    for mode in ("train", "eval"):
        getattr(theirs, mode)()
        getattr(ours, mode)()
        theirs.zero_grad()
        X = t(x)
        ref = theirs(X)
        out = ours.forward(x)
        r = np.random.default_rng(2).standard_normal(ref.shape)
        ref.backward(torch.tensor(r))
        dx = ours.backward(r)
        print(f"resnet18 {mode:5s} ({len(ours.state_dict())} tensors)  output {np.abs(out - ref.detach().numpy()).max():.2e}  "
              f"input grad {np.abs(dx - X.grad.numpy()).max():.2e}  parameter grads {max(_grad_diffs(ours, theirs)):.2e}  "
              f"running stats {max(_buffer_diffs(ours, theirs)):.2e}")


def _copy_into_torch(ours, theirs):
    """Load our parameters and buffers into the torch module (same state_dict names)."""
    theirs.load_state_dict({k: torch.tensor(np.asarray(v)) for k, v in ours.state_dict().items()})


def _grad_diffs(ours, theirs):
    """Max |difference| of every parameter gradient (matched by state_dict name)."""
    grads = dict(theirs.named_parameters())
    return [float(np.abs(layer.grads[key] - grads[name].grad.numpy()).max())
            for name, layer, key in ours.named_parameters()]


def _buffer_diffs(ours, theirs):
    buffers = dict(theirs.named_buffers())
    return [float(np.abs(np.asarray(layer.buffers[key], np.float64) - buffers[name].double().numpy()).max())
            for name, layer, key in ours.named_buffers()]


def check_layers(configs=100, steps=4):
    """BatchNorm1d/2d, Dropout, Residual and train()/eval() against torch.nn on random configurations:
    forward in both modes, input and parameter gradients after each of ``steps`` training steps,
    and the running statistics (and num_batches_tracked) after those steps."""
    from cnnviz.nn import layers as L

    rng = np.random.default_rng(1)
    worst = {"batchnorm2d": [0.0, 0.0, 0.0, 0.0], "batchnorm1d": [0.0, 0.0, 0.0, 0.0],
             "residual": [0.0, 0.0, 0.0, 0.0], "dropout": [0.0, 0.0, 0.0, 0.0]}
    for _ in range(configs):
        # batch norm, 2-D and 1-D, affine or not, several momentum values (None: cumulative average)
        c = int(rng.integers(1, 5))
        momentum = [0.1, 0.3, None][int(rng.integers(0, 3))]
        affine = bool(rng.integers(0, 2))
        eps = float(rng.choice([1e-5, 1e-3]))
        for name, ours, theirs, shape in (
                ("batchnorm2d", L.BatchNorm2d(c, eps, momentum, affine, dtype=np.float64),
                 torch.nn.BatchNorm2d(c, eps, momentum, affine).double(),
                 (int(rng.integers(1, 4)), c, int(rng.integers(2, 6)), int(rng.integers(1, 6)))),
                ("batchnorm1d", L.BatchNorm1d(c, eps, momentum, affine, dtype=np.float64),
                 torch.nn.BatchNorm1d(c, eps, momentum, affine).double(),
                 (int(rng.integers(2, 6)), c) if rng.integers(0, 2) else (int(rng.integers(1, 4)), c, int(rng.integers(2, 6))))):
            if affine:
                ours.params["weight"][:] = rng.standard_normal(c)
                ours.params["bias"][:] = rng.standard_normal(c)
            _copy_into_torch(ours, theirs)
            _compare_steps(name, ours, theirs, shape, rng, steps, worst)
        # residual blocks: identity or 1×1 projection shortcut, with batch norm and ReLU after the sum
        ci = int(rng.integers(1, 4))
        project = bool(rng.integers(0, 2))
        co = int(rng.integers(1, 4)) if project else ci
        stride = int(rng.integers(1, 3)) if project else 1
        body = L.Sequential(L.Conv2d(ci, co, 3, stride, 1, rng=rng, dtype=np.float64), L.BatchNorm2d(co, dtype=np.float64),
                            L.ReLU(), L.Conv2d(co, co, 3, 1, 1, rng=rng, dtype=np.float64),
                            L.BatchNorm2d(co, dtype=np.float64))
        shortcut = L.Conv2d(ci, co, 1, stride, rng=rng, dtype=np.float64) if project else None
        ours = L.Sequential(L.Residual(body, shortcut, L.ReLU()), L.Flatten())
        t_body = torch.nn.Sequential(torch.nn.Conv2d(ci, co, 3, stride, 1), torch.nn.BatchNorm2d(co), torch.nn.ReLU(),
                                     torch.nn.Conv2d(co, co, 3, 1, 1), torch.nn.BatchNorm2d(co))
        theirs = torch.nn.Sequential(_TorchResidual(t_body, torch.nn.Conv2d(ci, co, 1, stride) if project else None,
                                                    torch.nn.ReLU()), torch.nn.Flatten()).double()
        _copy_into_torch(ours, theirs)
        _compare_steps("residual", ours, theirs, (int(rng.integers(2, 4)), ci, 6, 5), rng, steps, worst)
        # dropout: torch draws its own mask, so compare with the mask read off torch's output
        p = float(rng.choice([0.0, 0.2, 0.5, 0.9]))
        x = rng.standard_normal((3, 7)) + 3.0  # nonzero, so a zero output means "dropped"
        X = t(x)
        drop = torch.nn.Dropout(p)
        ref = drop(X)
        keep = ref.detach().numpy() != 0
        ours = L.Dropout(p)
        ours.forward(x)
        ours._mask = np.where(keep, 1 / (1 - p), 0.0)  # the same mask torch drew
        r = rng.standard_normal(x.shape)
        ref.backward(torch.tensor(r))
        ours_out = x * ours._mask
        worst["dropout"][0] = max(worst["dropout"][0], float(np.abs(ours_out - ref.detach().numpy()).max()))
        worst["dropout"][2] = max(worst["dropout"][2], float(np.abs(ours.backward(r) - X.grad.numpy()).max()))
        drop.eval()
        ours.eval()
        worst["dropout"][1] = max(worst["dropout"][1], float(np.abs(ours.forward(x) - drop(t(x)).detach().numpy()).max()))
    print("layers, max |difference|: train-mode output, eval-mode output, gradients (input and every parameter), "
          f"running statistics after {steps} training steps")
    for name, values in worst.items():
        print(f"{name:12s} {configs:4d} configurations  train {values[0]:.2e}  eval {values[1]:.2e}  "
              f"grads {values[2]:.2e}  running stats {values[3]:.2e}")


class _TorchResidual(torch.nn.Module):
    """The Residual module cnnviz's PyTorch export writes: activation(body(x) + shortcut(x))."""

    def __init__(self, body, shortcut=None, activation=None):
        super().__init__()
        self.body = body
        self.shortcut = shortcut if shortcut is not None else torch.nn.Identity()
        self.activation = activation if activation is not None else torch.nn.Identity()

    def forward(self, x):
        return self.activation(self.body(x) + self.shortcut(x))


def _compare_steps(name, ours, theirs, shape, rng, steps, worst):
    """``steps`` training-mode forward/backward passes on fresh batches, then one eval forward."""
    ours.train()
    theirs.train()
    for _ in range(steps):
        x = rng.standard_normal(shape) * 2 + 1
        X = t(x)
        theirs.zero_grad()
        ref = theirs(X)
        out = ours.forward(x)
        worst[name][0] = max(worst[name][0], float(np.abs(out - ref.detach().numpy()).max()))
        r = rng.standard_normal(ref.shape)
        ref.backward(torch.tensor(r))
        dx = ours.backward(r)
        worst[name][2] = max(worst[name][2], float(np.abs(dx - X.grad.numpy()).max()), *_grad_diffs(ours, theirs))
    worst[name][3] = max(worst[name][3], *_buffer_diffs(ours, theirs))
    ours.eval()
    theirs.eval()
    x = rng.standard_normal(shape)
    worst[name][1] = max(worst[name][1], float(np.abs(ours.forward(x) - theirs(t(x)).detach().numpy()).max()))


if __name__ == "__main__":
    main()
