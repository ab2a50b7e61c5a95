"""Sheet rows to the raw feature dicts the GeoJSON files hold, and back, so validation stays in one place.

A row is a feature: an ``id`` column, the point as ``lon`` and ``lat`` columns (a movement's line as a
``route`` cell of place ids and ``lon lat`` pairs), and one column per property, in the order the JSON keeps
them. Where the geometry columns stand (before or after the properties) is where ``geometry`` stands in the
JSON. An empty cell is an empty value: no list, null, or (for a field that cannot be null) the default.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from ..errors import Problem, shorten
from ..schema import LAYERS, Frame
from .cells import (
    CellError,
    Column,
    Unplaced,
    columns_of,
    format_number,
    format_route,
    is_empty,
    parse_number,
    parse_route,
    read_cell,
    write_cell,
)
from .tables import Table, letter

_LAYER_FILE = re.compile(r"\b(places|rivers|railways|events|movements)\.geojson\b")
SHEET_LAYERS = ("places", "events", "movements", "frames")
"""The layers a story may keep in a spreadsheet; rivers and railways, long traced lines, stay GeoJSON."""
POINT_COLUMNS = ("lon", "lat")
ROUTE_COLUMN = "route"


def model_of(layer: str) -> type[BaseModel]:
    return Frame if layer == "frames" else LAYERS[layer][0]


def geometry_columns(layer: str) -> tuple[str, ...]:
    if layer == "frames":
        return ()
    return (ROUTE_COLUMN,) if LAYERS[layer][1] == ("LineString",) else POINT_COLUMNS


@dataclass
class SheetLayer:
    """A layer read from a sheet: the raw JSON it stands for, and where each row and column is."""

    layer: str
    table: Table
    obj: dict[str, Any]
    label: str
    """How the story names the file in messages: ``harbin/places.csv``."""
    rows: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    bad_geometry: set[str] = field(default_factory=set)
    """Rows whose geometry cells were already reported: the loader's own geometry lines are not repeated."""

    def column(self, name: str, part: str | None = None) -> str:
        names = [name] if name in self.table.header else []
        if name == "geometry" or name.startswith("geometry."):
            names = [c for c in geometry_columns(self.layer) if c in self.table.header]
        if not names:
            return f"{name!r} (not in the sheet: add this column)"
        text = ", ".join(f"{letter(self.table.header.index(n))} {n!r}" for n in names)
        return f"{text}, {part}" if part else text

    def problem(self, row: int | None, feature: str | None, column: str | None, expected: str, found: str,
                hint: str | None = None) -> Problem:
        return Problem(self.label, feature, None, expected, found, hint, sheet=self.table.sheet, row=row, column=column)

    def locate(self, feature: str | None, field: str | None, expected: str, found: str,
               hint: str | None = None) -> Problem | None:
        """A problem the loader found in this layer, placed at its row and column (None: already said)."""
        row = self.rows.get(feature) if feature is not None else None
        expected = _LAYER_FILE.sub(lambda m: f"the {m.group(1)} layer", expected)  # it may be a sheet too
        if field is None:
            return self.problem(row, _named(feature), None, expected, found, hint)
        path = field.removeprefix("properties.").split(".")
        if path[0] == "geometry":
            if feature in self.bad_geometry:
                return None
            return self.problem(row, _named(feature), self.column("geometry"), expected, found, hint)
        column = self.column(path[0], _part(self.layer, path))
        return self.problem(row, _named(feature), column, expected, found, hint)


def _named(feature: str | None) -> str | None:
    return None if feature is None or feature.startswith("#") else feature


def _part(layer: str, path: list[str]) -> str | None:
    if len(path) < 2 or not path[1].isdigit():
        return None
    column = columns_of(model_of(layer)).get(path[0])
    noun = "citation" if column and column.kind == "citations" else "item"
    rest = f" ({path[2]})" if len(path) > 2 else ""
    return f"{noun} {int(path[1]) + 1}{rest}"


def read_layer(layer: str, table: Table, label: str, places: dict[str, list[Any] | None]) -> SheetLayer:
    """Rows to ``{"type": "FeatureCollection", "features": [...]}`` (``{"frames": [...]}`` for frames)."""
    columns = columns_of(model_of(layer))
    out = SheetLayer(layer, table, {}, label)
    header = table.header
    geometry = geometry_columns(layer)
    seen: set[str] = set()
    for i, name in enumerate(header):
        if name in seen:
            column = f"{letter(i)} {name!r}"
            out.problems.append(out.problem(1, None, column, "each column name once in row 1", "a repeat"))
        seen.add(name)
    required = ["id", *geometry]
    missing = [c for c in required if c not in header]
    if missing:
        expected = f"column names in row 1 including {', '.join(map(repr, required))}"
        out.problems.append(out.problem(1, None, None, expected, f"no {', '.join(map(repr, missing))}"))
        out.obj = {"frames": []} if layer == "frames" else {"type": "FeatureCollection", "features": []}
        return out
    props = [n for n in header if n and n != "id" and n not in geometry]
    first_prop = min((header.index(n) for n in props), default=len(header))
    geometry_first = bool(geometry) and header.index(geometry[0]) < first_prop
    items = []
    for index, (number, values) in enumerate(table.rows):
        cells = {name: values[i] if i < len(values) else None for i, name in enumerate(header) if name}
        for i in range(len(header), len(values)):
            if not is_empty(values[i]):
                expected = "a column name in row 1 above every value"
                out.problems.append(out.problem(number, None, letter(i), expected, "none"))
        fid = cells["id"]
        label_id = str(fid).strip() if not is_empty(fid) else f"#{index}"
        out.rows.setdefault(label_id, number)
        item: dict[str, Any] = {} if layer == "frames" else {"type": "Feature"}
        if not is_empty(fid):
            item["id"] = label_id
        properties: dict[str, Any] = {}
        for name in props:
            value = cells[name]
            try:
                if is_empty(value):
                    _empty(properties, name, columns.get(name))
                else:
                    properties[name] = read_cell(value, columns.get(name))
            except CellError as exc:
                col = out.column(name, exc.part)
                found = exc.found if exc.found is not None else shorten(value)
                out.problems.append(out.problem(number, _named(label_id), col, exc.expected, found))
        if layer == "frames":
            items.append({**item, **properties})
            continue
        geom = _geometry(out, number, label_id, cells, properties, places)
        parts = {"geometry": geom, "properties": properties}
        for key in (("geometry", "properties") if geometry_first else ("properties", "geometry")):
            if parts[key] is not None:
                item[key] = parts[key]
        items.append(item)
    out.obj = {"frames": items} if layer == "frames" else {"type": "FeatureCollection", "features": items}
    return out


def _empty(properties: dict[str, Any], name: str, column: Column | None) -> None:
    if column is None:
        return
    if column.nullable:
        properties[name] = None
    elif column.kind in ("ids", "texts", "citations"):
        properties[name] = []


def _geometry(out: SheetLayer, number: int, fid: str, cells: dict[str, Any], properties: dict[str, Any],
              places: dict[str, list[Any] | None]) -> dict[str, Any] | None:
    if out.layer == "movements":
        route = cells[ROUTE_COLUMN]
        try:
            if is_empty(route):
                raise CellError("place ids and 'lon lat' pairs, separated by '|'")
            return {"type": "LineString", "coordinates": parse_route(str(route), places)}
        except CellError as exc:
            out.bad_geometry.add(fid)
            if not isinstance(exc, Unplaced):
                col = out.column(ROUTE_COLUMN, exc.part)
                found = exc.found if exc.found is not None else shorten(route)
                out.problems.append(out.problem(number, _named(fid), col, exc.expected, found))
            return None
    lon, lat = cells["lon"], cells["lat"]
    place = properties.get("place")
    at = places.get(place) if isinstance(place, str) else None
    if is_empty(lon) and is_empty(lat) and at is not None:
        return {"type": "Point", "coordinates": list(at)}  # an event at a place takes its position
    coords = []
    for name, value in (("lon", lon), ("lat", lat)):
        try:
            if is_empty(value):
                raise CellError("a longitude in degrees" if name == "lon" else "a latitude in degrees")
            coords.append(parse_number(value))
        except CellError as exc:
            out.bad_geometry.add(fid)
            found = "nothing" if is_empty(value) else shorten(value)
            out.problems.append(out.problem(number, _named(fid), out.column(name), exc.expected, found))
    return {"type": "Point", "coordinates": coords} if len(coords) == 2 else None


def place_points(obj: Any) -> dict[str, list[Any] | None]:
    """Place id → its coordinates as written (None where they are unusable), for resolving routes."""
    out: dict[str, list[Any] | None] = {}
    features = obj.get("features") if isinstance(obj, dict) else None
    for f in features if isinstance(features, list) else []:
        if not isinstance(f, dict) or not isinstance(f.get("id"), str):
            continue
        geom = f.get("geometry")
        coords = geom.get("coordinates") if isinstance(geom, dict) and geom.get("type") == "Point" else None
        ok = isinstance(coords, list) and len(coords) == 2 and all(isinstance(c, (int, float)) for c in coords)
        out.setdefault(f["id"], coords if ok else None)
    return out


class ConvertError(ValueError):
    """A value that a sheet cannot hold as it is (a feature key other than id, geometry and properties)."""


def write_layer(layer: str, obj: dict[str, Any],
                places: dict[str, list[Any] | None]) -> tuple[list[str], list[list[Any]]]:
    """The header and rows for a layer's raw JSON; reading them back gives the same JSON."""
    columns = columns_of(model_of(layer))
    items = obj["frames"] if layer == "frames" else obj["features"]
    geometry = list(geometry_columns(layer))
    names: dict[str, None] = {}
    geometry_first = False
    for n, item in enumerate(items):
        if layer == "frames":
            names.update(dict.fromkeys(k for k in item if k != "id"))
            continue
        extra = set(item) - {"type", "id", "geometry", "properties"}
        if extra:
            raise ConvertError(f"{layer} feature {item.get('id')!r}: keys {sorted(extra)} have no column in a sheet")
        names.update(dict.fromkeys(item["properties"]))
        if n == 0:
            keys = list(item)
            geometry_first = keys.index("geometry") < keys.index("properties")
    header = ["id", *(geometry if geometry_first else []), *names, *([] if geometry_first else geometry)]
    rows = []
    for item in items:
        values = item if layer == "frames" else item["properties"]
        row: list[Any] = []
        for name in header:
            try:
                if name == "id":
                    row.append(item.get("id", ""))
                elif name in geometry:
                    row.append(_geometry_cell(name, item["geometry"], places))
                else:
                    row.append(write_cell(values.get(name), columns.get(name)))
            except CellError as exc:
                raise ConvertError(f"{layer} {item.get('id')!r}: field {name!r}: cannot be kept in a cell "
                                   f"(expected {exc.expected})") from None
        rows.append(row)
    return header, rows


def _geometry_cell(name: str, geom: dict[str, Any], places: dict[str, list[Any] | None]) -> Any:
    if name == ROUTE_COLUMN:
        return format_route(geom["coordinates"], places)
    value = geom["coordinates"][POINT_COLUMNS.index(name)]
    return format_number(value) if isinstance(value, float) and value.is_integer() else value
