"""Numerical gradients by central differences, for gradient-check tests (float64)."""

import numpy as np


def numerical_grad(f, array, eps=1e-6):
    """Central-difference gradient of the scalar f() w.r.t. array (modified in place, then restored)."""
    grad = np.zeros_like(array)
    for index in np.ndindex(array.shape):
        old = array[index]
        array[index] = old + eps
        plus = f()
        array[index] = old - eps
        minus = f()
        array[index] = old
        grad[index] = (plus - minus) / (2 * eps)
    return grad


def assert_grad_close(analytic, numeric):
    error = np.linalg.norm(analytic - numeric) / max(np.linalg.norm(analytic) + np.linalg.norm(numeric), 1e-12)
    assert error < 1e-6, f"relative error {error:.2e}"
