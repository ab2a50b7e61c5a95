"""Loose comparison of a picture with its golden copy in tests/golden/: catches a regression someone would
see (a layer gone, a basemap missing, colours changed), not antialiasing or font hinting.

Set GEOSTORY_UPDATE_GOLDEN=1 to write the current picture as the new golden (then look at it, and commit).
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import numpy as np
from PIL import Image

SIZE = (160, 100)
"""Both pictures are reduced to this before comparing: small shifts of a line or a label average out."""


def _small(path: Path) -> np.ndarray:
    with Image.open(path) as image:
        return np.asarray(image.convert("RGB").resize(SIZE, Image.Resampling.BOX), dtype=np.float64)


def assert_looks_like(picture: Path, golden: Path, mean_tolerance: float = 6.0, cell_tolerance: float = 60.0,
                      cell_share: float = 0.03) -> None:
    """``picture`` looks like ``golden``: mean absolute difference (0–255) under ``mean_tolerance``, and at
    most ``cell_share`` of the reduced cells differing by more than ``cell_tolerance``."""
    if os.environ.get("GEOSTORY_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(picture, golden)
    assert golden.is_file(), f"no golden picture {golden.name}: run with GEOSTORY_UPDATE_GOLDEN=1, look, commit"
    a, b = _small(picture), _small(golden)
    diff = np.abs(a - b).max(axis=2)
    mean, share = float(diff.mean()), float((diff > cell_tolerance).mean())
    assert mean < mean_tolerance and share <= cell_share, (
        f"{picture.name} differs from {golden.name}: mean {mean:.1f}/255, {share:.1%} of cells far off")
