"""geostory: turn a folder of dated GeoJSON and prose into a story map, a QGIS project and frame pictures.

The names below are imported on first use, so that ``geostory.cli`` starts light and has its signal
handlers in place before pydantic, shapely and the rest are loaded.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .errors import Problem, StoryError
    from .loader import default_story_dir, load_story
    from .story import Feature, Story

__all__ = ["Feature", "Problem", "Story", "StoryError", "default_story_dir", "load_story"]
__version__ = "0.1.0"
_HOMES = {"Feature": "story", "Story": "story", "Problem": "errors", "StoryError": "errors",
          "default_story_dir": "loader", "load_story": "loader"}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'geostory' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{_HOMES[name]}", __name__), name)
    globals()[name] = value
    return value
