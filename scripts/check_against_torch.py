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


if __name__ == "__main__":
    main()
