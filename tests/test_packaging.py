"""The core library stands alone: importing and running it loads no Streamlit, Plotly, Pillow or
translation table, and its data files are package data."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CORE_RUN = """
import json, sys
import numpy as np
import cnnviz.nn.functional as F, cnnviz.nn.layers, cnnviz.nn.shapes, cnnviz.nn.optim, cnnviz.nn.naive
import cnnviz.train, cnnviz.train.datasets, cnnviz.train.model_file, cnnviz.train.lessons
import cnnviz.explain, cnnviz.explain.units, cnnviz.architectures, cnnviz.architectures.spec
import importlib, pkgutil, cnnviz.lessons
for info in pkgutil.iter_modules(cnnviz.lessons.__path__):  # the teaching helpers are library code too
    importlib.import_module("cnnviz.lessons." + info.name)
F.conv2d(np.ones((1, 1, 5, 5)), np.ones((2, 1, 3, 3)), padding=1)
cnnviz.architectures.summarize("lenet5")
try:
    cnnviz.nn.shapes.conv_output_size(3, 7)  # raising (not printing) an error needs no translation
except ValueError as error:
    key = error.key
loaded = sorted({name.split(".")[0] if not name.startswith("cnnviz.") else name
                 for name in sys.modules})
print(json.dumps({"key": key, "modules": loaded}))
"""


def test_core_packages_load_no_ui_image_or_locale_module(tmp_path):
    # run from another directory, with only the repository on the path (as if installed)
    result = subprocess.run([sys.executable, "-c", CORE_RUN], cwd=tmp_path, capture_output=True, text=True,
                            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, check=True)
    report = json.loads(result.stdout)
    assert report["key"] == "shapes.kernel_span"
    modules = report["modules"]
    assert {"cnnviz.nn.functional", "cnnviz.architectures", "cnnviz.lessons.trace"} <= set(modules)  # the check ran
    forbidden = [m for m in modules if m in ("streamlit", "plotly", "PIL", "pandas") or m.startswith("cnnviz.i18n")]
    assert forbidden == []


CORE_PACKAGES = ("nn", "train", "explain", "architectures", "lessons")
EDGE_MODULES = ("streamlit", "plotly", "PIL", "pandas", "cnnviz.figures", "cnnviz.i18n", "cnnviz.images", "ui", "pages")


def test_no_core_module_imports_the_edge_even_inside_a_function():
    """Imports anywhere in the source (a function-level import escapes the run-time check above)."""
    import ast

    found = []
    for package in CORE_PACKAGES:
        for path in sorted((ROOT / "cnnviz" / package).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                         else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
                found += [f"{path.relative_to(ROOT)}:{node.lineno} {name}" for name in names
                          if any(name == edge or name.startswith(edge + ".") for edge in EDGE_MODULES)]
    assert found == []


def test_printing_a_core_error_gives_the_english_rule():
    from cnnviz.nn import shapes

    try:
        shapes.conv_output_size(5, 7)
    except ValueError as error:
        assert str(error) == "kernel span 7 exceeds padded input 5: lower the kernel size or dilation, or add padding"
    else:
        raise AssertionError("no error")


def test_shipped_data_files_are_package_data():
    from cnnviz.assets import asset_path

    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    for name in ("mnist_5k.npz", "lenet5_mnist.npz", "sample_camera.png", "sample_cat.png", "sample_house.png"):
        path = asset_path(name)
        assert path.is_file() and path.parent == ROOT / "cnnviz" / "assets", name
        assert f"*{path.suffix}" in pyproject
