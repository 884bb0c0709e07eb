"""Train the pretrained LeNet-5 the app ships: ``python assets/make_pretrained.py``.

Uses the project's own training code (:mod:`cnnviz.train`) on the bundled MNIST subset
(``cnnviz/assets/mnist_5k.npz``, 4,000 training digits) and writes ``cnnviz/assets/lenet5_mnist.npz`` in the
format of :func:`cnnviz.train.model_file.save_model_bytes` (weights under PyTorch names + the config).
Deterministic for the seed below; prints the held-out accuracy (the tests check it is ≥ 96%).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from anywhere, no install

from cnnviz import train  # noqa: E402

CONFIG = train.TrainConfig(model="lenet5", activation="relu", pooling="max", optimizer="adam", lr=0.002,
                           batch_size=64, epochs=12, seed=0)
OUT = Path(__file__).resolve().parent.parent / "cnnviz" / "assets" / "lenet5_mnist.npz"  # package data


def main():
    trainer = train.Trainer(CONFIG)
    for event in trainer.events():
        if isinstance(event, train.EpochEvent):
            print(f"epoch {event.epoch}: held-out accuracy {event.test_accuracy:.2%}")
        elif isinstance(event, train.DivergedEvent):
            raise SystemExit(event.message)
    OUT.write_bytes(trainer.save_bytes())
    print(f"wrote {OUT} ({OUT.stat().st_size:,} bytes), held-out accuracy {trainer.history['test_accuracy'][-1]:.2%}")


if __name__ == "__main__":
    main()
