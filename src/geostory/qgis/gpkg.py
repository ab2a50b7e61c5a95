"""The story as one GeoPackage (version 1.2), written with GDAL through pyogrio.

Every layer keeps the GeoJSON properties (lists as JSON text) and adds ``sources_text``; dated layers add
``date_text`` (the date as a reader says it), ``start_time``/``end_time`` (the days the date covers, end
exclusive) and ``visible_until`` (the end of the story), naive DateTimes that QGIS's Temporal Controller
compares in local time, ``start_jdn``/``end_jdn`` (Julian Day Numbers of the first and last day: the one axis
of any era) and ``calendar``. GDAL cannot write a DateTime before AD 1: there the DateTimes are empty and a
BCE story adds ``start_year``/``start_month``/``start_day`` (proleptic Gregorian, astronomical years) that the
QGIS styles turn into times with an expression. Default styles go into the standard ``layer_styles`` table.
Builds are byte-for-byte reproducible: GDAL's timestamps are pinned with OGR_CURRENT_DATE and the style rows
carry the same fixed time.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

import geopandas
import pandas as pd
import pyogrio
from shapely.geometry import box

from ..geometry import arrows as story_arrows
from ..i18n import ENGLISH, Words
from ..schema import Citation, Dated, DatedProps, Frame, StoryMeta
from ..story import Story
from ..wording import (
    citation_label,
    date_label,
    event_label,
    frame_corrections,
    frame_sources,
    local_name,
    river_label,
    unit_label,
)
from .extents import day_after, day_start, frame_views, needs_expressions, story_span
from .qml import layer_styles, style_qml, style_sld

FIXED_TIME = datetime(2000, 1, 1, tzinfo=UTC)
GPKG_VERSION = "1.2"
GPKG_TIME = "%Y-%m-%dT%H:%M:%S.000Z"
"""GeoPackage timestamps (gpkg_contents.last_change, style rows): the standard's form, with milliseconds."""
GEOMETRY_COLUMN = "geom"
STYLE_DESCRIPTION = "geostory default style"


def build_time() -> datetime:
    """SOURCE_DATE_EPOCH when set (reproducible-builds.org), else a fixed date: never the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), UTC) if epoch else FIXED_TIME


def _citations(citations: Iterable[Citation]) -> str:
    return json.dumps([c.model_dump(mode="json", exclude_none=True) for c in citations], ensure_ascii=False)


def _sources_text(citations: Iterable[Citation], meta: StoryMeta, w: Words = ENGLISH) -> str:
    return "; ".join(citation_label(c, meta, w) for c in citations)


def _day_columns(gdf: pd.DataFrame, items: list[Dated], bce: bool) -> None:
    """Day numbers (and, for a BCE story, the Gregorian first day) of each dated item, in place."""
    gdf["start_jdn"] = [it.first.first.jdn for it in items]
    gdf["end_jdn"] = [it.last.last.jdn for it in items]
    gdf["calendar"] = [it.first.calendar for it in items]
    if bce:
        ymd = [it.first.first.ymd() for it in items]
        for i, part in enumerate(("year", "month", "day")):
            gdf[f"start_{part}"] = [v[i] for v in ymd]


def map_labels(story: Story, layer: str) -> list[str] | None:
    """The words drawn on the map for a layer's features (``geostory.wording``), or None for a layer whose
    labels are built from its names in the style (places)."""
    if layer == "events":
        return [event_label(local_name(f.props, story.words)) for f in story.events]
    if layer == "movements":
        return [unit_label(f.props.unit or f.props.name_en) for f in story.movements]
    if layer == "rivers":
        texts = list(story_prose(story))
        return [river_label(f.props.name_en, f.props.name_period, texts) for f in story.rivers]
    return None


def story_prose(story: Story) -> list[str]:
    """The narratives and frame texts a reader reads, to tell which names the story uses."""
    return [f.props.narrative for f in story.features()] + [t for fr in story.frames for t in (fr.title, fr.narrative)]


def _column(gdf: pd.DataFrame, name: str) -> int:
    """The position of a column (names are unique here, so pandas gives an int)."""
    loc = gdf.columns.get_loc(name)
    assert isinstance(loc, int)
    return loc


def _layer_table(story: Story, layer: str, visible_until: datetime | None) -> geopandas.GeoDataFrame:
    gdf = story.geodataframe(layer)
    features = story.layers[layer]
    labels = map_labels(story, layer)
    if labels is not None:
        gdf.insert(_column(gdf, "geometry"), "label", labels)
    gdf["sources"] = [_citations(f.props.sources) for f in features]
    gdf.insert(_column(gdf, "sources") + 1, "sources_text",
               [_sources_text(f.props.sources, story.meta, story.words) for f in features])
    dated = [f.props for f in features if isinstance(f.props, DatedProps)]
    if len(dated) == len(features) and layer in story.dated_layers:
        geometry = gdf.pop("geometry")
        gdf["date_text"] = [date_label(p, story.words) for p in dated]
        starts: list[datetime | None] = [day_start(p.first.first) for p in dated]
        ends: list[datetime | None] = [day_after(p.last.last) for p in dated]
        gdf["start_time"] = pd.Series(starts, dtype="datetime64[ms]")
        gdf["end_time"] = pd.Series(ends, dtype="datetime64[ms]")
        gdf["visible_until"] = pd.Series([visible_until] * len(features), dtype="datetime64[ms]")
        _day_columns(gdf, list(dated), needs_expressions(story))
        gdf["geometry"] = geometry
        gdf = geopandas.GeoDataFrame(gdf, geometry="geometry", crs="EPSG:4326")
    return gdf


def _frames_table(story: Story) -> geopandas.GeoDataFrame:
    views = frame_views(story)
    rows = []
    for seq, fr in enumerate(story.frames, start=1):
        rows.append({
            "id": fr.id, "seq": seq, "start": fr.start, "end": fr.end, "date_text": date_label(fr, story.words),
            "title": fr.title, "bookmark": bookmark_name(fr, seq, story.words), "narrative": fr.narrative,
            "features": json.dumps(fr.features), "focus": json.dumps(fr.focus), "sources": _citations(fr.sources),
            "sources_text": _sources_text(fr.sources, story.meta, story.words),
            "corrections": json.dumps(fr.corrections),
            "sources_short": frame_sources(fr, story.meta, story.words),
            "corrections_text": "\n".join(frame_corrections(fr, story.meta, story.words)),
            "start_time": day_start(fr.first.first), "end_time": day_after(fr.last.last),
            "geometry": box(*views[fr.id]),
        })
    gdf = geopandas.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")
    for col in ("start_time", "end_time"):
        gdf[col] = gdf[col].astype("datetime64[ms]")
    geometry = gdf.pop("geometry")
    _day_columns(gdf, list(story.frames), needs_expressions(story))
    gdf["geometry"] = geometry
    return geopandas.GeoDataFrame(gdf, geometry="geometry", crs="EPSG:4326")


def bookmark_name(frame: Frame, seq: int, w: Words = ENGLISH) -> str:
    """'03 · 16–18 June 1815 — Title': numbered, so QGIS's alphabetical lists keep story order."""
    return f"{seq:02d} · {date_label(frame, w)} — {frame.title}"


def tables(story: Story) -> dict[str, geopandas.GeoDataFrame]:
    """Every table of the GeoPackage, in the order they are written."""
    arrow_list = story_arrows(story)
    by_id = {a.feature.id: a for a in arrow_list}
    visible_until = day_start(story_span(story)[1])
    out = {name: _layer_table(story, name, visible_until) for name in story.layers}
    if "movements" in out:  # the arrows as drawn (curved where the story bends them); heads are QGIS's own
        arrows = out["movements"].copy()
        arrows["geometry"] = geopandas.GeoSeries([by_id[i].path for i in arrows["id"]], crs="EPSG:4326")
        out["movement_arrows"] = arrows
    out["frames"] = _frames_table(story)
    return out


def _styles_table(story: Story, names: list[str]) -> pd.DataFrame:
    styles = layer_styles(story)
    stamp = build_time().strftime("%Y-%m-%dT%H:%M:%S.000Z")
    rows = [{
        "f_table_catalog": "", "f_table_schema": "", "f_table_name": name, "f_geometry_column": GEOMETRY_COLUMN,
        "styleName": name, "styleQML": style_qml(styles[name]), "styleSLD": style_sld(styles[name]),
        "useAsDefault": True, "description": STYLE_DESCRIPTION, "owner": "", "ui": None, "update_time": stamp,
    } for name in names if name in styles]
    return pd.DataFrame(rows)


def write_gpkg(story: Story, path: Path) -> Path:
    """Write the GeoPackage at ``path`` (which must not exist yet: call inside an atomic folder)."""
    path = Path(path)
    written = tables(story)
    stamp = build_time().strftime(GPKG_TIME)
    previous = pyogrio.get_gdal_config_option("OGR_CURRENT_DATE")
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": stamp})
    try:
        first = True
        for name, gdf in written.items():
            pyogrio.write_dataframe(
                gdf, path, layer=name, driver="GPKG", promote_to_multi=False,
                dataset_options={"VERSION": GPKG_VERSION} if first else None,
                layer_options={"GEOMETRY_NAME": GEOMETRY_COLUMN, "FID": "fid", "SPATIAL_INDEX": "YES"})
            first = False
        pyogrio.write_dataframe(_styles_table(story, list(written)), path, layer="layer_styles", driver="GPKG",
                                layer_options={"FID": "id"})
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": previous})
    return path
