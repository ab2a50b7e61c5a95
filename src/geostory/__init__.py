"""geostory: turn a folder of dated GeoJSON and prose into a story map, a QGIS project and frame pictures."""
from __future__ import annotations

from .errors import Problem, StoryError
from .loader import default_story_dir, load_story
from .story import Feature, Story

__all__ = ["Feature", "Problem", "Story", "StoryError", "default_story_dir", "load_story"]
__version__ = "0.1.0"
