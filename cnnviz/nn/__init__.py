"""The reusable core: PyTorch-style ops, layers, optimizers and shape rules. Imports only NumPy."""
