"""Tables as a spreadsheet user sees them: a header row, then rows numbered from 2, columns lettered A, B, ….

CSV files are UTF-8 (a byte-order mark is accepted, and written, so that Excel shows Chinese text); a
workbook is read and written with openpyxl. Writing is deterministic: the same tables give the same bytes.
"""
from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

WORKBOOK = "story.xlsx"
FIXED_ZIP_TIME = (2000, 1, 1, 0, 0, 0)


@dataclass
class Table:
    """One sheet: where it came from, its header, and its rows with their spreadsheet row numbers."""

    file: str
    sheet: str | None
    header: list[str]
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)


def letter(index: int) -> str:
    """Column letter for a 0-based index: 0 → A, 25 → Z, 26 → AA."""
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


class TableError(ValueError):
    """A file that cannot be read as a table at all (not UTF-8, not a workbook)."""

    def __init__(self, expected: str, found: str) -> None:
        super().__init__(f"expected {expected}, found {found}")
        self.expected, self.found = expected, found


def _trim(values: list[Any]) -> list[Any]:
    while values and (values[-1] is None or values[-1] == ""):
        values.pop()
    return values


def _table(file: str, sheet: str | None, raw_rows: list[list[Any]]) -> Table:
    header_row = raw_rows[0] if raw_rows else []
    header = [str(h).strip() if h is not None else "" for h in _trim(list(header_row))]
    table = Table(file, sheet, header)
    for number, values in enumerate(raw_rows[1:], start=2):
        values = _trim(list(values))
        if values:  # blank rows are skipped, as a reader would skip them
            table.rows.append((number, values))
    return table


def read_csv(path: Path, data: bytes) -> Table:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        found = f"byte 0x{data[exc.start]:02x} at offset {exc.start}"
        raise TableError("UTF-8 text (save the CSV as 'CSV UTF-8')", found) from None
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise TableError("CSV text", str(exc)) from None
    return _table(path.name, None, [list(r) for r in rows])


def read_workbook(path: Path, data: bytes) -> dict[str, Table]:
    """Every sheet of a workbook, by name; values as openpyxl gives them (text, numbers, dates)."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError, OSError) as exc:
        raise TableError("an Excel workbook (.xlsx)", type(exc).__name__) from None
    try:
        return {ws.title: _table(path.name, ws.title, [list(r) for r in ws.iter_rows(values_only=True)])
                for ws in book.worksheets}
    finally:
        book.close()


def csv_text(header: list[str], rows: list[list[Any]], newline: str = "\r\n") -> str:
    """CSV as Excel writes it (comma, minimal quoting), with a byte-order mark."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=newline)
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return "\ufeff" + out.getvalue()


def workbook_bytes(sheets: dict[str, tuple[list[str], list[list[Any]]]]) -> bytes:
    """A workbook with one sheet per table: header in bold and frozen, text cells as text, fixed timestamps."""
    import openpyxl
    from openpyxl.styles import Alignment, Font

    book = openpyxl.Workbook()
    if book.active is not None:
        book.remove(book.active)
    for name, (header, rows) in sheets.items():
        ws = book.create_sheet(name)
        ws.append(header)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in rows:
            ws.append([_xlsx_value(v) for v in row])
            for cell in ws[ws.max_row]:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"  # text that looks like a formula stays text
        ws.freeze_panes = "B2"
        for col in range(len(header)):
            width = max([len(str(header[col]))] + [min(60, len(str(r[col]))) for r in rows if col < len(r)])
            ws.column_dimensions[letter(col)].width = max(8, min(60, width + 2))
        for row_cells in ws.iter_rows(min_row=2):
            for cell in row_cells:
                if isinstance(cell.value, str) and len(cell.value) > 60:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
    book.properties.creator = "geostory"
    book.properties.created = book.properties.modified = datetime(2000, 1, 1)
    raw = io.BytesIO()
    book.save(raw)
    return _pin_zip(raw.getvalue())


def _xlsx_value(value: Any) -> Any:
    """Numbers that a spreadsheet would show differently from JSON (``127.0``, long fractions) stay text."""
    if isinstance(value, float) and (value.is_integer() or float(f"{value:.15g}") != value):
        return repr(value)
    return value


def _pin_zip(data: bytes) -> bytes:
    """The same workbook bytes on every run: zip entries in order with a fixed date."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            pinned = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
            pinned.compress_type = zipfile.ZIP_DEFLATED
            pinned.external_attr = 0o644 << 16
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2000-01-01T00:00:00Z", data)
            dst.writestr(pinned, data)
    return out.getvalue()
