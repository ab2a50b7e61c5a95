"""Movement arrows computed once with shapely, so the browser, QGIS and the frame pictures agree.

Arrows are shaped in a local equirectangular plane in kilometres (accurate enough for a region a few
hundred kilometres across) and returned in WGS84, rounded to 5 decimals (about a metre) so builds are
byte-for-byte reproducible.
"""
from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar, cast

import numpy as np
import numpy.typing as npt
import shapely
from shapely.geometry import LineString, Polygon
from shapely.geometry.base import BaseGeometry

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
Geometries = npt.NDArray[np.object_]
"""A numpy array of shapely geometries, as shapely 2's vectorised functions take and give."""


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

    def all_to_km(self, geoms: Geometries) -> Geometries:
        """``to_km`` over an array of geometries at once (the same arithmetic, one call)."""
        out: Geometries = shapely.transform(geoms, lambda c: c * (self.kx, self.ky))
        return out

    def all_to_degrees(self, geoms: Geometries) -> Geometries:
        """``to_degrees`` over an array of geometries at once."""
        out: Geometries = shapely.transform(geoms, lambda c: np.round(c / (self.kx, self.ky), DECIMALS))
        return out


def curved(line: LineString, curve: float, segments: int = CURVE_SEGMENTS) -> LineString:
    """Bend a two-point line into a quadratic Bézier arc; ``curve`` is the bulge as a share of half its length.

    Positive bends to the left of the direction of travel. Lines with waypoints are kept as drawn.
    """
    bent: LineString = _curved_all(np.array([line], dtype=object), [curve], segments)[0]
    return bent


def arrow_for(feature: Movement, plane: LocalPlane) -> Arrow:
    """The arrow of one movement (``arrows_for`` with one feature)."""
    return arrows_for([feature], plane)[0]


def arrows_for(features: Sequence[Movement], plane: LocalPlane) -> list[Arrow]:
    """One arrow per movement, shaped in the plane's kilometres: a head at the destination sized by the
    route's length (styles.json's arrow), a shaft that stops inside it.

    Vectorised with shapely 2 and numpy over all movements (projection, curves, length, the head's base
    point, the heads' corners, geometry creation, rounding back to degrees); what is left per arrow is the
    walk along its path to the head's base. Each number is computed by the same operations, in the same
    order, as for a single arrow (``curved``; a norm as ``np.linalg.norm`` takes it), so the shapes are the
    same to the last bit.
    """
    if not features:
        return []
    cfg = styles().arrow
    routes = plane.all_to_km(np.array([f.geometry for f in features], dtype=object))
    paths = _curved_all(routes, [f.props.curve for f in features])
    lengths = shapely.length(paths)
    lo, hi = cfg.head_length_km
    heads = np.minimum(np.minimum(np.maximum(lengths * cfg.head_length_share, lo), hi), lengths * 0.5)
    bases = shapely.get_coordinates(shapely.line_interpolate_point(paths, lengths - heads))
    coords, which = shapely.get_coordinates(paths, return_index=True)
    ends = np.searchsorted(which, np.arange(len(features)), side="right")  # one past each path's last vertex
    tips = coords[ends - 1]
    towards = tips - bases
    norms = np.sqrt([v.dot(v) for v in towards])  # as np.linalg.norm(v) for one vector
    direction = towards / norms[:, None]
    normal = np.stack([-direction[:, 1], direction[:, 0]], axis=1)
    half_width = (heads * cfg.head_width_ratio / 2)[:, None]
    triangles = np.stack([tips, bases + normal * half_width, bases - normal * half_width], axis=1)
    into_head = bases + direction * heads[:, None] * 0.4
    # The shaft runs to the head's base (shapely.ops.substring from 0, vertex by vertex), then straight
    # into the head so that a thick or bent line neither pokes past the tip nor leaves a gap beside it.
    every = coords.tolist()
    shafts: list[list[float]] = []
    shaft_of: list[int] = []
    start = 0
    for k, (stop, end) in enumerate(zip(ends.tolist(), (lengths - heads).tolist(), strict=True)):
        to_base = [every[start]]
        walked = 0.0
        for p1, p2 in itertools.pairwise(every[start:stop]):
            if 0 < walked < end:
                to_base.append(p1)
            elif walked >= end:
                break
            walked += ((p2[0] - p1[0]) ** 2 + (p2[1] - p1[1]) ** 2) ** 0.5
        shafts += to_base
        shaft_of += [k] * (len(to_base) + 2)
        shafts += (bases[k].tolist(), into_head[k].tolist())
        start = stop
    shaft_km = cast("Geometries", shapely.linestrings(shafts, indices=shaft_of))  # arrays, given arrays
    head_km = cast("Geometries", shapely.polygons(triangles))
    out_paths, out_shafts, out_heads = (plane.all_to_degrees(g) for g in (paths, shaft_km, head_km))
    return [Arrow(f, out_paths[k], out_shafts[k], out_heads[k]) for k, f in enumerate(features)]


def _curved_all(routes: Geometries, curves: Sequence[float], segments: int = CURVE_SEGMENTS) -> Geometries:
    """``curved`` over an array of routes at once: each two-point route with a curve bent into a quadratic
    Bézier arc through a control point off its middle, the others kept as drawn (the same objects)."""
    out = routes.copy()
    bend = [k for k, (route, curve) in enumerate(zip(routes, curves, strict=True))
            if curve != 0 and shapely.get_num_coordinates(route) == 2]
    if not bend:
        return out
    ends = shapely.get_coordinates(routes[bend]).reshape(-1, 2, 2)
    a, b = ends[:, 0], ends[:, 1]
    mid = (a + b) / 2
    d = b - a
    normal = np.stack([-d[:, 1], d[:, 0]], axis=1)
    control = mid + normal * np.array([curves[k] for k in bend])[:, None] / 2
    t = np.linspace(0, 1, segments + 1)[None, :, None]
    points = (1 - t) ** 2 * a[:, None] + 2 * (1 - t) * t * control[:, None] + t**2 * b[:, None]
    out[bend] = shapely.linestrings(points)
    return out


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
