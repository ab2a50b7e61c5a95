"""Views and time spans for the QGIS project, in WGS84 and naive local days.

Each frame's view is ``geometry.frame_bounds`` (the one view the web map and the frame pictures also use);
nothing here sizes a view of its own. Days are story axis days (``dates.Day``); a datetime exists only for
days from AD 1 on, which is what GDAL can write to a GeoPackage. Before that, QGIS reads the day from
Gregorian year/month/day columns through an expression (``qt_datetime``).
"""
from __future__ import annotations

from datetime import datetime

import shapely
from shapely.geometry import box

from ..dates import Day
from ..geometry import Arrow
from ..story import Story

STORY_MARGIN = 0.05  # share of the width/height added on each side of the whole story


def frame_views(story: Story) -> dict[str, tuple[float, float, float, float]]:
    """Every frame's view (west, south, east, north), keyed by frame id."""
    return {fr.id: view for fr, view in zip(story.frames, story.derived.views, strict=True)}


def story_extent(story: Story, arrows: list[Arrow], views: dict[str, tuple[float, float, float, float]]
                 ) -> tuple[float, float, float, float]:
    """Every feature, every arrow head and every frame's view, with a small margin."""
    geoms = [f.geometry for f in story.features()] + [a.head for a in arrows] + [box(*v) for v in views.values()]
    xmin, ymin, xmax, ymax = shapely.total_bounds(shapely.GeometryCollection(geoms))
    dx, dy = (xmax - xmin) * STORY_MARGIN, (ymax - ymin) * STORY_MARGIN
    return (round(float(xmin - dx), 5), round(float(ymin - dy), 5), round(float(xmax + dx), 5),
            round(float(ymax + dy), 5))


def day_start(day: Day) -> datetime | None:
    """Midnight at the start of a day, as a naive (local) datetime, which is what QGIS compares with;
    None before AD 1, which neither Python's datetime nor GDAL's GeoPackage writer can hold."""
    year, month, dom = day.ymd()
    return datetime(year, month, dom) if year >= 1 else None


def day_after(day: Day) -> datetime | None:
    """The exclusive end of a day: midnight of the next day."""
    return day_start(day + 1)


def needs_expressions(story: Story) -> bool:
    """Whether any day of the story is before AD 1, so QGIS must build its times from y/m/d columns."""
    return story_span(story)[0].ymd()[0] < 1


def qt_datetime(day: Day | None = None, prefix: str | None = None) -> str:
    """A QGIS expression for midnight of a day (a literal day, or the ``prefix_year/_month/_day`` columns).

    Qt's calendar is proleptic Gregorian like the axis but has no year 0 (year -1 is 1 BC), so
    astronomical years up to 0 are moved back by one.
    """
    if day is not None:
        y, m, d = day.ymd()
        year, month, dom = str(y if y > 0 else y - 1), str(m), str(d)
    else:
        col = f'"{prefix}_year"'
        year, month, dom = f"if({col} > 0, {col}, {col} - 1)", f'"{prefix}_month"', f'"{prefix}_day"'
    return f"make_datetime({year}, {month}, {dom}, 0, 0, 0)"


def story_span(story: Story) -> tuple[Day, Day]:
    """[first day, the day after the last) covering every frame and every dated feature.

    A dated feature earlier than the first frame moves the start back, so the Temporal Controller can
    reach the day it begins.
    """
    firsts = [story.first_day] + [d for d in story.derived.first_days if d is not None]
    lasts = [story.last_day] + [d for d in story.derived.last_days if d is not None]
    return min(firsts), max(lasts) + 1
