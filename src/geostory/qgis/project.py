"""The QGIS project (.qgs): layers from the GeoPackage by relative path, styles, time and bookmarks.

Project CRS is EPSG:3857 (Web Mercator). It is conformal, it is what the web map and any XYZ basemap use
(tiles are drawn without resampling and the two maps look alike), and over a story of a few hundred
kilometres its scale varies by only a few per cent. Distances are measured on the WGS84 ellipsoid (set in
the project), so Mercator's exaggeration does not reach the measure tool.

The layer tree follows ``draw_order`` in styles.json (its last entry on top), as the web map and the frame
pictures do; a story frame is a spatial bookmark whose extent is ``geometry.frame_bounds``.
"""
from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import Any

from pyproj import CRS, Transformer

from ..geometry import arrows as story_arrows
from ..relief import Relief
from ..story import Story
from ..styles import styles
from ..templating import environment
from .extents import day_start, frame_views, story_extent, story_span
from .gpkg import bookmark_name
from .layout import layout_context
from .qml import QGIS_VERSION, layer_styles

PROJECT_CRS = "EPSG:3857"
LAYER_CRS = "EPSG:4326"
TITLES = {
    "events": "Events", "places": "Places", "movement_arrows": "Movements",
    "movements": "Movement routes (raw lines)", "railways": "Railways", "rivers": "Rivers",
    "frames": "Story frames (extents)",
}
HIDDEN_AT_START = {"movements", "frames"}
# A story layer drawn as several project layers (top to bottom): movements as arrows along
# geometry.arrows' paths, over the raw routes (hidden at start).
PARTS = {"movements": ("movement_arrows", "movements")}
ON_TOP = ("movements",)
"""Drawn above places and events (QGIS orders layers, not features): the current arrows must not hide
under event dots, and earlier ones are faded enough not to cover them."""
PROJ4 = {
    "EPSG:4326": "+proj=longlat +datum=WGS84 +no_defs",
    "EPSG:3857": ("+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null "
                  "+wktext +no_defs"),
}
WKB = {"Point": "Point", "Line": "LineString", "Polygon": "Polygon"}


@cache
def crs_info(code: str) -> dict[str, Any]:
    crs = CRS.from_user_input(code)
    return {"wkt": crs.to_wkt(), "proj4": PROJ4[code], "srid": crs.to_epsg(), "authid": code,
            "description": crs.name, "geographic": "true" if crs.is_geographic else "false"}


def to_project_crs(extent: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    t = Transformer.from_crs(LAYER_CRS, PROJECT_CRS, always_xy=True)
    xmin, ymin = t.transform(extent[0], extent[1])
    xmax, ymax = t.transform(extent[2], extent[3])
    return round(xmin, 2), round(ymin, 2), round(xmax, 2), round(ymax, 2)


def _iso(dt: datetime | None) -> str:
    """No time zone suffix: QGIS reads it as local time, as it reads the GeoPackage's naive DateTimes.

    Empty before AD 1: QGIS 3.22 reads the project's time range with Qt's ISO parser, which refuses
    negative years, so a BCE story's range comes from the layers ("Set to full range")."""
    return dt.strftime("%Y-%m-%dT%H:%M:%S") if dt is not None else ""


def tree_order(story: Story) -> list[str]:
    """Project layers, top to bottom: ``draw_order`` reversed (any layer it does not name below), then frames."""
    order = [name for name in reversed(styles().draw_order) if name in story.layers]
    order += [name for name in story.layers if name not in order]
    order = [name for name in ON_TOP if name in order] + [name for name in order if name not in ON_TOP]
    return [part for name in order for part in PARTS.get(name, (name,))] + ["frames"]


def project_context(story: Story, gpkg_name: str, relief_name: str | None = None,
                    relief_extent: tuple[float, ...] = (), relief_bounds: tuple[float, ...] = ()) -> dict[str, Any]:
    views = frame_views(story)
    layer_style = layer_styles(story)
    meta_id = story.meta.id.replace("-", "_")
    layers = [{
        "id": f"{name}_{meta_id}", "name": name, "title": TITLES.get(name, name.replace("_", " ").capitalize()),
        "visible": name not in HIDDEN_AT_START, "style": layer_style[name],
        "source": f"./{gpkg_name}|layername={name}", "wkb": WKB[layer_style[name].geometry],
    } for name in tree_order(story)]
    begin, end = story_span(story)
    meta = story.meta
    relief = {"id": f"relief_{meta_id}", "title": "Relief (offline)", "source": f"./{relief_name}",
              "extent": relief_extent, "bounds": relief_bounds} if relief_name else None
    extent = to_project_crs(story_extent(story, story_arrows(story), views))
    return {
        "relief": relief, **layout_context(story, layers, extent),
        "title": meta.title + (f" / {meta.title_zh}" if meta.title_zh else ""),
        "abstract": meta.summary,
        "project_crs": crs_info(PROJECT_CRS), "layer_crs": crs_info(LAYER_CRS),
        "extent": extent,
        "layers": layers,
        "time_begin": _iso(day_start(begin)), "time_end": _iso(day_start(end)),
        "bookmarks": [{"id": fr.id, "name": bookmark_name(fr, seq, story.words), "extent": to_project_crs(views[fr.id])}
                      for seq, fr in enumerate(story.frames, start=1)],
    }


def project_xml(story: Story, gpkg_name: str, relief: Relief | None = None, relief_name: str | None = None) -> str:
    """The .qgs text; with ``relief`` (written beside it as ``relief_name``) a raster layer under the story."""
    template = environment().get_template("qgis-project.qgs.j2")
    context = (project_context(story, gpkg_name, relief_name, relief.extent, relief.bounds) if relief
               else project_context(story, gpkg_name))
    return template.render(QGIS_VERSION=QGIS_VERSION, **context)
