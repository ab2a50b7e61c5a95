"""Checks of one GeoJSON layer on its own: the collection, each feature's id, geometry and properties.

What a feature means to other files (places it names, frames that show it) is checked in
``reference_checks``; here only what the layer file alone can say.
"""
from __future__ import annotations

import math
import re
from typing import Any, cast

import numpy as np
import numpy.typing as npt
import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from .errors import shorten
from .messages import SLUG_EXPECTED, SLUG_HINT, Report
from .schema import FeatureProps
from .story import Feature

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*", re.ASCII)
_NESTING = {"Point": 0, "LineString": 1, "MultiPoint": 1, "MultiLineString": 2, "Polygon": 2, "MultiPolygon": 3}
"""How many list levels hold a geometry type's positions."""
GEOJSON_TYPES = frozenset({"FeatureCollection", "Feature", "GeometryCollection", *_NESTING})


def is_slug(value: object) -> bool:
    """Whether ``value`` is an id as documented: lower-case ASCII words joined by '-'."""
    return isinstance(value, str) and SLUG.fullmatch(value) is not None


def feature_label(item: object, index: int) -> str:
    """How messages name a feature: its id if it has a string one, else its position (#0, #1, ...)."""
    fid = item.get("id") if isinstance(item, dict) else None
    return fid if isinstance(fid, str) and fid else f"#{index}"


class LayerChecker:
    """Turns one parsed layer file into features, adding a problem for everything wrong with it."""

    def __init__(self, report: Report, layer: str, model: type[FeatureProps], geometry_types: tuple[str, ...],
                 declared: dict[str, str]) -> None:
        self.report = report
        self.layer = layer
        self.filename = f"{layer}.geojson"
        self.model = model
        self.types = geometry_types
        self.declared = declared
        """Every feature id found in any layer, valid or not, so references to it are not flagged."""
        self.incomplete = False
        """Set when a feature's id could not be read: references into the layer are then not judged."""

    def problem(self, fid: str | None, field: str | None, expected: str, found: str, hint: str | None = None) -> None:
        self.report.add(self.filename, fid, field, expected, found, hint)

    def features(self, obj: Any) -> tuple[Feature, ...] | None:
        """The layer's valid features, or None when the file is not a FeatureCollection at all."""
        collection = isinstance(obj, dict) and obj.get("type") == "FeatureCollection"
        if collection and not isinstance(obj.get("features"), list):
            self.problem(None, "features", "a list of features [...]", _shape_of(obj.get("features")))
            return None
        if not collection:
            self.problem(None, None, "a GeoJSON FeatureCollection", _shape_of(obj),
                         'start the file with {"type": "FeatureCollection", "features": [...]}')
            return None
        if "crs" in obj:
            self.problem(None, "crs", "WGS84 longitude/latitude with no 'crs' member (RFC 7946)", shorten(obj["crs"]))
        built = self.built(obj["features"])
        features = []
        for index, item in enumerate(obj["features"]):
            feature = self.feature(item, index, built.get(index))
            if feature is not None:
                features.append(feature)
        return tuple(features)

    def built(self, items: list[Any]) -> dict[int, BaseGeometry]:
        """The layer's plain Points and LineStrings that pass every check of ``geometry``, by feature index,
        built and checked all at once with shapely's vectorised functions (the same shapes ``shape`` makes).

        Any other geometry, and any that fails a check here, is left to ``geometry``, which judges it alone
        and words its problem; so the outcome is the same as judging every feature alone, only faster.
        """
        points: list[tuple[int, list[Any]]] = []
        lines: list[tuple[int, list[Any]]] = []
        for index, item in enumerate(items):
            geom = item.get("geometry") if isinstance(item, dict) else None
            if not isinstance(geom, dict):
                continue
            kind, coords = geom.get("type"), geom.get("coordinates")
            if kind not in self.types or not isinstance(coords, list):
                continue
            if kind == "Point" and _is_position(coords):
                points.append((index, coords))
            elif kind == "LineString" and len(coords) >= 2 and all(_is_position(p) for p in coords):
                lines.append((index, coords))
        out: dict[int, BaseGeometry] = {}
        for found, make in ((points, _points), (lines, _lines)):
            if not found:
                continue
            try:
                shapes, good = make([coords for _, coords in found])
            except (OverflowError, ValueError, TypeError):  # a number too large for a float: judged one by one
                continue
            out.update((index, shp) for (index, _), shp, ok in zip(found, shapes, good.tolist(), strict=True) if ok)
        return out

    def feature(self, item: Any, index: int, built: BaseGeometry | None = None) -> Feature | None:
        label = feature_label(item, index)
        if not isinstance(item, dict) or item.get("type") != "Feature":
            self.problem(label, None, "a GeoJSON Feature", _shape_of(item))
            self.incomplete = True
            return None
        fid = item.get("id")
        if not isinstance(fid, str) or not fid:
            self.problem(label, "id", "a string id on the feature", shorten(fid))
            self.incomplete = True
            return None
        self.declared.setdefault(fid, self.layer)
        if not is_slug(fid):
            self.problem(label, "id", SLUG_EXPECTED, shorten(fid), SLUG_HINT)
        geometry = built if built is not None else self.geometry(label, item.get("geometry"))
        props = self.report.validate(self.model, item.get("properties"), self.filename, label, "properties.")
        if geometry is None or props is None or not is_slug(fid):
            return None
        return Feature(fid, self.layer, geometry, props)

    def geometry(self, fid: str, geom: Any) -> BaseGeometry | None:
        expected_type = " or ".join(self.types)
        if not isinstance(geom, dict) or "type" not in geom:
            self.problem(fid, "geometry", f"a GeoJSON {expected_type} geometry", shorten(geom))
            return None
        kind = geom["type"]
        if kind not in self.types:
            self.problem(fid, "geometry.type", expected_type, shorten(kind))
            return None
        coords = geom.get("coordinates")
        wrong = _coordinates_problem(coords, _NESTING[kind])
        if wrong is not None:
            expected, found, hint = wrong
            self.problem(fid, "geometry.coordinates", expected.format(kind=kind), found, hint)
            return None
        try:
            shp = shape(geom)
        except (ValueError, TypeError, shapely.errors.GEOSException):  # e.g. a LineString of one point
            self.problem(fid, "geometry.coordinates", f"coordinates of a {kind} (a line needs two points or more)",
                         shorten(coords))
            return None
        if shp.is_empty:
            self.problem(fid, "geometry.coordinates", f"a non-empty {kind}", "no coordinates")
            return None
        for lon, lat in shapely.get_coordinates(shp).tolist():
            if not (math.isfinite(lon) and math.isfinite(lat)):
                self.problem(fid, "geometry.coordinates", "finite numbers", shorten([lon, lat]))
                return None
            if abs(lon) <= 180 and abs(lat) <= 90:
                continue
            if max(abs(lon), abs(lat)) > 1000:
                expected = "WGS84 degrees (these look like projected metres)"
            else:
                expected = "longitude -180..180 and latitude -90..90, in [longitude, latitude] order"
            self.problem(fid, "geometry.coordinates", expected, shorten([lon, lat]))
            return None
        if kind in ("LineString", "MultiLineString") and shp.length == 0:
            self.problem(fid, "geometry.coordinates", "a line through at least two distinct points", shorten(coords))
            return None
        return shp


def _coordinates_problem(coords: Any, nesting: int) -> tuple[str, str, str | None] | None:
    """What is wrong with a GeoJSON coordinates array of this nesting, as (expected, found, hint), or None."""
    stack: list[tuple[Any, int]] = [(coords, nesting)]
    while stack:
        item, level = stack.pop()
        if level > 0:
            if not isinstance(item, list):
                return "coordinates of a {kind}", shorten(item), None
            if not item:
                return "a non-empty {kind}", "no coordinates", None
            if level == 1 and all(_is_number(n) for n in item):  # one position where a list of them belongs
                return "a list of [longitude, latitude] positions for a {kind}", shorten(item), None
            stack.extend((child, level - 1) for child in item)
            continue
        if not isinstance(item, list) or not all(_is_number(n) for n in item):
            quoted = isinstance(item, list) and any(isinstance(n, str) for n in item)
            hint = "write numbers without quotes" if quoted else None
            return "a [longitude, latitude] pair of numbers", shorten(item), hint
        if len(item) == 3:
            return "[longitude, latitude] without a height", shorten(item), "drop the third number"
        if len(item) != 2:
            return "a [longitude, latitude] pair of numbers", shorten(item), None
        if not all(_fits_float(n) for n in item):  # JSON's whole numbers have no limit, a float's have
            return "finite numbers", shorten(item), None
    return None


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _fits_float(value: int | float) -> bool:
    try:
        float(value)
    except OverflowError:
        return False
    return True


def _is_position(value: object) -> bool:
    """Whether a value is a [longitude, latitude] pair of numbers, as GeoJSON writes a position."""
    return isinstance(value, list) and len(value) == 2 and _is_number(value[0]) and _is_number(value[1])


Flags = npt.NDArray[np.bool_]
Shapes = npt.NDArray[np.object_]


def _on_earth(xy: npt.NDArray[np.float64]) -> Flags:
    """Per position (row): finite, longitude -180..180 and latitude -90..90 (``geometry``'s checks)."""
    ok: Flags = np.isfinite(xy).all(axis=1) & (np.abs(xy[:, 0]) <= 180) & (np.abs(xy[:, 1]) <= 90)
    return ok


def _points(coords: list[list[Any]]) -> tuple[Shapes, Flags]:
    """Points from positions, and per point whether it passes ``geometry``'s checks."""
    xy = np.array(coords, dtype=float)
    points = cast("Shapes", shapely.points(xy))  # an array, given an array
    return points, _on_earth(xy)


def _lines(coords: list[list[Any]]) -> tuple[Shapes, Flags]:
    """LineStrings from lists of two or more positions, and per line whether it passes ``geometry``'s checks."""
    xy = np.array([p for line in coords for p in line], dtype=float)
    sizes = np.array([len(line) for line in coords])
    lines = cast("Shapes", shapely.linestrings(xy, indices=np.repeat(np.arange(len(coords)), sizes)))
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    good: Flags = np.logical_and.reduceat(_on_earth(xy), starts) & (shapely.length(lines) > 0)
    return lines, good


def _shape_of(value: Any) -> str:
    """What a value is, in words, without echoing its content (it may not be story data at all)."""
    if value is None:
        return "null"
    if isinstance(value, dict):
        kind = value.get("type")
        known = isinstance(kind, str) and kind in GEOJSON_TYPES  # a list or object "type" is not hashable
        return f"an object of type {kind!r}" if known else "an object of another kind"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return "a number"
    return "a text string"
