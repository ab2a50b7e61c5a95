"""The story layers of a geostory GeoPackage, read back as rows, and a fingerprint of each.

When ``geostory qgis`` writes a package it records a SHA-256 of every story layer's content (attributes and
geometry as GDAL reads them back) in a small attribute table. A later ``geostory qgis`` compares: a layer
whose content no longer matches was edited (in QGIS, say) and is not overwritten without ``--force``;
``geostory import`` records the new fingerprints once it has taken the edits back.
"""
from __future__ import annotations

import hashlib
import json
import math
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pyogrio
from pyogrio.errors import DataSourceError

from ..errors import UsageError
from ..output import rerecord
from ..schema import LAYERS

STORY_LAYERS = (*LAYERS, "frames")
"""Layers an author's edits can come back from; the rest are drawn from them."""
DERIVED_LAYERS = {"movement_arrows": "movements", "movement_heads": "movements"}
DERIVED_COLUMNS = {
    "sources_text": "it is written from 'sources'",
    "date_text": "it is written from the dates",
    "start_time": "it is written from 'start'",
    "end_time": "it is written from 'end'",
    "visible_until": "it is the end of the story",
    "start_jdn": "it is the day number of 'start'",
    "end_jdn": "it is the day number of 'end'",
    "calendar": "it is the calendar the dates are read in (set 'calendar' in the story's files)",
    "start_year": "it is written from 'start'",
    "start_month": "it is written from 'start'",
    "start_day": "it is written from 'start'",
    "seq": "it is the frame's place in frames order",
    "bookmark": "it is written from the frame's dates and title",
}
CHECK_TABLE = "geostory_layer_check"


@dataclass(frozen=True)
class Row:
    """One feature as GDAL reads it: its fid, attribute values (plain Python) and geometry as WKB."""

    fid: int
    values: dict[str, Any]
    wkb: bytes | None


def _plain(value: Any) -> Any:
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, bytes):
        return value.hex()
    return value


def layers_in(path: Path) -> list[str]:
    return [str(name) for name, _ in pyogrio.list_layers(path)]


def read_rows(path: Path, layer: str) -> tuple[list[str], list[Row]]:
    """The field names and rows of one layer, in fid order."""
    meta, fids, geometry, fields = pyogrio.raw.read(path, layer=layer, return_fids=True, datetime_as_string=True)
    names = [str(n) for n in meta["fields"]]
    rows = []
    for i, fid in enumerate(fids):
        values = {name: _plain(fields[j][i]) for j, name in enumerate(names)}
        wkb = bytes(geometry[i]) if geometry is not None and geometry[i] is not None else None
        rows.append(Row(int(fid), values, wkb))
    rows.sort(key=lambda r: r.fid)
    return names, rows


def fingerprint(path: Path, layer: str) -> str:
    names, rows = read_rows(path, layer)
    digest = hashlib.sha256(json.dumps(names).encode())
    for row in rows:
        digest.update(json.dumps([row.fid, row.values], sort_keys=True, default=str).encode())
        digest.update(row.wkb or b"")
    return digest.hexdigest()


def row_print(row: Row) -> str:
    """One feature's fingerprint: its attributes and geometry as GDAL reads them (not its fid)."""
    digest = hashlib.sha256(json.dumps(row.values, sort_keys=True, default=str).encode())
    digest.update(row.wkb or b"")
    return digest.hexdigest()


def _feature_rows(path: Path, story_id: str, layers: list[str]) -> list[dict[str, Any]]:
    return [{"layer": name, "sha256": row_print(row), "story": story_id, "feature": str(row.values.get("id"))}
            for name in layers for row in read_rows(path, name)[1]]


def record(path: Path, story_id: str) -> None:
    """Write the fingerprint table into a package just written (GDAL's timestamps pinned, as for the rest):
    one row per story layer (``feature`` empty), one per feature, so that an import can tell which features
    were edited in the package and which changed in the story files since."""
    from ..qgis.gpkg import GPKG_TIME, build_time

    present = [name for name in STORY_LAYERS if name in set(layers_in(path))]
    drawn = [name for name in DERIVED_LAYERS if name in set(layers_in(path))]
    table = pd.DataFrame([{"layer": name, "sha256": fingerprint(path, name), "story": story_id, "feature": None}
                          for name in present + drawn] + _feature_rows(path, story_id, present))
    previous = pyogrio.get_gdal_config_option("OGR_CURRENT_DATE")
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": build_time().strftime(GPKG_TIME)})
    try:
        pyogrio.write_dataframe(table, path, layer=CHECK_TABLE, driver="GPKG", layer_options={"FID": "id"})
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": previous})


def recorded(path: Path) -> dict[str, str] | None:
    """Layer → fingerprint as written, or None for a package without the table (not written by geostory)."""
    if CHECK_TABLE not in layers_in(path):
        return None
    _, rows = read_rows(path, CHECK_TABLE)
    return {str(r.values["layer"]): str(r.values["sha256"]) for r in rows if not r.values.get("feature")}


def recorded_features(path: Path) -> dict[tuple[str, str], str] | None:
    """(layer, feature id) → fingerprint as written, or None for a package that did not record them."""
    if CHECK_TABLE not in layers_in(path):
        return None
    names, rows = read_rows(path, CHECK_TABLE)
    if "feature" not in names:
        return None
    return {(str(r.values["layer"]), str(r.values["feature"])): str(r.values["sha256"])
            for r in rows if r.values.get("feature")}


def recorded_story(path: Path) -> str | None:
    if CHECK_TABLE not in layers_in(path):
        return None
    _, rows = read_rows(path, CHECK_TABLE)
    return str(rows[0].values["story"]) if rows else None


def edited_layers(path: Path) -> list[str]:
    """Story layers whose content changed since geostory wrote the package (none if it has no record)."""
    marks = recorded(path)
    if marks is None:
        return []
    present = set(layers_in(path))
    return [name for name, mark in marks.items()
            if name in STORY_LAYERS and (name not in present or fingerprint(path, name) != mark)]


def acknowledge(path: Path) -> None:
    """After an import: the package's current content is what the story now holds."""
    marks = recorded(path)
    if marks is None:
        return
    present = set(layers_in(path))
    prints = {name: fingerprint(path, name) for name in marks if name in present}
    story = recorded_story(path) or ""
    features = _feature_rows(path, story, list(prints)) if recorded_features(path) is not None else []
    db = sqlite3.connect(path)
    try:
        with db:
            for name, mark in prints.items():
                db.execute(f"UPDATE {CHECK_TABLE} SET sha256 = ? WHERE layer = ? AND feature IS NULL", (mark, name))
            if features:
                db.execute(f"DELETE FROM {CHECK_TABLE} WHERE feature IS NOT NULL")
                db.executemany(f"INSERT INTO {CHECK_TABLE} (layer, sha256, story, feature) VALUES (?, ?, ?, ?)",
                               [(f["layer"], f["sha256"], f["story"], f["feature"]) for f in features])
    finally:
        db.close()
    rerecord(path)


def refuse_edited(path: Path, force: bool = False) -> None:
    """Refuse to replace a package whose story layers were edited after geostory wrote it (unless ``force``:
    then its current content is accepted as geostory's, so the output folder's own check lets it be replaced)."""
    if not path.is_file():
        return
    try:
        edited = edited_layers(path)
    except DataSourceError:
        return  # not a GeoPackage geostory can read: the output folder rules decide
    if force:
        if recorded(path) is not None:
            rerecord(path)
        return
    if edited:
        raise UsageError(f"{path}: story layers edited since geostory wrote them: {', '.join(edited)}; bring the "
                         f"edits back with 'geostory import {path}', or overwrite them with --force")
