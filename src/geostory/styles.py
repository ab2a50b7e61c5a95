"""Cartographic styles shared by every output, read from ``styles.json`` (data, not code)."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from .schema import MovementProps, StoryMeta

PX = 0.75
"""Points per CSS pixel: styles.json's widths, dashes and radii are CSS pixels; the pictures draw in points."""


@lru_cache(maxsize=1)
def styles() -> dict[str, Any]:
    """The parsed ``styles.json``, read once."""
    return json.loads(resources.files(__package__).joinpath("styles.json").read_text(encoding="utf-8"))


def movement_style(props: MovementProps, meta: StoryMeta) -> dict[str, Any]:
    """The current look of a movement as a flat dictionary; the rule itself is ``legend.movement_look``."""
    from .legend import movement_look  # the legend rule reads this module's styles()

    return movement_look(props, meta).as_style()


def dash_list(dash: str | None) -> list[float]:
    """A dash pattern such as ``"8 6"`` as numbers; an empty list for a solid line."""
    return [float(x) for x in dash.split()] if dash else []

