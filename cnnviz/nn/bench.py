"""Benchmark: ``python -m cnnviz.nn.bench [--repeat N]``.

Prints forward and backward milliseconds per op on LeNet-5-sized tensors (batch 64, float32) and
LeNet-5 training throughput in images/s. When PyTorch happens to be installed, it prints
PyTorch's figures from the same run and the ratio. Numbers, not assertions: run it, read it.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from cnnviz.nn import functional as F
from cnnviz.nn import layers as L
from cnnviz.nn.optim import SGD

BATCH = 64


def lenet5(rng):
    """The modern LeNet-5 (28×28 input, ReLU, max pooling): 61,706 parameters."""
    return L.Sequential(
        L.Conv2d(1, 6, 5, padding=2, rng=rng), L.ReLU(), L.MaxPool2d(2),
        L.Conv2d(6, 16, 5, rng=rng), L.ReLU(), L.MaxPool2d(2),
        L.Flatten(), L.Linear(400, 120, rng=rng), L.ReLU(), L.Linear(120, 84, rng=rng), L.ReLU(),
        L.Linear(84, 10, rng=rng),
    )


def _best_ms(fn, repeat):
    fn()  # warm-up
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best * 1000


def _op_cases(rng):
    x1 = rng.standard_normal((BATCH, 1, 28, 28)).astype(np.float32)
    w1 = rng.standard_normal((6, 1, 5, 5)).astype(np.float32)
    x2 = rng.standard_normal((BATCH, 6, 14, 14)).astype(np.float32)
    w2 = rng.standard_normal((16, 6, 5, 5)).astype(np.float32)
    b = np.zeros(16, np.float32)
    p = rng.standard_normal((BATCH, 6, 28, 28)).astype(np.float32)
    d1 = np.ones((BATCH, 6, 28, 28), np.float32)
    d2 = np.ones((BATCH, 16, 10, 10), np.float32)
    dp = np.ones((BATCH, 6, 14, 14), np.float32)
    return [
        ("conv2d 1→6 5×5 pad 2 (64×1×28×28)", lambda: F.conv2d(x1, w1, b[:6], padding=2),
         lambda: F.conv2d_backward(d1, x1, w1, b[:6], padding=2), (x1, w1, b[:6], dict(padding=2))),
        ("conv2d 6→16 5×5 (64×6×14×14)", lambda: F.conv2d(x2, w2, b), lambda: F.conv2d_backward(d2, x2, w2, b),
         (x2, w2, b, {})),
        ("max_pool2d 2×2 (64×6×28×28)", lambda: F.max_pool2d(p, 2), lambda: F.max_pool2d_backward(dp, p, 2), None),
        ("avg_pool2d 2×2 (64×6×28×28)", lambda: F.avg_pool2d(p, 2), lambda: F.avg_pool2d_backward(dp, p, 2), None),
        ("relu (64×6×28×28)", lambda: F.relu(p), lambda: F.relu_backward(d1, p), None),
    ]


def _train_throughput(steps, rng):
    model = lenet5(rng)
    optimizer = SGD(model, lr=0.01, momentum=0.9)
    x = rng.random((BATCH, 1, 28, 28), dtype=np.float32)
    y = rng.integers(0, 10, BATCH)

    def step():
        logits = model.forward(x)
        _, dlogits = F.cross_entropy(logits, y)
        model.backward(dlogits.astype(np.float32), input_grad=False)
        optimizer.step()

    for _ in range(3):
        step()
    start = time.perf_counter()
    for _ in range(steps):
        step()
    return steps * BATCH / (time.perf_counter() - start)


def _torch_figures(rng, repeat, steps):
    try:
        import torch
    except ImportError:
        return None
    torch.manual_seed(0)
    results = {}
    for name, _, _, tensors in _op_cases(rng):
        if tensors is None:
            continue
        x, w, b, kwargs = (torch.from_numpy(t) if isinstance(t, np.ndarray) else t for t in tensors)
        xg = x.clone().requires_grad_(True)
        wg = w.clone().requires_grad_(True)
        fwd = _best_ms(lambda: torch.nn.functional.conv2d(x, w, b, **kwargs), repeat)  # noqa: B023 (timed at once)

        def backward():
            out = torch.nn.functional.conv2d(xg, wg, b, **kwargs)  # noqa: B023 (timed at once, in this loop)
            out.backward(torch.ones_like(out))

        results[name] = (fwd, _best_ms(backward, repeat) - fwd)
    nn = torch.nn
    model = nn.Sequential(nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(6, 16, 5), nn.ReLU(),
                          nn.MaxPool2d(2), nn.Flatten(), nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(),
                          nn.Linear(84, 10))
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    x = torch.rand(BATCH, 1, 28, 28)
    y = torch.randint(0, 10, (BATCH,))

    def step():
        opt.zero_grad()
        torch.nn.functional.cross_entropy(model(x), y).backward()
        opt.step()

    for _ in range(3):
        step()
    start = time.perf_counter()
    for _ in range(steps):
        step()
    results["train"] = steps * BATCH / (time.perf_counter() - start)
    results["version"] = torch.__version__
    return results


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="timed repetitions per op (best is kept)")
    parser.add_argument("--steps", type=int, default=100, help="training steps for the throughput figure")
    args = parser.parse_args(argv)
    rng = np.random.default_rng(0)
    print(f"cnnviz benchmark: batch {BATCH}, float32, best of {args.repeat}")
    torch_results = _torch_figures(np.random.default_rng(0), args.repeat, args.steps)
    header = f"{'op':40s} {'forward ms':>11s} {'backward ms':>12s}"
    if torch_results:
        header += f" {'torch fwd':>10s} {'torch bwd':>10s}"
    print(header)
    for name, forward, backward, _ in _op_cases(rng):
        fwd = _best_ms(forward, args.repeat)
        bwd = _best_ms(backward, args.repeat)
        if "conv" in name:
            bwd -= fwd  # conv2d_backward recomputes the forward pass; report the backward part only
        line = f"{name:40s} {fwd:11.3f} {bwd:12.3f}"
        if torch_results and name in torch_results:
            line += f" {torch_results[name][0]:10.3f} {torch_results[name][1]:10.3f}"
        print(line)
    images_per_s = _train_throughput(args.steps, rng)
    print(f"LeNet-5 training (SGD momentum, batch {BATCH}): {images_per_s:,.0f} images/s")
    if torch_results:
        ratio = images_per_s / torch_results["train"]
        print(f"PyTorch {torch_results['version']} same model: {torch_results['train']:,.0f} images/s"
              f" -> cnnviz reaches {ratio:.0%} of PyTorch")


if __name__ == "__main__":
    main()
