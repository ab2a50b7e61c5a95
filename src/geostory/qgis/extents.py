"""Extents in WGS84 for the whole story and for each frame (its focus, else its features, with a margin)."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

import shapely
from shapely.geometry import box

from ..geometry import Arrow
from ..schema import Frame
from ..story import Story

MARGIN = 0.15  # share of the width/height added on each side
MIN_HALF_SIZE_DEG = 0.12  # about 10-13 km at 45°N, so a frame about one town is not a close-up of a dot


def _padded(geoms, margin: float = MARGIN) -> tuple[float, float, float, float]:
    xmin, ymin, xmax, ymax = shapely.total_bounds(shapely.GeometryCollection(list(geoms)))
    w, h = xmax - xmin, ymax - ymin
    cx, cy = (xmin + xmax) / 2, (ymin + ymax) / 2
    hw = max(w / 2 * (1 + 2 * margin), MIN_HALF_SIZE_DEG)
    hh = max(h / 2 * (1 + 2 * margin), MIN_HALF_SIZE_DEG)
    return tuple(round(v, 5) for v in (cx - hw, cy - hh, cx + hw, cy + hh))


def _geometry(story: Story, feature_id: str, arrows: dict[str, Arrow]):
    if feature_id in arrows:  # a curved movement bulges beyond its straight two-point route
        return arrows[feature_id].path.union(arrows[feature_id].head)
    return story.feature(feature_id).geometry


def frame_extent(story: Story, frame: Frame, arrows: dict[str, Arrow]) -> tuple[float, float, float, float]:
    ids = frame.focus or frame.features
    return _padded(_geometry(story, i, arrows) for i in ids)


def story_extent(story: Story, arrows: dict[str, Arrow]) -> tuple[float, float, float, float]:
    geoms = [f.geometry for f in story.features()] + [a.head for a in arrows.values()]
    return _padded(geoms, margin=0.05)


def extent_polygon(extent):
    return box(*extent)


def day_start(day: date) -> datetime:
    """Midnight at the start of a day, as a naive (local) datetime, which is what QGIS compares with."""
    return datetime.combine(day, time())


def day_after(day: date) -> datetime:
    """The exclusive end of a day: midnight of the next day."""
    return day_start(day + timedelta(days=1))


def story_span(story: Story) -> tuple[datetime, datetime]:
    """[first midnight, last midnight) covering every frame and every dated feature."""
    firsts = [story.first_day] + [f.first_day for f in story.features() if f.first_day]
    lasts = [story.last_day] + [f.last_day for f in story.features() if f.last_day]
    return day_start(min(firsts)), day_after(max(lasts))
