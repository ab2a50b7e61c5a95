"""The Harbin story's objects for the checks of its content (tests marked harbin_data), which are
parametrized over them and so need them when collected; engine tests take the ``harbin`` fixture instead."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from geostory import load_story
from geostory.styles import styles

HARBIN = load_story(Path(__file__).resolve().parents[1] / "geodata")
FEATURES = {f.id: f for f in HARBIN.features()}
FRAMES = {fr.id: fr for fr in HARBIN.frames}


def style_data() -> dict[str, Any]:
    """styles.json as written (validated): tests compare what the outputs draw with the file's values."""
    return styles().model_dump(mode="json", exclude_unset=True)


def ids(layer: str | None = None) -> list[str]:
    return [f.id for f in HARBIN.features() if layer is None or f.layer == layer]
