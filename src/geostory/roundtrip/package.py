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


def record(path: Path, story_id: str) -> None:
    """Write the fingerprint table into a package just written (GDAL's timestamps pinned, as for the rest)."""
    from ..qgis.gpkg import GPKG_TIME, build_time

    present = set(layers_in(path))
    table = pd.DataFrame([{"layer": name, "sha256": fingerprint(path, name), "story": story_id}
                          for name in STORY_LAYERS if name in present])
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
    return {str(r.values["layer"]): str(r.values["sha256"]) for r in rows}


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
    return [name for name, mark in marks.items() if name not in present or fingerprint(path, name) != mark]


def acknowledge(path: Path) -> None:
    """After an import: the package's current content is what the story now holds."""
    marks = recorded(path)
    if marks is None:
        return
    present = set(layers_in(path))
    prints = {name: fingerprint(path, name) for name in marks if name in present}
    db = sqlite3.connect(path)
    try:
        with db:
            for name, mark in prints.items():
                db.execute(f"UPDATE {CHECK_TABLE} SET sha256 = ? WHERE layer = ?", (mark, name))
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
