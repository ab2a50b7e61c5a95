"""``geostory convert``: the same story in another form (GeoJSON, CSV files, one workbook), in a new folder.

Only the layers a spreadsheet can hold change form (places, events, movements, frames); ``story.json``,
rivers, railways and any other file are copied as they are. Reading the new form back gives the same JSON,
so GeoJSON → CSV → GeoJSON is byte for byte the files geostory writes (two-space indented, UTF-8).
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any, Literal

from .errors import UsageError
from .loader import load_story
from .output import atomic_folder, write_atomic
from .reading import read_story_json
from .sheets import SHEET_LAYERS, WORKBOOK, SheetReader, json_name, place_points
from .sheets.layers import ConvertError, write_layer
from .sheets.tables import csv_text, workbook_bytes

Form = Literal["geojson", "csv", "xlsx"]
FORMS: tuple[Form, ...] = ("geojson", "csv", "xlsx")


def geojson_text(obj: Any) -> str:
    """A layer or frames file as geostory writes it: two-space indent, UTF-8 text, a final newline."""
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"


def raw_layers(root: Path) -> dict[str, Any]:
    """The raw JSON of each layer a spreadsheet can hold, from whichever form the story keeps it in."""
    reader = SheetReader(root)
    out: dict[str, Any] = {}
    places: dict[str, list[Any] | None] = {}
    for layer in SHEET_LAYERS:
        sheet = reader.layer(layer, places)
        if sheet is not None:
            out[layer] = sheet.obj
        elif (root / json_name(layer)).is_file():
            out[layer] = read_story_json(root, json_name(layer))  # confined, as the loader read it
        if layer == "places" and layer in out:
            places = place_points(out[layer])
    return out


def form_files(root: Path) -> set[str]:
    """The files of ``root`` that hold sheet-able layers, in any form."""
    names = {WORKBOOK} | {json_name(layer) for layer in SHEET_LAYERS} | {f"{layer}.csv" for layer in SHEET_LAYERS}
    return {n for n in names if (root / n).is_file()}


def write_form(raw: dict[str, Any], folder: Path, form: Form) -> list[Path]:
    """Write the layers in ``raw`` into ``folder`` in one form; return the files written."""
    places = place_points(raw.get("places"))
    try:
        tables = {layer: write_layer(layer, obj, places) for layer, obj in raw.items()} if form != "geojson" else {}
    except ConvertError as exc:
        raise UsageError(f"cannot convert: {exc}") from None
    if form == "geojson":
        return [write_atomic(folder / json_name(layer), geojson_text(obj)) for layer, obj in raw.items()]
    if form == "csv":
        return [write_atomic(folder / f"{layer}.csv", csv_text(*table)) for layer, table in tables.items()]
    return [write_atomic(folder / WORKBOOK, workbook_bytes(tables))]


def _copy_others(src: Path, dest: Path, skip: set[str]) -> None:
    for path in sorted(src.rglob("*")):
        rel = path.relative_to(src)
        if any(part.startswith((".", "~$")) for part in rel.parts) or path.is_symlink() or not path.is_file():
            continue
        if len(rel.parts) == 1 and rel.name in skip:
            continue
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, dest / rel)


def convert_story(src: Path, dest: Path, form: Form) -> list[str]:
    """Write the story at ``src`` into the new folder ``dest`` in ``form``; return notes for the user.

    The story must validate first: a broken story is reported, never half converted.
    """
    src, dest = Path(src), Path(dest)
    story = load_story(src)
    if dest.resolve() == src.resolve() or dest.resolve().is_relative_to(src.resolve()):
        raise UsageError(f"{dest} is inside the story folder {src}; choose a new folder outside it")
    raw = raw_layers(src)
    with atomic_folder(dest, mark=False) as tmp:
        _copy_others(src, tmp, form_files(src))
        write_form(raw, tmp, form)
    notes = []
    seed = story.meta.seed
    if seed is not None and not (src / seed.file).resolve().is_relative_to(src.resolve()):
        notes.append(f"note: the seed {seed.file} is outside the story folder and was not copied; "
                     f"it must be at that path from {dest}")
    return notes


def change_form(folder: Path, form: Form) -> None:
    """Rewrite a story folder's sheet-able layers in place in another form (used by ``geostory new``)."""
    raw = raw_layers(folder)
    old = form_files(folder)
    written = {p.name for p in write_form(raw, folder, form)}
    for name in old - written:
        (folder / name).unlink()
