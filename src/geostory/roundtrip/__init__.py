"""``geostory import``: edits made to a package's story layers (in QGIS, say) brought back into the story folder.

Moved or reshaped geometries, edited attributes, added and deleted features come back into the story's own
files, in the form and layout they had. The result is validated before anything is written: edits that break
the story are refused with the usual problem lines. What geostory derives (arrows, date texts, frame extents)
is listed as not taken back.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from ..convert import raw_layers
from ..errors import StoryError, UsageError, shorten
from ..loader import load_story
from ..output import write_atomic
from ..reading import read_story_json
from ..sheets import WORKBOOK
from .changes import Change, plan
from .files import form_of, new_files
from .package import STORY_LAYERS, acknowledge, recorded_story

__all__ = ["ImportRefused", "import_package"]


class ImportRefused(StoryError):
    """The edits would break the story: its problems, and the changes that were asked for."""

    def __init__(self, problems: StoryError, lines: list[str]) -> None:
        super().__init__(problems.problems)
        self.lines = lines


def story_raw(root: Path) -> dict[str, Any]:
    """Every layer's raw JSON, whichever form it is kept in."""
    raw = raw_layers(root)
    for layer in STORY_LAYERS:
        path = root / f"{layer}.geojson"
        if layer not in raw and path.is_file():
            raw[layer] = read_story_json(root, path.name)  # confined, as the loader read it
    return {layer: raw[layer] for layer in STORY_LAYERS if layer in raw}


def _lines(change: Change, file: str) -> list[str]:
    noun = "frame" if change.layer == "frames" else "feature"
    head = f"{file}: {noun} {change.id!r} {change.kind}"
    out = [head]
    for name, old, new in change.fields:
        if change.kind != "added":
            out.append(f"  - {name}: {shorten(old, 100)}")
        if change.kind != "deleted":
            out.append(f"  + {name}: {shorten(new, 100)}")
    return out


def _validate(root: Path, files: dict[str, bytes], seed: str | None) -> None:
    """Load the story as it would be after the import, from a copy; raise StoryError if it breaks."""
    with tempfile.TemporaryDirectory() as tmp:
        depth = seed.replace("\\", "/").split("/").count("..") if seed else 0
        copy = Path(tmp, *(["d"] * depth), root.name)
        shutil.copytree(root, copy, symlinks=True)
        if seed and not Path(seed).is_absolute() and not (copy / seed).exists() and (root / seed).is_file():
            target = Path(tmp, *(["d"] * depth), root.name, seed).resolve()
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(root / seed, target)
        for name, data in files.items():
            (copy / name).write_bytes(data)
        load_story(copy)


def import_package(package: Path, root: Path, dry_run: bool = False) -> list[str]:
    """Bring a package's story-layer edits back into ``root``; return the lines to print."""
    package, root = Path(package), Path(root)
    if not package.is_file():
        raise UsageError(f"{package}: no such GeoPackage")
    if package.read_bytes()[:16] != b"SQLite format 3\x00":
        raise UsageError(f"{package}: not a GeoPackage (name the .gpkg that 'geostory qgis' wrote)")
    story = load_story(root)
    written_from = recorded_story(package)
    if written_from is not None and written_from != story.meta.id:
        raise UsageError(f"{package} was written from the story {written_from!r}, not {story.meta.id!r} in {root}")
    raw = story_raw(root)
    result = plan(package, story, raw)
    if result.problems:
        raise StoryError(result.problems)
    lines: list[str] = []
    for change in result.changes:
        form = form_of(root, change.layer)
        sheet = f": sheet {change.layer!r}" if form == WORKBOOK else ""
        lines += _lines(change, f"{root.name}/{form}{sheet}")
    lines += [f"not taken back: {line}" for line in result.not_taken]
    changed = [layer for layer in STORY_LAYERS if any(c.layer == layer for c in result.changes)]
    if not changed:
        lines.append("no edits to take back")
        if not dry_run:
            acknowledge(package)
        return lines
    files = new_files(root, raw, result.raw, changed)
    try:
        _validate(root, files, story.meta.seed.file if story.meta.seed else None)
    except StoryError as exc:
        raise ImportRefused(exc, [*lines, "import refused: these edits break the story; nothing written"]) from None
    if dry_run:
        names = ", ".join(sorted(files))
        lines.append(f"dry run: {len(result.changes)} feature(s) would change in {names}; nothing written")
        return lines
    for name, data in files.items():
        lines.append(f"wrote {write_atomic(root / name, data)}")
    acknowledge(package)
    return lines
