"""The map's coordinate system, and each frame's view (``geometry.frame_bounds``) fitted to the picture.

Frame pictures are drawn in a *local Lambert conformal conic* projection fitted to the story (standard
parallels at 1/6 and 5/6 of its latitude range, central meridian through its middle), in metres. Why not
Web Mercator (EPSG:3857), which the web map uses on screen? Mercator is conformal too, so shapes look the
same, but its scale grows with latitude: at Harbin (45.75° N) one "metre" of EPSG:3857 is only 0.70 m on the
ground, so a scale bar drawn in it would be 43 % wrong. In the local Lambert the scale error across a region
a few hundred kilometres across is well under 1 %, so the scale bar (matplotlib-scalebar, ``dx=1`` metre) is
honest everywhere on the map. Grid north is not true north away from the central meridian, so the north
arrow is turned by the meridian convergence at the map's centre.
"""
from __future__ import annotations

import functools
import math

import numpy as np
import shapely
from pyproj import CRS, Transformer

from ..story import Story


def story_crs(story: Story) -> CRS:
    lons, lats = [], []
    for f in story.features():
        minx, miny, maxx, maxy = f.geometry.bounds
        lons += [minx, maxx]
        lats += [miny, maxy]
    south, north = min(lats), max(lats)
    span = max(north - south, 1.0)
    lat1, lat2 = south + span / 6, north - span / 6
    lon0, lat0 = (min(lons) + max(lons)) / 2, (south + north) / 2
    if round(lat1, 3) == -round(lat2, 3):
        # parallels either side of the equator alike: the cone opens into a cylinder, which proj refuses as a
        # conic; the same projection in the limit is Mercator, true to scale at those parallels
        return CRS.from_proj4(f"+proj=merc +lat_ts={lat2:.3f} +lon_0={lon0:.3f} +x_0=0 +y_0=0 +datum=WGS84 "
                              "+units=m +no_defs")
    return CRS.from_proj4(
        f"+proj=lcc +lat_1={lat1:.3f} +lat_2={lat2:.3f} +lat_0={lat0:.3f} +lon_0={lon0:.3f} "
        "+x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs"
    )


PROJECTION_NAMES = {"Lambert Conic Conformal": "local Lambert conformal conic", "Mercator": "Mercator"}
"""How the credit line names the projection ``story_crs`` chose, by its method's name in PROJ."""


def projection_name(crs: CRS) -> str:
    """The name the pictures' credit line gives ``crs``: what it is, not what it usually is."""
    method = crs.coordinate_operation.method_name if crs.coordinate_operation else crs.name
    return next((name for key, name in PROJECTION_NAMES.items() if key in method), method)


@functools.lru_cache(maxsize=8)
def _transformer(source: CRS | str, target: CRS | str) -> Transformer:
    """A transformer made once per process and pair (making one costs more than a frame's use of it)."""
    return Transformer.from_crs(source, target, always_xy=True)


def fit_extent(bounds: tuple[float, float, float, float], crs: CRS, aspect: float) -> tuple[float, float, float, float]:
    """The WGS84 view ``bounds`` (west, south, east, north) from ``geometry.frame_bounds``, projected, then
    widened along one axis about its centre so width / height equals ``aspect``. Margin and minimum size are
    already in ``bounds``: the pictures show the same view as the web map and the QGIS bookmarks."""
    edge = shapely.segmentize(shapely.box(*bounds), max(bounds[2] - bounds[0], bounds[3] - bounds[1]) / 16)
    xs, ys = _transformer("EPSG:4326", crs).transform(*np.asarray(edge.exterior.coords).T)
    minx, miny, maxx, maxy = min(xs), min(ys), max(xs), max(ys)
    w, h = max(maxx - minx, 1.0), max(maxy - miny, 1.0)
    if w / h < aspect:
        w = h * aspect
    else:
        h = w / aspect
    cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
    return cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2


def north_angle(crs: CRS, x: float, y: float) -> float:
    """Angle of true north at projected (x, y), in degrees clockwise from grid north (up)."""
    to_geo = _transformer(crs, "EPSG:4326")
    to_map = _transformer("EPSG:4326", crs)
    lon, lat = to_geo.transform(x, y)
    x2, y2 = to_map.transform(lon, lat + 0.1)
    return math.degrees(math.atan2(x2 - x, y2 - y))
