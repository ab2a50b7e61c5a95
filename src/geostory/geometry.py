"""Movement arrows computed once with shapely, so the browser, QGIS and the frame pictures agree.

Arrows are shaped in a local equirectangular plane in kilometres (accurate enough for a region a few
hundred kilometres across) and returned in WGS84, rounded to 5 decimals (about a metre) so builds are
byte-for-byte reproducible.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
import shapely
from shapely.geometry import LineString, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import substring

from .schema import Frame
from .story import Movement, Story
from .styles import styles

KM_PER_DEGREE_LAT = 110.574
CURVE_SEGMENTS = 32
DECIMALS = 5
FRAME_MARGIN = 0.12
"""Share of the frame's width and height added on each side, so nothing sits on the edge."""
FRAME_MIN_KM = 120.0
"""The smallest view a frame gets, so a frame about one town still shows its surroundings."""

G = TypeVar("G", bound=BaseGeometry)


@dataclass(frozen=True)
class Arrow:
    """The drawable parts of one movement: the shaft (a line) and the head (a triangle)."""

    feature: Movement
    path: LineString
    shaft: LineString
    head: Polygon


class LocalPlane:
    """Degrees to kilometres and back around a reference latitude."""

    def __init__(self, ref_lat: float) -> None:
        self.kx = KM_PER_DEGREE_LAT * math.cos(math.radians(ref_lat))
        self.ky = KM_PER_DEGREE_LAT

    def to_km(self, geom: G) -> G:
        return shapely.transform(geom, lambda c: c * (self.kx, self.ky))

    def to_degrees(self, geom: G) -> G:
        return shapely.transform(geom, lambda c: np.round(c / (self.kx, self.ky), DECIMALS))


def curved(line: LineString, curve: float, segments: int = CURVE_SEGMENTS) -> LineString:
    """Bend a two-point line into a quadratic Bézier arc; ``curve`` is the bulge as a share of half its length.

    Positive bends to the left of the direction of travel. Lines with waypoints are kept as drawn.
    """
    coords = np.asarray(line.coords)
    if curve == 0 or len(coords) != 2:
        return line
    a, b = coords
    mid = (a + b) / 2
    d = b - a
    normal = np.array([-d[1], d[0]])
    control = mid + normal * curve / 2
    t = np.linspace(0, 1, segments + 1)[:, None]
    points = (1 - t) ** 2 * a + 2 * (1 - t) * t * control + t**2 * b
    return LineString(points)


def arrow_for(feature: Movement, plane: LocalPlane) -> Arrow:
    props = feature.props
    cfg = styles().arrow
    path_km = curved(plane.to_km(feature.geometry), props.curve)
    length = path_km.length
    lo, hi = cfg.head_length_km
    head_len = min(max(length * cfg.head_length_share, lo), hi, length * 0.5)
    half_width = head_len * cfg.head_width_ratio / 2
    tip = np.asarray(path_km.coords[-1])
    base_point = np.asarray(path_km.interpolate(length - head_len).coords[0])
    direction = (tip - base_point) / np.linalg.norm(tip - base_point)
    normal = np.array([-direction[1], direction[0]])
    head_km = Polygon([tip, base_point + normal * half_width, base_point - normal * half_width])
    # The shaft runs to the head's base, then straight into the head so that a thick or bent line
    # neither pokes past the tip nor leaves a gap beside the head.
    to_base = list(substring(path_km, 0, length - head_len).coords)
    shaft_km = LineString([*to_base, tuple(base_point + direction * head_len * 0.4)])
    return Arrow(feature, plane.to_degrees(path_km), plane.to_degrees(shaft_km), plane.to_degrees(head_km))


def story_plane(story: Story) -> LocalPlane:
    """The plane for a story, centred on the latitude of its features."""
    lats = [f.geometry.centroid.y for f in story.features()] or [0.0]
    return LocalPlane((min(lats) + max(lats)) / 2)


def arrows(story: Story) -> list[Arrow]:
    """One arrow per movement, in file order (computed once per story: ``story.derived``)."""
    return list(story.derived.arrows.values())


def frame_bounds(story: Story, frame: Frame) -> tuple[float, float, float, float]:
    """The view of a frame as (west, south, east, north): its focus (or features), margin, minimum size.

    Computed once per story (``story.derived``) for the web map, the QGIS bookmarks and the frame pictures,
    which then only fit it to their own aspect ratio.
    """
    return story.derived.view(frame)
