"""What a user changed in a package's story layers, as edits to the story's raw JSON.

The package is compared with the one geostory would write from the story now (written to a temporary file
and read back the same way), so only real edits show: moved or reshaped geometries, edited attributes,
added and deleted features. Columns and layers that geostory derives are reported, never taken back.
"""
from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import shapely
from shapely.geometry import mapping

from ..errors import Problem, shorten
from ..sheets.cells import CellError, Column, columns_of, read_cell
from ..sheets.layers import model_of
from ..story import Story
from .package import (
    DERIVED_COLUMNS,
    DERIVED_LAYERS,
    STORY_LAYERS,
    Row,
    fingerprint,
    layers_in,
    read_rows,
    recorded,
    recorded_features,
    row_print,
)

DECIMALS = 5
"""A moved vertex is kept to five decimals of a degree, about a metre, as the authoring guide asks."""


@dataclass
class Change:
    """One feature's edit: what kind, and each field's old and new value (``geometry`` for the shape)."""

    layer: str
    id: str
    kind: Literal["changed", "added", "deleted"]
    fields: list[tuple[str, Any, Any]] = field(default_factory=list)


@dataclass
class Plan:
    changes: list[Change] = field(default_factory=list)
    not_taken: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    raw: dict[str, Any] = field(default_factory=dict)
    """The story's raw JSON per layer, with the changes applied."""


def _by_id(rows: list[Row]) -> dict[Any, Row]:
    return {r.values.get("id"): r for r in rows}


def plan(package: Path, story: Story, raw: dict[str, Any]) -> Plan:
    """Compare ``package`` with what geostory writes for ``story``; ``raw`` is each layer's JSON as stored."""
    from ..qgis.gpkg import write_gpkg

    out = Plan(raw=json.loads(json.dumps(raw)))
    name = package.name
    present = layers_in(package)
    marks, prints = recorded(package), recorded_features(package)
    with tempfile.TemporaryDirectory() as tmp:
        expected = write_gpkg(story, Path(tmp) / "expected.gpkg")
        for layer in present:
            if layer in DERIVED_LAYERS:
                mark = (marks or {}).get(layer)
                if mark:
                    edited = fingerprint(package, layer) != mark
                else:
                    edited = read_rows(package, layer) != read_rows(expected, layer)
                if edited:
                    source = DERIVED_LAYERS[layer]
                    out.not_taken.append(f"{name}: layer {layer!r} was edited, but it is drawn from the "
                                         f"{source!r} layer; edit that layer instead")
            elif layer in STORY_LAYERS and layer in raw:
                _compare(out, package, expected, layer, prints)
            elif layer not in ("layer_styles", "geostory_layer_check") and layer not in STORY_LAYERS:
                out.not_taken.append(f"{name}: layer {layer!r} is not a story layer")
    for layer in raw:
        if layer not in present:
            out.not_taken.append(f"{name}: layer {layer!r} is not in the package: the story keeps it as it is")
    return out


def _compare(out: Plan, package: Path, expected: Path, layer: str, prints: dict[tuple[str, str], str] | None) -> None:
    """Each feature's edit. With the fingerprints the package recorded (``prints``), a feature untouched in the
    package is left as the story has it now, and one changed on both sides is refused rather than guessed."""
    names, rows = read_rows(package, layer)
    want_names, want_rows = read_rows(expected, layer)
    columns = columns_of(model_of(layer))
    for missing in [n for n in want_names if n not in names]:
        out.not_taken.append(f"{package.name}: layer {layer!r}: field {missing!r} was removed from the package; "
                             "the story keeps its values")
    for extra in [n for n in names if n not in want_names]:
        out.not_taken.append(f"{package.name}: layer {layer!r}: field {extra!r}, added in the package, is not a "
                             "story field")
    want = _by_id(want_rows)
    seen: set[Any] = set()
    derived: dict[str, int] = {}
    for row in rows:
        fid = row.values.get("id")
        if not isinstance(fid, str) or not fid:
            wanted = f"an id on every feature (layer {layer!r}, fid {row.fid})"
            out.problems.append(Problem(package.name, None, None, wanted, "none: give the new feature an id"))
            continue
        if fid in seen:
            out.problems.append(Problem(package.name, fid, "id", f"an id used once in layer {layer!r}", "a copy (fid "
                                        f"{row.fid}): give the copy a new id"))
            continue
        seen.add(fid)
        before = want.get(fid)
        written = prints.get((layer, fid)) if prints is not None else None
        if written is not None and row_print(row) == written:
            continue  # not edited in the package: the story's own version stands, even if it changed since
        if written is not None and (before is None or row_print(before) != written):
            where = "deleted from" if before is None else "changed in"
            out.problems.append(Problem(package.name, fid, None, f"an edit on one side only (layer {layer!r})",
                                        f"edits in the package, and the feature {where} the story files since "
                                        "the package was written: make the change in one place, then write the "
                                        "package again (geostory qgis --force)"))
            continue
        if before is None:
            _add(out, package.name, layer, row, want_names, columns)
            continue
        change = Change(layer, fid, "changed")
        for col in want_names:
            if col == "id" or col not in names or row.values[col] == before.values[col]:
                continue
            if col in DERIVED_COLUMNS:
                derived[col] = derived.get(col, 0) + 1
                continue
            try:
                change.fields.append((col, before.values[col], _value(row.values[col], columns.get(col))))
            except CellError as exc:
                found = shorten(row.values[col])
                out.problems.append(Problem(package.name, fid, col, f"{exc.expected} (layer {layer!r})", found))
        if row.wkb != before.wkb:
            if row.wkb is None and layer != "frames":
                out.problems.append(Problem(package.name, fid, "geometry", f"a geometry (layer {layer!r})",
                                            "none: draw the feature again, or delete it"))
            elif layer == "frames":
                derived["geometry"] = derived.get("geometry", 0) + 1
            else:
                change.fields.append(("geometry", before.wkb, row.wkb))
        _apply(out, change)
        if change.fields:
            out.changes.append(change)
    for fid in want:
        if prints is not None and (layer, fid) not in prints:
            continue  # added to the story files after the package was written: not a deletion
        if fid not in seen and fid not in {r.values.get("id") for r in rows}:
            change = Change(layer, str(fid), "deleted")
            out.changes.append(change)
            _apply(out, change)
    for col, count in derived.items():
        why = ("a frame's extent is drawn from its features (or focus)" if col == "geometry"
               else DERIVED_COLUMNS.get(col, "geostory writes it"))
        out.not_taken.append(f"{package.name}: layer {layer!r}: field {col!r} edited in {count} feature(s), but "
                             f"{why}")


def _value(value: Any, column: Column | None) -> Any:
    """A package value as the story's JSON holds it: lists from their JSON text (or the spreadsheet form)."""
    if value is None or (isinstance(value, str) and not value.strip() and column is not None and column.kind != "text"):
        return None
    if column is not None and column.kind in ("ids", "citations"):
        try:
            parsed = json.loads(value) if isinstance(value, str) else value
        except json.JSONDecodeError:
            return read_cell(value, column)
        if parsed is not None and not isinstance(parsed, list):
            raise CellError("a JSON list such as [\"harbin\"]")
        return parsed
    if column is not None and column.kind in ("int", "float"):
        return read_cell(value, column)
    return value


def _coords(wkb: bytes, old: Any) -> Any:
    """GeoJSON coordinates of a package geometry; vertices the story already had keep their written value."""
    known = {}

    def collect(c: Any) -> None:
        if c and isinstance(c[0], (int, float)):
            known[(float(c[0]), float(c[1]))] = list(c)
        elif isinstance(c, list):
            for x in c:
                collect(x)

    collect(old)

    def convert(c: Any) -> Any:
        if c and isinstance(c[0], (int, float)):
            return known.get((float(c[0]), float(c[1])), [round(float(v), DECIMALS) for v in c[:2]])
        return [convert(x) for x in c]

    geom = mapping(shapely.from_wkb(wkb))
    return geom["type"], convert(json.loads(json.dumps(geom["coordinates"])))


def _items(raw: dict[str, Any], layer: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = raw[layer]["frames" if layer == "frames" else "features"]
    return items


def _set(props: dict[str, Any], layer: str, col: str, value: Any) -> None:
    field = model_of(layer).model_fields.get(col)
    keys = [col]
    if field is not None and field.validation_alias is not None and hasattr(field.validation_alias, "choices"):
        keys += [k for k in field.validation_alias.choices if isinstance(k, str)]
    key = next((k for k in keys if k in props), col)
    column = columns_of(model_of(layer)).get(col)
    if value is None and column is not None and not column.nullable:
        value = [] if column.kind in ("ids", "citations") else None
        if value is None:
            props.pop(key, None)
            return
    props[key] = value


def _apply(out: Plan, change: Change) -> None:
    items = _items(out.raw, change.layer)
    if change.kind == "deleted":
        items[:] = [i for i in items if i.get("id") != change.id]
        return
    item = next(i for i in items if i.get("id") == change.id)
    props = item if change.layer == "frames" else item.setdefault("properties", {})
    shown: list[tuple[str, Any, Any]] = []
    for col, old, new in change.fields:
        if col == "geometry":
            kind, coords = _coords(new, item["geometry"]["coordinates"])
            if coords != item["geometry"]["coordinates"] or kind != item["geometry"]["type"]:
                item["geometry"] = {**item["geometry"], "type": kind, "coordinates": coords}
                shown.append((col, _show(old), _show(new, old)))
        else:
            before = json.dumps(props, sort_keys=True)
            previous = props.get(col)
            _set(props, change.layer, col, new)
            if json.dumps(props, sort_keys=True) != before:  # the same value written another way is no edit
                shown.append((col, previous, new))
    change.fields = shown


def _show(wkb: bytes, other: bytes | None = None) -> Any:
    """A geometry in a diff line: a point's coordinates; a line's length, and the vertices not in ``other``."""
    geom = shapely.from_wkb(wkb)
    coords = [[round(c, DECIMALS + 1) for c in xy] for xy in shapely.get_coordinates(geom).tolist()]
    if geom.geom_type == "Point":
        return coords[0]
    before = {tuple(xy) for xy in shapely.get_coordinates(shapely.from_wkb(other)).tolist()} if other else set()
    fresh = [xy for xy in coords if tuple(xy) not in before] if other else []
    text = f"{geom.geom_type} of {len(coords)} points"
    return text + (f", new or moved: {fresh}" if fresh else "")


def _add(out: Plan, package: str, layer: str, row: Row, names: list[str], columns: dict[str, Column]) -> None:
    items = _items(out.raw, layer)
    template = items[0] if items else {}
    props_template = template if layer == "frames" else template.get("properties", {})
    order = list(dict.fromkeys([*props_template, *[n for n in names if n != "id"]]))
    props: dict[str, Any] = {}
    for col in order:
        if col in DERIVED_COLUMNS or col not in row.values:
            continue
        try:
            value = _value(row.values[col], columns.get(col))
        except CellError as exc:
            out.problems.append(Problem(package, row.values["id"], col, exc.expected, shorten(row.values[col])))
            continue
        if value is None and col not in props_template:
            continue
        _set(props, layer, col, value)
    fid = row.values["id"]
    if layer == "frames":
        item: dict[str, Any] = {"id": fid, **props}
    else:
        if row.wkb is None:
            out.problems.append(Problem(package, fid, "geometry", f"a geometry on the new feature (layer {layer!r})",
                                        "none"))
            return
        kind, coords = _coords(row.wkb, [])
        parts = {"geometry": {"type": kind, "coordinates": coords}, "properties": props}
        keys = [k for k in template if k in parts] or ["geometry", "properties"]
        item = {"type": "Feature", "id": fid, **{k: parts[k] for k in keys}}
    items.append(item)
    out.changes.append(Change(layer, fid, "added", [(k, None, v) for k, v in props.items()]))

