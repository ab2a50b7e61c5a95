"""Stories kept in a spreadsheet: ``places``, ``events``, ``movements`` and ``frames`` as CSV files
(``places.csv``) or as sheets of one workbook (``story.xlsx``), read into the same raw JSON the GeoJSON files
hold, so that the loader validates both forms alike and reports problems by file, sheet, row and column.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import Problem
from ..reading import Refused, read_story_bytes
from .layers import SHEET_LAYERS, SheetLayer, place_points, read_layer
from .tables import WORKBOOK, Table, TableError, read_csv, read_workbook

__all__ = ["SHEET_LAYERS", "WORKBOOK", "SheetLayer", "SheetReader", "json_name", "place_points", "sheet_file"]


def json_name(layer: str) -> str:
    """The JSON file a layer is kept in when it is not in a sheet."""
    return "frames.json" if layer == "frames" else f"{layer}.geojson"


def sheet_file(root: Path, layer: str) -> Path | None:
    """The CSV file or workbook that may hold ``layer``, if one exists (the workbook is checked for the sheet later)."""
    if layer not in SHEET_LAYERS:
        return None
    if (root / f"{layer}.csv").is_file():
        return root / f"{layer}.csv"
    if (root / WORKBOOK).is_file():
        return root / WORKBOOK
    return None


class SheetReader:
    """Reads the sheet form of a story's layers once per load, through the confined story reader."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._workbook: dict[str, Table] | None = None
        self.problems: list[Problem] = []

    def name(self, filename: str) -> str:
        return f"{self.root.name}/{filename}"

    def workbook(self) -> dict[str, Table]:
        if self._workbook is None:
            self._workbook = {}
            try:
                sheets = read_workbook(self.root / WORKBOOK, read_story_bytes(self.root, WORKBOOK))
                # 'Places' or ' places ' is the places sheet; sheets with other names are the author's own
                self._workbook = {name.strip().lower(): table for name, table in sheets.items()}
                if sheets and not set(self._workbook) & set(SHEET_LAYERS):
                    self.problems.append(Problem(self.name(WORKBOOK), None, None,
                                                 f"sheets named {', '.join(SHEET_LAYERS)}",
                                                 f"sheets {', '.join(map(repr, sheets))}",
                                                 "name each sheet after the layer it holds"))
            except Refused as exc:
                self.problems.append(Problem(self.name(WORKBOOK), None, None, exc.expected, exc.found, exc.hint))
            except TableError as exc:
                self.problems.append(Problem(self.name(WORKBOOK), None, None, exc.expected, exc.found))
        return self._workbook

    def table(self, layer: str) -> Table | None:
        """The layer's table, or None when the story keeps it as JSON; conflicting forms are reported."""
        path = sheet_file(self.root, layer)
        if path is None:
            return None
        if path.suffix == ".csv":
            if (self.root / WORKBOOK).is_file() and layer in self.workbook():
                self.problems.append(Problem(self.name(path.name), None, None,
                                             f"the {layer} layer in one place",
                                             f"also a sheet {layer!r} in {WORKBOOK}"))
            try:
                table = read_csv(path, read_story_bytes(self.root, path.name))
            except Refused as exc:
                self.problems.append(Problem(self.name(path.name), None, None, exc.expected, exc.found, exc.hint))
                table = Table(path.name, None, [])
            except TableError as exc:
                self.problems.append(Problem(self.name(path.name), None, None, exc.expected, exc.found))
                table = Table(path.name, None, [])
        else:
            found = self.workbook().get(layer)
            if found is None:
                return None
            table = found
        if (self.root / json_name(layer)).exists():
            where = f"sheet {layer!r} of {WORKBOOK}" if table.sheet else table.file
            self.problems.append(Problem(self.name(json_name(layer)), None, None,
                                         f"the {layer} layer in one place (remove this file or the {where})",
                                         f"also the {where}"))
        return table

    def layer(self, layer: str, places: dict[str, list[Any] | None]) -> SheetLayer | None:
        """The layer read from its sheet (raw JSON plus row and column positions), or None."""
        table = self.table(layer)
        if table is None:
            return None
        return read_layer(layer, table, self.name(table.file), places)
