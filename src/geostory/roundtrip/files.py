"""Story files rewritten in the form and layout they had, touching only the rows and values that changed.

GeoJSON and ``frames.json`` go through ``jsontext``; a CSV file keeps the text of every row that did not
change (its quoting, its line ends); a workbook is edited cell by cell with openpyxl, so its formatting stays.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from ..sheets import WORKBOOK, json_name, sheet_file
from ..sheets.layers import place_points, write_layer
from ..sheets.tables import _xlsx_value
from .jsontext import rewrite

FEATURE_LISTS = {"frames": "frames"}


def _list_key(layer: str) -> str:
    return FEATURE_LISTS.get(layer, "features")


def form_of(root: Path, layer: str) -> str:
    """Where the story keeps ``layer``: its JSON file name, a CSV file name, or the workbook's name."""
    path = sheet_file(root, layer)
    if path is not None and path.suffix == ".csv":
        return path.name
    if path is not None and path.name == WORKBOOK:
        import openpyxl

        book = openpyxl.load_workbook(path, read_only=True)
        try:
            if layer in book.sheetnames:
                return WORKBOOK
        finally:
            book.close()
    return json_name(layer)


def new_files(root: Path, old: dict[str, Any], new: dict[str, Any], layers: list[str]) -> dict[str, bytes]:
    """File name → new content for every file holding one of ``layers`` (the layers that changed)."""
    out: dict[str, bytes] = {}
    places = place_points(new.get("places"))
    book_layers = []
    for layer in layers:
        name = form_of(root, layer)
        if name == WORKBOOK:
            book_layers.append(layer)
        elif name.endswith(".csv"):
            text = (root / name).read_bytes().decode("utf-8-sig")
            bom = (root / name).read_bytes().startswith(b"\xef\xbb\xbf")
            out[name] = (("\ufeff" if bom else "") + _csv(text, layer, old[layer], new[layer], places)).encode("utf-8")
        else:
            text = (root / name).read_text(encoding="utf-8")
            out[name] = rewrite(text, old[layer], new[layer], _list_key(layer)).encode("utf-8")
    if book_layers:
        out[WORKBOOK] = _workbook((root / WORKBOOK).read_bytes(), book_layers, old, new, places)
    return out


def _rows_of(layer: str, obj: dict[str, Any]) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = obj[_list_key(layer)]
    return items


def _csv(text: str, layer: str, old: dict[str, Any], new: dict[str, Any], places: dict[str, Any]) -> str:
    lines = io.StringIO(text, newline="").readlines()
    newline = "\n" if lines and lines[0].endswith("\n") and not lines[0].endswith("\r\n") else "\r\n"
    reader = csv.reader(lines)
    rows: list[tuple[list[str], str]] = []
    start = 0
    for values in reader:
        rows.append((values, "".join(lines[start : reader.line_num])))
        start = reader.line_num
    header = rows[0][0] if rows else []
    id_col = header.index("id")
    texts = {r[0][id_col]: r[1] for r in rows[1:] if len(r[0]) > id_col and r[0][id_col]}
    before = {i.get("id"): i for i in _rows_of(layer, old)}
    canon_header, canon_rows = write_layer(layer, new, places)
    full_header = header + [c for c in canon_header if c not in header]

    def line(values: list[Any]) -> str:
        buf = io.StringIO()
        csv.writer(buf, lineterminator=newline).writerow(["" if v is None else v for v in values])
        return buf.getvalue()

    parts = [rows[0][1] if full_header == header else line(full_header)]
    for item, canon in zip(_rows_of(layer, new), canon_rows, strict=True):
        fid = item.get("id")
        if fid in texts and before.get(fid) == item:
            parts.append(texts[fid])
            continue
        cells = dict(zip(canon_header, canon, strict=True))
        parts.append(line([cells.get(c, "") for c in full_header]))
    for n, part in enumerate(parts[:-1]):
        if not part.endswith("\n"):
            parts[n] = part + newline
    return "".join(parts)


def _workbook(data: bytes, layers: list[str], old: dict[str, Any], new: dict[str, Any],
              places: dict[str, Any]) -> bytes:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data))
    for layer in layers:
        ws = book[layer]
        header: list[Any] = [c.value for c in ws[1]]
        canon_header, canon_rows = write_layer(layer, new[layer], places)
        for name in canon_header:
            if name not in header:
                header.append(name)
                ws.cell(row=1, column=len(header), value=name)
        id_col = header.index("id") + 1
        row_of = {ws.cell(row=r, column=id_col).value: r for r in range(2, ws.max_row + 1)}
        before = {i.get("id"): i for i in _rows_of(layer, old[layer])}
        after_ids = {i.get("id") for i in _rows_of(layer, new[layer])}
        for item, canon in zip(_rows_of(layer, new[layer]), canon_rows, strict=True):
            fid = item.get("id")
            if before.get(fid) == item:
                continue
            r = row_of.get(fid) or ws.max_row + 1
            row_of[fid] = r
            cells = dict(zip(canon_header, canon, strict=True))
            for c, column in enumerate(header, start=1):
                value: Any = _xlsx_value(cells.get(column, ""))
                value = None if value == "" else value
                if ws.cell(row=r, column=c).value != value:
                    ws.cell(row=r, column=c, value=value)
        for fid, r in sorted(row_of.items(), key=lambda kv: -kv[1]):
            if fid is not None and fid in before and fid not in after_ids:
                ws.delete_rows(r)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()
