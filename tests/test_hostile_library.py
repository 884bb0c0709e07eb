"""Issue 12 at the library level: hostile typed numbers, datasets and files (corpus: tests/hostile.py)."""

from __future__ import annotations

import numpy as np
import pytest

from cnnviz.lessons import convmath, kernels
from cnnviz.nn.validation import MAX_TYPED_MAGNITUDE
from cnnviz.train import Trainer, TrainConfig
from hostile import hostile_numbers


# ---------------------------------------------------------------------------------------------
# T7 / T8: typed numbers are finite and bounded, so sums of products stay finite
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("token", hostile_numbers())
def test_typed_grids_and_lists_refuse_huge_or_non_finite_numbers(token):
    with pytest.raises(kernels.GridParseError) as caught:
        kernels.parse_kernel(f"1 {token}; 0 1")
    assert caught.value.key in ("grid.not_finite", "grid.too_large", "grid.not_number")
    with pytest.raises(ValueError):
        convmath.parse_numbers(f"1, {token}")


def test_the_largest_allowed_values_give_finite_results_everywhere():
    top = kernels.parse_kernel(" ".join([f"{MAX_TYPED_MAGNITUDE:g}"] * 7) + ";" +
                               " ".join([f"-{MAX_TYPED_MAGNITUDE:g}"] * 7))
    image = kernels.parse_grid("; ".join([" ".join([f"{MAX_TYPED_MAGNITUDE:g}"] * 16)] * 16))
    out = kernels.convolve(image[None], top[None], 0.0, (1, 1), (0, 0, 0, 0), 1, False)
    assert np.all(np.isfinite(out))
    signal = convmath.parse_numbers(" ".join(["1e6"] * 32), max_count=32)
    assert np.all(np.isfinite(convmath.conv1d(signal, signal[:8], "full")))


# ---------------------------------------------------------------------------------------------
# T6: the shapes dataset with the default LeNet-5
# ---------------------------------------------------------------------------------------------

def test_t6_lenet5_on_the_shapes_dataset_has_one_output_per_class():
    trainer = Trainer(TrainConfig(dataset="shapes", train_size=100, epochs=1, batch_size=50))
    assert trainer.dataset.classes == 7
    assert trainer.model.forward(trainer.dataset.x_test[:2]).shape == (2, 7)
    events = list(trainer.events())
    assert trainer.finished and trainer.diverged is None
    assert events[-2].confusion.shape == (7, 7)
