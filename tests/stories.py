"""Small test stories: the starter story ``geostory new`` writes, then edited file by file.

One factory, so a test says only what it changes (a kind declared, a name removed, a date moved) and every
small story starts from the same valid one.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from geostory.scaffold import create_story


def small_story(folder: Path) -> Path:
    """A fresh copy of the starter story (the Waterloo campaign) in ``folder``."""
    return create_story(folder)


def edit_json(root: Path, name: str, change: Callable[[Any], None]) -> None:
    """Read ``root/name`` as JSON, let ``change`` edit it in place, write it back."""
    path = root / name
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def edit_features(root: Path, layer: str, change: Callable[[str, dict[str, Any]], None]) -> None:
    """Call ``change(feature id, properties)`` for every feature of a layer, editing the properties in place."""

    def each(data: dict[str, Any]) -> None:
        for feature in data["features"]:
            change(feature["id"], feature["properties"])

    edit_json(root, f"{layer}.geojson", each)


def set_properties(root: Path, layer: str, fid: str, **values: Any) -> None:
    """Set properties of one feature."""
    edit_features(root, layer, lambda i, props: props.update(values) if i == fid else None)


def first_id(root: Path, layer: str) -> str:
    """The id of a layer's first feature."""
    return str(json.loads((root / f"{layer}.geojson").read_text(encoding="utf-8"))["features"][0]["id"])
