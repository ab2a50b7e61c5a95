"""The QGIS project (.qgs): layers from the GeoPackage by relative path, styles, time and bookmarks.

Project CRS is EPSG:3857 (Web Mercator). It is conformal, it is what the web map and any XYZ basemap use
(tiles are drawn without resampling and the two maps look alike), and over the story's few hundred
kilometres at 43–47°N the scale varies by only a few per cent. Distances are measured on the WGS84
ellipsoid (set in the project), so Mercator's exaggeration does not reach the measure tool.
"""
from __future__ import annotations

from functools import lru_cache

from pyproj import CRS, Transformer

from ..geometry import arrows as story_arrows
from ..story import Story
from .extents import day_start, frame_extent, story_extent, story_span
from .gpkg import bookmark_name
from .qml import environment, layer_styles

PROJECT_CRS = "EPSG:3857"
LAYER_CRS = "EPSG:4326"
# Layer tree, top to bottom: (layer, title, shown at start)
TREE = (
    ("places", "Places", True),
    ("events", "Events", True),
    ("movement_heads", "Movement arrow heads", True),
    ("movement_arrows", "Movements", True),
    ("movements", "Movement routes (raw lines)", False),
    ("railways", "Railways (1932)", True),
    ("rivers", "Rivers", True),
    ("frames", "Story frames (extents)", False),
)
PROJ4 = {
    "EPSG:4326": "+proj=longlat +datum=WGS84 +no_defs",
    "EPSG:3857": "+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs",
}
WKB = {"Point": "Point", "Line": "LineString", "Polygon": "Polygon"}


@lru_cache(maxsize=None)
def crs_info(code: str) -> dict:
    crs = CRS.from_user_input(code)
    return {"wkt": crs.to_wkt(), "proj4": PROJ4[code], "srid": crs.to_epsg(), "authid": code,
            "description": crs.name, "geographic": "true" if crs.is_geographic else "false"}


def to_project_crs(extent) -> tuple[float, float, float, float]:
    t = Transformer.from_crs(LAYER_CRS, PROJECT_CRS, always_xy=True)
    xmin, ymin = t.transform(extent[0], extent[1])
    xmax, ymax = t.transform(extent[2], extent[3])
    return tuple(round(v, 2) for v in (xmin, ymin, xmax, ymax))


def _iso(dt) -> str:
    """No time zone suffix: QGIS reads it as local time, as it reads the GeoPackage's naive DateTimes."""
    return dt.strftime("%Y-%m-%dT%H:%M:%S")


def project_context(story: Story, gpkg_name: str) -> dict:
    arrow_list = story_arrows(story)
    by_id = {a.feature.id: a for a in arrow_list}
    styles = layer_styles(story)
    meta_id = story.meta.id.replace("-", "_")
    present = set(story.layers) | {"frames"} | ({"movement_arrows", "movement_heads"} if "movements" in story.layers else set())
    layers = [{
        "id": f"{name}_{meta_id}", "name": name, "title": title, "visible": visible, "style": styles[name],
        "source": f"./{gpkg_name}|layername={name}", "wkb": WKB[styles[name].geometry],
    } for name, title, visible in TREE if name in present]
    _, end = story_span(story)
    begin = day_start(story.first_day)
    meta = story.meta
    return {
        "title": meta.title + (f" / {meta.title_zh}" if meta.title_zh else ""),
        "abstract": meta.summary,
        "project_crs": crs_info(PROJECT_CRS), "layer_crs": crs_info(LAYER_CRS),
        "extent": to_project_crs(story_extent(story, by_id)),
        "layers": layers,
        "time_begin": _iso(begin), "time_end": _iso(end),
        "bookmarks": [{"id": fr.id, "name": bookmark_name(fr), "extent": frame_extent(story, fr, by_id)}
                      for fr in story.frames],
    }


def project_xml(story: Story, gpkg_name: str) -> str:
    return environment().get_template("qgis-project.qgs.j2").render(**project_context(story, gpkg_name))
