"""The API's heavy calls pace Python's cycle collector themselves, and give the caller's pace back."""
from __future__ import annotations

import gc
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

from geostory import load_story
from geostory.errors import StoryError
from geostory.webmap import render_html

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from synthetic import make_story

T = TypeVar("T")


def _passes(func: Callable[[], T]) -> tuple[int, T]:
    """How many young-generation passes the collector makes while ``func`` runs, and its result."""
    seen: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and info["generation"] == 0:
            seen.append(1)

    gc.callbacks.append(count)
    try:
        result = func()
    finally:
        gc.callbacks.remove(count)
    return len(seen), result


def test_a_large_story_loads_and_renders_with_few_collections(tmp_path: Path) -> None:
    """Two thousand features: at the default pace (a pass every 700 new objects) about 120 passes; paced, a couple."""
    story_dir = make_story(tmp_path / "story", 2_000, 20)
    before = gc.get_threshold()
    loaded, story = _passes(lambda: load_story(story_dir))
    rendered, _ = _passes(lambda: render_html(story))
    assert loaded + rendered < 20, (loaded, rendered)  # about 120 at the default pace
    assert gc.get_threshold() == before


def test_the_callers_pace_is_back_after_an_error(tmp_path: Path) -> None:
    before = gc.get_threshold()
    with pytest.raises(StoryError):
        load_story(tmp_path)  # an empty folder: no story.json
    assert gc.get_threshold() == before
