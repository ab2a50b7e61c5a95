"""Views and time spans for the QGIS project, in WGS84 and naive local days.

Each frame's view is ``geometry.frame_bounds`` (the one view the web map and the frame pictures also use);
nothing here sizes a view of its own.
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

import shapely
from shapely.geometry import box

from ..geometry import Arrow
from ..story import Story

STORY_MARGIN = 0.05  # share of the width/height added on each side of the whole story


def frame_views(story: Story) -> dict[str, tuple[float, float, float, float]]:
    """Every frame's view (west, south, east, north), keyed by frame id."""
    return {fr.id: view for fr, view in zip(story.frames, story.derived.views, strict=True)}


def story_extent(story: Story, arrows: list[Arrow], views: dict) -> tuple[float, float, float, float]:
    """Every feature, every arrow head and every frame's view, with a small margin."""
    geoms = [f.geometry for f in story.features()] + [a.head for a in arrows] + [box(*v) for v in views.values()]
    xmin, ymin, xmax, ymax = shapely.total_bounds(shapely.GeometryCollection(geoms))
    dx, dy = (xmax - xmin) * STORY_MARGIN, (ymax - ymin) * STORY_MARGIN
    return tuple(round(float(v), 5) for v in (xmin - dx, ymin - dy, xmax + dx, ymax + dy))


def day_start(day: date) -> datetime:
    """Midnight at the start of a day, as a naive (local) datetime, which is what QGIS compares with."""
    return datetime.combine(day, time())


def day_after(day: date) -> datetime:
    """The exclusive end of a day: midnight of the next day."""
    return day_start(day + timedelta(days=1))


def story_span(story: Story) -> tuple[datetime, datetime]:
    """[first midnight, last midnight) covering every frame and every dated feature.

    A dated feature earlier than the first frame moves the start back, so the Temporal Controller can
    reach the day it begins.
    """
    firsts = [story.first_day] + [d for d in story.derived.first_days if d]
    lasts = [story.last_day] + [d for d in story.derived.last_days if d]
    return day_start(min(firsts)), day_after(max(lasts))
