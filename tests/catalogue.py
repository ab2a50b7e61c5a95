"""One shared catalogue of the Harbin story's objects, so each rule is crossed with every feature it governs."""
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


def citations() -> list[tuple[str, object]]:
    """Every citation in the story, with a label saying where it stands."""
    out = []
    for f in HARBIN.features():
        out += [(f"{f.id}#{i}", c) for i, c in enumerate(f.props.sources)]
    for fr in HARBIN.frames:
        out += [(f"frame:{fr.id}#{i}", c) for i, c in enumerate(fr.sources)]
    for corr in HARBIN.meta.corrections:
        out += [(f"correction:{corr.id}#{i}", c) for i, c in enumerate(corr.sources)]
    return out
