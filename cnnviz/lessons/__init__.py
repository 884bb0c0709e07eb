"""Page-specific teaching helpers: traces, kernels, connectivity, backprop by hand, activations."""
